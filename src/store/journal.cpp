// Journal: record sealing, group-committed appends, and the recovery rules applied on open.
#include "store/journal.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "store/data_dir.hpp"

namespace candor::store {

namespace {

using crypto::ByteView;
using crypto::Bytes;

constexpr char kMagic[8] = {'C', 'N', 'D', 'R', 'J', 'R', 'N', 'L'};
constexpr std::size_t kHeaderAdSize = 32;  // magic, version, flags, file id
constexpr std::size_t kNonceSize = 24;
constexpr std::size_t kMinCiphertext = crypto::kAeadTagSize;
constexpr std::size_t kMaxCiphertext = kMaxJournalPayload + crypto::kAeadTagSize;
// The length word: low 24 bits ciphertext length, high 8 bits flags (authenticated via the AD).
constexpr std::uint32_t kLengthMask = 0x00FFFFFF;
constexpr std::uint8_t kFlagCommit = 0x01;  // last record of a batch: fdatasync followed it
static_assert(kMaxCiphertext <= kLengthMask);

std::uint32_t load_u32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

void put_u32(Bytes& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

crypto::ByteArray<25> record_ad(const crypto::ByteArray<16>& file_id, std::uint64_t offset,
                                std::uint8_t flags) {
    crypto::ByteArray<25> ad{};
    std::copy(file_id.begin(), file_id.end(), ad.begin());
    for (int i = 0; i < 8; ++i) ad[16 + i] = static_cast<std::uint8_t>(offset >> (8 * i));
    ad[24] = flags;
    return ad;
}

Bytes make_header(const crypto::AeadKey& key) {
    Bytes header(kMagic, kMagic + sizeof kMagic);
    put_u32(header, kJournalFormatVersion);
    put_u32(header, 0);
    crypto::ByteArray<16> file_id{};
    crypto::random_bytes(file_id);
    header.insert(header.end(), file_id.begin(), file_id.end());
    const auto nonce = crypto::random_nonce();
    const Bytes tag = crypto::aead_seal(key, nonce, {}, ByteView(header.data(), kHeaderAdSize));
    header.insert(header.end(), nonce.begin(), nonce.end());
    header.insert(header.end(), tag.begin(), tag.end());
    return header;
}

std::string where(const std::filesystem::path& path) { return "journal " + path.string(); }

// A read-only view of the whole file for the duration of open().
class Mapping {
public:
    Mapping(const Mapping&) = delete;
    Mapping& operator=(const Mapping&) = delete;
    Mapping() = default;
    ~Mapping() {
        if (data_ != nullptr) ::munmap(const_cast<std::uint8_t*>(data_), size_);
    }
    Status map(int fd, std::size_t size, const std::filesystem::path& path) {
        void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) return make_error("cannot read " + where(path) + ": " + errno_text(errno));
        data_ = static_cast<const std::uint8_t*>(p);
        size_ = size;
        return {};
    }
    [[nodiscard]] const std::uint8_t* data() const { return data_; }
    [[nodiscard]] std::size_t size() const { return size_; }

private:
    const std::uint8_t* data_ = nullptr;
    std::size_t size_ = 0;
};

}  // namespace

// Walks the records of a mapped journal and classifies the first failure as torn or damage.
struct JournalReader {
    const std::uint8_t* data;
    std::size_t size;
    const crypto::AeadKey& key;
    crypto::ByteArray<16> file_id;

    enum class Check { ok, bad_length, past_end, bad_tag };
    struct Record {
        std::size_t total = 0;  // prefix + nonce + ciphertext; set once the length is plausible
        bool commit = false;
    };

    // The record at `offset`: whether it is complete and authenticates, and its total size.
    Check check(std::size_t offset, Record& record, Bytes* plaintext) const {
        const std::size_t remaining = size - offset;
        if (remaining < 4) return Check::past_end;
        const std::uint32_t word = load_u32(data + offset);
        const std::size_t length = word & kLengthMask;
        const auto flags = static_cast<std::uint8_t>(word >> 24);
        if (length < kMinCiphertext || length > kMaxCiphertext || (flags & ~kFlagCommit) != 0) {
            return Check::bad_length;
        }
        record.total = 4 + kNonceSize + length;
        record.commit = (flags & kFlagCommit) != 0;
        if (record.total > remaining) return Check::past_end;
        crypto::AeadNonce nonce{};
        std::memcpy(nonce.data(), data + offset + 4, kNonceSize);
        const auto ad = record_ad(file_id, offset, flags);
        auto opened = crypto::aead_open(key, nonce, ByteView(data + offset + 4 + kNonceSize, length), ad);
        if (!opened) return Check::bad_tag;
        if (plaintext != nullptr) *plaintext = std::move(*opened);
        return Check::ok;
    }

    // The first offset >= start holding a record that authenticates. Records authenticate their
    // own offset, so a hit is a record we really wrote there, not a coincidence of bytes.
    [[nodiscard]] std::optional<std::pair<std::size_t, Record>> valid_from(std::size_t start) const {
        for (std::size_t candidate = start; candidate + kJournalRecordOverhead <= size; ++candidate) {
            Record record;
            if (check(candidate, record, nullptr) == Check::ok) return std::pair{candidate, record};
        }
        return std::nullopt;
    }

    // A failure at `offset` is a torn tail only when no committed record (the last record of a
    // batch whose fdatasync returned) lies after it: then nothing from `offset` on was ever
    // reported as saved. Any later commit proves the failed record was saved once: damage.
    // The failed record's own length is not trusted for the search: a flipped length bit must not
    // make us jump over the records that prove the damage.
    [[nodiscard]] std::optional<std::size_t> commit_after(std::size_t offset) const {
        std::size_t start = offset + 1;
        while (auto found = valid_from(start)) {
            if (found->second.commit) return found->first;
            start = found->first + found->second.total;
        }
        return std::nullopt;
    }
};

Journal::Journal(std::filesystem::path path, int fd, const crypto::AeadKey& key,
                 const crypto::ByteArray<16>& file_id, std::uint64_t end, std::uint64_t records)
    : path_(std::move(path)), fd_(fd), key_(key), file_id_(file_id), end_(end), records_(records) {}

Journal::Journal(Journal&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(other.fd_),
      key_(other.key_),
      file_id_(other.file_id_),
      end_(other.end_),
      records_(other.records_),
      read_only_reason_(std::move(other.read_only_reason_)) {
    other.fd_ = -1;
}

Journal& Journal::operator=(Journal&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        path_ = std::move(other.path_);
        fd_ = other.fd_;
        key_ = other.key_;
        file_id_ = other.file_id_;
        end_ = other.end_;
        records_ = other.records_;
        read_only_reason_ = std::move(other.read_only_reason_);
        other.fd_ = -1;
    }
    return *this;
}

Journal::~Journal() {
    if (fd_ >= 0) ::close(fd_);
}

void Journal::fail(std::string reason) {
    if (!read_only_reason_) read_only_reason_ = std::move(reason);
}

Result<OpenedJournal> Journal::open(const std::filesystem::path& path, const crypto::AeadKey& key) {
    struct stat st {};
    const bool exists = ::stat(path.c_str(), &st) == 0;
    if (!exists && errno != ENOENT) {
        return make_error("cannot open " + where(path) + ": " + errno_text(errno));
    }
    // A new (or empty, so nothing to lose) journal gets its header atomically: there is never a
    // half-written header to guess about.
    const bool created = !exists || (S_ISREG(st.st_mode) && st.st_size == 0);
    if (created) {
        if (auto written = atomic_write_file(path, make_header(key), 0600); !written) {
            return written.error();
        }
    }
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return make_error("cannot open " + where(path) + ": " + errno_text(errno));
    auto close_with = [fd](Error error) -> Result<OpenedJournal> {
        ::close(fd);
        return error;
    };
    if (::fstat(fd, &st) != 0) return close_with(make_error("cannot inspect " + where(path)));
    if (!S_ISREG(st.st_mode)) return close_with(make_error(where(path) + " is not a regular file"));
    const auto size = static_cast<std::size_t>(st.st_size);
    if (size < kJournalHeaderSize) {
        return close_with(make_error(where(path) + " is too short to be a Candor journal (" +
                                     std::to_string(size) + " bytes); restore it from a backup"));
    }
    Mapping map;
    if (auto mapped = map.map(fd, size, path); !mapped) return close_with(mapped.error());
    const std::uint8_t* data = map.data();

    if (std::memcmp(data, kMagic, sizeof kMagic) != 0) {
        return close_with(make_error(path.string() + " is not a Candor journal"));
    }
    const std::uint32_t version = load_u32(data + 8);
    if (version != kJournalFormatVersion || load_u32(data + 12) != 0) {
        return close_with(make_error(where(path) + " uses format version " + std::to_string(version) +
                                     ", which this Candor cannot read; install a newer Candor"));
    }
    crypto::AeadNonce header_nonce{};
    std::memcpy(header_nonce.data(), data + kHeaderAdSize, kNonceSize);
    if (!crypto::aead_open(key, header_nonce, ByteView(data + kHeaderAdSize + kNonceSize, crypto::kAeadTagSize),
                           ByteView(data, kHeaderAdSize))) {
        return close_with(make_error(
            "the storage key does not open " + where(path) +
            " (storage.key was replaced, or the journal header is damaged); restore the matching "
            "storage.key or the journal from a backup"));
    }

    JournalReader reader{data, size, key, {}};
    std::memcpy(reader.file_id.data(), data + 16, 16);

    OpenedJournal result{Journal(path, fd, key, reader.file_id, size, 0), {}, {}, std::nullopt, created, false};
    std::size_t offset = kJournalHeaderSize;
    while (offset < size) {
        JournalReader::Record record;
        Bytes plaintext;
        const auto check = reader.check(offset, record, &plaintext);
        if (check == JournalReader::Check::ok) {
            result.payloads.push_back(std::move(plaintext));
            offset += record.total;
            continue;
        }
        const std::string failure =
            check == JournalReader::Check::past_end
                ? (size - offset < 4 ? "a partial length prefix" : "a record running past the end")
            : check == JournalReader::Check::bad_length ? "an impossible record length"
                                                        : "a record that does not authenticate";
        const auto commit = reader.commit_after(offset);
        if (!commit) {
            const std::size_t dropped = size - offset;
            result.journal.end_ = offset;
            if (::ftruncate(fd, static_cast<off_t>(offset)) != 0 || ::fsync(fd) != 0) {
                std::string message = "cannot truncate the unfinished tail of " + where(path) + ": " +
                                      errno_text(errno) + "; check the disk and restart Candor";
                result.journal.fail(message);
                result.damage = make_error(std::move(message));
            } else {
                result.dropped_tail = true;
                result.warnings.push_back(
                    where(path) + ": dropped an unfinished append at offset " + std::to_string(offset) + " (" +
                    std::to_string(dropped) + " bytes, " + failure +
                    "); it was never reported as saved, which is normal after a crash or power loss");
            }
            break;
        }
        std::string message = where(path) + " is damaged at offset " + std::to_string(offset) + " (" + failure +
                              "; saved records follow at offset " + std::to_string(*commit) + "). The " +
                              std::to_string(result.payloads.size()) +
                              " entries before it were loaded, but Candor will not write to this journal. "
                              "Restore it from a backup, or move it aside (keep it) and restart: your "
                              "partner's device re-sends the shared history on the next sync. Candor "
                              "never deletes it for you.";
        result.journal.fail(message);
        result.damage = make_error(std::move(message));
        break;
    }
    result.journal.records_ = result.payloads.size();
    return result;
}

Status Journal::append(crypto::ByteView payload) {
    const Bytes copy(payload.begin(), payload.end());
    return append_batch(std::span<const Bytes>(&copy, 1));
}

Status Journal::append_batch(std::span<const Bytes> payloads) {
    if (read_only_reason_) return make_error("nothing was saved: " + *read_only_reason_);
    if (payloads.empty()) return {};
    std::size_t bytes = 0;
    for (const auto& payload : payloads) {
        if (payload.size() > kMaxJournalPayload) {
            return make_error("nothing was saved: an entry of " + std::to_string(payload.size()) +
                              " bytes is larger than the journal's limit of " +
                              std::to_string(kMaxJournalPayload) + " bytes");
        }
        bytes += kJournalRecordOverhead + payload.size();
    }
    Bytes buffer;
    buffer.reserve(bytes);
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        const std::uint64_t offset = end_ + buffer.size();
        const std::uint8_t flags = i + 1 == payloads.size() ? kFlagCommit : 0;
        const auto nonce = crypto::random_nonce();
        const Bytes sealed = crypto::aead_seal(key_, nonce, payloads[i], record_ad(file_id_, offset, flags));
        put_u32(buffer, static_cast<std::uint32_t>(sealed.size()) | static_cast<std::uint32_t>(flags) << 24);
        buffer.insert(buffer.end(), nonce.begin(), nonce.end());
        buffer.insert(buffer.end(), sealed.begin(), sealed.end());
    }
    std::size_t done = 0;
    while (done < buffer.size()) {
        const ssize_t n = ::pwrite(fd_, buffer.data() + done, buffer.size() - done,
                                   static_cast<off_t>(end_ + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const std::string reason = n < 0 ? errno_text(errno) : "no progress";
            // Cut the partial batch off so the file stays a clean sequence of records.
            if (::ftruncate(fd_, static_cast<off_t>(end_)) != 0) {
                fail("a write to " + where(path_) + " failed (" + reason + ") and could not be undone; "
                     "restart Candor");
            }
            return make_error("nothing was saved: cannot write " + where(path_) + ": " + reason);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fdatasync(fd_) != 0) {
        // After a failed sync the kernel may have dropped the dirty pages; retrying could report
        // data as saved that is not on disk. Stop writing until a restart re-reads the file.
        const std::string reason = errno_text(errno);
        fail("syncing " + where(path_) + " failed (" + reason + "); restart Candor");
        return make_error("the entries may not be saved: syncing " + where(path_) + " failed: " + reason);
    }
    end_ += buffer.size();
    records_ += payloads.size();
    return {};
}

}  // namespace candor::store
