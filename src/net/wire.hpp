// Wire encoding for everything Candor sends between devices: a bounds-checked little-endian
// Reader/Writer and the frame envelope ("CNF", protocol version, frame type, payload).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "crypto/bytes.hpp"

namespace candor::net {

using crypto::ByteArray;
using crypto::Bytes;
using crypto::ByteView;

// Appends little-endian fields to a growing buffer.
class Writer {
public:
    // `capacity`: the size the caller knows it will write, allocated once.
    explicit Writer(std::size_t capacity = 0) { out_.reserve(capacity); }
    void u8(std::uint8_t v) { out_.push_back(v); }
    void u16(std::uint16_t v) { put_le(v, 2); }
    void u32(std::uint32_t v) { put_le(v, 4); }
    void u64(std::uint64_t v) { put_le(v, 8); }
    // Grown, then filled: insert() into a fresh vector is what GCC 12 at -O3 misreads
    // (-Wstringop-overflow).
    void raw(ByteView bytes) {
        const std::size_t at = out_.size();
        out_.resize(at + bytes.size());
        std::copy(bytes.begin(), bytes.end(), out_.begin() + static_cast<std::ptrdiff_t>(at));
    }
    template <std::size_t N>
    void array(const ByteArray<N>& a) { raw(ByteView{a.data(), N}); }
    // Length-prefixed byte strings; the caller keeps them within the prefix's range.
    void bytes8(ByteView bytes);
    void bytes16(ByteView bytes);
    void bytes32(ByteView bytes);

    [[nodiscard]] const Bytes& data() const { return out_; }
    [[nodiscard]] std::size_t size() const { return out_.size(); }
    [[nodiscard]] Bytes take() { return std::move(out_); }

private:
    void put_le(std::uint64_t v, int n) {
        for (int i = 0; i < n; ++i) out_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    Bytes out_;
};

// Reads little-endian fields from a view it does not own. Every read checks the remaining
// length first; a read past the end (or over a caller-given maximum) puts the reader into a
// failed state in which every later read returns zero/empty, so a parser can read a whole
// structure and check ok() once at the end.
class Reader {
public:
    explicit Reader(ByteView data) : data_(data) {}

    [[nodiscard]] std::uint8_t u8() { return static_cast<std::uint8_t>(get_le(1)); }
    [[nodiscard]] std::uint16_t u16() { return static_cast<std::uint16_t>(get_le(2)); }
    [[nodiscard]] std::uint32_t u32() { return static_cast<std::uint32_t>(get_le(4)); }
    [[nodiscard]] std::uint64_t u64() { return get_le(8); }
    // Exactly n bytes, or an empty view and the failed state.
    [[nodiscard]] ByteView raw(std::size_t n);
    template <std::size_t N>
    [[nodiscard]] ByteArray<N> array() {
        ByteArray<N> out{};
        ByteView v = raw(N);
        if (v.size() == N) std::copy(v.begin(), v.end(), out.begin());
        return out;
    }
    // Length-prefixed byte strings; a length above max fails without reading further.
    [[nodiscard]] ByteView bytes8(std::size_t max = 0xff);
    [[nodiscard]] ByteView bytes16(std::size_t max = 0xffff);
    [[nodiscard]] ByteView bytes32(std::size_t max);
    // Everything not yet read (empty when failed).
    [[nodiscard]] ByteView rest();

    [[nodiscard]] bool ok() const { return !failed_; }
    [[nodiscard]] std::size_t remaining() const { return failed_ ? 0 : data_.size() - pos_; }
    // ok() and every byte consumed: what a parser of a complete message should demand.
    [[nodiscard]] bool done() const { return ok() && pos_ == data_.size(); }
    void fail() { failed_ = true; }

private:
    std::uint64_t get_le(std::size_t n);
    ByteView length_prefixed(std::size_t length, std::size_t max);

    ByteView data_;
    std::size_t pos_ = 0;
    bool failed_ = false;
};

// ---- Frame envelope ------------------------------------------------------------------------

inline constexpr ByteArray<3> kFrameMagic = {'C', 'N', 'F'};
inline constexpr std::uint8_t kProtocolVersion = 1;
inline constexpr std::size_t kFrameHeaderSize = 5;  // magic, version, type
// Larger frames are refused before any work is done on them; sync batches stay below this.
inline constexpr std::size_t kMaxFrameSize = 256 * 1024;

// The frame types of protocol version 1. Unknown values are passed up so the caller can say
// what it got; only the session layer's types are defined here.
enum class FrameType : std::uint8_t {
    hello = 1,     // handshake, in the clear: version, ephemeral key, nonce
    identify = 2,  // handshake, sealed: the sender's device id
    auth = 3,      // handshake, sealed: the sender's signature over the transcript
    sealed = 4,    // session data: counter + AEAD ciphertext
    pairing = 5,   // pairing protocol messages (their own sub-type inside)
};

enum class FrameError : std::uint8_t {
    truncated,      // shorter than the header
    foreign_magic,  // not a Candor frame at all
    too_large,      // above kMaxFrameSize
    peer_newer,     // the other device speaks a newer protocol version
    peer_older,     // the other device speaks an older protocol version
};

struct Frame {
    FrameType type;
    ByteView payload;  // points into the decoded buffer
};

// A decoded frame, or why not; `peer_version` is set for the version errors.
struct FrameDecode {
    bool ok = false;
    Frame frame{};
    FrameError error = FrameError::truncated;
    std::uint8_t peer_version = 0;
};

[[nodiscard]] Bytes encode_frame(FrameType type, ByteView payload);
[[nodiscard]] FrameDecode parse_frame(ByteView bytes);
// The same, with the error turned into a message a user can act on.
[[nodiscard]] Result<Frame> decode_frame(ByteView bytes);
[[nodiscard]] std::string describe(FrameError error, std::uint8_t peer_version = 0);

}  // namespace candor::net
