// One pass per source (commitments through week_summaries, reassurances, check-ins), each item
// bucketed into its week. Requests and commitments count by their time at the viewer's offset;
// a check-in counts by its period (the author's local date or ISO week), as the check-in itself
// says which day it answers for.
#include "core/progress.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/checkin_period.hpp"

namespace candor::core {

PersonWeek ProgressWeek::of(const DeviceId& person) const {
    auto it = people.find(person);
    return it == people.end() ? PersonWeek{} : it->second;
}

std::optional<std::int64_t> median_ms(std::vector<std::int64_t> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    if (values.size() % 2 == 1) return values[mid];
    return values[mid - 1] + (values[mid] - values[mid - 1]) / 2;
}

namespace {

void add_reassurances(Progress& p, const State& state) {
    std::map<std::pair<std::size_t, DeviceId>, std::vector<std::int64_t>> recoveries;
    for (std::size_t i = 0; i < p.weeks.size(); ++i) {
        ProgressWeek& w = p.weeks[i];
        for (const Reassurance& r : state.repair().reassurances()) {
            if (r.asked_at_ms < w.start_ms || r.asked_at_ms >= w.end_ms) continue;
            ++w.people[r.asked_by].reassurance_requests;
            if (auto ms = r.recovery_ms()) recoveries[{i, r.asked_by}].push_back(*ms);
        }
    }
    for (auto& [key, values] : recoveries) p.weeks[key.first].people[key.second].recovery_median_ms = median_ms(values);
}

double mean_rating(const DailyAnswer& a) { return (a.safe + a.connected + a.trust) / 3.0; }

void add_checkins(Progress& p, const State& state, std::int64_t first_monday) {
    std::unordered_map<std::string, std::size_t> week_of_period;  // dates and ISO weeks -> week index
    for (std::size_t i = 0; i < p.weeks.size(); ++i) {
        week_of_period.emplace(p.weeks[i].week, i);
        for (std::int64_t d = 0; d < 7; ++d) {
            week_of_period.emplace(date_string(first_monday + 7 * static_cast<std::int64_t>(i) + d), i);
        }
    }
    std::map<std::pair<std::size_t, DeviceId>, double> rating_sums;
    for (const SealedCheckin& c : state.checkins().all()) {
        if (!c.in_force()) continue;
        auto it = week_of_period.find(c.period);
        if (it == week_of_period.end()) continue;
        PersonWeek& pw = p.weeks[it->second].people[c.author];
        if (c.type == CheckinType::daily) {
            ++pw.checkin_days;
            if (const auto* daily = c.answer ? std::get_if<DailyAnswer>(&*c.answer) : nullptr) {
                ++pw.rated_days;
                rating_sums[{it->second, c.author}] += mean_rating(*daily);
            }
        } else if (const auto* weekly = c.answer ? std::get_if<WeeklyAnswer>(&*c.answer) : nullptr) {
            pw.appreciations += static_cast<unsigned>(weekly->appreciations.size());
        }
    }
    for (const auto& [key, sum] : rating_sums) {
        PersonWeek& pw = p.weeks[key.first].people[key.second];
        pw.rating_mean = sum / pw.rated_days;
    }
}

}  // namespace

Progress build_progress(const State& state, unsigned weeks, int utc_offset_minutes, std::int64_t now_ms) {
    weeks = std::clamp(weeks, kMinProgressWeeks, kMaxProgressWeeks);
    const std::int64_t first_monday = week_monday(local_day(now_ms, utc_offset_minutes)) - 7 * (std::int64_t{weeks} - 1);
    Progress p;
    for (WeekSummary& s : week_summaries(state, first_monday, weeks, utc_offset_minutes, now_ms)) {
        ProgressWeek w{std::move(s.week), s.start_ms, s.end_ms, {}};
        for (const auto& [person, figures] : s.people) w.people[person].commitments = figures;
        p.weeks.push_back(std::move(w));
    }
    add_reassurances(p, state);
    add_checkins(p, state, first_monday);
    p.milestones = milestones(state);
    return p;
}

}  // namespace candor::core
