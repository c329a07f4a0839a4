#include "node/plan_in_force.hpp"

#include <algorithm>

#include "node/agreement_json.hpp"

namespace candor::node {

PlanInForce plan_in_force(const core::State& state) {
    PlanInForce out;
    const core::AgreementVersion* v = state.agreement().active();
    if (!v) return out;
    out.version = v->id;
    if (auto doc = agreement_from_canonical(v->agreement_json)) {
        out.plan = std::move(doc->plan);
        out.talk_times = std::move(doc->talk_times);
    }
    out.since_ms = v->activated_at_ms;
    for (const core::AgreementReview* r : state.agreement().reviews_of(v->id)) out.since_ms = std::max(out.since_ms, r->at_ms);
    return out;
}

}  // namespace candor::node
