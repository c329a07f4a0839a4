// Times to talk about it: the next slot (or the one running) at the viewer's offset, across the
// week's end and midnight; the problems named; the diff lists them like any other part.
#include <doctest/doctest.h>

#include "core/agreement.hpp"
#include "core/checkin_period.hpp"
#include "core/talk_times.hpp"

using namespace candor::core;

namespace {
constexpr std::int64_t kW49Monday = 20787;  // 2026-11-30
std::int64_t at(std::int64_t day, int hh, int mm, int offset) { return day_start_ms(day, offset) + (hh * 60 + mm) * 60'000LL; }
}  // namespace

TEST_CASE("talk times: the running slot, else the next, in local time") {
    const std::vector<TalkTime> times{{6, 19 * 60, 45}, {2, 20 * 60 + 30, 30}};  // Sunday 19:00, Wednesday 20:30
    REQUIRE_FALSE(talk_times_problem(times).has_value());
    const int plus1 = 60;
    auto next = next_talk(times, at(kW49Monday, 9, 0, plus1), plus1);  // Monday morning
    REQUIRE(next);
    CHECK(next->start_ms == at(kW49Monday + 2, 20, 30, plus1));
    CHECK(next->end_ms == at(kW49Monday + 2, 21, 0, plus1));
    next = next_talk(times, at(kW49Monday + 2, 20, 45, plus1), plus1);  // during Wednesday's
    CHECK(next->start_ms == at(kW49Monday + 2, 20, 30, plus1));
    next = next_talk(times, at(kW49Monday + 6, 19, 50, plus1), plus1);  // after Sunday's: next week's Wednesday
    CHECK(next->start_ms == at(kW49Monday + 9, 20, 30, plus1));
    // A slot running past midnight on Sunday is still the running one on Monday at 00:10.
    const std::vector<TalkTime> late{{6, 23 * 60 + 30, 60}};
    next = next_talk(late, at(kW49Monday + 7, 0, 10, plus1), plus1);
    CHECK(next->start_ms == at(kW49Monday + 6, 23, 30, plus1));
    CHECK_FALSE(next_talk({}, at(kW49Monday, 9, 0, plus1), plus1).has_value());
    CHECK(talk_time_words(times[0]) == "Sunday 19:00 for 45 min");
}

TEST_CASE("talk times: problems named, and the diff shows them") {
    CHECK(talk_times_problem({{0, 0, 30}, {1, 0, 30}, {2, 0, 30}})->find("more than 2") != std::string::npos);
    CHECK(talk_times_problem({{7, 0, 30}}) == "time 1 needs a day of the week");
    CHECK(talk_times_problem({{0, 1440, 30}})->find("00:00 to 23:59") != std::string::npos);
    CHECK(talk_times_problem({{0, 60, 10}}) == "time 1 lasts 15 to 180 minutes");
    AgreementDoc before, after;
    after.talk_times = {{6, 19 * 60, 45}};
    const auto changes = diff_agreements(before, after);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].part == AgreementPart::talk_time);
    CHECK(changes[0].after == "Sunday 19:00 for 45 min");
}
