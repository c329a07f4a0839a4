// Civil dates from day numbers (the proleptic Gregorian calendar, H. Hinnant's algorithm) and
// ISO 8601 weeks (a week belongs to the year holding its Thursday).
#include "core/checkin_period.hpp"

#include <cstdio>

namespace candor::core {
namespace {
constexpr std::int64_t kDayMs = 86'400'000;

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = floor_div(y, 400);
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
std::int64_t weekday(std::int64_t day) {
    const std::int64_t r = (day + 3) % 7;
    return r < 0 ? r + 7 : r;
}
}  // namespace

std::int64_t local_day(std::int64_t utc_ms, int utc_offset_minutes) {
    return floor_div(utc_ms + static_cast<std::int64_t>(utc_offset_minutes) * 60'000, kDayMs);
}

LocalDate date_of_day(std::int64_t z) {
    z += 719468;
    const std::int64_t era = floor_div(z, 146097);
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    LocalDate out;
    out.day = doy - (153 * mp + 2) / 5 + 1;
    out.month = mp < 10 ? mp + 3 : mp - 9;
    out.year = static_cast<int>(static_cast<std::int64_t>(yoe) + era * 400 + (out.month <= 2));
    return out;
}

std::string date_string(std::int64_t day) {
    const LocalDate d = date_of_day(day);
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", d.year, d.month, d.day);
    return buf;
}

std::int64_t week_monday(std::int64_t day) { return day - weekday(day); }

int day_of_week(std::int64_t day) { return static_cast<int>(weekday(day)); }

std::string iso_week_string(std::int64_t day) {
    const std::int64_t thursday = week_monday(day) + 3;
    const int year = date_of_day(thursday).year;
    const std::int64_t week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-W%02d", year, static_cast<int>(week));
    return buf;
}

std::string checkin_period(CheckinType type, std::int64_t utc_ms, int utc_offset_minutes) {
    const std::int64_t day = local_day(utc_ms, utc_offset_minutes);
    return type == CheckinType::daily ? date_string(day) : iso_week_string(day);
}

std::int64_t day_start_ms(std::int64_t day, int utc_offset_minutes) {
    return day * kDayMs - static_cast<std::int64_t>(utc_offset_minutes) * 60'000;
}

}  // namespace candor::core
