// Milestones from a fixture of a few hundred entries over twelve weeks: each rule reached at the
// entry that reached it, per person or for the couple, with stable ids; nothing reached early
// (a week or month counts once the journal holds an entry after it); and the same milestones
// for every delivery order and on a device whose judged times differ.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "core/milestones.hpp"
#include "progress_fixture.hpp"

using namespace candor;
using namespace candor::core;
using namespace candor::core::test;

namespace {

const std::int64_t kStart = kW49Monday - 77;  // Monday of 2026-W38

const Milestone* find(const std::vector<Milestone>& all, const std::string& id) {
    auto it = std::find_if(all.begin(), all.end(), [&](const Milestone& m) { return m.id == id; });
    return it == all.end() ? nullptr : &*it;
}
// A pointer into a temporary list would dangle: keep the list first.
const Milestone* find(std::vector<Milestone>&& all, const std::string& id) = delete;

// Thirteen of Alex's commitments, the third missed; nine of Sam's, all kept.
std::int64_t add_commitments(Journal& j) {
    std::int64_t last = 0;
    for (int i = 0; i < 13; ++i) {
        const std::int64_t day = kStart + i;
        const Entry c = j.commit(j.alex, local_ms(day, 8), local_ms(day, 18));
        last = local_ms(day, 17, 30);
        j.resolve(j.alex, c, i == 2 ? Outcome::missed : Outcome::kept, last);
    }
    for (int i = 0; i < 9; ++i) {
        const Entry c = j.commit(j.sam, local_ms(kStart + i, 9), local_ms(kStart + i, 19));
        j.resolve(j.sam, c, Outcome::kept, local_ms(kStart + i, 18));
    }
    return last;
}

}  // namespace

TEST_CASE("milestones: ten kept in a row, per person, from the tenth after the last miss") {
    Journal j;
    const std::int64_t thirteenth = add_commitments(j);
    const auto all = milestones(j.state());
    const Milestone* alex = find(all, "kept_10." + to_hex(j.alex.id()));
    REQUIRE(alex != nullptr);
    CHECK(alex->reached_at_ms == thirteenth);
    CHECK(alex->person == j.alex.id());
    CHECK(alex->utc_offset_minutes == kOffset);
    CHECK(find(all, "kept_10." + to_hex(j.sam.id())) == nullptr);
    CHECK(milestone_text(*alex, j.alex.id(), "Sam") == "You kept ten commitments in a row");
    CHECK(milestone_text(*alex, j.sam.id(), "Alex") == "Alex kept ten commitments in a row");
}

TEST_CASE("milestones: updates on seven different days") {
    Journal j;
    for (int i = 0; i < 8; ++i) {
        j.post(j.sam, UpdateBody{"at work", "", 0}, local_ms(kStart + i, 9));
        if (i == 0) j.post(j.sam, UpdateBody{"at lunch", "", 0}, local_ms(kStart, 13));
    }
    const auto all = milestones(j.state());
    const Milestone* sam = find(all, "updates_7_days." + to_hex(j.sam.id()));
    REQUIRE(sam != nullptr);
    CHECK(sam->reached_at_ms == local_ms(kStart + 6, 9));
    CHECK(all.size() == 1);
}

TEST_CASE("milestones: the first week with every late notice in time, once that week is over") {
    Journal j;
    // Week 38: one in time, one after the due time. Week 39: both in time.
    for (int i = 0; i < 2; ++i) {
        const Entry c = j.commit(j.alex, local_ms(kStart + i, 8), local_ms(kStart + i, 12));
        j.late(j.alex, c, local_ms(kStart + i, i == 0 ? 11 : 13));
    }
    std::int64_t last_in_time = 0;
    for (int i = 0; i < 2; ++i) {
        const Entry c = j.commit(j.alex, local_ms(kStart + 8 + i, 8), local_ms(kStart + 8 + i, 12));
        last_in_time = local_ms(kStart + 8 + i, 11, 50);
        j.late(j.alex, c, last_in_time);
    }
    const std::string id = "late_in_time_week." + to_hex(j.alex.id());
    const std::vector<Milestone> before = milestones(j.state());
    CHECK(find(before, id) == nullptr);  // week 39 is not over yet
    j.post(j.sam, UpdateBody{"home", "", 0}, local_ms(kStart + 14, 0, 1));  // Monday of week 40
    const std::vector<Milestone> after = milestones(j.state());
    const Milestone* m = find(after, id);
    REQUIRE(m != nullptr);
    CHECK(m->reached_at_ms == last_in_time);
}

TEST_CASE("milestones: agreement in force, first review, and a month with fewer reassurance requests") {
    Journal j;
    const Entry v1 = j.post(j.alex, AgreementProposalBody{std::nullopt, R"({"title":"ours"})"}, local_ms(kStart, 20));
    j.post(j.sam, AgreementAnswerBody{v1.id(), true, ""}, local_ms(kStart, 21));
    j.post(j.sam, AgreementReviewBody{"going well", 0}, local_ms(kStart + 30, 20));
    // October (2026-W40 starts 2026-09-28): three requests; November: one.
    for (int i = 0; i < 3; ++i) j.reassurance(j.sam, local_ms(20727 + i, 10), 15);  // 2026-10-01..03
    j.reassurance(j.alex, local_ms(20763, 10), 15);                                 // 2026-11-06
    auto all = milestones(j.state());
    REQUIRE(find(all, "agreement_in_force") != nullptr);
    CHECK(find(all, "agreement_in_force")->reached_at_ms == local_ms(kStart, 21));
    REQUIRE(find(all, "first_review") != nullptr);
    CHECK(find(all, "first_review")->reached_at_ms == local_ms(kStart + 30, 20));
    CHECK(find(all, "fewer_reassurance_month") == nullptr);  // November is not over
    const Entry december = j.post(j.alex, UpdateBody{"home", "", 0}, local_ms(20788, 9));  // 2026-12-01
    all = milestones(j.state());
    REQUIRE(find(all, "fewer_reassurance_month") != nullptr);
    CHECK(find(all, "fewer_reassurance_month")->reached_at_ms == december.created_at_ms());
    CHECK(std::is_sorted(all.begin(), all.end(), [](const Milestone& a, const Milestone& b) {
        return a.reached_at_ms < b.reached_at_ms;
    }));
}

TEST_CASE("milestones: a month of check-ins together and the first State of us, the same in any order") {
    Journal j;
    std::int64_t thirtieth = 0;
    for (int i = 0; i < 31; ++i) {
        j.daily(local_ms(kStart + i, 21), {4, 4, 4, ""}, {3, 4, 5, ""});
        if (i == 29) thirtieth = local_ms(kStart + i, 21) + 3 * kMinuteMs;  // Sam's key opened day 30
    }
    j.weekly(local_ms(kStart + 6, 20), {"the soup"}, {"the walk"});
    j.daily(local_ms(kStart + 40, 21), {4, 4, 4, ""}, {}, false);  // sealed: does not count
    add_commitments(j);
    REQUIRE(j.all.size() > 150);
    const auto all = milestones(j.state());
    REQUIRE(find(all, "checkin_month") != nullptr);
    CHECK(find(all, "checkin_month")->reached_at_ms == thirtieth);
    REQUIRE(find(all, "weekly_together") != nullptr);
    CHECK(find(all, "weekly_together")->reached_at_ms == local_ms(kStart + 6, 20) + 3 * kMinuteMs);
    CHECK(find(all, "kept_10." + to_hex(j.alex.id())) != nullptr);

    // Another delivery order, one at a time, on a device that judged every resolution late.
    std::vector<Entry> shuffled = j.all;
    std::mt19937 rng(13);
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    State other;
    for (const Entry& e : shuffled) {
        if (e.kind() == Kind::resolution) other.judge_at(e.id(), e.created_at_ms() + 3 * 3'600'000);
        other.insert(e);
    }
    CHECK(milestones(other) == all);
}
