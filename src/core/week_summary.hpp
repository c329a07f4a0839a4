// The week as it happened, for the weekly "State of us": per person, the commitments made that
// week, how those due that week went (core/ledger.hpp), the updates shared and the late notices
// sent (and how many of them came before the due time). Pure: a State, a week and `now`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/ledger.hpp"

namespace candor::core {

struct WeekFigures {
    unsigned made = 0;              // commitments made this week
    unsigned kept_on_time = 0;      // of those due this week
    unsigned kept_late_warned = 0;  // kept late, with a late notice in time
    unsigned kept_late = 0;         // kept late, without one
    unsigned missed = 0;
    unsigned open = 0;              // due this week and not resolved yet
    unsigned updates = 0;           // transparency updates shared this week
    unsigned late_notices = 0;      // running-late notices sent this week
    unsigned late_in_time = 0;      // of those, sent before the due time of their commitment
    bool operator==(const WeekFigures&) const = default;
};

struct WeekSummary {
    std::string week;  // "2026-W49"
    std::int64_t start_ms = 0;  // Monday 00:00 local
    std::int64_t end_ms = 0;    // the Monday after
    std::map<DeviceId, WeekFigures> people;
    [[nodiscard]] WeekFigures figures(const DeviceId& person) const;
};

// The ISO week holding `at_ms` at the viewer's UTC offset.
[[nodiscard]] WeekSummary week_summary(const State& state, std::int64_t at_ms, int utc_offset_minutes,
                                       std::int64_t now_ms);
// `count` consecutive weeks from the one starting on local day `first_monday` (a Monday, days since
// 1970-01-01), oldest first, in one pass over the State. Every week uses the same UTC offset.
[[nodiscard]] std::vector<WeekSummary> week_summaries(const State& state, std::int64_t first_monday, std::size_t count,
                                                      int utc_offset_minutes, std::int64_t now_ms);

}  // namespace candor::core
