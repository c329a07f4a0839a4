// The signed entry: its exact byte layout, creating (signing) one and decoding (verifying) one.
//
// Layout, all integers little-endian, no padding:
//   magic "CNE1" (4) | author (32) | seq u64 | prev EntryId (32, zeros for seq 1) | lamport u64 |
//   created_at_ms i64 | utc_offset_minutes i16 | kind u16 | body_len u32 | body |
//   signature (64, Ed25519 by author over every byte before it)
// The id is BLAKE2b-256 of all of it, signature included. We sign, store, send and hash these
// exact bytes; nothing is ever re-serialized to be verified.
#pragma once

#include <cstdint>
#include <memory>

#include "common/result.hpp"
#include "core/ids.hpp"
#include "core/kinds.hpp"
#include "crypto/sign.hpp"

namespace candor::core {

inline constexpr std::size_t kEntryHeaderSize = 4 + 32 + 8 + 32 + 8 + 8 + 2 + 2 + 4;  // 100
inline constexpr std::size_t kEntrySignatureSize = 64;
inline constexpr std::size_t kMaxBodySize = 64 * 1024;
inline constexpr std::size_t kMinEntrySize = kEntryHeaderSize + kEntrySignatureSize;
inline constexpr std::size_t kMaxEntrySize = kMinEntrySize + kMaxBodySize;
// UTC offsets in the world lie within -12:00..+14:00; a little slack, no nonsense values.
inline constexpr std::int16_t kMaxUtcOffsetMinutes = 18 * 60;

// An author's latest entry: seq 0 and a zero id before their first one.
struct AuthorHead {
    std::uint64_t seq = 0;
    EntryId id{};
    std::uint64_t lamport = 0;
};

// Immutable once made. Copies are cheap: the bytes are shared, never changed.
class Entry {
public:
    [[nodiscard]] ByteView bytes() const { return *bytes_; }
    [[nodiscard]] const EntryId& id() const { return id_; }
    [[nodiscard]] const DeviceId& author() const { return author_; }
    [[nodiscard]] std::uint64_t seq() const { return seq_; }
    [[nodiscard]] const EntryId& prev() const { return prev_; }
    [[nodiscard]] std::uint64_t lamport() const { return lamport_; }
    [[nodiscard]] std::int64_t created_at_ms() const { return created_at_ms_; }
    [[nodiscard]] std::int16_t utc_offset_minutes() const { return utc_offset_minutes_; }
    [[nodiscard]] Kind kind() const { return kind_; }  // may be a number this version doesn't know
    [[nodiscard]] bool known_kind() const { return is_known_kind(kind_); }
    [[nodiscard]] ByteView body() const { return bytes().subspan(kEntryHeaderSize, body_len_); }
    [[nodiscard]] AuthorHead as_head() const { return {seq_, id_, lamport_}; }

    // Decodes the body as T; an error if the kind is not T's or the body is malformed.
    template <typename T>
    [[nodiscard]] Result<T> body_as() const {
        if (kind_ != kind_of<T>) return make_error("entry " + short_hex(id_) + " is not a " +
                                                   std::string(kind_name(kind_of<T>)));
        return decode_body<T>(body());
    }

private:
    Entry() = default;  // only decoding makes entries, so every Entry has verified bytes
    friend struct EntryDecoder;
    std::shared_ptr<const Bytes> bytes_;
    EntryId id_{};
    DeviceId author_{};
    std::uint64_t seq_ = 0;
    EntryId prev_{};
    std::uint64_t lamport_ = 0;
    std::int64_t created_at_ms_ = 0;
    std::int16_t utc_offset_minutes_ = 0;
    Kind kind_{};
    std::uint32_t body_len_ = 0;
};

// Fold order: (lamport, author, seq). Total, because (author, seq) is unique in a History.
[[nodiscard]] bool fold_before(const Entry& a, const Entry& b);

// Signs a new entry that follows `head` (seq head.seq + 1, prev head.id). `lamport` must be
// above head.lamport (History::next_lamport() is). Errors: body too large, bad offset, lamport.
[[nodiscard]] Result<Entry> make_entry(const crypto::Identity& identity, const AuthorHead& head,
                                       std::uint64_t lamport, std::int64_t now_ms,
                                       std::int16_t utc_offset_minutes, Kind kind, Bytes body);

template <typename T>
[[nodiscard]] Result<Entry> make_entry(const crypto::Identity& identity, const AuthorHead& head,
                                       std::uint64_t lamport, std::int64_t now_ms,
                                       std::int16_t utc_offset_minutes, const T& body) {
    return make_entry(identity, head, lamport, now_ms, utc_offset_minutes, kind_of<T>,
                      encode_body(body));
}

enum class DecodeError { bad_format, bad_signature };

// Checks sizes before reading anything, then magic, header sanity, the signature against the
// author field, and that a known kind's body decodes with acceptable texts (common/text.hpp);
// on success the Entry keeps a copy of exactly these bytes.
[[nodiscard]] Result<Entry> decode_entry(ByteView bytes);
// The same, telling a format problem from a signature that does not verify.
[[nodiscard]] Result<Entry> decode_entry(ByteView bytes, DecodeError& why);

// All of decode_entry's checks except the signature. ONLY for bytes this device verified when
// they arrived and reads back from its own AEAD-sealed journal (the seal authenticates them):
// an Ed25519 verify costs ~50 us here, so re-verifying 100k entries on open would take 5 s.
[[nodiscard]] Result<Entry> decode_trusted_entry(ByteView bytes);

}  // namespace candor::core
