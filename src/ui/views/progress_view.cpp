// Progress is for noticing together: the header says so, the range is a quiet choice, and when
// the couple's plan retires the figures the charts give way to a celebration, for good.
#include "ui/views/progress_view.hpp"

#include <imgui.h>

#include "core/checkin_period.hpp"
#include "core/time_format.hpp"
#include "node/control_protocol.hpp"
#include "node/node.hpp"
#include "ui/toasts.hpp"
#include "ui/views/checkin_form.hpp"

namespace candor::ui {
namespace {
constexpr unsigned kRanges[] = {4, 12, 26, 52};
namespace cmd = node::control::cmd;
namespace arg = node::control::arg;
}  // namespace

void ProgressView::refresh(const ViewContext& ctx, const node::Snapshot& snap) {
    const int offset = node::local_utc_offset_minutes(ctx.now_ms);
    const std::int64_t today = core::local_day(ctx.now_ms, offset);
    if (version_ == snap.version && computed_weeks_ == weeks_ && computed_day_ == today) return;
    progress_ = core::build_progress(*snap.state, weeks_, offset, ctx.now_ms);
    version_ = snap.version;
    computed_weeks_ = weeks_;
    computed_day_ = today;
}

void ProgressView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, "Progress");
    if (!ctx.snapshot || !ctx.snapshot->state) {
        empty_state(look, "Candor's background service could not start.", ctx.node_error.c_str());
        return;
    }
    const node::Snapshot& snap = *ctx.snapshot;
    refresh(ctx, snap);
    header(ctx, snap);
    if (core::figures_retired(plan_line_.plan(snap), ctx.now_ms)) {
        Card card(look, look.palette->accent);
        ImGui::PushFont(look.fonts->body_bold);
        wrapped_text("Logs help at first, not forever.");
        ImGui::PopFont();
        wrapped_text("Your plan has reached its last phase, and the two of you chose to retire the figures and charts. "
                     "They are gone for good: what you built no longer needs counting.");
        probe::note("figures retired");
    } else if (snap.figures_hidden()) {
        muted_text(look, "The figures are hidden, on both computers (Settings → hide the figures), here as in "
                         "Commitments.");
        probe::note("figures hidden");
    } else {
        progress_charts(ctx, snap, progress_);
    }
    milestones(ctx, snap);
}

void ProgressView::header(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    wrapped_text("Week by week, for noticing together what has changed: never a scoreboard.");
    plan_line_.draw(ctx, snap);
    bool first = true;
    for (unsigned r : kRanges) {
        const std::string label = std::to_string(r) + " weeks";
        flow(choice_chip_width(look, label.c_str()), first);
        first = false;
        if (choice_chip(look, label.c_str(), weeks_ == r)) weeks_ = r;
    }
    flow(button_width("Export as Markdown") + 12 * look.scale, false);
    if (quiet_button(look, "Export as Markdown")) export_markdown(ctx);
    if (!export_message_.empty()) muted_text(look, "%s", export_message_.c_str());
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
}

void ProgressView::milestones(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    heading(look, "Milestones");
    probe::note("Milestones");
    if (progress_.milestones.empty()) {
        muted_text(look, "None yet. The first week of punctual late notices, ten promises kept, a month of check-ins: "
                         "each one is celebrated here, once, for both of you.");
        return;
    }
    const std::string partner = partner_name(snap);
    for (auto it = progress_.milestones.rbegin(); it != progress_.milestones.rend(); ++it) {
        Card card(look, it->person && *it->person != snap.device ? look.palette->partner : look.palette->accent);
        ImGui::TextUnformatted(core::milestone_text(*it, snap.device, partner).c_str());
        muted_text(look, "%s", core::format_iso8601(it->reached_at_ms, it->utc_offset_minutes).substr(0, 10).c_str());
        probe::note("milestone card");
    }
}

void ProgressView::export_markdown(ViewContext& ctx) {
    const std::string& dir = ctx.snapshot->data_dir;
    if (!ctx.actions || dir.empty()) {
        export_message_ = "This device's data folder is unknown, so there is nowhere to write the export.";
        return;
    }
    const std::string out = dir + (dir.back() == '/' ? "" : "/") + "progress.md";
    json::Object args{{std::string(arg::kWeeks), static_cast<std::int64_t>(weeks_)}, {std::string(arg::kOut), out}};
    export_message_.clear();
    ctx.actions->send(node::control::make_request(cmd::kProgress, std::move(args)),
                      [this, out, toasts = ctx.toasts](const json::Value& response) {
                          const std::string error = response_error(response);
                          export_message_ = error.empty() ? "" : "Could not export: " + error;
                          if (error.empty() && toasts) toasts->confirm("Saved your progress as Markdown", "to " + out);
                      });
}

}  // namespace candor::ui
