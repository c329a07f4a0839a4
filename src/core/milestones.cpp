// Every rule reads authors' times and entries both devices hold (never this device's judged
// times or clock), and walks its items in a fixed order, so the result is a function of the set
// of entries. Rules and why: core/milestones.hpp.
#include "core/milestones.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/checkin_period.hpp"
#include "core/ledger.hpp"

namespace candor::core {

std::string_view milestone_kind_name(MilestoneKind kind) {
    switch (kind) {
        case MilestoneKind::updates_7_days: return "updates_7_days";
        case MilestoneKind::late_in_time_week: return "late_in_time_week";
        case MilestoneKind::kept_10: return "kept_10";
        case MilestoneKind::weekly_together: return "weekly_together";
        case MilestoneKind::checkin_month: return "checkin_month";
        case MilestoneKind::fewer_reassurance_month: return "fewer_reassurance_month";
        case MilestoneKind::agreement_in_force: return "agreement_in_force";
        case MilestoneKind::first_review: return "first_review";
    }
    return "unknown";
}

namespace {

inline constexpr std::size_t kUpdateDays = 7;
inline constexpr unsigned kKeptInARow = 10;
inline constexpr std::size_t kCheckinMonthDays = 30;

Milestone reached(MilestoneKind kind, std::optional<DeviceId> person, std::int64_t at_ms, std::int16_t offset) {
    std::string id(milestone_kind_name(kind));
    if (person) id += "." + to_hex(*person);
    return Milestone{std::move(id), kind, person, at_ms, offset};
}

// The latest author time in the journal: a week or month ends for these rules once it is passed.
std::int64_t latest_entry_ms(const State& state) {
    std::int64_t latest = 0;
    for (const FeedEntry& fe : state.entries()) latest = std::max(latest, fe.entry.created_at_ms());
    return latest;
}

void updates_days(const State& state, std::vector<Milestone>& out) {
    std::map<DeviceId, std::set<std::int64_t>> days;
    for (const FeedEntry& fe : state.entries()) {
        const Entry& e = fe.entry;
        if (e.kind() != Kind::update || fe.effect != EntryEffect::counted) continue;
        auto& mine = days[e.author()];
        if (mine.size() >= kUpdateDays || !mine.insert(local_day(e.created_at_ms(), e.utc_offset_minutes())).second) continue;
        if (mine.size() == kUpdateDays) {
            out.push_back(reached(MilestoneKind::updates_7_days, e.author(), e.created_at_ms(), e.utc_offset_minutes()));
        }
    }
}

struct WeekOfNotices {
    bool all_in_time = true;
    const StoryEvent* last = nullptr;
    std::int64_t end_ms = 0;
};

void late_in_time(const State& state, std::int64_t latest_ms, std::vector<Milestone>& out) {
    std::map<DeviceId, std::map<std::int64_t, WeekOfNotices>> weeks;  // person -> Monday -> notices
    for (const Commitment& c : state.commitments()) {
        std::int64_t due = c.original_due_ms;
        for (const StoryEvent& ev : c.story) {
            if (ev.type == StoryEvent::Type::renegotiated) due = ev.due_ms;
            if (ev.type != StoryEvent::Type::late) continue;
            const std::int64_t monday = week_monday(local_day(ev.at_ms, ev.utc_offset_minutes));
            WeekOfNotices& w = weeks[c.author][monday];
            w.all_in_time = w.all_in_time && ev.at_ms < due;
            if (!w.last || ev.at_ms > w.last->at_ms) w.last = &ev;
            w.end_ms = day_start_ms(monday + 7, ev.utc_offset_minutes);
        }
    }
    for (const auto& [person, by_week] : weeks) {
        for (const auto& [monday, w] : by_week) {
            if (!w.all_in_time || latest_ms < w.end_ms) continue;
            out.push_back(reached(MilestoneKind::late_in_time_week, person, w.last->at_ms, w.last->utc_offset_minutes));
            break;
        }
    }
}

void kept_in_a_row(const State& state, std::vector<Milestone>& out) {
    struct Resolved {
        const Commitment* c;
        bool kept_well;
    };
    std::vector<Resolved> resolved;
    for (const Commitment& c : state.commitments()) {
        const LedgerItem item = ledger_item(c, 0, LedgerClock::author);
        if (!item.resolved()) continue;
        resolved.push_back({&c, item.outcome == LedgerOutcome::kept_on_time || item.outcome == LedgerOutcome::kept_late_warned});
    }
    std::stable_sort(resolved.begin(), resolved.end(),
                     [](const Resolved& a, const Resolved& b) { return a.c->resolved_at_ms < b.c->resolved_at_ms; });
    std::map<DeviceId, unsigned> run;
    std::set<DeviceId> done;
    for (const Resolved& r : resolved) {
        const DeviceId& who = r.c->author;
        if (done.count(who) != 0) continue;
        run[who] = r.kept_well ? run[who] + 1 : 0;
        if (run[who] < kKeptInARow) continue;
        done.insert(who);
        const StoryEvent& last = r.c->story.back();
        out.push_back(reached(MilestoneKind::kept_10, who, r.c->resolved_at_ms, last.utc_offset_minutes));
    }
}

// Open periods of both partners' check-ins with when they opened (the later key of the two).
std::vector<std::pair<std::int64_t, std::int16_t>> opened_periods(const State& state, CheckinType type) {
    std::vector<std::pair<std::int64_t, std::int16_t>> out;
    const CheckinLog& log = state.checkins();
    for (const PeriodKey& key : log.periods()) {
        if (key.type != type || !log.revealed(key)) continue;
        std::pair<std::int64_t, std::int16_t> at{0, 0};
        for (const SealedCheckin* c : log.answers_for(key)) {
            if (c->opened_at_ms > at.first) at = {c->opened_at_ms, c->utc_offset_minutes};
        }
        out.push_back(at);
    }
    std::sort(out.begin(), out.end());
    return out;
}

void checkins_together(const State& state, std::vector<Milestone>& out) {
    const auto weekly = opened_periods(state, CheckinType::weekly);
    if (!weekly.empty()) out.push_back(reached(MilestoneKind::weekly_together, {}, weekly[0].first, weekly[0].second));
    const auto daily = opened_periods(state, CheckinType::daily);
    if (daily.size() >= kCheckinMonthDays) {
        const auto& at = daily[kCheckinMonthDays - 1];
        out.push_back(reached(MilestoneKind::checkin_month, {}, at.first, at.second));
    }
}

std::int64_t month_index(std::int64_t utc_ms, int offset) {
    const LocalDate d = date_of_day(local_day(utc_ms, offset));
    return std::int64_t{d.year} * 12 + (d.month - 1);
}

void fewer_reassurances(const State& state, std::vector<Milestone>& out) {
    std::map<std::int64_t, unsigned> per_month;
    for (const Reassurance& r : state.repair().reassurances()) ++per_month[month_index(r.asked_at_ms, r.utc_offset_minutes)];
    std::optional<std::int64_t> month;  // the first month with fewer requests than the one before
    for (const auto& [m, n] : per_month) {
        const auto next = per_month.find(m + 1);
        const unsigned after = next == per_month.end() ? 0 : next->second;
        if (after < n) {
            month = m + 1;
            break;
        }
    }
    if (!month) return;
    const Entry* first_after = nullptr;  // the first entry dated after that month: it is over
    for (const FeedEntry& fe : state.entries()) {
        const Entry& e = fe.entry;
        if (month_index(e.created_at_ms(), e.utc_offset_minutes()) <= *month) continue;
        if (!first_after || e.created_at_ms() < first_after->created_at_ms()) first_after = &e;
    }
    if (first_after) {
        out.push_back(reached(MilestoneKind::fewer_reassurance_month, {}, first_after->created_at_ms(),
                              first_after->utc_offset_minutes()));
    }
}

void agreement_firsts(const State& state, std::vector<Milestone>& out) {
    const AgreementVersion* first = nullptr;
    for (const AgreementVersion& v : state.agreement().versions()) {
        if (v.activated_by && (!first || v.activated_at_ms < first->activated_at_ms)) first = &v;
    }
    if (first) {
        const FeedEntry* acceptance = state.find(*first->activated_by);
        out.push_back(reached(MilestoneKind::agreement_in_force, {}, first->activated_at_ms,
                              acceptance ? acceptance->entry.utc_offset_minutes() : 0));
    }
    const auto& reviews = state.agreement().reviews();
    const auto earliest = std::min_element(reviews.begin(), reviews.end(),
                                           [](const AgreementReview& a, const AgreementReview& b) { return a.at_ms < b.at_ms; });
    if (earliest != reviews.end()) {
        out.push_back(reached(MilestoneKind::first_review, {}, earliest->at_ms, earliest->utc_offset_minutes));
    }
}

}  // namespace

std::vector<Milestone> milestones(const State& state) {
    std::vector<Milestone> out;
    updates_days(state, out);
    late_in_time(state, latest_entry_ms(state), out);
    kept_in_a_row(state, out);
    checkins_together(state, out);
    fewer_reassurances(state, out);
    agreement_firsts(state, out);
    std::sort(out.begin(), out.end(), [](const Milestone& a, const Milestone& b) {
        return a.reached_at_ms != b.reached_at_ms ? a.reached_at_ms < b.reached_at_ms : a.id < b.id;
    });
    return out;
}

std::string milestone_text(const Milestone& m, const DeviceId& viewer, std::string_view partner_name) {
    const bool mine = m.person && *m.person == viewer;
    const std::string who = mine ? "You" : std::string(partner_name);
    const std::string whose = mine ? "Your" : std::string(partner_name) + "'s";
    switch (m.kind) {
        case MilestoneKind::updates_7_days: return who + " shared updates on seven different days";
        case MilestoneKind::late_in_time_week: return whose + " first week with every late notice sent in time";
        case MilestoneKind::kept_10: return who + " kept ten commitments in a row";
        case MilestoneKind::weekly_together: return "Your first \"State of us\" together";
        case MilestoneKind::checkin_month: return "A month of check-ins: thirty days you both checked in";
        case MilestoneKind::fewer_reassurance_month: return "A month with fewer reassurance requests than the month before";
        case MilestoneKind::agreement_in_force: return "Your first agreement, accepted by both of you";
        case MilestoneKind::first_review: return "Your first review of the agreement together";
    }
    return "A milestone";
}

}  // namespace candor::core
