// Civil-from-days (Howard Hinnant's algorithm) keeps this free of the C library's time zone state.
#include "core/time_format.hpp"

#include <cstdio>
#include <cstdlib>

namespace candor::core {
namespace {

struct Civil {
    std::int64_t year;
    unsigned month, day;
};

Civil civil_from_days(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    return {y + (m <= 2), m, d};
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

std::string format_iso8601(std::int64_t utc_ms, int offset_minutes) {
    const std::int64_t local_s = floor_div(utc_ms, 1000) + static_cast<std::int64_t>(offset_minutes) * 60;
    const std::int64_t days = floor_div(local_s, 86400);
    const std::int64_t secs = local_s - days * 86400;
    const Civil c = civil_from_days(days);
    const int off = std::abs(offset_minutes);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", static_cast<long long>(c.year), c.month,
                  c.day, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60),
                  offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
    return buf;
}

}  // namespace candor::core

namespace candor::core {

std::string format_relative(std::int64_t ms, std::int64_t now_ms) {
    constexpr std::int64_t kMinute = 60'000, kHour = 60 * kMinute, kDay = 24 * kHour;
    const std::int64_t diff = ms - now_ms;
    const std::int64_t a = diff < 0 ? -diff : diff;
    if (a < kMinute) return "now";
    std::string amount;
    if (a < 3 * kHour) {
        // Close by, the minutes matter: "1 h 30 min", not "2 h".
        const std::int64_t minutes = (a + kMinute / 2) / kMinute;
        const std::int64_t h = minutes / 60;
        const std::int64_t m = minutes % 60;
        if (h == 0) amount = std::to_string(m) + " min";
        else {
            // Appended step by step: `" " + std::to_string(m)` trips GCC 12's -O3 -Wrestrict.
            amount = std::to_string(h) + " h";
            if (m != 0) amount.append(" ").append(std::to_string(m)).append(" min");
        }
    } else if (a < kDay) {
        const std::int64_t h = (a + kHour / 2) / kHour;
        amount = h >= 24 ? "1 day" : std::to_string(h) + " h";
    } else {
        const std::int64_t d = (a + kDay / 2) / kDay;
        amount = std::to_string(d) + (d == 1 ? " day" : " days");
    }
    return diff > 0 ? "in " + amount : amount + " ago";
}

std::string format_clock(std::int64_t utc_ms, int offset_minutes) {
    const std::string iso = format_iso8601(utc_ms, offset_minutes);
    return iso.substr(11, 5);
}

}  // namespace candor::core
