// The transparency plan: the phase in force at a given time, the retirement of the figures once
// the last phase begins, a phase's end since the last review, the problems a plan can have, and
// the diff showing plan changes.
#include <doctest/doctest.h>

#include "core/agreement.hpp"
#include "core/transparency_plan.hpp"

using namespace candor::core;

namespace {
constexpr std::int64_t kDay = 86'400'000;
constexpr std::int64_t kT = 1'800'000'000'000;

TransparencyPlan three_phases(bool retire) {
    return TransparencyPlan{{{"an update when leaving or arriving anywhere", kT + 30 * kDay, 60},
                             {"only when plans change", kT + 90 * kDay, 60},
                             {"as we like", 0, 0}},
                            retire};
}
}  // namespace

TEST_CASE("plan: the phase in force steps down at each end; the last is open-ended") {
    const TransparencyPlan plan = three_phases(false);
    REQUIRE_FALSE(plan_problem(plan).has_value());
    CHECK(phase_at(plan, kT)->index == 0);
    CHECK(phase_at(plan, kT + 30 * kDay - 1)->index == 0);
    CHECK(phase_at(plan, kT + 30 * kDay)->index == 1);
    CHECK(phase_at(plan, kT + 90 * kDay)->index == 2);
    CHECK(phase_at(plan, kT + 900 * kDay)->last(plan));
    CHECK(phase_at(plan, kT)->phase->expects == "an update when leaving or arriving anywhere");
    CHECK_FALSE(phase_at(TransparencyPlan{}, kT).has_value());
    // Every phase with an end: after the last one nothing is in force (a review is due).
    TransparencyPlan bounded = plan;
    bounded.phases.pop_back();
    CHECK_FALSE(phase_at(bounded, kT + 90 * kDay).has_value());
}

TEST_CASE("plan: figures retire only when the plan says so and its last phase has begun") {
    CHECK_FALSE(figures_retired(three_phases(false), kT + 900 * kDay));
    const TransparencyPlan retire = three_phases(true);
    CHECK_FALSE(figures_retired(retire, kT));
    CHECK_FALSE(figures_retired(retire, kT + 90 * kDay - 1));
    CHECK(figures_retired(retire, kT + 90 * kDay));
    CHECK_FALSE(figures_retired(TransparencyPlan{{}, true}, kT));
}

TEST_CASE("plan: a phase that ended since the last review asks for a review together") {
    const TransparencyPlan plan = three_phases(false);
    CHECK_FALSE(phase_ended_since(plan, kT, kT + 29 * kDay).has_value());
    CHECK(phase_ended_since(plan, kT, kT + 31 * kDay) == 0u);
    CHECK_FALSE(phase_ended_since(plan, kT + 31 * kDay, kT + 32 * kDay).has_value());
    CHECK(phase_ended_since(plan, kT, kT + 100 * kDay) == 1u);
}

TEST_CASE("plan: problems are named") {
    TransparencyPlan p = three_phases(false);
    p.phases[1].until_ms = p.phases[0].until_ms;
    CHECK(plan_problem(p) == "phase 2 must end after phase 1");
    p = three_phases(false);
    p.phases[0].until_ms = 0;
    CHECK(plan_problem(p)->find("only the last phase may be open-ended") != std::string::npos);
    p = three_phases(false);
    p.phases[2].expects.clear();
    CHECK(plan_problem(p)->find("phase 3 needs \"expects\"") == 0);
    p.phases.assign(kMaxPlanPhases + 1, TransparencyPhase{"x", 0, 0});
    CHECK(plan_problem(p)->find("too many phases") != std::string::npos);
}

TEST_CASE("plan: the diff shows phases added, reworded and removed, and retiring the figures") {
    AgreementDoc before;
    before.title = "ours";
    AgreementDoc after = before;
    after.plan = three_phases(true);
    auto changes = diff_agreements(before, after);
    REQUIRE(changes.size() == 4);
    CHECK(changes[0].part == AgreementPart::plan_phase);
    CHECK(changes[0].type == ChangeType::added);
    CHECK(changes[0].after == "an update when leaving or arriving anywhere · until " +
                                  std::string("2027-02-14T09:00"));
    CHECK(changes[2].after == "as we like · open-ended");
    CHECK(changes[3].part == AgreementPart::retire_figures);
    CHECK(changes[3].after == "yes");

    AgreementDoc later = after;
    later.plan.phases[1].expects = "when plans change";
    later.plan.phases.pop_back();
    later.plan.retire_figures = false;
    changes = diff_agreements(after, later);
    REQUIRE(changes.size() == 3);
    CHECK(changes[0].type == ChangeType::reworded);
    CHECK(changes[0].before.find("only when plans change") == 0);
    CHECK(changes[1].type == ChangeType::removed);
    CHECK(changes[2].part == AgreementPart::retire_figures);
    CHECK(changes[2].type == ChangeType::removed);
    CHECK(diff_agreements(after, after).empty());
}
