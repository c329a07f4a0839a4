// The period a check-in answers for: the author's local date ("2026-12-02") for a daily one and
// the ISO week of that date ("2026-W49") for a weekly one. Always taken from the entry's header
// (author time plus the author's UTC offset then), so two devices that disagree about "today"
// still agree about which day an answer is for.
#pragma once

#include <cstdint>
#include <string>

#include "core/kinds.hpp"

namespace candor::core {

struct LocalDate {
    int year = 1970;
    unsigned month = 1;  // 1..12
    unsigned day = 1;    // 1..31
};

// Days since 1970-01-01 of the local date at `utc_ms` with that UTC offset.
[[nodiscard]] std::int64_t local_day(std::int64_t utc_ms, int utc_offset_minutes);
[[nodiscard]] LocalDate date_of_day(std::int64_t day);
[[nodiscard]] std::string date_string(std::int64_t day);  // "2026-12-02"
[[nodiscard]] std::string iso_week_string(std::int64_t day);  // "2026-W49"
// 0 = Monday … 6 = Sunday.
[[nodiscard]] int day_of_week(std::int64_t day);
// Monday of the ISO week holding `day`.
[[nodiscard]] std::int64_t week_monday(std::int64_t day);

[[nodiscard]] std::string checkin_period(CheckinType type, std::int64_t utc_ms, int utc_offset_minutes);

// The first instant (UTC ms) of `day` and of the day after it, at that UTC offset.
[[nodiscard]] std::int64_t day_start_ms(std::int64_t day, int utc_offset_minutes);

}  // namespace candor::core
