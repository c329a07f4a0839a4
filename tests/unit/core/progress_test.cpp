// Progress week by week: commitments counted in the viewer's local weeks (a promise due just
// after midnight on Monday belongs to the new week though it is still Sunday in UTC), empty weeks,
// both persons, reassurance medians, check-in days, ratings and appreciations (only open answers
// give their contents), and the range of weeks.
#include <doctest/doctest.h>

#include "core/progress.hpp"
#include "progress_fixture.hpp"

using namespace candor;
using namespace candor::core;
using namespace candor::core::test;

namespace {
const std::int64_t kNow = local_ms(kW49Monday + 2, 12);  // Wednesday of 2026-W49, noon
}  // namespace

TEST_CASE("progress: commitments per person in local weeks, empty weeks zero") {
    Journal j;
    const std::int64_t mon = kW49Monday, sun_before = kW49Monday - 1;
    const Entry c1 = j.commit(j.alex, local_ms(sun_before, 23, 30), local_ms(mon, 0, 30));
    j.resolve(j.alex, c1, Outcome::kept, local_ms(mon, 0, 32));
    const Entry c2 = j.commit(j.alex, local_ms(mon, 8), local_ms(mon, 10));
    j.late(j.alex, c2, local_ms(mon, 9, 30));
    j.resolve(j.alex, c2, Outcome::kept, local_ms(mon, 10, 40));
    const Entry c3 = j.commit(j.alex, local_ms(mon, 8, 1), local_ms(mon, 11));
    j.late(j.alex, c3, local_ms(mon, 11, 10));
    j.resolve(j.alex, c3, Outcome::kept, local_ms(mon, 11, 30));
    const Entry c4 = j.commit(j.alex, local_ms(mon + 1, 8), local_ms(mon + 1, 9));
    j.resolve(j.alex, c4, Outcome::missed, local_ms(mon + 1, 9, 30));
    j.commit(j.alex, local_ms(mon + 2, 8), local_ms(mon + 2, 18));  // still open at noon
    const Entry s1 = j.commit(j.sam, local_ms(mon - 12, 10), local_ms(mon - 12, 11));
    j.resolve(j.sam, s1, Outcome::missed, local_ms(mon - 12, 11, 5));

    const Progress p = build_progress(j.state(), kDefaultProgressWeeks, kOffset, kNow);
    REQUIRE(p.weeks.size() == 12);
    CHECK(p.weeks.front().week == "2026-W38");
    CHECK(p.weeks.back().week == "2026-W49");
    CHECK(p.weeks.back().start_ms == local_ms(mon, 0));
    CHECK(p.weeks.front().start_ms == local_ms(mon - 77, 0));

    const WeekFigures w48 = p.weeks[10].of(j.alex.id()).commitments;
    CHECK(w48.made == 1);  // made on Sunday 23:30 local
    CHECK(w48.kept_on_time == 0);
    const WeekFigures w49 = p.weeks[11].of(j.alex.id()).commitments;
    CHECK(w49.made == 4);
    CHECK(w49.kept_on_time == 1);  // due Monday 00:30 local (Sunday 23:30 UTC)
    CHECK(w49.kept_late_warned == 1);
    CHECK(w49.kept_late == 1);
    CHECK(w49.missed == 1);
    CHECK(w49.open == 1);
    CHECK(w49.late_notices == 2);
    CHECK(w49.late_in_time == 1);
    CHECK(p.weeks[11].of(j.sam.id()) == PersonWeek{});

    const WeekFigures sam47 = p.weeks[9].of(j.sam.id()).commitments;
    CHECK(sam47.made == 1);
    CHECK(sam47.missed == 1);
    CHECK(p.weeks[9].of(j.alex.id()) == PersonWeek{});
    for (std::size_t i = 0; i < 9; ++i) {
        CHECK(p.weeks[i].people.empty());
        CHECK(p.weeks[i].of(j.alex.id()) == PersonWeek{});
    }
}

TEST_CASE("progress: the range of weeks is 4 to 52, ending with the week of now") {
    Journal j;
    const State s = j.state();
    CHECK(build_progress(s, 2, kOffset, kNow).weeks.size() == 4);
    CHECK(build_progress(s, 60, kOffset, kNow).weeks.size() == 52);
    const Progress p = build_progress(s, 4, kOffset, kNow);
    CHECK(p.weeks.front().week == "2026-W46");
    for (std::size_t i = 1; i < p.weeks.size(); ++i) CHECK(p.weeks[i].start_ms == p.weeks[i - 1].end_ms);
    CHECK(p.milestones.empty());
    // Monday 00:30 at +01:00 is still Sunday in UTC: the viewer's offset decides the week.
    const std::int64_t monday_early = local_ms(kW49Monday, 0, 30);
    CHECK(build_progress(s, 4, kOffset, monday_early).weeks.back().week == "2026-W49");
    CHECK(build_progress(s, 4, 0, monday_early).weeks.back().week == "2026-W48");
}

TEST_CASE("progress: median recovery after a reassurance request, per asker, by the week it was asked") {
    Journal j;
    const std::int64_t w48 = kW49Monday - 7;
    j.reassurance(j.sam, local_ms(w48, 10), 10);
    j.reassurance(j.sam, local_ms(w48 + 1, 10), 30);
    j.reassurance(j.sam, local_ms(w48 + 2, 10), 20);
    j.reassurance(j.sam, local_ms(w48 + 3, 10), 0);  // never settled: counted, not in the median
    j.reassurance(j.alex, local_ms(w48 + 4, 10), 10);
    j.reassurance(j.alex, local_ms(w48 + 5, 10), 40);
    j.reassurance(j.alex, local_ms(w48 + 6, 23, 50), 30);  // settled on Monday: still week 48's
    const Progress p = build_progress(j.state(), 12, kOffset, kNow);
    const PersonWeek sam = p.weeks[10].of(j.sam.id()), alex = p.weeks[10].of(j.alex.id());
    CHECK(sam.reassurance_requests == 4);
    CHECK(sam.recovery_median_ms == 20 * kMinuteMs);
    CHECK(alex.reassurance_requests == 3);
    CHECK(alex.recovery_median_ms == 30 * kMinuteMs);
    CHECK_FALSE(p.weeks[11].of(j.alex.id()).recovery_median_ms.has_value());
    CHECK(median_ms({10, 40}) == 25);
    CHECK_FALSE(median_ms({}).has_value());
}

TEST_CASE("progress: check-in days, ratings of open answers and appreciations, per person") {
    Journal j;
    const std::int64_t w48 = kW49Monday - 7;
    j.daily(local_ms(w48, 21), {4, 3, 5, ""}, {2, 4, 3, ""});
    j.daily(local_ms(w48 + 1, 21), {5, 5, 5, ""}, {3, 3, 3, ""});
    j.daily(local_ms(w48 + 2, 21), {3, 3, 3, ""}, {4, 4, 4, ""});
    j.daily(local_ms(w48 + 3, 21), {1, 1, 1, ""}, {}, false);  // Sam has not answered: sealed
    j.weekly(local_ms(w48 + 6, 20), {"the soup", "the walk"}, {"the call", "the flowers", "listening"});
    const Progress p = build_progress(j.state(), 12, kOffset, kNow);
    const PersonWeek alex = p.weeks[10].of(j.alex.id()), sam = p.weeks[10].of(j.sam.id());
    CHECK(alex.checkin_days == 4);
    CHECK(alex.rated_days == 3);
    REQUIRE(alex.rating_mean.has_value());
    CHECK(*alex.rating_mean == doctest::Approx(4.0));
    CHECK(sam.checkin_days == 3);
    REQUIRE(sam.rating_mean.has_value());
    CHECK(*sam.rating_mean == doctest::Approx(10.0 / 3.0));
    CHECK(alex.appreciations == 2);
    CHECK(sam.appreciations == 3);
    CHECK(p.weeks[11].of(j.alex.id()).checkin_days == 0);
}
