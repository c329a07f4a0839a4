// The transparency plan: a section of the agreement (so it is in force only while both have
// accepted that version) that winds the sharing down in phases, each saying what it asks for
// ("an update when leaving or arriving anywhere", "only when plans change", "as we like") and
// until when. "Logs help at first, not forever": the last phase may retire the ledger's figures
// and the Progress charts for good. Pure: a plan and a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace candor::core {

inline constexpr std::size_t kMaxPlanPhases = 8;

struct TransparencyPhase {
    std::string expects;        // what sharing this phase asks for, in the couple's words
    std::int64_t until_ms = 0;  // when it ends (UTC ms); 0: open-ended (only the last phase)
    std::int16_t until_offset_minutes = 0;  // the UTC offset it was written with, for showing it
    bool operator==(const TransparencyPhase&) const = default;
};

struct TransparencyPlan {
    std::vector<TransparencyPhase> phases;  // in order; each ends after the one before
    bool retire_figures = false;            // once the last phase begins, figures are retired
    [[nodiscard]] bool empty() const { return phases.empty(); }
    bool operator==(const TransparencyPlan&) const = default;
};

// The rules a plan keeps, one value each, so the app can put its own words beside the field a
// rule is about while the JSON path words the same rule for the command line.
enum class PlanRule : std::uint8_t { too_many_phases, needs_expects, needs_until, not_after_previous };
struct PlanProblem {
    PlanRule rule = PlanRule::too_many_phases;
    std::size_t phase = 0;  // which phase (from 0); 0 for too_many_phases
    bool operator==(const PlanProblem&) const = default;
};
// Every rule the plan breaks, in phase order: too many phases, an empty "expects", an
// open-ended phase before the last, a phase that does not end after the one before.
[[nodiscard]] std::vector<PlanProblem> plan_problems(const TransparencyPlan& plan);
// The first of them in words ("phase 2 must end after phase 1"), or nullopt.
[[nodiscard]] std::optional<std::string> plan_problem(const TransparencyPlan& plan);

struct PhaseAt {
    std::size_t index = 0;
    const TransparencyPhase* phase = nullptr;
    [[nodiscard]] bool last(const TransparencyPlan& plan) const { return index + 1 == plan.phases.size(); }
};
// The phase in force at `now_ms`: the first whose end is still ahead (or open-ended). nullopt
// when the plan is empty or every phase has ended (a review together is due).
[[nodiscard]] std::optional<PhaseAt> phase_at(const TransparencyPlan& plan, std::int64_t now_ms);
// The plan's last phase has begun and it retires the figures: the ledger's figures and Progress
// charts are gone for good (the plan is over or in its last phase).
[[nodiscard]] bool figures_retired(const TransparencyPlan& plan, std::int64_t now_ms);
// A phase's end has passed since `since_ms` (the last review): time to look at the plan together.
[[nodiscard]] std::optional<std::size_t> phase_ended_since(const TransparencyPlan& plan, std::int64_t since_ms,
                                                           std::int64_t now_ms);

}  // namespace candor::core
