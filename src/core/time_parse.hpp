// Times a person types, for the CLI's TIME arguments and the app's time fields alike (19:00, 7pm,
// +45m, tomorrow 9:00, ISO 8601), and the short forms they are shown in. Pure: "now" and the UTC
// offset are passed in; only local_time_context() reads the clock and the system time zone.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "core/time_format.hpp"

namespace candor::core {

// Minutes east of UTC in effect at a UTC instant (ms since the epoch); differs across DST.
using UtcOffsetFn = std::function<int(std::int64_t utc_ms)>;

struct TimeContext {
    std::int64_t now_ms = 0;
    UtcOffsetFn utc_offset_minutes;
};

// The real clock and the system time zone (localtime_r).
[[nodiscard]] TimeContext local_time_context();
// A fixed offset, for tests and for callers that already know it.
[[nodiscard]] TimeContext fixed_time_context(std::int64_t now_ms, int offset_minutes);

// TIME as the spec has it, returned as ms since the epoch (UTC):
//   "19:00" / "9:30"      the next occurrence of that local time, strictly after now
//   "7pm" / "7:30 am"     the same, on a 12-hour clock
//   "today 19:00", "tomorrow 9:00", "tomorrow 7pm"   that local time on that day
//   "+45m", "+2h", "+1h30m", "+1d"   now plus a duration (more than zero, at most a year)
//   "2026-11-23T19:00[:SS]"           local time
//   "2026-11-23T19:00[:SS](Z|+01:00|-0500)"  with an explicit offset
// Errors name the input and say which forms are accepted.
[[nodiscard]] Result<std::int64_t> parse_time(std::string_view text, const TimeContext& ctx);

// Only the ISO 8601 forms above (for reading times back from JSON).
[[nodiscard]] Result<std::int64_t> parse_iso8601(std::string_view text, const TimeContext& ctx);

// A short local time for human output: "19:00" today, "tomorrow 08:30", "Mon 23 Nov 19:00"
// within a week either side, otherwise "2026-11-23 19:00".
[[nodiscard]] std::string format_local_short(std::int64_t ms, const TimeContext& ctx);

// What a typed time came to, as the app shows it live: "today 19:00, in 3 h 12 min".
[[nodiscard]] std::string format_when(std::int64_t ms, const TimeContext& ctx);

// A time written so that parse_time() reads it back: "19:30" later today, "tomorrow 08:00",
// otherwise "2026-11-23 19:00" (local, to the minute).
[[nodiscard]] std::string format_time_input(std::int64_t ms, const TimeContext& ctx);

// `minutes` after local midnight, `days` days from today (0: today), as a UTC instant.
[[nodiscard]] std::int64_t at_local_time(std::int64_t days, int minutes, const TimeContext& ctx);
// Minutes after local midnight at `ms` (19:05 is 1145).
[[nodiscard]] int local_minutes(std::int64_t ms, const TimeContext& ctx);
// The day of `ms`: "today", "tomorrow", "yesterday", "Mon 23 Nov" within a week, else "2026-11-23".
[[nodiscard]] std::string format_day(std::int64_t ms, const TimeContext& ctx);

}  // namespace candor::core
