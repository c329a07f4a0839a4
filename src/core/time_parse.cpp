// Parsing and formatting of typed times (time_parse.hpp). Civil-date arithmetic follows
// Howard Hinnant's days_from_civil / civil_from_days, so no libc time zone state is involved
// except in local_time_context().
#include "core/time_parse.hpp"
#include "common/text.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>

namespace candor::core {

namespace {

constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;
constexpr std::int64_t kDay = 24 * kHour;

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
    return q;
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Civil {
    std::int64_t year;
    unsigned month;
    unsigned day;
    int hour;
    int minute;
    int second;
    int weekday;  // 0 = Sunday
};

Civil civil_from_ms(std::int64_t ms) {
    const std::int64_t days = floor_div(ms, kDay);
    const std::int64_t in_day = ms - days * kDay;
    std::int64_t z = days + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
    const int weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday
    return Civil{y, m, d, static_cast<int>(in_day / kHour), static_cast<int>(in_day % kHour / kMinute),
                 static_cast<int>(in_day % kMinute / 1000), weekday};
}

bool is_leap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(std::int64_t y, unsigned m) {
    static constexpr unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

std::int64_t offset_ms_at(const TimeContext& ctx, std::int64_t utc_ms) {
    return ctx.utc_offset_minutes ? ctx.utc_offset_minutes(utc_ms) * kMinute : 0;
}

// Local wall-clock ms (as if UTC) to a UTC instant. Two rounds settle on the offset in effect
// at the result, which matters on DST change days.
std::int64_t local_to_utc(std::int64_t local_ms, const TimeContext& ctx) {
    std::int64_t utc = local_ms - offset_ms_at(ctx, local_ms);
    utc = local_ms - offset_ms_at(ctx, utc);
    return utc;
}

std::int64_t utc_to_local(std::int64_t utc_ms, const TimeContext& ctx) {
    return utc_ms + offset_ms_at(ctx, utc_ms);
}

// Reads exactly `n` digits at text[pos]; advances pos.
std::optional<int> digits(std::string_view text, std::size_t& pos, std::size_t n) {
    if (pos + n > text.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const char c = text[pos + i];
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    pos += n;
    return v;
}

Error bad_time(std::string_view text, std::string_view why) {
    return make_error("invalid time " + text::excerpt(text) + ": " + std::string(why) +
                      " (use 19:00, 7pm, +45m, +2h, tomorrow 9:00 or 2026-11-23T19:00)");
}

bool starts_with_folded(std::string_view text, std::string_view word) {
    if (text.size() < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = text[i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != word[i]) return false;
    }
    return true;
}

// "19:00", "9:30", "7pm", "7 pm", "7:30am": minutes after local midnight.
Result<int> clock_minutes(std::string_view whole, std::string_view text) {
    const std::string_view tail = text.size() >= 2 ? text.substr(text.size() - 2) : std::string_view{};
    const int half = starts_with_folded(tail, "am") ? 1 : starts_with_folded(tail, "pm") ? 2 : 0;
    if (half) {
        text.remove_suffix(2);
        while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    }
    std::size_t pos = 0;
    const std::size_t colon = text.find(':');
    const std::size_t hour_digits = colon == std::string_view::npos ? text.size() : colon;
    std::optional<int> hour;
    if (hour_digits >= 1 && hour_digits <= 2) hour = digits(text, pos, hour_digits);
    std::optional<int> minute = 0;
    if (colon != std::string_view::npos) {
        ++pos;
        minute = digits(text, pos, 2);
    } else if (!half) {
        return bad_time(whole, "expected HH:MM");
    }
    if (!hour || !minute || pos != text.size()) return bad_time(whole, half ? "expected 7pm or 7:30pm" : "expected HH:MM");
    if (half && (*hour < 1 || *hour > 12)) return bad_time(whole, "with am or pm the hour must be 1 to 12");
    if (*hour > 23) return bad_time(whole, "the hour must be 0 to 23");
    if (*minute > 59) return bad_time(whole, "the minutes must be 0 to 59");
    const int h = hour.value_or(0);
    const int h24 = half == 0 ? h : (h % 12) + (half == 2 ? 12 : 0);
    return h24 * 60 + minute.value_or(0);
}

// The next occurrence of a local clock time, strictly after now.
Result<std::int64_t> parse_clock(std::string_view text, const TimeContext& ctx) {
    auto minutes = clock_minutes(text, text);
    if (!minutes) return minutes.error();
    for (int day = 0; day < 3; ++day) {
        const std::int64_t candidate = at_local_time(day, *minutes, ctx);
        if (candidate > ctx.now_ms) return candidate;
    }
    return bad_time(text, "cannot place it after now");  // unreachable with sane offsets
}

// "today 19:00", "tomorrow 9:00", "tomorrow 7pm".
Result<std::int64_t> parse_on_day(std::string_view text, std::size_t word, int days, const TimeContext& ctx) {
    std::string_view rest = text.substr(word);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty()) return bad_time(text, "say at what time, like tomorrow 9:00");
    auto minutes = clock_minutes(text, rest);
    if (!minutes) return minutes.error();
    const std::int64_t at = at_local_time(days, *minutes, ctx);
    if (at <= ctx.now_ms) return bad_time(text, "that time has already passed today");
    return at;
}

Result<std::int64_t> parse_duration(std::string_view text, const TimeContext& ctx) {
    std::size_t pos = 1;  // after '+'
    std::int64_t total = 0;
    int last_rank = 3;  // units must come in the order d, h, m, each once
    bool any = false;
    while (pos < text.size()) {
        std::int64_t n = 0;
        std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            n = std::min<std::int64_t>(n * 10 + (text[pos++] - '0'), 1'000'000'000);  // no overflow
        }
        if (pos == start) return bad_time(text, "expected a number after '+'");
        if (n > 366 * 24 * 60) return bad_time(text, "the duration must be at most a year");
        if (pos >= text.size()) return bad_time(text, "a duration needs a unit: m, h or d");
        const char unit = text[pos++];
        const int rank = unit == 'd' ? 2 : unit == 'h' ? 1 : unit == 'm' ? 0 : -1;
        if (rank < 0) return bad_time(text, "unknown unit (use m, h or d)");
        if (rank >= last_rank) return bad_time(text, "write units once, largest first: +1h30m");
        last_rank = rank;
        total += n * (rank == 2 ? kDay : rank == 1 ? kHour : kMinute);
        any = true;
    }
    if (!any) return bad_time(text, "expected a duration such as +45m or +2h");
    if (total <= 0) return bad_time(text, "the duration must be more than zero");
    if (total > 366 * kDay) return bad_time(text, "the duration must be at most a year");
    return ctx.now_ms + total;
}

}  // namespace

TimeContext local_time_context() {
    ::tzset();
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    TimeContext ctx;
    ctx.now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
    ctx.utc_offset_minutes = [](std::int64_t utc_ms) {
        const std::time_t t = static_cast<std::time_t>(floor_div(utc_ms, 1000));
        std::tm tm{};
        if (::localtime_r(&t, &tm) == nullptr) return 0;
        return static_cast<int>(tm.tm_gmtoff / 60);
    };
    return ctx;
}

TimeContext fixed_time_context(std::int64_t now_ms, int offset_minutes) {
    return TimeContext{now_ms, [offset_minutes](std::int64_t) { return offset_minutes; }};
}

Result<std::int64_t> parse_iso8601(std::string_view text, const TimeContext& ctx) {
    std::size_t pos = 0;
    const auto year = digits(text, pos, 4);
    const bool dash1 = pos < text.size() && text[pos++] == '-';
    const auto month = digits(text, pos, 2);
    const bool dash2 = pos < text.size() && text[pos++] == '-';
    const auto day = digits(text, pos, 2);
    if (!year || !dash1 || !month || !dash2 || !day)
        return bad_time(text, "expected a date as YYYY-MM-DD");
    if (pos >= text.size() || (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' '))
        return bad_time(text, "expected 'T' and a time after the date");
    ++pos;
    const auto hour = digits(text, pos, 2);
    const bool colon = pos < text.size() && text[pos++] == ':';
    const auto minute = digits(text, pos, 2);
    if (!hour || !colon || !minute) return bad_time(text, "expected the time as HH:MM");
    int second = 0;
    if (pos < text.size() && text[pos] == ':') {
        ++pos;
        const auto s = digits(text, pos, 2);
        if (!s) return bad_time(text, "expected seconds as two digits");
        second = *s;
        if (pos < text.size() && text[pos] == '.') {  // fractions are accepted and dropped
            ++pos;
            const std::size_t start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
            if (pos == start) return bad_time(text, "expected digits after '.'");
        }
    }
    if (*month < 1 || *month > 12) return bad_time(text, "the month must be 01 to 12");
    if (*day < 1 || static_cast<unsigned>(*day) > days_in_month(*year, static_cast<unsigned>(*month)))
        return bad_time(text, "that day does not exist in that month");
    if (*hour > 23) return bad_time(text, "the hour must be 00 to 23");
    if (*minute > 59) return bad_time(text, "the minutes must be 00 to 59");
    if (second > 59) return bad_time(text, "the seconds must be 00 to 59");

    const std::int64_t wall = days_from_civil(*year, static_cast<unsigned>(*month),
                                              static_cast<unsigned>(*day)) * kDay +
                              *hour * kHour + *minute * kMinute + second * 1000;
    if (pos == text.size()) return local_to_utc(wall, ctx);
    if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) return wall;
    if (text[pos] != '+' && text[pos] != '-')
        return bad_time(text, "expected Z or an offset such as +01:00 at the end");
    const int sign = text[pos++] == '-' ? -1 : 1;
    const auto off_h = digits(text, pos, 2);
    if (pos < text.size() && text[pos] == ':') ++pos;
    const auto off_m = digits(text, pos, 2);
    if (!off_h || !off_m || pos != text.size() || *off_h > 23 || *off_m > 59)
        return bad_time(text, "expected an offset such as +01:00 at the end");
    return wall - sign * (*off_h * kHour + *off_m * kMinute);
}

Result<std::int64_t> parse_time(std::string_view text, const TimeContext& ctx) {
    while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
    if (text.empty()) return bad_time(text, "it is empty");
    if (text[0] == '+') return parse_duration(text, ctx);
    if (starts_with_folded(text, "tomorrow")) return parse_on_day(text, 8, 1, ctx);
    if (starts_with_folded(text, "today")) return parse_on_day(text, 5, 0, ctx);
    if (text.size() >= 10 && text[4] == '-') return parse_iso8601(text, ctx);
    const bool clock_like = (text[0] >= '0' && text[0] <= '9') || text.find(':') != std::string_view::npos;
    if (clock_like && text.size() <= 8) return parse_clock(text, ctx);
    return bad_time(text, "not a time");
}

std::int64_t at_local_time(std::int64_t days, int minutes, const TimeContext& ctx) {
    const std::int64_t local_midnight = floor_div(utc_to_local(ctx.now_ms, ctx), kDay) * kDay;
    return local_to_utc(local_midnight + days * kDay + minutes * kMinute, ctx);
}

std::string format_when(std::int64_t ms, const TimeContext& ctx) {
    const std::string day = format_day(ms, ctx);
    return (day == "today" ? "today " : "") + format_local_short(ms, ctx) + ", " + format_relative(ms, ctx.now_ms);
}

std::string format_time_input(std::int64_t ms, const TimeContext& ctx) {
    const Civil c = civil_from_ms(utc_to_local(ms, ctx));
    const std::int64_t day_delta = floor_div(utc_to_local(ms, ctx), kDay) - floor_div(utc_to_local(ctx.now_ms, ctx), kDay);
    char buf[40];
    if (day_delta == 0 && ms > ctx.now_ms) {
        std::snprintf(buf, sizeof buf, "%02d:%02d", c.hour, c.minute);
    } else if (day_delta == 1) {
        std::snprintf(buf, sizeof buf, "tomorrow %02d:%02d", c.hour, c.minute);
    } else {
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u %02d:%02d", static_cast<long long>(c.year), c.month, c.day,
                      c.hour, c.minute);
    }
    return buf;
}


std::string format_day(std::int64_t ms, const TimeContext& ctx) {
    static constexpr const char* weekdays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::int64_t local = utc_to_local(ms, ctx);
    const Civil c = civil_from_ms(local);
    const std::int64_t day_delta = floor_div(local, kDay) - floor_div(utc_to_local(ctx.now_ms, ctx), kDay);
    if (day_delta == 0) return "today";
    if (day_delta == 1) return "tomorrow";
    if (day_delta == -1) return "yesterday";
    char buf[40];
    if (day_delta > -7 && day_delta < 7) {
        std::snprintf(buf, sizeof buf, "%s %u %s", weekdays[c.weekday], c.day, months[c.month - 1]);
    } else {
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month, c.day);
    }
    return buf;
}

int local_minutes(std::int64_t ms, const TimeContext& ctx) {
    const std::int64_t local = utc_to_local(ms, ctx);
    return static_cast<int>((local - floor_div(local, kDay) * kDay) / kMinute);
}

std::string format_local_short(std::int64_t ms, const TimeContext& ctx) {
    const int minutes = local_minutes(ms, ctx);
    char clock[16];
    std::snprintf(clock, sizeof clock, "%02d:%02d", minutes / 60 % 24, minutes % 60);
    const std::string day = format_day(ms, ctx);
    return day == "today" ? std::string(clock) : day + " " + clock;
}

}  // namespace candor::core
