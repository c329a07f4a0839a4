#include "ui/views/plan_phase.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "core/checkin_period.hpp"
#include "core/time_format.hpp"
#include "node/agreement_json.hpp"
#include "node/node.hpp"

namespace candor::ui {

namespace {
core::AgreementDoc doc_in_force(const core::State& state) {
    if (const core::AgreementVersion* v = state.agreement().active()) {
        if (auto doc = node::agreement_from_canonical(v->agreement_json)) return std::move(*doc);
    }
    return {};
}
}  // namespace

core::TransparencyPlan plan_in_force(const core::State& state) { return doc_in_force(state).plan; }

std::string until_words(const std::string& iso) {
    std::tm tm{};
    if (std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min) != 5) {
        return "";
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    char buf[64];
    std::strftime(buf, sizeof buf, tm.tm_hour == 0 && tm.tm_min == 0 ? "until %-d %B %Y" : "until %-d %B %Y, %H:%M", &tm);
    return buf;
}

std::string phase_end_words(const core::TransparencyPhase& p) {
    if (p.until_ms == 0) return "from then on";
    return until_words(core::format_iso8601(p.until_ms, p.until_offset_minutes));
}

void plan_document(const Look& look, const core::TransparencyPlan& plan) {
    for (std::size_t i = 0; i < plan.phases.size(); ++i) {
        const core::TransparencyPhase& p = plan.phases[i];
        wrapped_text(("Phase " + std::to_string(i + 1) + ": " + p.expects + " (" + phase_end_words(p) + ")").c_str());
    }
    if (plan.retire_figures) muted_text(look, "When the last phase begins, the figures and charts retire for good.");
}

const core::TransparencyPlan& PlanPhaseLine::plan(const node::Snapshot& snap) {
    if (version_ == snap.version || !snap.state) return plan_;
    version_ = snap.version;
    core::AgreementDoc doc = doc_in_force(*snap.state);
    plan_ = std::move(doc.plan);
    talk_times_ = std::move(doc.talk_times);
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
    if (phase->phase->until_ms != 0) line += ", " + phase_end_words(*phase->phase);
    line += ".";
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->accent);
    wrapped_text(line.c_str());
    ImGui::PopStyleColor();
    probe::note("plan phase");
    probe::note(line.c_str());
}

void PlanPhaseLine::draw_talk(const ViewContext& ctx, const node::Snapshot& snap) {
    (void)plan(snap);
    const int offset = node::local_utc_offset_minutes(ctx.now_ms);
    const auto next = core::next_talk(talk_times_, ctx.now_ms, offset);
    if (!next) return;
    const Look& look = ctx.look;
    if (next->start_ms <= ctx.now_ms) {
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->accent);
        wrapped_text(("Now is your time to talk about it, until " + core::format_clock(next->end_ms, offset) + ".").c_str());
        ImGui::PopStyleColor();
        probe::note("talk time now");
        return;
    }
    const std::string when = core::weekday_name(core::day_of_week(core::local_day(next->start_ms, offset))) +
                             std::string(" ") + core::format_clock(next->start_ms, offset);
    const std::string line = "Your next time to talk about it: " + when + " (" + core::format_relative(next->start_ms, ctx.now_ms) +
                             "). Until then, if something comes up, ask for reassurance or breathe together.";
    muted_text(look, "%s", line.c_str());
    probe::note("next talk time");
    probe::note(line.c_str());
}

}  // namespace candor::ui
