// The reminders that follow the plan in force (node/plan_notices.cpp) at an injected clock: a
// phase's end asks for a review together and names the next phase's ask, once; the last phase
// retiring the figures is a celebration; several ends while away are one notice, and an end
// long before the first look is not news; a time to talk about it is announced when it starts,
// and the Node's wake-up is set for each of these moments.
#include <doctest/doctest.h>

#include "core/checkin_period.hpp"
#include "node/agreement_json.hpp"
#include "node/node.hpp"
#include "node/notices.hpp"
#include "watcher_world.hpp"

using namespace candor;
using namespace candor::core;
using candor::core::test::kT0;
using candor::node::test::World;

namespace {
constexpr std::int64_t kMin = 60'000;
constexpr std::int64_t kDay = 24 * 60 * kMin;

// An agreement in force with this plan and these talk times (proposed by me, accepted by Sam).
void in_force(World& w, const TransparencyPlan& plan, std::vector<TalkTime> talk = {}) {
    AgreementDoc doc;
    doc.title = "Ours";
    doc.plan = plan;
    doc.talk_times = std::move(talk);
    const auto v = w.post(w.me, AgreementProposalBody{std::nullopt, node::canonical_agreement_json(doc)});
    w.post(w.sam, AgreementAnswerBody{v.id(), true, ""});
}

TransparencyPlan three_phases(bool retire) {
    TransparencyPlan p;
    p.phases = {{"an update when leaving or arriving anywhere", kT0 + 10 * kDay, 0},
                {"only when plans change", kT0 + 20 * kDay, 0},
                {"as we like", 0, 0}};
    p.retire_figures = retire;
    return p;
}
}  // namespace

TEST_CASE("plan reminders: each phase's end once, naming the next ask; the last phase retiring the figures is celebrated") {
    World w;
    in_force(w, three_phases(true));
    node::Watcher watcher;
    CHECK(watcher.observe(w.snapshot(), kT0).empty());
    CHECK(watcher.next_reminder_in(w.snapshot(), kT0 + 9 * kDay) == kDay);
    CHECK(watcher.observe(w.snapshot(), kT0 + 10 * kDay - kMin).empty());

    auto notices = watcher.observe(w.snapshot(), kT0 + 10 * kDay + kMin);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].title == "A phase of your plan has ended");
    CHECK(notices[0].body.find("record a review") != std::string::npos);
    CHECK(notices[0].body.find("From now on it asks for only when plans change.") != std::string::npos);
    CHECK(notices[0].reminder);
    CHECK_FALSE(notices[0].milestone);
    CHECK(watcher.observe(w.snapshot(), kT0 + 10 * kDay + 2 * kMin).empty());  // once

    notices = watcher.observe(w.snapshot(), kT0 + 20 * kDay);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].title == "Logs help at first, not forever");
    CHECK(notices[0].milestone);
    CHECK(watcher.next_reminder_in(w.snapshot(), kT0 + 21 * kDay) == -1);  // nothing more ahead
}

TEST_CASE("plan reminders: ends while away are one notice; an end long before the first look is not news") {
    World w;
    in_force(w, three_phases(false));
    node::Watcher away;
    CHECK(away.observe(w.snapshot(), kT0).empty());
    const auto notices = away.observe(w.snapshot(), kT0 + 25 * kDay);  // both ends passed meanwhile
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].title == "A phase of your plan has ended");
    CHECK(notices[0].body.find("asks for as we like") != std::string::npos);

    node::Watcher fresh;  // started a week after the second end: Home says a review is due
    CHECK(fresh.observe(w.snapshot(), kT0 + 27 * kDay).empty());
    node::Watcher just;  // started an hour after it: still news
    CHECK(just.observe(w.snapshot(), kT0 + 20 * kDay + 60 * kMin).size() == 1);
}

TEST_CASE("plan reminders: a phase that ended before the last review is not announced again") {
    World w;
    in_force(w, three_phases(false));
    w.post(w.sam, AgreementReviewBody{"phase one went well", 0}, kT0 + 11 * kDay);
    node::Watcher watcher;
    CHECK(watcher.observe(w.snapshot(), kT0 + 11 * kDay + kMin).empty());
    CHECK(watcher.observe(w.snapshot(), kT0 + 11 * kDay + 2 * kMin).empty());
}

TEST_CASE("plan reminders: a time to talk about it is announced when it starts, once; the wake-up is set for it") {
    World w;
    const std::int64_t start = kT0 / kMin * kMin + 3 * kDay + 5 * 60 * kMin;  // on a minute
    const int offset = node::local_utc_offset_minutes(start);
    const std::int64_t day = local_day(start, offset);
    const TalkTime slot{day_of_week(day), static_cast<int>((start - day_start_ms(day, offset)) / kMin), 45};
    in_force(w, {}, {slot});
    node::Watcher watcher;
    CHECK(watcher.observe(w.snapshot(), kT0).empty());
    CHECK(watcher.next_reminder_in(w.snapshot(), start - 10 * kMin) == 10 * kMin);
    auto notices = watcher.observe(w.snapshot(), start + kMin);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].title == "Your time to talk about it");
    CHECK(notices[0].body.find("Until ") == 0);
    CHECK(watcher.observe(w.snapshot(), start + 2 * kMin).empty());
    // After it was announced, the next wake-up is next week's slot.
    CHECK(watcher.next_reminder_in(w.snapshot(), start + 2 * kMin) == 7 * kDay - 2 * kMin);
}
