// Pure time formatting shared by the CLI, the JSON output and the app: ISO 8601 with an offset.
#pragma once

#include <cstdint>
#include <string>

namespace candor::core {

// "2026-11-23T19:00:00+01:00" for ms since the epoch (UTC) shown at a UTC offset in minutes.
[[nodiscard]] std::string format_iso8601(std::int64_t utc_ms, int offset_minutes);

}  // namespace candor::core

namespace candor::core {

// "now", "in 20 min", "1 h 30 min ago", "in 5 h", "in 3 days": how far `utc_ms` is from `now_ms`.
[[nodiscard]] std::string format_relative(std::int64_t utc_ms, std::int64_t now_ms);
// "19:05" at the given UTC offset.
[[nodiscard]] std::string format_clock(std::int64_t utc_ms, int offset_minutes);

}  // namespace candor::core
