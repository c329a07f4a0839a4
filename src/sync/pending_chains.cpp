// Mirrors History::check's order (duplicate, author, fork, gap, chain, clock) against a head
// that includes the passed entries; authors with nothing passed go straight to History::check.
#include "sync/pending_chains.hpp"

#include <string>

namespace candor::sync {

using core::AcceptOutcome;
using core::AcceptResult;
using core::RejectReason;

namespace {
AcceptResult reject(RejectReason reason, std::string message) {
    return {AcceptOutcome::rejected, reason, std::move(message)};
}
}  // namespace

bool PendingChains::holds(const core::EntryId& id, const core::History& history) const {
    return ids_.count(id) != 0 || history.find(id) != nullptr;
}

AcceptResult PendingChains::check(const core::Entry& e, const core::History& history) const {
    auto it = heads_.find(e.author());
    // Nothing passed for this author, or the History has caught up with what was passed.
    if (it == heads_.end() || history.head(e.author()).seq >= it->second.seq) return history.check(e);
    if (holds(e.id(), history)) return {AcceptOutcome::duplicate, RejectReason::none, {}};
    const std::string who = "entry " + core::short_hex(e.id()) + " (author " +
                            core::short_hex(e.author()) + ", seq " + std::to_string(e.seq()) + ")";
    if (!history.is_allowed(e.author())) {
        return reject(RejectReason::unknown_author, who + " is from a device that is not paired with this one");
    }
    const core::AuthorHead& h = it->second;
    if (e.seq() <= h.seq) {
        return reject(RejectReason::fork, who + " conflicts with the entry already received for that seq "
                                              "(the author's device forked its history)");
    }
    if (e.seq() > h.seq + 1) {
        return reject(RejectReason::seq_gap, who + " skips ahead: the last entry received from this author is seq " +
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

void PendingChains::pass(const core::Entry& e) {
    heads_[e.author()] = e.as_head();
    ids_.insert(e.id());
}

void PendingChains::clear() {
    heads_.clear();
    ids_.clear();
}

}  // namespace candor::sync
