// The receiving rules of DESIGN.md ("The shared history"), applied in a fixed order so the same
// entry always gets the same answer: duplicate, author, fork, gap, chain, clock.
#include "core/history.hpp"

#include <algorithm>

namespace candor::core {

namespace {
AcceptResult reject(RejectReason reason, std::string message) {
    return {AcceptOutcome::rejected, reason, std::move(message)};
}
}  // namespace

std::string_view reject_reason_name(RejectReason reason) {
    switch (reason) {
        case RejectReason::none: return "none";
        case RejectReason::bad_format: return "bad_format";
        case RejectReason::bad_signature: return "bad_signature";
        case RejectReason::unknown_author: return "unknown_author";
        case RejectReason::seq_gap: return "seq_gap";
        case RejectReason::broken_chain: return "broken_chain";
        case RejectReason::fork: return "fork";
        case RejectReason::bad_lamport: return "bad_lamport";
        case RejectReason::bad_time: return "bad_time";
    }
    return "unknown";
}

AcceptResult History::check(const Entry& e) const {
    return check(e, head(e.author()), by_id_.count(e.id()) != 0);
}

AcceptResult History::check(const Entry& e, const AuthorHead& h, bool held) const {
    if (held) return {AcceptOutcome::duplicate, RejectReason::none, {}};
    const std::string who = "entry " + short_hex(e.id()) + " (author " + short_hex(e.author()) +
                            ", seq " + std::to_string(e.seq()) + ")";
    if (!is_allowed(e.author())) {
        return reject(RejectReason::unknown_author, who + " is from a device that is not paired with this one");
    }
    if (e.seq() <= h.seq) {
        // Same author and seq, different id (same id was the duplicate case above).
        return reject(RejectReason::fork, who + " conflicts with the entry already held for that seq "
                                              "(the author's device forked its history)");
    }
    if (e.kind() == Kind::new_chain && (e.prev() != h.id || e.seq() != h.seq + 1)) return check_new_chain(e, h, who);
    if (e.seq() > h.seq + 1) {
        return reject(RejectReason::seq_gap, who + " skips ahead: the last entry held from this author is seq " +
                                                 std::to_string(h.seq));
    }
    if (e.prev() != h.id) {
        return reject(RejectReason::broken_chain, who + " does not follow the author's previous entry");
    }
    if (e.lamport() <= h.lamport) {
        return reject(RejectReason::bad_lamport, who + " has a clock value that goes backwards");
    }
    return {AcceptOutcome::accepted, RejectReason::none, {}};
}

// A new chain follows an older entry than the head and may skip seqs: accepted when it follows an
// entry we hold, its seq is exactly one above the highest seq it says was ever given out, and it
// comes after everything we hold (nothing held is replaced or hidden).
AcceptResult History::check_new_chain(const Entry& e, const AuthorHead& h, const std::string& who) const {
    auto body = e.body_as<NewChainBody>();
    if (!body) return reject(RejectReason::bad_format, who + ": " + body.message());
    if (body->skipped_through + 1 != e.seq() || body->resumes_after >= e.seq()) {
        return reject(RejectReason::bad_format, who + " starts a new chain with seqs that do not add up");
    }
    if (body->resumes_after > h.seq) {
        return reject(RejectReason::seq_gap, who + " starts a new chain after entry " +
                                                 std::to_string(body->resumes_after) + ", which is not held yet");
    }
    const Entry* after = body->resumes_after == 0 ? nullptr : entry_at(e.author(), body->resumes_after);
    if (body->resumes_after > 0 && after == nullptr) {
        return reject(RejectReason::seq_gap, who + " starts a new chain after an entry that is not held yet");
    }
    if (e.prev() != (after ? after->id() : EntryId{})) {
        return reject(RejectReason::broken_chain, who + " starts a new chain that does not follow the entry it names");
    }
    if (after && e.lamport() <= after->lamport()) {
        return reject(RejectReason::bad_lamport, who + " has a clock value that goes backwards");
    }
    return {AcceptOutcome::accepted, RejectReason::none, {}};
}

std::size_t History::index_after(const std::vector<Entry>& chain, std::uint64_t seq) {
    // Without a skip, the entry with seq s sits at s - 1: try that before searching.
    if (seq < chain.size() && chain[static_cast<std::size_t>(seq)].seq() == seq + 1 &&
        (seq == 0 || chain[static_cast<std::size_t>(seq) - 1].seq() == seq)) {
        return static_cast<std::size_t>(seq);
    }
    auto it = std::upper_bound(chain.begin(), chain.end(), seq,
                               [](std::uint64_t s, const Entry& e) { return s < e.seq(); });
    return static_cast<std::size_t>(it - chain.begin());
}

const Entry* History::entry_at(const DeviceId& author, std::uint64_t seq) const {
    auto it = chains_.find(author);
    if (it == chains_.end() || seq == 0) return nullptr;
    const std::size_t i = index_after(it->second, seq - 1);
    return i < it->second.size() && it->second[i].seq() == seq ? &it->second[i] : nullptr;
}

AcceptResult History::accept(const Entry& e) {
    AcceptResult r = check(e);
    if (r.outcome != AcceptOutcome::accepted) return r;
    auto& chain = chains_[e.author()];
    chain.push_back(e);
    by_id_.emplace(e.id(), Position{e.author(), chain.size() - 1});
    if (e.lamport() > max_lamport_) max_lamport_ = e.lamport();
    return r;
}

AcceptResult History::accept_bytes(ByteView bytes) {
    DecodeError why{};
    auto e = decode_entry(bytes, why);
    if (!e) {
        return reject(why == DecodeError::bad_signature ? RejectReason::bad_signature : RejectReason::bad_format,
                      e.message());
    }
    return accept(*e);
}

AuthorHead History::head(const DeviceId& author) const {
    auto it = chains_.find(author);
    if (it == chains_.end() || it->second.empty()) return {};
    return it->second.back().as_head();
}

VersionVector History::version_vector() const {
    VersionVector v;
    for (const auto& [author, chain] : chains_)
        if (!chain.empty()) v[author] = chain.back().seq();
    return v;
}

std::vector<Entry> History::entries_after(const DeviceId& author, std::uint64_t after_seq,
                                          std::size_t limit) const {
    std::vector<Entry> out;
    auto it = chains_.find(author);
    if (it == chains_.end()) return out;
    const auto& chain = it->second;
    for (std::size_t i = index_after(chain, after_seq); i < chain.size() && out.size() < limit; ++i) {
        out.push_back(chain[i]);
    }
    return out;
}

const Entry* History::find(const EntryId& id) const {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return nullptr;
    return &chains_.at(it->second.author)[it->second.index];
}

std::vector<DeviceId> History::authors() const {
    std::vector<DeviceId> out;
    for (const auto& [author, chain] : chains_) out.push_back(author);
    return out;
}

}  // namespace candor::core
