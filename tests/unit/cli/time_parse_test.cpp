// TIME parsing and time formatting with an injected clock and time zone.
#include <doctest/doctest.h>

#include <string>

#include "cli/time_parse.hpp"

using namespace candor;
using namespace candor::cli;
using candor::core::format_when;

namespace {

constexpr std::int64_t kMin = 60'000;
constexpr std::int64_t kHour = 60 * kMin;
constexpr std::int64_t kDay = 24 * kHour;
// Monday 2026-11-23 17:30 UTC, which is 18:30 in Paris (+01:00).
constexpr std::int64_t kNow = 1'795'455'000'000;
constexpr std::int64_t kT1800Z = kNow + 30 * kMin;  // 2026-11-23T18:00:00Z = 19:00 in Paris

const TimeContext paris = fixed_time_context(kNow, 60);

std::int64_t ok(std::string_view text, const TimeContext& ctx = paris) {
    auto r = parse_time(text, ctx);
    INFO(text);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.message()));
    return *r;
}

std::string bad(std::string_view text, const TimeContext& ctx = paris) {
    auto r = parse_time(text, ctx);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    CHECK(r.message().find("invalid time '" + std::string(text) + "'") == 0);
    CHECK(r.message().find("(use 19:00, 7pm, +45m, +2h, tomorrow 9:00 or 2026-11-23T19:00)") != std::string::npos);
    return r.message();
}

}  // namespace

TEST_CASE("time: HH:MM is its next occurrence in local time") {
    CHECK(ok("19:00") == kT1800Z);                         // later today
    CHECK(ok("18:31") == kNow + 1 * kMin);                 // one minute ahead
    CHECK(ok("18:30") == kNow + kDay);                     // now itself: tomorrow
    CHECK(ok("18:00") == kT1800Z - kHour + kDay);          // already past: tomorrow
    CHECK(ok("9:05") == kNow - 9 * kHour - 25 * kMin + kDay);  // 08:05Z tomorrow
    CHECK(ok("00:00") == kNow + 5 * kHour + 30 * kMin);  // local midnight = 23:00Z
    // The same text in another zone is another instant.
    CHECK(ok("19:00", fixed_time_context(kNow, 0)) == kT1800Z + kHour);
    CHECK(ok("19:00", fixed_time_context(kNow, -300)) == kT1800Z + 6 * kHour);
}

TEST_CASE("time: HH:MM across a daylight-saving change uses the offset of that day") {
    // Europe: clocks go from +01:00 to +02:00 at 2027-03-28T01:00:00Z.
    const std::int64_t change = 1'806'454'800'000;
    TimeContext ctx;
    ctx.now_ms = change - 5 * kHour;  // 2027-03-27T20:00Z, 21:00 local (+01:00)
    ctx.utc_offset_minutes = [change](std::int64_t t) { return t < change ? 60 : 120; };
    // Next 19:00 local is on the 28th, at +02:00: 17:00Z.
    CHECK(ok("19:00", ctx) == change + 16 * kHour);
    // Next 22:00 local is still today, at +01:00: 21:00Z.
    CHECK(ok("22:00", ctx) == change - 4 * kHour);
}

TEST_CASE("time: durations") {
    CHECK(ok("+45m") == kNow + 45 * kMin);
    CHECK(ok("+2h") == kNow + 2 * kHour);
    CHECK(ok("+1h30m") == kNow + 90 * kMin);
    CHECK(ok("+90m") == kNow + 90 * kMin);
    CHECK(ok("+1d") == kNow + kDay);
    CHECK(ok("+1d2h5m") == kNow + kDay + 2 * kHour + 5 * kMin);
}

TEST_CASE("time: ISO 8601 with and without an offset") {
    CHECK(ok("2026-11-23T19:00") == kT1800Z);  // local
    CHECK(ok("2026-11-23T19:00:00") == kT1800Z);
    CHECK(ok("2026-11-23T19:00:00+01:00") == kT1800Z);
    CHECK(ok("2026-11-23T18:00:00Z") == kT1800Z);
    CHECK(ok("2026-11-23T18:00Z") == kT1800Z);
    CHECK(ok("2026-11-23T13:00-05:00") == kT1800Z);
    CHECK(ok("2026-11-23T23:30:00+0530") == kT1800Z);
    CHECK(ok("2026-11-23T19:00:00.250+01:00") == kT1800Z);  // fractions dropped
    CHECK(ok("2026-11-23 19:00") == kT1800Z);
    CHECK(ok("2028-02-29T12:00Z") > 0);  // leap day
    CHECK(parse_iso8601("1970-01-01T00:00:00Z", paris).value() == 0);
    CHECK(parse_iso8601("1969-12-31T23:59:59Z", paris).value() == -1000);
}

TEST_CASE("time: bad inputs are refused with a reason") {
    CHECK(bad("").find("it is empty") != std::string::npos);
    CHECK(bad("25:00").find("the hour must be 0 to 23") != std::string::npos);
    CHECK(bad("19:60").find("the minutes must be 0 to 59") != std::string::npos);
    CHECK(bad("19:0").find("HH:MM") != std::string::npos);
    CHECK(bad(":30").find("HH:MM") != std::string::npos);
    CHECK(bad("ab:cd").find("HH:MM") != std::string::npos);
    CHECK(bad("+m").find("expected a number") != std::string::npos);
    CHECK(bad("+").find("expected a duration") != std::string::npos);
    CHECK(bad("+5").find("needs a unit") != std::string::npos);
    CHECK(bad("+5x").find("unknown unit") != std::string::npos);
    CHECK(bad("+0m").find("more than zero") != std::string::npos);
    CHECK(bad("+30m1h").find("largest first") != std::string::npos);
    CHECK(bad("+1h1h").find("largest first") != std::string::npos);
    CHECK(bad("+400d").find("at most a year") != std::string::npos);
    CHECK(bad("+9999999999m").find("invalid time") == 0);
    CHECK(bad("+999999999999h").find("at most a year") != std::string::npos);
    CHECK(bad("+99999999999999999999999d").find("at most a year") != std::string::npos);
    CHECK(bad("-45m").find("not a time") != std::string::npos);
    CHECK(bad("tomorrow").find("at what time") != std::string::npos);
    CHECK(bad("1900").find("HH:MM") != std::string::npos);
    CHECK(bad("2026-02-29T10:00").find("does not exist") != std::string::npos);
    CHECK(bad("2026-04-31T10:00").find("does not exist") != std::string::npos);
    CHECK(bad("2026-13-01T10:00").find("month") != std::string::npos);
    CHECK(bad("2026-11-23").find("'T'") != std::string::npos);
    CHECK(bad("2026-11-23T19").find("HH:MM") != std::string::npos);
    CHECK(bad("2026-11-23T24:00").find("hour") != std::string::npos);
    CHECK(bad("2026-11-23T19:00:61").find("seconds") != std::string::npos);
    CHECK(bad("2026-11-23T19:00+1").find("offset") != std::string::npos);
    CHECK(bad("2026-11-23T19:00+01:00x").find("offset") != std::string::npos);
    CHECK(bad("2026-11-23T19:00 Z").find("offset") != std::string::npos);
    CHECK(bad("2026-1-23T19:00").find("YYYY-MM-DD") != std::string::npos);
}

TEST_CASE("time: ISO 8601 output with the offset, and back") {
    CHECK(format_iso8601(kT1800Z, 60) == "2026-11-23T19:00:00+01:00");
    CHECK(format_iso8601(kT1800Z, 0) == "2026-11-23T18:00:00+00:00");
    CHECK(format_iso8601(kT1800Z, -330) == "2026-11-23T12:30:00-05:30");
    CHECK(format_iso8601(0, 0) == "1970-01-01T00:00:00+00:00");
    CHECK(format_iso8601(-1, 0) == "1969-12-31T23:59:59+00:00");
    CHECK(format_iso8601(kT1800Z + 999, 60) == "2026-11-23T19:00:00+01:00");  // ms truncated
    CHECK(format_iso8601(951'782'400'000, 0) == "2000-02-29T00:00:00+00:00");
    for (std::int64_t t : {kNow, kT1800Z + 12'345'000, std::int64_t{0}, std::int64_t{-86'400'000}}) {
        for (int off : {0, 60, -480, 345}) {
            auto back = parse_iso8601(format_iso8601(t, off), paris);
            REQUIRE(back.ok());
            CHECK(*back == t);
        }
    }
}

TEST_CASE("time: relative and short local formats") {
    CHECK(format_relative(kNow + 20 * kMin, kNow) == "in 20 min");
    CHECK(format_relative(kNow - 2 * kHour, kNow) == "2 h ago");
    CHECK(format_relative(kNow + 30'000, kNow) == "now");
    CHECK(format_relative(kNow - 59'000, kNow) == "now");
    CHECK(format_relative(kNow + 59 * kMin + 50'000, kNow) == "in 1 h");
    CHECK(format_relative(kNow + 90 * kMin, kNow) == "in 1 h 30 min");
    CHECK(format_relative(kNow - 2 * kHour - 5 * kMin, kNow) == "2 h 5 min ago");
    CHECK(format_relative(kNow + 5 * kHour + 20 * kMin, kNow) == "in 5 h");
    CHECK(format_relative(kNow + 3 * kDay, kNow) == "in 3 days");
    CHECK(format_relative(kNow - kDay, kNow) == "1 day ago");
    CHECK(format_relative(kNow - 23 * kHour - 50 * kMin, kNow) == "1 day ago");

    CHECK(format_local_short(kT1800Z, paris) == "19:00");
    CHECK(format_local_short(kT1800Z + kDay - 11 * kHour, paris) == "tomorrow 08:00");
    CHECK(format_local_short(kT1800Z - kDay, paris) == "yesterday 19:00");
    CHECK(format_local_short(kT1800Z + 2 * kDay, paris) == "Wed 25 Nov 19:00");
    CHECK(format_local_short(kT1800Z + 31 * kDay, paris) == "2026-12-24 19:00");
}

TEST_CASE("time: the local wrapper reads a real clock and zone") {
    const TimeContext local = local_time_context();
    CHECK(local.now_ms > kNow - 5LL * 365 * kDay);  // a plausible clock
    const int offset = local.utc_offset_minutes(local.now_ms);
    CHECK(offset >= -14 * 60);
    CHECK(offset <= 14 * 60);
    CHECK(ok("+1h", local) == local.now_ms + kHour);
}

TEST_CASE("time: 7pm, today and tomorrow, as the app's time field takes them too") {
    CHECK(ok("7pm") == kT1800Z);
    CHECK(ok("7 PM") == kT1800Z);
    CHECK(ok("7:30pm") == kT1800Z + 30 * kMin);
    CHECK(ok("12am") == kNow + 5 * kHour + 30 * kMin);   // the coming midnight in Paris
    CHECK(ok("6pm") == kT1800Z - kHour + kDay);          // 18:00 has passed: tomorrow's
    CHECK(ok("today 19:00") == kT1800Z);
    CHECK(ok("  tomorrow 9:00 ") == kNow + 14 * kHour + 30 * kMin);
    CHECK(ok("Tomorrow 7pm") == kT1800Z + kDay);
    CHECK(bad("today 18:00").find("already passed") != std::string::npos);
    CHECK(bad("13pm").find("1 to 12") != std::string::npos);
    CHECK(bad("7xm").find("HH:MM") != std::string::npos);
}

TEST_CASE("time: what a typed time came to, and written back so it reads the same") {
    CHECK(format_when(kT1800Z, paris) == "today 19:00, in 30 min");
    CHECK(format_when(kT1800Z + kDay, paris) == "tomorrow 19:00, in 1 day");
    for (const std::int64_t t : {kT1800Z, kT1800Z + kDay, kT1800Z + 3 * kDay}) {
        CHECK(ok(core::format_time_input(t, paris)) == t);
    }
    CHECK(core::format_time_input(kT1800Z, paris) == "19:00");
    CHECK(core::format_time_input(kT1800Z + kDay, paris) == "tomorrow 19:00");
    CHECK(core::format_time_input(kT1800Z + 3 * kDay, paris) == "2026-11-26 19:00");
    CHECK(core::at_local_time(1, 0, paris) == kNow + 5 * kHour + 30 * kMin);
    CHECK(core::local_minutes(kT1800Z, paris) == 19 * 60);
    CHECK(core::format_day(kT1800Z + 2 * kDay, paris) == "Wed 25 Nov");
}
