// The weekly form keeps what was typed while the section is open; "Talk it through" turns the
// partner's request into my commitment (due a week from now) with one click.
#include "ui/views/checkins_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/checkin_period.hpp"
#include "node/control_protocol.hpp"
#include "node/node.hpp"

namespace candor::ui {
namespace {

constexpr std::int64_t kWeekMs = 7LL * 24 * 3'600'000;
namespace arg = node::control::arg;

void multiline(const char* id, const char* hint, std::string& text, float width) {
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint(id, hint, &text);
    probe::note(id);
}

void figure_row(const Look& look, const char* what, unsigned mine, unsigned theirs) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(what);
    ImGui::TableNextColumn();
    ImGui::Text("%u", mine);
    ImGui::TableNextColumn();
    ImGui::Text("%u", theirs);
    (void)look;
}

}  // namespace

void CheckinsView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, "Check-ins");
    if (!ctx.snapshot) {
        empty_state(look, "Candor's background service could not start.", ctx.node_error.c_str());
        return;
    }
    const node::Snapshot& snap = *ctx.snapshot;
    muted_text(look, "Answers stay sealed until you have both answered, so neither shapes the other's.");
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    daily_.draw(ctx, false);
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    heading(look, "How the days have felt");
    if (snap.settings.hide_checkin_numbers) {
        muted_text(look, "The numbers are hidden (Settings). Your answers still open side by side.");
    } else {
        checkin_trend(ctx, snap);
    }
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    weekly(ctx, snap);
}

void CheckinsView::weekly(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    const node::CheckinPeriodView* week = current_checkin(snap, core::CheckinType::weekly, ctx.now_ms);
    const std::string partner = partner_name(snap);
    heading(look, "State of us");
    probe::note("State of us");
    if (week && week->revealed) {
        talk_it_through(ctx, snap, *week);
        return;
    }
    if (summary_version_ != snap.version && snap.state) {
        summary_ = core::week_summary(*snap.state, ctx.now_ms, node::local_utc_offset_minutes(ctx.now_ms), ctx.now_ms);
        summary_version_ = snap.version;
    }
    if (week && week->partner && !week->mine) {
        ImGui::TextUnformatted((partner + " has answered this week's State of us: answer to see both").c_str());
    }
    if (ImGui::BeginTable("weekly", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("form", ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableSetupColumn("week", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableNextColumn();
        if (week && week->mine && !changing_weekly_) {
            ImGui::TextUnformatted("You answered this week's State of us.");
            muted_text(look, "Sealed until %s has answered too.", partner.c_str());
            if (!week->mine->opened && quiet_button(look, "Change my answer##weekly")) {
                changing_weekly_ = true;
                if (const auto* w = week->mine->answer ? std::get_if<core::WeeklyAnswer>(&*week->mine->answer) : nullptr) {
                    for (std::size_t i = 0; i < appreciations_.size(); ++i)
                        appreciations_[i] = i < w->appreciations.size() ? w->appreciations[i] : std::string();
                    went_right_ = w->went_right;
                    issue_ = w->issue;
                    request_ = w->request;
                }
            }
        } else {
            weekly_form(ctx);
        }
        ImGui::TableNextColumn();
        week_summary(ctx, snap);
        ImGui::EndTable();
    }
}

void CheckinsView::weekly_form(ViewContext& ctx) {
    const Look& look = ctx.look;
    const float width = ImGui::GetContentRegionAvail().x - 8 * look.scale;
    wrapped_text("Something you appreciated this week, and what it says about them");
    for (std::size_t i = 0; i < appreciations_.size(); ++i) {
        if (i > 0 && appreciations_[i - 1].empty() && appreciations_[i].empty()) break;
        const std::string id = "##appreciation" + std::to_string(i + 1);
        multiline(id.c_str(), i == 0 ? "You called when you said you would: you keep your word" : "Another one (optional)",
                  appreciations_[i], width);
    }
    ImGui::Dummy(ImVec2(0, 2 * look.scale));
    multiline("##went-right", "What went right this week", went_right_, width);
    multiline("##issue", "One thing to talk about: I feel … about … and I need …", issue_, width);
    multiline("##request", "One request for the coming week: could you … ?", request_, width);
    if (primary_button(look, "Send my State of us")) send_weekly(ctx);
    if (!error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->amber);
        wrapped_text(error_.c_str());
        ImGui::PopStyleColor();
    }
}

void CheckinsView::week_summary(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted("The week as it happened");
    ImGui::PopFont();
    muted_text(look, "%s, from your history", summary_.week.c_str());
    probe::note("week summary");
    core::DeviceId partner{};
    if (!snap.peers.empty()) {
        if (auto id = core::parse_id(snap.peers.front().device_id)) partner = *id;
    }
    const core::WeekFigures me = summary_.figures(snap.device);
    const core::WeekFigures them = summary_.figures(partner);
    if (ImGui::BeginTable("week-figures", 3)) {
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn("You", ImGuiTableColumnFlags_WidthFixed, 48 * look.scale);
        ImGui::TableSetupColumn(partner_name(snap).c_str(), ImGuiTableColumnFlags_WidthFixed, 48 * look.scale);
        ImGui::TableHeadersRow();
        figure_row(look, "commitments made", me.made, them.made);
        figure_row(look, "kept on time", me.kept_on_time, them.kept_on_time);
        figure_row(look, "kept late, warned", me.kept_late_warned, them.kept_late_warned);
        figure_row(look, "kept late", me.kept_late, them.kept_late);
        figure_row(look, "missed", me.missed, them.missed);
        figure_row(look, "still open", me.open, them.open);
        figure_row(look, "updates shared", me.updates, them.updates);
        figure_row(look, "late notices in time", me.late_in_time, them.late_in_time);
        ImGui::EndTable();
    }
}

void CheckinsView::send_weekly(ViewContext& ctx) {
    error_.clear();
    json::Array list;
    for (const std::string& a : appreciations_)
        if (!a.empty()) list.emplace_back(a);
    if (list.empty()) {
        error_ = "Write at least one appreciation first.";
        return;
    }
    if (!ctx.actions) return;
    json::Object args{{std::string(arg::kType), "weekly"}, {std::string(arg::kAppreciations), std::move(list)}};
    if (!went_right_.empty()) args.set(std::string(arg::kWentRight), went_right_);
    if (!issue_.empty()) args.set(std::string(arg::kIssue), issue_);
    if (!request_.empty()) args.set(std::string(arg::kAsk), request_);
    ctx.actions->send(node::control::make_request(node::control::cmd::kCheckin, std::move(args)),
                      [this](const json::Value& r) {
                          error_ = response_error(r);
                          if (error_.empty()) changing_weekly_ = false;
                      });
}

void CheckinsView::make_commitment(ViewContext& ctx, const std::string& text) {
    if (!ctx.actions) return;
    committed_.insert(text);
    json::Object args{{std::string(arg::kText), text}, {std::string(arg::kDue), ctx.now_ms + kWeekMs}};
    ctx.actions->send(node::control::make_request(node::control::cmd::kCommit, std::move(args)),
                      [this](const json::Value& r) { error_ = response_error(r); });
    sent_ = "Added to your commitments, due a week from now. You can change the time in Commitments.";
}

}  // namespace candor::ui
