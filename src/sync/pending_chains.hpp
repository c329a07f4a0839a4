// The receiving rules applied to entries that passed but are not in the History yet: the Node
// appends a whole received batch durably before accepting any of it, so seq 2 of a batch must be
// checked against seq 1 of the same batch, not against the History's older head.
#pragma once

#include <map>
#include <unordered_set>

#include "core/history.hpp"

namespace candor::sync {

class PendingChains {
public:
    // What History::accept would answer if every entry passed so far were already accepted.
    [[nodiscard]] core::AcceptResult check(const core::Entry& entry, const core::History& history) const;
    // Records an entry that check() accepted: later entries are checked against it.
    void pass(const core::Entry& entry);
    // True if the id is in the History or among the passed entries.
    [[nodiscard]] bool holds(const core::EntryId& id, const core::History& history) const;
    // The Node has accepted everything passed so far.
    void clear();
    [[nodiscard]] bool empty() const { return heads_.empty(); }

private:
    std::map<core::DeviceId, core::AuthorHead> heads_;  // the newest passed entry per author
    std::unordered_set<core::EntryId, core::IdHash> ids_;
};

}  // namespace candor::sync
