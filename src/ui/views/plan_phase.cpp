#include "ui/views/plan_phase.hpp"

#include <imgui.h>

#include <algorithm>

#include "core/time_format.hpp"
#include "node/agreement_json.hpp"

namespace candor::ui {

core::TransparencyPlan plan_in_force(const core::State& state) {
    if (const core::AgreementVersion* v = state.agreement().active()) {
        if (auto doc = node::agreement_from_canonical(v->agreement_json)) return doc->plan;
    }
    return {};
}

void plan_document(const Look& look, const core::TransparencyPlan& plan) {
    for (std::size_t i = 0; i < plan.phases.size(); ++i) {
        const core::TransparencyPhase& p = plan.phases[i];
        const std::string until = p.until_ms == 0 ? "from then on"
                                                  : "until " + core::format_iso8601(p.until_ms, p.until_offset_minutes).substr(0, 10);
        wrapped_text(("Phase " + std::to_string(i + 1) + ": " + p.expects + " (" + until + ")").c_str());
    }
    if (plan.retire_figures) muted_text(look, "When the last phase begins, the figures and charts retire for good.");
}

const core::TransparencyPlan& PlanPhaseLine::plan(const node::Snapshot& snap) {
    if (version_ == snap.version || !snap.state) return plan_;
    version_ = snap.version;
    plan_ = plan_in_force(*snap.state);
    since_ms_ = 0;
    if (const core::AgreementVersion* v = snap.state->agreement().active()) {
        since_ms_ = v->activated_at_ms;
        for (const core::AgreementReview* r : snap.state->agreement().reviews_of(v->id)) since_ms_ = std::max(since_ms_, r->at_ms);
    }
    return plan_;
}

void PlanPhaseLine::draw(const ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    const core::TransparencyPlan& p = plan(snap);
    if (p.empty()) return;
    if (const auto ended = core::phase_ended_since(p, since_ms_, ctx.now_ms)) {
        const std::string line = "A phase of your transparency plan ended on " +
                                 core::format_iso8601(p.phases[*ended].until_ms, p.phases[*ended].until_offset_minutes).substr(0, 10) +
                                 ": look at it together and record a review (Agreement).";
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->amber);
        wrapped_text(line.c_str());
        ImGui::PopStyleColor();
        probe::note("plan review due");
    }
    const auto phase = core::phase_at(p, ctx.now_ms);
    if (!phase) {
        muted_text(look, "Your transparency plan has run its course: time to review it together.");
        return;
    }
    std::string line = "This phase of your plan asks for " + phase->phase->expects;
    if (phase->phase->until_ms != 0) {
        line += ", until " + core::format_iso8601(phase->phase->until_ms, phase->phase->until_offset_minutes).substr(0, 10);
    }
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->accent);
    wrapped_text((line + ".").c_str());
    ImGui::PopStyleColor();
    probe::note("plan phase");
}

}  // namespace candor::ui
