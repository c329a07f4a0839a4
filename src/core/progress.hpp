// Progress, week by week and per person: how commitments went (core/week_summary.hpp), late
// notices sent in time, the median time from a reassurance request to "I feel settled", days
// checked in, the daily ratings and the appreciations written in weekly check-ins. Only what both
// partners can read counts: a check-in's ratings and appreciations once it is open, while a sealed
// answer counts only as "checked in". Pure: a State, how many weeks, the viewer's UTC offset, `now`.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/milestones.hpp"
#include "core/week_summary.hpp"

namespace candor::core {

inline constexpr unsigned kMinProgressWeeks = 4;
inline constexpr unsigned kMaxProgressWeeks = 52;
inline constexpr unsigned kDefaultProgressWeeks = 12;

struct PersonWeek {
    WeekFigures commitments;                          // made, kept…, late notices in time
    unsigned reassurance_requests = 0;                // asked this week
    std::optional<std::int64_t> recovery_median_ms;   // of those asked this week and settled
    unsigned checkin_days = 0;                        // days with a daily answer in force
    unsigned rated_days = 0;                          // of those, open to both
    std::optional<double> rating_mean;                // mean of the three ratings over rated_days
    unsigned appreciations = 0;                       // in this week's open weekly answer
    bool operator==(const PersonWeek&) const = default;
};

struct ProgressWeek {
    std::string week;           // "2026-W49"
    std::int64_t start_ms = 0;  // Monday 00:00 at the viewer's offset
    std::int64_t end_ms = 0;
    std::map<DeviceId, PersonWeek> people;
    [[nodiscard]] PersonWeek of(const DeviceId& person) const;  // zeros for someone not in it
};

struct Progress {
    std::vector<ProgressWeek> weeks;  // oldest first; the last holds `now`
    std::vector<Milestone> milestones;
};

// The `weeks` weeks (clamped to kMinProgressWeeks..kMaxProgressWeeks) ending with the one that
// holds `now_ms` at that UTC offset.
[[nodiscard]] Progress build_progress(const State& state, unsigned weeks, int utc_offset_minutes, std::int64_t now_ms);

// The median of some durations (the mean of the two middle ones for an even count).
[[nodiscard]] std::optional<std::int64_t> median_ms(std::vector<std::int64_t> values);

}  // namespace candor::core
