#include "core/transparency_plan.hpp"

namespace candor::core {

std::vector<PlanProblem> plan_problems(const TransparencyPlan& plan) {
    std::vector<PlanProblem> out;
    if (plan.phases.size() > kMaxPlanPhases) out.push_back({PlanRule::too_many_phases, 0});
    for (std::size_t i = 0; i < plan.phases.size(); ++i) {
        const TransparencyPhase& p = plan.phases[i];
        if (p.expects.empty()) out.push_back({PlanRule::needs_expects, i});
        const bool last = i + 1 == plan.phases.size();
        if (p.until_ms == 0 && !last) out.push_back({PlanRule::needs_until, i});
        if (i > 0 && p.until_ms != 0 && p.until_ms <= plan.phases[i - 1].until_ms) {
            out.push_back({PlanRule::not_after_previous, i});
        }
    }
    return out;
}

std::optional<std::string> plan_problem(const TransparencyPlan& plan) {
    const std::vector<PlanProblem> problems = plan_problems(plan);
    if (problems.empty()) return std::nullopt;
    const PlanProblem& first = problems.front();
    const std::string which = "phase " + std::to_string(first.phase + 1);
    switch (first.rule) {
        case PlanRule::too_many_phases: return "has too many phases (at most " + std::to_string(kMaxPlanPhases) + ")";
        case PlanRule::needs_expects: return which + " needs \"expects\": what sharing it asks for";
        case PlanRule::needs_until: return which + " needs an \"until\": only the last phase may be open-ended";
        case PlanRule::not_after_previous: return which + " must end after phase " + std::to_string(first.phase);
    }
    return std::nullopt;
}

std::optional<PhaseAt> phase_at(const TransparencyPlan& plan, std::int64_t now_ms) {
    for (std::size_t i = 0; i < plan.phases.size(); ++i) {
        const TransparencyPhase& p = plan.phases[i];
        if (p.until_ms == 0 || now_ms < p.until_ms) return PhaseAt{i, &p};
    }
    return std::nullopt;
}

bool figures_retired(const TransparencyPlan& plan, std::int64_t now_ms) {
    if (!plan.retire_figures || plan.phases.empty()) return false;
    const auto at = phase_at(plan, now_ms);
    return !at || at->last(plan);
}

std::optional<std::size_t> phase_ended_since(const TransparencyPlan& plan, std::int64_t since_ms, std::int64_t now_ms) {
    std::optional<std::size_t> ended;
    for (std::size_t i = 0; i < plan.phases.size(); ++i) {
        const std::int64_t end = plan.phases[i].until_ms;
        if (end != 0 && end > since_ms && end <= now_ms) ended = i;
    }
    return ended;
}

}  // namespace candor::core
