// The sync state machine. Costs are per message, never per History: sending walks the authors
// (a handful) and indexes each chain at the partner's seq; receiving hashes each entry first so
// a resent duplicate is skipped without verifying its signature again.
#include "sync/sync_session.hpp"

#include <algorithm>
#include <optional>
#include <utility>
#include <variant>

#include "common/parallel.hpp"
#include "crypto/hash.hpp"

namespace candor::sync {

std::uint64_t seq_in(const VersionVector& v, const core::DeviceId& author) {
    auto it = v.find(author);
    return it == v.end() ? 0 : it->second;
}

namespace {

void raise(VersionVector& v, const core::DeviceId& author, std::uint64_t seq) {
    auto& s = v[author];
    s = std::max(s, seq);
}

}  // namespace

void merge_max(VersionVector& into, const VersionVector& from) {
    for (const auto& [author, seq] : from) raise(into, author, seq);
}

std::uint64_t undelivered_count(const core::History& history, const VersionVector& partner_durable,
                                const core::DeviceId& author) {
    const std::uint64_t held = history.head(author).seq;
    const std::uint64_t delivered = seq_in(partner_durable, author);
    return held > delivered ? held - delivered : 0;
}

std::uint64_t SyncSession::undelivered_count(const core::History& history,
                                             const core::DeviceId& author) const {
    return sync::undelivered_count(history, peer_durable_, author);
}

SyncSession::SyncSession(SyncLimits limits) : limits_(limits) {
    limits_.batch_entries = std::clamp<std::size_t>(limits_.batch_entries, 1, kMaxBatchEntries);
    limits_.batch_bytes = std::clamp<std::size_t>(limits_.batch_bytes, 1, kMaxBatchBytes);
    limits_.in_flight_batches = std::max<std::size_t>(limits_.in_flight_batches, 1);
}

Error SyncSession::fail(std::string message) {
    failed_ = true;
    outgoing_.clear();  // the connection is closed now; nothing more goes out on it
    return make_error(std::move(message));
}

void SyncSession::start(const core::History& history) {
    if (started_ || failed_) return;
    started_ = true;
    outgoing_.push_back(encode_hello(history.version_vector()));
}

std::vector<Bytes> SyncSession::take_outgoing() { return std::exchange(outgoing_, {}); }

Result<Incoming> SyncSession::on_message(ByteView message, const core::History& history) {
    if (failed_) return make_error("sync: the session has ended; reconnect to sync again");
    if (!started_) return fail("sync: message received before the session started");
    auto decoded = decode_message(message);
    if (!decoded) return fail(decoded.message());
    Message& m = *decoded;
    if (auto* hello = std::get_if<HelloMessage>(&m)) return on_hello(std::move(*hello), history);
    if (!peer_hello_) return fail("sync: the partner sent data before its hello");
    if (auto* entries = std::get_if<EntriesMessage>(&m)) return on_entries(*entries, history);
    return on_ack(std::move(std::get<AckMessage>(m)), history);
}

Result<Incoming> SyncSession::on_hello(HelloMessage&& m, const core::History& history) {
    if (peer_hello_) return fail("sync: the partner sent a second hello");
    peer_hello_ = true;
    merge_max(peer_durable_, m.have);
    merge_max(peer_has_, m.have);
    pump(history);
    Incoming out;
    out.partner_said = std::move(m.have);
    return out;
}

Result<Incoming> SyncSession::on_entries(const EntriesMessage& m, const core::History& history) {
    if (m.batch != batches_received_ + 1) {
        return fail("sync: the partner's batch " + std::to_string(m.batch) + " arrived after batch " +
                    std::to_string(batches_received_));
    }
    batches_received_ = m.batch;
    Incoming in;
    // The signatures (~50 us each, independent of each other) are checked on all cores first;
    // the chain rules then run in order, one entry after the other, as before.
    const std::size_t n = m.entries.size();
    std::vector<core::EntryId> ids(n);
    std::vector<bool> held(n);
    for (std::size_t i = 0; i < n; ++i) {
        ids[i] = crypto::blake2b_256(m.entries[i]);
        held[i] = pending_.holds(ids[i], history);  // the very bytes verified before: no check
    }
    std::vector<std::optional<Result<core::Entry>>> decoded(n);
    std::vector<core::DecodeError> why(n);
    parallel_for(n, kMinVerifiesPerThread, [&](std::size_t i) {
        if (!held[i]) decoded[i].emplace(core::decode_entry(m.entries[i], why[i]));
    });
    for (std::size_t i = 0; i < n; ++i) {
        if (held[i]) {
            ++in.duplicates;
        } else {
            receive_entry(ids[i], std::move(*decoded[i]), why[i], history, in);
        }
    }
    // Nothing to make durable, now or from an earlier batch: acknowledge at once so the
    // partner's window moves even when all it sent was duplicates or refused.
    if (in.entries.empty() && pending_.empty()) send_ack(history);
    return in;
}

void SyncSession::receive_entry(const core::EntryId& id, Result<core::Entry> entry, core::DecodeError why,
                                const core::History& history, Incoming& in) {
    if (!entry) {
        in.rejected.push_back({id, std::nullopt, 0,
                               why == core::DecodeError::bad_signature ? core::RejectReason::bad_signature
                                                                       : core::RejectReason::bad_format,
                               "entry " + core::short_hex(id) + " from the partner: " + entry.message()});
        return;
    }
    ++entries_received_;
    const core::AcceptResult r = pending_.check(*entry, history);
    if (!r.ok()) {
        in.rejected.push_back({id, entry->author(), entry->seq(), r.reason, r.message});
        return;
    }
    // The partner sends from its durable History, oldest first: it holds this and everything
    // before it, so it need not get them back from us.
    raise(peer_has_, entry->author(), entry->seq());
    raise(peer_durable_, entry->author(), entry->seq());
    if (r.is_new()) {
        pending_.pass(*entry);
        in.entries.push_back(std::move(*entry));
    } else {
        ++in.duplicates;
    }
}

Result<Incoming> SyncSession::on_ack(AckMessage&& m, const core::History& history) {
    if (m.through_batch <= batches_acked_ || m.through_batch > batches_sent_) {
        return fail("sync: the partner acknowledged batch " + std::to_string(m.through_batch) +
                    " but " + std::to_string(batches_sent_) + " were sent and " +
                    std::to_string(batches_acked_) + " acknowledged");
    }
    batches_acked_ = m.through_batch;
    merge_max(peer_durable_, m.have);
    merge_max(peer_has_, m.have);
    pump(history);
    Incoming out;
    out.partner_said = std::move(m.have);
    return out;
}

void SyncSession::entries_durable(const core::History& history) {
    if (failed_) return;
    pending_.clear();
    send_ack(history);
    pump(history);
}

void SyncSession::on_local_entries(const core::History& history) {
    if (failed_) return;
    pump(history);
}

void SyncSession::send_ack(const core::History& history) {
    if (batches_received_ == batches_ack_sent_) return;
    outgoing_.push_back(encode_ack(batches_received_, history.version_vector()));
    batches_ack_sent_ = batches_received_;
}

void SyncSession::pump(const core::History& history) {
    if (failed_ || !peer_hello_) return;
    while (in_flight() < limits_.in_flight_batches) {
        std::vector<ByteView> batch = next_batch(history);
        if (batch.empty()) return;
        outgoing_.push_back(encode_entries(++batches_sent_, batch));
        entries_sent_ += batch.size();
    }
}

std::vector<ByteView> SyncSession::next_batch(const core::History& history) {
    std::vector<ByteView> out;
    std::size_t bytes = 0;
    const auto& chains = history.by_author();
    // Each batch starts with the author after the one that led the last batch, so a long
    // catch-up of one author's entries does not hold back another's new ones.
    auto it = rotate_after_ ? chains.upper_bound(*rotate_after_) : chains.begin();
    for (std::size_t visited = 0; visited < chains.size(); ++visited, ++it) {
        if (it == chains.end()) it = chains.begin();
        const auto& [author, chain] = *it;
        const std::size_t first = core::History::index_after(chain, seq_in(peer_has_, author));
        std::size_t next = first;
        while (next < chain.size() && out.size() < limits_.batch_entries) {
            ByteView b = chain[next].bytes();
            // One entry always goes, even above a small configured limit: it fits the protocol's.
            if (!out.empty() && bytes + b.size() > limits_.batch_bytes) break;
            out.push_back(b);
            bytes += b.size();
            ++next;
        }
        if (next != first) {
            if (out.size() == next - first) rotate_after_ = author;  // it leads this batch
            peer_has_[author] = chain[next - 1].seq();
        }
        if (out.size() >= limits_.batch_entries || (next < chain.size() && !out.empty())) {
            break;  // full by count or by bytes
        }
    }
    return out;
}

}  // namespace candor::sync
