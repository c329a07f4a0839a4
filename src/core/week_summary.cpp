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
    const std::int64_t monday = week_monday(local_day(at_ms, utc_offset_minutes));
    return std::move(week_summaries(state, monday, 1, utc_offset_minutes, now_ms).front());
}

std::vector<WeekSummary> week_summaries(const State& state, std::int64_t first_monday, std::size_t count,
                                        int utc_offset_minutes, std::int64_t now_ms) {
    std::vector<WeekSummary> out(count);
    for (std::size_t i = 0; i < count; ++i) {
        const std::int64_t monday = first_monday + 7 * static_cast<std::int64_t>(i);
        out[i].week = iso_week_string(monday);
        out[i].start_ms = day_start_ms(monday, utc_offset_minutes);
        out[i].end_ms = day_start_ms(monday + 7, utc_offset_minutes);
    }
    // The week holding `t`, or nullptr outside the range.
    const auto week_of = [&](std::int64_t t) -> WeekSummary* {
        if (count == 0 || t < out.front().start_ms || t >= out.back().end_ms) return nullptr;
        return &out[static_cast<std::size_t>((local_day(t, utc_offset_minutes) - first_monday) / 7)];
    };
    std::set<EntryId> warnings;
    for (const Commitment& c : state.commitments()) {
        const LedgerItem item = ledger_item(c, now_ms);
        if (item.warning_id) warnings.insert(*item.warning_id);
        if (WeekSummary* w = week_of(c.made_at_ms)) ++w->people[c.author].made;
        if (WeekSummary* w = week_of(item.due_ms)) count_outcome(w->people[c.author], item.outcome);
    }
    for (const LateNotice& n : state.late_notices()) {
        WeekSummary* w = week_of(n.created_at_ms);
        if (!w) continue;
        WeekFigures& f = w->people[n.author];
        ++f.late_notices;
        if (warnings.count(n.id) != 0) ++f.late_in_time;
    }
    for (const FeedEntry& fe : state.entries()) {
        if (fe.entry.kind() != Kind::update || fe.effect != EntryEffect::counted) continue;
        if (WeekSummary* w = week_of(fe.entry.created_at_ms())) ++w->people[fe.entry.author()].updates;
    }
    return out;
}

}  // namespace candor::core
