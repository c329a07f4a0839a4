// The sync protocol's messages (the plaintext inside a SecureChannel frame): Hello with the
// sender's version vector, Entries with a numbered batch of signed entry bytes, and Ack with the
// receiver's durable version vector. Encoding and strict, bounds-checked decoding.
#pragma once

#include <cstdint>
#include <variant>
#include <vector>

#include "common/result.hpp"
#include "core/entry.hpp"
#include "core/history.hpp"
#include "net/session.hpp"

namespace candor::sync {

using crypto::Bytes;
using crypto::ByteView;
using core::VersionVector;

// Bumped only for changes an older Candor cannot read; a Hello with another version ends the
// session with a message that says which side to update.
inline constexpr std::uint8_t kSyncVersion = 1;

// Hard limits every receiver enforces; senders may choose smaller batches (SyncLimits).
inline constexpr std::size_t kMaxBatchEntries = 256;
inline constexpr std::size_t kMaxBatchBytes = 192 * 1024;  // sum of the entries' bytes
inline constexpr std::size_t kMaxVectorAuthors = 4096;
inline constexpr std::size_t kMaxMessageSize = net::SecureChannel::kMaxPlaintextSize;

inline constexpr std::size_t kEntriesHeaderSize = 1 + 8 + 2;  // type, batch, count
inline constexpr std::size_t kVectorItemSize = 32 + 8;         // author, seq
// Every entry fits in a batch on its own, and the largest batch or vector fits in one frame.
static_assert(kMaxBatchBytes >= core::kMaxEntrySize);
static_assert(kEntriesHeaderSize + kMaxBatchEntries * 4 + kMaxBatchBytes <= kMaxMessageSize);
static_assert(1 + 8 + 4 + kMaxVectorAuthors * kVectorItemSize <= kMaxMessageSize);

enum class MessageType : std::uint8_t {
    hello = 1,    // u8 version | vector
    entries = 2,  // u64 batch | u16 count | count x (u32 length | entry bytes)
    ack = 3,      // u64 through_batch | vector
};
// vector = u32 count | count x (author 32 | seq u64), authors strictly ascending, seq >= 1.

struct HelloMessage {
    std::uint8_t version = kSyncVersion;
    VersionVector have;
};

struct EntriesMessage {
    std::uint64_t batch = 0;        // 1, 2, 3... per session and direction
    std::vector<ByteView> entries;  // views into the decoded message, not yet verified
};

struct AckMessage {
    std::uint64_t through_batch = 0;  // every batch up to this one is handled
    VersionVector have;               // what the sender now holds durably
};

using Message = std::variant<HelloMessage, EntriesMessage, AckMessage>;

[[nodiscard]] Bytes encode_hello(const VersionVector& have);
// The caller keeps the batch within kMaxBatchEntries / kMaxBatchBytes (throws otherwise).
[[nodiscard]] Bytes encode_entries(std::uint64_t batch, const std::vector<ByteView>& entries);
[[nodiscard]] Bytes encode_ack(std::uint64_t through_batch, const VersionVector& have);

// Refuses anything truncated, oversized, over a limit, non-canonical or with trailing bytes.
// The views in an EntriesMessage point into `message`.
[[nodiscard]] Result<Message> decode_message(ByteView message);

}  // namespace candor::sync
