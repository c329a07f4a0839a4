// History::check's rules against a head that includes the passed entries; authors with nothing
// passed go straight to History::check.
#include "sync/pending_chains.hpp"

namespace candor::sync {

using core::AcceptResult;

bool PendingChains::holds(const core::EntryId& id, const core::History& history) const {
    return ids_.count(id) != 0 || history.find(id) != nullptr;
}

AcceptResult PendingChains::check(const core::Entry& e, const core::History& history) const {
    auto it = heads_.find(e.author());
    // Nothing passed for this author, or the History has caught up with what was passed.
    if (it == heads_.end() || history.head(e.author()).seq >= it->second.seq) return history.check(e);
    return history.check(e, it->second, holds(e.id(), history));
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
