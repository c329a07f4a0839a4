// The ledger reads each commitment's story (kept in fold order by State): a renegotiation sets a
// new due time, so only a late notice sent after it and before that time is a warning in time.
#include "core/ledger.hpp"

#include <algorithm>

namespace candor::core {

std::string_view ledger_outcome_name(LedgerOutcome outcome) {
    switch (outcome) {
        case LedgerOutcome::open: return "open";
        case LedgerOutcome::due: return "due";
        case LedgerOutcome::kept_on_time: return "kept_on_time";
        case LedgerOutcome::kept_late_warned: return "kept_late_warned";
        case LedgerOutcome::kept_late_unwarned: return "kept_late_unwarned";
        case LedgerOutcome::missed: return "missed";
    }
    return "unknown";
}

LedgerItem ledger_item(const Commitment& c, std::int64_t now_ms, LedgerClock clock) {
    const bool author = clock == LedgerClock::author;
    LedgerItem item;
    item.id = c.id;
    item.author = c.author;
    item.due_ms = c.due_at_ms;
    for (const StoryEvent& ev : c.story) {
        if (ev.type == StoryEvent::Type::resolved) break;
        if (ev.type == StoryEvent::Type::renegotiated) item.warning_id.reset();
        const std::int64_t at = author ? ev.at_ms : ev.judged_ms;
        if (ev.type == StoryEvent::Type::late && at < c.due_at_ms && !item.warning_id) {
            item.warning_id = ev.entry_id;
        }
    }
    if (!c.final_outcome) {
        item.outcome = now_ms >= c.due_at_ms ? LedgerOutcome::due : LedgerOutcome::open;
        return item;
    }
    item.resolved_ms = author ? c.resolved_at_ms : c.resolved_judged_ms;
    item.author_resolved_ms = c.resolved_at_ms;
    item.offset_ms = item.resolved_ms - c.due_at_ms;
    if (*c.final_outcome == Outcome::missed) {
        item.outcome = LedgerOutcome::missed;
    } else if (item.offset_ms <= kOnTimeGraceMs) {
        item.outcome = LedgerOutcome::kept_on_time;
    } else {
        item.outcome = item.warning_id ? LedgerOutcome::kept_late_warned : LedgerOutcome::kept_late_unwarned;
    }
    return item;
}

const LedgerItem* Ledger::item(const EntryId& commitment) const {
    auto it = std::find_if(items.begin(), items.end(), [&](const LedgerItem& i) { return i.id == commitment; });
    return it == items.end() ? nullptr : &*it;
}

PersonFigures Ledger::figures(const DeviceId& person) const {
    auto it = people.find(person);
    return it == people.end() ? PersonFigures{} : it->second;
}

Ledger build_ledger(const State& state, std::int64_t now_ms) {
    Ledger ledger;
    ledger.items.reserve(state.commitments().size());
    for (const Commitment& c : state.commitments()) {
        LedgerItem item = ledger_item(c, now_ms);
        PersonFigures& f = ledger.people[c.author];
        if (c.renegotiations > 0) ++f.renegotiated;
        switch (item.outcome) {
            case LedgerOutcome::open: ++f.open; break;
            case LedgerOutcome::due: ++f.due; break;
            case LedgerOutcome::kept_on_time: ++f.kept_on_time; break;
            case LedgerOutcome::kept_late_warned:
                ++f.kept_late_warned;
                f.late_ms_total += item.offset_ms;
                break;
            case LedgerOutcome::kept_late_unwarned:
                ++f.kept_late_unwarned;
                f.late_ms_total += item.offset_ms;
                break;
            case LedgerOutcome::missed: ++f.missed; break;
        }
        ledger.items.push_back(item);
    }
    // Streaks follow the order things were resolved in, not the order they were promised.
    std::vector<const LedgerItem*> resolved;
    for (const LedgerItem& i : ledger.items) {
        if (i.resolved()) resolved.push_back(&i);
    }
    std::stable_sort(resolved.begin(), resolved.end(),
                     [](const LedgerItem* a, const LedgerItem* b) { return a->resolved_ms < b->resolved_ms; });
    std::map<DeviceId, bool> broken;
    for (auto it = resolved.rbegin(); it != resolved.rend(); ++it) {
        const LedgerItem& i = **it;
        if (broken[i.author]) continue;
        if (i.outcome == LedgerOutcome::kept_on_time || i.outcome == LedgerOutcome::kept_late_warned) {
            ++ledger.people[i.author].streak;
        } else {
            broken[i.author] = true;
        }
    }
    return ledger;
}

}  // namespace candor::core
