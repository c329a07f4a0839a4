// Helpers shared by the libFuzzer targets: splitting one fuzz input into several frames, fixed
// keys and identities (so every run, and every crash, is reproducible), and a loud check.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

#include "crypto/bytes.hpp"
#include "crypto/sign.hpp"

namespace candor::fuzz {

using crypto::Bytes;
using crypto::ByteView;

// A property the code promises; a violation aborts so libFuzzer records the input.
#define FUZZ_CHECK(cond)                                                                   \
    do {                                                                                   \
        if (!(cond)) {                                                                     \
            std::fprintf(stderr, "FUZZ_CHECK failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                  \
        }                                                                                  \
    } while (0)

// The input as a sequence of chunks, each `u16 length (LE) | bytes`; a length running past the
// end takes what is left. The corpus generator writes the same format (append_chunk).
class Chunks {
public:
    explicit Chunks(ByteView data) : data_(data) {}
    [[nodiscard]] std::optional<ByteView> next() {
        if (pos_ >= data_.size()) return std::nullopt;
        std::size_t n = data_[pos_];
        if (pos_ + 1 < data_.size()) n |= std::size_t{data_[pos_ + 1]} << 8;
        pos_ += 2;
        if (pos_ > data_.size()) pos_ = data_.size();
        if (n > data_.size() - pos_) n = data_.size() - pos_;
        ByteView out = data_.subspan(pos_, n);
        pos_ += n;
        return out;
    }

private:
    ByteView data_;
    std::size_t pos_ = 0;
};

inline void append_chunk(Bytes& out, ByteView chunk) {
    out.push_back(static_cast<std::uint8_t>(chunk.size()));
    out.push_back(static_cast<std::uint8_t>(chunk.size() >> 8));
    out.insert(out.end(), chunk.begin(), chunk.end());
}

// Reads small integers off the front of a view; zero once it runs out.
class Taker {
public:
    explicit Taker(ByteView data) : data_(data) {}
    std::uint8_t u8() { return pos_ < data_.size() ? data_[pos_++] : 0; }
    // Each byte read in its own statement: the order of operands in `a() | b()` is unspecified.
    std::uint16_t u16() {
        const std::uint16_t lo = u8();
        return static_cast<std::uint16_t>(lo | (u8() << 8));
    }
    std::uint32_t u32() {
        const std::uint32_t lo = u16();
        return lo | (std::uint32_t{u16()} << 16);
    }
    std::uint64_t u64() {
        const std::uint64_t lo = u32();
        return lo | (std::uint64_t{u32()} << 32);
    }
    // Up to n bytes (fewer at the end).
    ByteView bytes(std::size_t n) {
        if (n > data_.size() - pos_) n = data_.size() - pos_;
        ByteView out = data_.subspan(pos_, n);
        pos_ += n;
        return out;
    }
    std::string_view text(std::size_t max) {
        ByteView b = bytes(u8() % (max + 1));
        return {reinterpret_cast<const char*>(b.data()), b.size()};
    }
    [[nodiscard]] bool empty() const { return pos_ >= data_.size(); }

private:
    ByteView data_;
    std::size_t pos_ = 0;
};

// Fixed Ed25519 identities (seed 0x11.., 0x22.., 0x33.. followed by their public keys).
inline constexpr std::string_view kIdentityHex[3] = {
    "1111111111111111111111111111111111111111111111111111111111111111"
    "d04ab232742bb4ab3a1368bd4615e4e6d0224ab71a016baf8520a332c9778737",
    "2222222222222222222222222222222222222222222222222222222222222222"
    "a09aa5f47a6759802ff955f8dc2d2a14a5c99d23be97f864127ff9383455a4f0",
    "3333333333333333333333333333333333333333333333333333333333333333"
    "17cb79fb2b4120f2b1ec65e4198d6e08b28e813feb01e4a400839b85e18080ce",
};

inline crypto::Identity fixed_identity(int i) {
    auto sk = crypto::from_hex(kIdentityHex[i]);
    FUZZ_CHECK(sk.has_value());
    auto id = crypto::Identity::from_secret(*sk);
    FUZZ_CHECK(id.ok());
    return std::move(id).value();
}

// A fixed 32-byte secret filled with one byte value.
template <typename SecretT>
SecretT fixed_secret(std::uint8_t fill) {
    SecretT s;
    for (std::size_t i = 0; i < s.size(); ++i) s.data()[i] = static_cast<std::uint8_t>(fill + i);
    return s;
}

}  // namespace candor::fuzz
