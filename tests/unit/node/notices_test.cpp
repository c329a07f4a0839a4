// The Watcher (node/notices) at an injected clock: partner entries become notices once (the history at start is
// not news; a catch-up is summarised), and reminders come once per due time, only for my own
// open commitments whose due time was set before the reminder window.
#include <doctest/doctest.h>

#include "core/state.hpp"
#include "core/checkin_period.hpp"
#include "node/node.hpp"
#include "node/notices.hpp"
#include "unit/core/core_helpers.hpp"
#include "watcher_world.hpp"

using namespace candor;
using namespace candor::core;
using candor::core::test::Author;
using candor::core::test::kT0;
using candor::node::test::World;

namespace {
constexpr std::int64_t kMin = 60'000;

}  // namespace

TEST_CASE("watcher: partner entries after the first look become notices, each once") {
    World w;
    w.post(w.sam, UpdateBody{"At the gym", "", 0});
    node::Watcher watcher;
    CHECK(watcher.observe(w.snapshot(), kT0).empty());  // what was there at start is not news
    w.post(w.sam, LateBody{15, "traffic", kT0 + 15 * kMin, std::nullopt});
    w.post(w.me, UpdateBody{"Home", "", 0});  // my own entries are never news to me
    auto notices = watcher.observe(w.snapshot(), kT0);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].title == "Sam is running 15 min late");
    CHECK(notices[0].body.find("traffic") != std::string::npos);
    CHECK_FALSE(notices[0].reminder);
    CHECK(watcher.observe(w.snapshot(), kT0).empty());  // the same entries again: nothing new
}

TEST_CASE("watcher: a catch-up of many entries is one summary") {
    World w;
    node::Watcher watcher;
    CHECK(watcher.observe(w.snapshot(), kT0).empty());
    for (int i = 0; i < 7; ++i) w.post(w.sam, UpdateBody{"update " + std::to_string(i), "", 0});
    auto notices = watcher.observe(w.snapshot(), kT0);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].title == "Sam shared 7 things");
    w.post(w.sam, UpdateBody{"one more", "", 0});
    notices = watcher.observe(w.snapshot(), kT0);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].title == "Sam shared an update");
}

TEST_CASE("watcher: a reminder shortly before my commitment is due, once per due time") {
    World w;
    const std::int64_t due = kT0 + 60 * kMin;
    auto c = w.post(w.me, CommitmentBody{"Call Sam", due, std::nullopt});
    w.post(w.sam, CommitmentBody{"Cook", due, std::nullopt});  // the partner's: no reminder for me
    node::Watcher watcher;
    CHECK(watcher.observe(w.snapshot(), kT0).empty());
    CHECK(watcher.next_reminder_in(w.snapshot(), kT0) == 45 * kMin);
    CHECK(watcher.observe(w.snapshot(), due - 15 * kMin - 1).empty());
    auto notices = watcher.observe(w.snapshot(), due - 15 * kMin);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].reminder);
    CHECK(notices[0].title == "Coming up: Call Sam");
    CHECK(watcher.observe(w.snapshot(), due - 5 * kMin).empty());  // once
    CHECK(watcher.next_reminder_in(w.snapshot(), due - 5 * kMin) == -1);
    // A new time gets its own reminder.
    w.post(w.me, ResolutionBody{c.id(), Outcome::renegotiated, due + 60 * kMin, ""}, due - 4 * kMin);
    CHECK(watcher.observe(w.snapshot(), due + 45 * kMin).size() == 1);
    // Once resolved, nothing more.
    w.post(w.me, ResolutionBody{c.id(), Outcome::kept, 0, ""}, due + 50 * kMin);
    CHECK(watcher.observe(w.snapshot(), due + 55 * kMin).empty());
}

TEST_CASE("watcher: no reminder for a commitment made inside the reminder window, or after its time") {
    World w;
    const std::int64_t due = kT0 + 10 * kMin;
    w.post(w.me, CommitmentBody{"Quick call", due, std::nullopt});  // made 10 min before, lead 15
    node::Watcher watcher;
    CHECK(watcher.observe(w.snapshot(), kT0 + kMin).empty());
    CHECK(watcher.next_reminder_in(w.snapshot(), kT0) == -1);
    World v;
    v.post(v.me, CommitmentBody{"Later", kT0 + 60 * kMin, std::nullopt});
    node::Watcher late_start;
    CHECK(late_start.observe(v.snapshot(), kT0 + 61 * kMin).empty());  // already due: no "coming up"
}

TEST_CASE("watcher: the reminder lead follows the setting") {
    World w;
    const std::int64_t due = kT0 + 120 * kMin;
    w.post(w.me, CommitmentBody{"Dinner", due, std::nullopt});
    node::Watcher watcher;
    CHECK(watcher.observe(w.snapshot(60), due - 61 * kMin).empty());
    CHECK(watcher.observe(w.snapshot(60), due - 60 * kMin).size() == 1);
}

TEST_CASE("watcher: the daily check-in reminder at the time set, once a day, skipped when answered") {
    World w;
    node::Watcher watcher;
    const int offset = node::local_utc_offset_minutes(kT0);
    const std::int64_t today = local_day(kT0, offset);
    const std::int64_t at = day_start_ms(today, offset) + 20 * 60 * kMin;  // 20:00 local
    // (the weekly reminder stays off here: World::snapshot turns it off)
    auto snap = [&](bool answered) {
        node::Snapshot s = w.snapshot();
        s.settings.checkin_reminder = true;
        s.settings.checkin_reminder_minutes = 20 * 60;
        auto views = std::make_shared<std::vector<node::CheckinPeriodView>>();
        if (answered) {
            node::CheckinPeriodView v;
            v.key = PeriodKey{CheckinType::daily, date_string(local_day(at + 24 * 60 * kMin, offset))};
            v.mine = node::CheckinSide{};
            views->push_back(v);
        }
        s.checkins = views;
        return s;
    };
    CHECK(watcher.observe(snap(false), at - kMin).empty());
    CHECK(watcher.next_reminder_in(snap(false), at - kMin) == kMin);
    auto notices = watcher.observe(snap(false), at);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].title == "Time for today's check-in");
    CHECK(notices[0].reminder);
    CHECK(watcher.observe(snap(false), at + kMin).empty());  // once a day
    CHECK(watcher.next_reminder_in(snap(false), at + kMin) > 23 * 60 * kMin);  // tomorrow's
    // Tomorrow, already answered: no reminder.
    CHECK(watcher.observe(snap(true), at + 24 * 60 * kMin).empty());
    // Off in Settings: none.
    node::Watcher off;
    node::Snapshot quiet = snap(false);
    quiet.settings.checkin_reminder = false;
    CHECK(off.observe(quiet, at).empty());
}

TEST_CASE("watcher: the weekly State of us reminder on the day and at the time set, skipped when answered") {
    World w;
    node::Watcher watcher;
    const int offset = node::local_utc_offset_minutes(kT0);
    const std::int64_t today = local_day(kT0, offset);
    const std::int64_t at = day_start_ms(today, offset) + 19 * 60 * kMin;
    auto snap = [&](bool answered) {
        node::Snapshot s = w.snapshot();
        s.settings.weekly_reminder = true;
        s.settings.weekly_day = day_of_week(today);
        s.settings.weekly_minutes = 19 * 60;
        auto views = std::make_shared<std::vector<node::CheckinPeriodView>>();
        if (answered) {
            node::CheckinPeriodView v;
            v.key = PeriodKey{CheckinType::weekly, iso_week_string(local_day(at + 7 * 24 * 60 * kMin, offset))};
            v.mine = node::CheckinSide{};
            views->push_back(v);
        }
        s.checkins = views;
        return s;
    };
    CHECK(watcher.next_reminder_in(snap(false), at - 10 * kMin) == 10 * kMin);
    auto notices = watcher.observe(snap(false), at);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].title == "Time for this week's State of us");
    CHECK(watcher.observe(snap(false), at + kMin).empty());
    const std::int64_t next = watcher.next_reminder_in(snap(false), at + kMin);
    CHECK(next > 6 * 24 * 60 * kMin);  // next week, same day
    CHECK(next <= 7 * 24 * 60 * kMin + 60 * kMin);
    CHECK(watcher.observe(snap(false), at + 24 * 60 * kMin).empty());  // not the day set
    CHECK(watcher.observe(snap(true), at + 7 * 24 * 60 * kMin).empty());  // answered that week
}

TEST_CASE("watcher: a milestone newly reached is celebrated once; those reached before the first look are not news") {
    World w;
    const auto v1 = w.post(w.me, AgreementProposalBody{std::nullopt, R"({"title":"ours"})"});
    w.post(w.sam, AgreementAnswerBody{v1.id(), true, ""});
    node::Watcher watcher;
    CHECK(watcher.observe(w.snapshot(), kT0).empty());  // the agreement was in force already
    w.post(w.sam, AgreementReviewBody{"going well", 0}, kT0 + kMin);
    auto notices = watcher.observe(w.snapshot(), kT0 + kMin);
    REQUIRE(notices.size() == 2);  // Sam's review entry, and the milestone it reached
    CHECK(notices[1].milestone);
    CHECK(notices[1].title == "A milestone worth noticing");
    CHECK(notices[1].body == "Your first review of the agreement together. Progress keeps it.");
    w.post(w.sam, AgreementReviewBody{"still well", 0}, kT0 + 2 * kMin);
    notices = watcher.observe(w.snapshot(), kT0 + 2 * kMin);
    REQUIRE(notices.size() == 1);  // the second review is news, not a milestone again
    CHECK_FALSE(notices[0].milestone);
}
