// One sync session with one connected, authenticated partner, as a socket-free state machine:
// plaintext messages in (on_message), plaintext messages out (take_outgoing). The Node owns the
// History and the journal; the session decides what to send, checks what arrives, and keeps
// flow control. Protocol (DESIGN.md "Network" -> Sync):
//   both:   Hello{version vector}                 on start
//   each:   Entries{batch n, entries}             what the partner lacks, oldest first per author,
//                                                 at most SyncLimits::in_flight_batches unacked
//   each:   Ack{through batch n, version vector}  once the Node has made a batch durable
// A new connection is a new session and starts again from the Hellos; resent entries are
// duplicates, which the receiver skips before even verifying them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "core/history.hpp"
#include "sync/messages.hpp"
#include "sync/pending_chains.hpp"

namespace candor::sync {

struct SyncLimits {
    std::size_t batch_entries = kMaxBatchEntries;  // clamped to kMaxBatchEntries
    std::size_t batch_bytes = kMaxBatchBytes;      // clamped to kMaxBatchBytes
    std::size_t in_flight_batches = 4;             // at least 1
};

// A received entry that the receiving rules refused. The session goes on; the Node records it.
struct Rejection {
    core::EntryId id{};                    // BLAKE2b-256 of the bytes as received
    std::optional<core::DeviceId> author;  // set when the bytes decoded as a signed entry
    std::uint64_t seq = 0;
    core::RejectReason reason = core::RejectReason::none;
    std::string message;
};

// What one message asks of the Node.
struct Incoming {
    // Append these durably in this order (one journal batch), then History::accept each, then
    // call entries_durable(). Each follows the History plus the entries before it.
    std::vector<core::Entry> entries;
    std::size_t duplicates = 0;  // already held: nothing to do
    std::vector<Rejection> rejected;
    // A Hello or Ack: what the partner said it holds durably at this moment, its own chain head
    // included (evidence of when its later entries were made: core/entry_times.hpp judged_time).
    std::optional<VersionVector> partner_said;
};

class SyncSession {
public:
    explicit SyncSession(SyncLimits limits = {});

    // Queues our Hello. Call once, when the channel is established.
    void start(const core::History& history);
    // One received message. An error is final (garbage, a protocol violation, an oversized
    // batch): close the connection; a later one starts a new session.
    [[nodiscard]] Result<Incoming> on_message(ByteView message, const core::History& history);
    // The Node has appended and accepted every entry handed out so far: acknowledge them.
    // Must be called after every Incoming with entries (before the next on_message is fine too).
    void entries_durable(const core::History& history);
    // The History gained entries (written here or received from another device): push what the
    // partner lacks, as far as flow control allows.
    void on_local_entries(const core::History& history);
    // Messages to seal and send, in order. Clears the queue.
    [[nodiscard]] std::vector<Bytes> take_outgoing();

    [[nodiscard]] bool started() const { return started_; }
    [[nodiscard]] bool partner_hello_received() const { return peer_hello_; }
    [[nodiscard]] bool failed() const { return failed_; }
    // What the partner holds durably, from its Hello and Acks (and the entries it sent us).
    [[nodiscard]] const VersionVector& partner_durable() const { return peer_durable_; }
    // What the partner holds or will hold once the batches in flight are handled.
    [[nodiscard]] const VersionVector& partner_has() const { return peer_has_; }
    // Entries by `author` (usually this device) the partner does not hold durably yet.
    [[nodiscard]] std::uint64_t undelivered_count(const core::History& history,
                                                  const core::DeviceId& author) const;
    [[nodiscard]] std::size_t in_flight() const {
        return static_cast<std::size_t>(batches_sent_ - batches_acked_);
    }
    [[nodiscard]] std::uint64_t entries_sent() const { return entries_sent_; }
    [[nodiscard]] std::uint64_t entries_received() const { return entries_received_; }

private:
    Error fail(std::string message);
    Result<Incoming> on_hello(HelloMessage&& m, const core::History& history);
    Result<Incoming> on_entries(const EntriesMessage& m, const core::History& history);
    Result<Incoming> on_ack(AckMessage&& m, const core::History& history);
    void receive_entry(const core::EntryId& id, Result<core::Entry> entry, core::DecodeError why,
                       const core::History& history, Incoming& in);
    // A batch is checked on several cores only when each gets at least this many signatures.
    static constexpr std::size_t kMinVerifiesPerThread = 16;
    void send_ack(const core::History& history);
    void pump(const core::History& history);
    // The next batch of what the partner lacks (empty when nothing); advances peer_has_.
    std::vector<ByteView> next_batch(const core::History& history);

    SyncLimits limits_;
    bool started_ = false;
    bool peer_hello_ = false;
    bool failed_ = false;
    std::vector<Bytes> outgoing_;

    VersionVector peer_has_;
    VersionVector peer_durable_;
    std::uint64_t batches_sent_ = 0;
    std::uint64_t batches_acked_ = 0;      // by the partner
    std::uint64_t batches_received_ = 0;
    std::uint64_t batches_ack_sent_ = 0;   // by us
    std::uint64_t entries_sent_ = 0;
    std::uint64_t entries_received_ = 0;
    PendingChains pending_;
    std::optional<core::DeviceId> rotate_after_;  // the author that led the last batch
};

// The same count for a partner that is offline, from the last partner_durable() the Node kept.
[[nodiscard]] std::uint64_t undelivered_count(const core::History& history,
                                              const VersionVector& partner_durable,
                                              const core::DeviceId& author);

// The highest contiguous seq of `author` in `v` (0: none).
[[nodiscard]] std::uint64_t seq_in(const VersionVector& v, const core::DeviceId& author);

// Raises each author's seq in `into` to the one in `from` (entries are never un-held).
void merge_max(VersionVector& into, const VersionVector& from);

}  // namespace candor::sync
