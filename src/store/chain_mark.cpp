// ChainMark: two checksummed slots, the newest valid one wins; see chain_mark.hpp.
#include "store/chain_mark.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "crypto/hash.hpp"
#include "store/data_dir.hpp"

namespace candor::store {

namespace {

constexpr char kMagic[8] = {'C', 'N', 'D', 'R', 'M', 'A', 'R', 'K'};
constexpr std::size_t kBodySize = 32;  // magic, generation, saved seq, reserved (0)
using Slot = std::array<std::uint8_t, kChainMarkSlotSize>;

void put_u64(std::uint8_t* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::uint64_t load_u64(const std::uint8_t* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | p[i];
    return v;
}

Slot encode(std::uint64_t generation, std::uint64_t saved_seq) {
    Slot slot{};
    std::memcpy(slot.data(), kMagic, sizeof kMagic);
    put_u64(slot.data() + 8, generation);
    put_u64(slot.data() + 16, saved_seq);
    const auto sum = crypto::blake2b_256(crypto::ByteView(slot.data(), kBodySize));
    std::copy(sum.begin(), sum.end(), slot.begin() + kBodySize);
    return slot;
}

struct Decoded {
    std::uint64_t generation;
    std::uint64_t saved_seq;
};

std::optional<Decoded> decode(const std::uint8_t* p) {
    if (std::memcmp(p, kMagic, sizeof kMagic) != 0) return std::nullopt;
    const auto sum = crypto::blake2b_256(crypto::ByteView(p, kBodySize));
    if (std::memcmp(sum.data(), p + kBodySize, sum.size()) != 0) return std::nullopt;
    return Decoded{load_u64(p + 8), load_u64(p + 16)};
}

}  // namespace

ChainMark::ChainMark(ChainMark&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      saved_seq_(other.saved_seq_),
      generation_(other.generation_),
      existed_(other.existed_) {}

ChainMark& ChainMark::operator=(ChainMark&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        path_ = std::move(other.path_);
        fd_ = std::exchange(other.fd_, -1);
        saved_seq_ = other.saved_seq_;
        generation_ = other.generation_;
        existed_ = other.existed_;
    }
    return *this;
}

ChainMark::~ChainMark() {
    if (fd_ >= 0) ::close(fd_);
}

Result<ChainMark> ChainMark::open(const std::filesystem::path& dir) {
    const std::filesystem::path path = dir / kChainMarkFile;
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) return make_error("cannot open " + path.string() + ": " + errno_text(errno));
    ChainMark mark(path, fd);
    std::array<std::uint8_t, 2 * kChainMarkSlotSize> bytes{};
    const ssize_t n = ::pread(fd, bytes.data(), bytes.size(), 0);
    if (n < 0) return make_error("cannot read " + path.string() + ": " + errno_text(errno));
    for (std::size_t slot = 0; slot < 2; ++slot) {
        if (static_cast<std::size_t>(n) < (slot + 1) * kChainMarkSlotSize) break;
        if (auto d = decode(bytes.data() + slot * kChainMarkSlotSize); d && d->generation >= mark.generation_) {
            mark.existed_ = true;
            mark.generation_ = d->generation;
            mark.saved_seq_ = d->saved_seq;
        }
    }
    if (!mark.existed_ && n == 0) {
        // A new mark: make the file and its directory entry durable before anything relies on it.
        if (Status made = mark.set(0); !made) return made.error();
        if (Status synced = fsync_directory(dir); !synced) return synced.error();
    }
    return mark;
}

Status ChainMark::raise(std::uint64_t saved_seq) {
    if (saved_seq <= saved_seq_) return {};
    return set(saved_seq);
}

Status ChainMark::set(std::uint64_t saved_seq) {
    const std::uint64_t generation = generation_ + 1;
    const Slot slot = encode(generation, saved_seq);
    const auto offset = static_cast<off_t>((generation % 2) * kChainMarkSlotSize);
    if (::pwrite(fd_, slot.data(), slot.size(), offset) != static_cast<ssize_t>(slot.size()) || ::fdatasync(fd_) != 0) {
        return make_error("cannot save " + path_.string() + ": " + errno_text(errno));
    }
    generation_ = generation;
    saved_seq_ = saved_seq;
    return {};
}

}  // namespace candor::store
