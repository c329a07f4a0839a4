// Commitments count in the week they were made ("made") and in the week their due time falls
// (how they went), so a promise made on Sunday for Tuesday shows in both weeks, once each.
#include "core/week_summary.hpp"

#include <set>

#include "core/checkin_period.hpp"

namespace candor::core {

WeekFigures WeekSummary::figures(const DeviceId& person) const {
    auto it = people.find(person);
    return it == people.end() ? WeekFigures{} : it->second;
}

namespace {
void count_outcome(WeekFigures& f, LedgerOutcome outcome) {
    switch (outcome) {
        case LedgerOutcome::open:
        case LedgerOutcome::due: ++f.open; break;
        case LedgerOutcome::kept_on_time: ++f.kept_on_time; break;
        case LedgerOutcome::kept_late_warned: ++f.kept_late_warned; break;
        case LedgerOutcome::kept_late_unwarned: ++f.kept_late; break;
        case LedgerOutcome::missed: ++f.missed; break;
    }
}
}  // namespace

WeekSummary week_summary(const State& state, std::int64_t at_ms, int utc_offset_minutes, std::int64_t now_ms) {
    WeekSummary out;
    const std::int64_t monday = week_monday(local_day(at_ms, utc_offset_minutes));
    out.week = iso_week_string(monday);
    out.start_ms = day_start_ms(monday, utc_offset_minutes);
    out.end_ms = day_start_ms(monday + 7, utc_offset_minutes);
    const auto in_week = [&](std::int64_t t) { return t >= out.start_ms && t < out.end_ms; };
    std::set<EntryId> warnings;
    for (const Commitment& c : state.commitments()) {
        WeekFigures& f = out.people[c.author];
        const LedgerItem item = ledger_item(c, now_ms);
        if (item.warning_id) warnings.insert(*item.warning_id);
        if (in_week(c.made_at_ms)) ++f.made;
        if (in_week(item.due_ms)) count_outcome(f, item.outcome);
    }
    for (const LateNotice& n : state.late_notices()) {
        if (!in_week(n.created_at_ms)) continue;
        WeekFigures& f = out.people[n.author];
        ++f.late_notices;
        if (warnings.count(n.id) != 0) ++f.late_in_time;
    }
    for (const FeedEntry& fe : state.entries()) {
        if (fe.entry.kind() == Kind::update && fe.effect == EntryEffect::counted && in_week(fe.entry.created_at_ms())) {
            ++out.people[fe.entry.author()].updates;
        }
    }
    return out;
}

}  // namespace candor::core
