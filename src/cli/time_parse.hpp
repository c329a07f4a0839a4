// TIME arguments of the CLI (19:00, +45m, +2h, +1h30m, ISO 8601) and the time formats it prints.
// Pure: "now" and the UTC offset are passed in; only local_time_context() reads the clock and
// the system time zone.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "core/time_format.hpp"

namespace candor::cli {

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
//   "+45m", "+2h", "+1h30m", "+1d"   now plus a duration (more than zero, at most a year)
//   "2026-11-23T19:00[:SS]"           local time
//   "2026-11-23T19:00[:SS](Z|+01:00|-0500)"  with an explicit offset
// Errors name the input and say which forms are accepted.
[[nodiscard]] Result<std::int64_t> parse_time(std::string_view text, const TimeContext& ctx);

// Only the ISO 8601 forms above (for reading times back from JSON).
[[nodiscard]] Result<std::int64_t> parse_iso8601(std::string_view text, const TimeContext& ctx);

// "2026-11-23T19:00:00+01:00" and "in 20 min" / "1 h 30 min ago": shared with the app (core).
using core::format_iso8601;
using core::format_relative;

// A short local time for human output: "19:00" today, "tomorrow 08:30", "Mon 23 Nov 19:00"
// within a week either side, otherwise "2026-11-23 19:00".
[[nodiscard]] std::string format_local_short(std::int64_t ms, const TimeContext& ctx);

}  // namespace candor::cli
