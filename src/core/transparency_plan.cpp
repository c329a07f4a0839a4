#include "core/transparency_plan.hpp"

namespace candor::core {

std::optional<std::string> plan_problem(const TransparencyPlan& plan) {
    if (plan.phases.size() > kMaxPlanPhases) {
        return "has too many phases (at most " + std::to_string(kMaxPlanPhases) + ")";
    }
    for (std::size_t i = 0; i < plan.phases.size(); ++i) {
        const TransparencyPhase& p = plan.phases[i];
        const std::string which = "phase " + std::to_string(i + 1);
        if (p.expects.empty()) return which + " needs \"expects\": what sharing it asks for";
        const bool last = i + 1 == plan.phases.size();
        if (p.until_ms == 0 && !last) return which + " needs an \"until\": only the last phase may be open-ended";
        if (i > 0 && p.until_ms != 0 && p.until_ms <= plan.phases[i - 1].until_ms) {
            return which + " must end after phase " + std::to_string(i);
        }
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
