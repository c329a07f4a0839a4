// See resolutions.hpp.
#include "ui/views/resolutions.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "node/control_protocol.hpp"
#include "ui/composer.hpp"
#include "ui/entry_text.hpp"

namespace candor::ui {
namespace {
constexpr std::int64_t kMinute = 60'000;
}  // namespace

void Resolutions::note_error(const std::string& id, const json::Value& response) {
    error_ = response_error(response);
    error_for_ = error_.empty() ? std::string() : id;
}

void Resolutions::start(ViewContext& ctx, const std::string& id, bool kept) {
    error_.clear();
    confirming_.clear();
    moving_.clear();
    pending_[id] = Pending{kept, ctx.now_ms + kUndoMs, {}};
}

void Resolutions::send(ViewContext& ctx, const std::string& id) {
    auto it = pending_.find(id);
    if (it == pending_.end()) return;
    json::Object args{{"id", id}};
    if (!it->second.note.empty()) args.set("note", it->second.note);
    const std::string_view cmd = it->second.kept ? node::control::cmd::kKeep : node::control::cmd::kMiss;
    pending_.erase(it);
    in_place_.insert(id);
    if (!ctx.actions) return;
    ctx.actions->send(node::control::make_request(cmd, std::move(args)), [this, id](const json::Value& response) {
        note_error(id, response);
    });
}

void Resolutions::tick(ViewContext& ctx) {
    std::vector<std::string> due;
    for (const auto& [id, p] : pending_) {
        if (p.send_at_ms <= ctx.now_ms) {
            due.push_back(id);
        } else {
            const std::int64_t left = p.send_at_ms - ctx.now_ms;
            ctx.redraw_within(left % 1000 == 0 ? 1000 : left % 1000);  // the countdown's seconds
        }
    }
    for (const std::string& id : due) send(ctx, id);
}

void Resolutions::send_all(ViewContext& ctx) {
    while (!pending_.empty()) send(ctx, pending_.begin()->first);
}

void Resolutions::card_drawn(const std::string& id, ImVec2 min, ImVec2 max) {
    // Only the pointer moving off the card releases it: the card shrinking back under a still
    // pointer must not let the list slide.
    const ImVec2 delta = ImGui::GetIO().MouseDelta;
    if (delta.x == 0.0f && delta.y == 0.0f) return;
    if (in_place_.contains(id) && !ImGui::IsMouseHoveringRect(min, max, false)) in_place_.erase(id);
}

void Resolutions::draw_controls(ViewContext& ctx, const core::Commitment& c) {
    const Look& look = ctx.look;
    const std::string id = core::to_hex(c.id);
    if (!error_.empty() && error_for_ == id) muted_text(look, "%s", error_.c_str());
    if (c.final_outcome) {
        // A row as tall as the buttons it replaces, so nothing below moves.
        if (in_place_.contains(id)) {
            ImGui::AlignTextToFramePadding();
            ImGui::PushStyleColor(ImGuiCol_Text, look.palette->text_muted);
            ImGui::TextUnformatted(*c.final_outcome == core::Outcome::kept ? "Sent: kept." : "Sent: missed.");
            ImGui::PopStyleColor();
        }
        return;
    }
    if (auto it = pending_.find(id); it != pending_.end()) return draw_pending(ctx, c, it->second);
    if (confirming_ == id) return draw_confirm_early_miss(ctx, id);
    if (primary_button(look, "Kept")) start(ctx, id, true);
    ImGui::SameLine();
    if (quiet_button(look, "Missed")) {
        if (ctx.now_ms < c.due_at_ms) {
            confirming_ = id;
            moving_.clear();
        } else {
            start(ctx, id, false);
        }
    }
    ImGui::SameLine();
    if (quiet_button(look, "Running late")) {
        ctx.open_composer = ComposerKind::late;
        ctx.composer_for = id;
    }
    ImGui::SameLine();
    if (quiet_button(look, "New time…")) start_new_time(id);
    if (moving_ == id) draw_new_time(ctx, c);
}

void Resolutions::draw_pending(ViewContext& ctx, const core::Commitment& c, Pending& p) {
    const Look& look = ctx.look;
    const std::string id = core::to_hex(c.id);
    const std::int64_t left_s = std::max<std::int64_t>(1, (p.send_at_ms - ctx.now_ms + 999) / 1000);
    const std::string label = std::string(p.kept ? "kept" : "missed") + " · sends in " + std::to_string(left_s) + " s";
    chip(look, label.c_str(), p.kept ? look.palette->accent : look.palette->rose);
    ImGui::SameLine();
    muted_text(look, "Nothing is sent until then.");
    if (!p.kept) {
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextWrapped("Want to set a new time or say what happened?");
        ImGui::PopFont();
        probe::note("Want to set a new time or say what happened?");
    }
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 420 * look.scale));
    ImGui::InputTextWithHint("##note", p.kept ? "Add a note (optional)" : "What happened (optional)", &p.note);
    focus::stop(true);
    probe::note("Note");
    if (ImGui::IsItemActive()) p.send_at_ms = std::max(p.send_at_ms, ctx.now_ms + 3000);  // still writing
    if (quiet_button(look, "Undo")) {
        pending_.erase(id);
        return;
    }
    ImGui::SameLine();
    if (primary_button(look, "Send now")) return send(ctx, id);
    if (!p.kept) {
        ImGui::SameLine();
        if (quiet_button(look, "Set a new time instead")) {
            pending_.erase(id);
            open_new_time(id);
        }
    }
}

void Resolutions::draw_confirm_early_miss(ViewContext& ctx, const std::string& id) {
    const Look& look = ctx.look;
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextWrapped("Missed already? You can still move the time.");
    ImGui::PopFont();
    probe::note("Missed already? You can still move the time.");
    if (quiet_button(look, "Yes, missed")) start(ctx, id, false);
    ImGui::SameLine();
    if (primary_button(look, "Move the time")) {
        confirming_.clear();
        open_new_time(id);
    }
    ImGui::SameLine();
    if (quiet_button(look, "Not yet")) confirming_.clear();
}

void Resolutions::start_new_time(const std::string& id) {
    if (moving_ == id) {
        moving_.clear();
    } else {
        open_new_time(id);
    }
}

void Resolutions::open_new_time(const std::string& id) {
    moving_ = id;
    new_time_.text.clear();  // filled from the commitment's due time when drawn
    new_time_reason_.clear();
}

void Resolutions::draw_new_time(ViewContext& ctx, const core::Commitment& c) {
    const Look& look = ctx.look;
    const std::string id = core::to_hex(c.id);
    const core::TimeContext time = time_context(ctx.now_ms);
    const std::int64_t base = std::max(ctx.now_ms, c.due_at_ms);
    const std::int64_t hour = next_full_hour(base + 30 * kMinute);
    const std::int64_t tomorrow = c.due_at_ms + 24 * 60 * kMinute;
    const auto input = [&time](std::int64_t ms) { return core::format_time_input(ms, time); };
    if (new_time_.text.empty()) new_time_.text = input(base + 30 * kMinute);
    muted_text(look, "Give it a new time — it stays in the story:");
    new_time_.draw(look, time, "new-time",
                   {{"30 min later", input(base + 30 * kMinute)},
                    {"1 hour later", input(base + 60 * kMinute)},
                    {local_clock(hour), input(hour)},
                    {"tomorrow " + local_clock(tomorrow), input(tomorrow)}});
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##reason", "Why (optional): the meeting ran over", &new_time_reason_);
    focus::stop(true);
    probe::note("Why");
    if (primary_button(look, "Move it") && ctx.actions) {
        const Result<std::int64_t> at = new_time_.value(time);
        if (!at) {
            error_ = "Write the new time like 19:00, 7pm, +45m or tomorrow 9:00.";
            error_for_ = id;
            return;
        }
        json::Object args{{"id", id}, {"due", *at}};
        if (!new_time_reason_.empty()) args.set("note", new_time_reason_);
        ctx.actions->send(node::control::make_request(node::control::cmd::kRenegotiate, std::move(args)),
                          [this, id](const json::Value& response) { note_error(id, response); });
        moving_.clear();
    }
    ImGui::SameLine();
    if (quiet_button(look, "Keep the time")) moving_.clear();
}

}  // namespace candor::ui
