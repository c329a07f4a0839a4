// The forms post through the same control requests as the CLI, so both enforce one set of rules.
#include "ui/composer.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/time_format.hpp"
#include "node/control_protocol.hpp"
#include "node/node.hpp"
#include "ui/entry_text.hpp"
#include "ui/keys.hpp"

namespace candor::ui {
namespace {

constexpr const char* kPopupId = "composer";
constexpr std::int64_t kMinute = 60'000;

std::int64_t until_from_choice(int choice, std::int64_t now) {
    switch (choice) {
        case 1: return now + 30 * kMinute;
        case 2: return now + 60 * kMinute;
        case 3: return now + 120 * kMinute;
        case 4: return next_full_hour(now);
        default: return 0;
    }
}

void label(const Look& look, const char* text) { form_label(look, text); }

}  // namespace

bool ctrl_enter() {
    const ImGuiIO& io = ImGui::GetIO();
    return io.KeyCtrl && (ImGui::IsKeyPressed(keys::enter, false) || ImGui::IsKeyPressed(keys::keypad_enter, false));
}

void form_label(const Look& look, const char* text) {
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

bool begin_form_modal(const ViewContext& ctx, const char* id, float width) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.42f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    // As wide as reads well, never wider than the window: rows of choices wrap inside it.
    ImGui::SetNextWindowSize(ImVec2(std::min(width * ctx.look.scale, vp->WorkSize.x - 32.0f * ctx.look.scale), 0));
    ImGui::PushStyleColor(ImGuiCol_PopupBg, ctx.look.palette->card);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24.0f * ctx.look.scale, 20.0f * ctx.look.scale));
    const bool visible = ImGui::BeginPopupModal(id, nullptr,
                                                ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    return visible;
}

std::int64_t next_full_hour(std::int64_t now_ms) {
    const std::int64_t offset = static_cast<std::int64_t>(node::local_utc_offset_minutes(now_ms)) * kMinute;
    const std::int64_t local = now_ms + offset;
    return (local / (60 * kMinute) + 1) * (60 * kMinute) - offset;
}

void Composer::open(ComposerKind kind, std::int64_t now_ms, std::string for_id) {
    preselect_for_ = std::move(for_id);
    kind_ = kind;
    just_opened_ = true;
    sending_ = false;
    error_.clear();
    text.clear();
    where.clear();
    reason.clear();
    note.clear();
    until_choice = 0;
    minutes = 10;
    due.text = core::format_time_input(next_full_hour(now_ms), time_context(now_ms));
    for_commitment = -1;
    opened_at_ = now_ms;
}

void Composer::send(ViewContext& ctx, json::Value request) {
    if (!ctx.actions) return;
    sending_ = true;
    error_.clear();
    ctx.actions->send(std::move(request), [this](const json::Value& response) {
        sending_ = false;
        error_ = response_error(response);
        if (error_.empty()) kind_ = ComposerKind::none;
        refocus_ = !error_.empty();  // Enter left the field; put the cursor back to fix it
    });
}

void Composer::draw(ViewContext& ctx) {
    if (kind_ == ComposerKind::none) return;
    if (just_opened_) {
        ImGui::OpenPopup(kPopupId);
        just_opened_ = false;
    }
    const bool visible = begin_form_modal(ctx, kPopupId, 560.0f);
    if (!visible) {
        kind_ = ComposerKind::none;
        return;
    }
    switch (kind_) {
        case ComposerKind::update: draw_update(ctx); break;
        case ComposerKind::late: draw_late(ctx); break;
        case ComposerKind::commitment: draw_commitment(ctx); break;
        case ComposerKind::none: break;
    }
    if (kind_ == ComposerKind::none) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

bool Composer::take_focus() {
    const bool again = refocus_;
    refocus_ = false;
    return ImGui::IsWindowAppearing() || again;
}

bool Composer::draw_buttons(ViewContext& ctx, const char* send_label) {
    const Look& look = ctx.look;
    // A line is kept for a refusal, so the buttons do not jump when one appears.
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->rose);
    wrapped_text(error_.empty() ? " " : error_.c_str());
    ImGui::PopStyleColor();
    if (!error_.empty()) probe::note(error_.c_str());
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    bool send_now = primary_button(look, sending_ ? "Saving…" : send_label) || ctrl_enter();
    ImGui::SameLine();
    if (quiet_button(look, "Cancel") || ImGui::IsKeyPressed(keys::escape, false)) {
        kind_ = ComposerKind::none;
        return false;
    }
    constexpr const char* hint = "Ctrl+Enter sends · Esc closes";
    flow(ImGui::CalcTextSize(hint).x, false);
    ImGui::AlignTextToFramePadding();
    muted_text(look, "%s", hint);
    return send_now && !sending_;
}

void Composer::draw_update(ViewContext& ctx) {
    const Look& look = ctx.look;
    heading(look, "Share an update");
    muted_text(look, "What you're up to, where, and until when. Small and regular is enough.");
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    std::vector<std::string> presets;
    if (ctx.snapshot) presets = ctx.snapshot->settings.update_presets;
    for (std::size_t i = 0; i < presets.size(); ++i) {
        flow(button_width(presets[i].c_str()), i == 0);
        ImGui::PushID(static_cast<int>(i));
        if (quiet_button(look, presets[i].c_str())) text = presets[i];
        ImGui::PopID();
    }
    label(look, "What");
    if (take_focus()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##what", "At the gym", &text);
    focus::stop(true);
    label(look, "Where (optional)");
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##where", "Downtown", &where);
    focus::stop(true);
    label(look, "Until (optional)");
    const std::string full_hour = "until " + local_clock(next_full_hour(ctx.now_ms));
    const int until_clicked = choice_chips(look, {"No end time", "for 30 min", "for 1 hour", "for 2 hours", full_hour}, until_choice);
    if (until_clicked >= 0) until_choice = until_clicked;
    if (draw_buttons(ctx, "Share")) {
        json::Object args{{"text", text}};
        if (!where.empty()) args.set("where", where);
        if (const std::int64_t until = until_from_choice(until_choice, ctx.now_ms)) args.set("until", until);
        send(ctx, node::control::make_request(node::control::cmd::kUpdate, std::move(args)));
    }
}

void Composer::draw_late(ViewContext& ctx) {
    const Look& look = ctx.look;
    heading(look, "Running late");
    muted_text(look, "Letting them know is care. They'll see a countdown to your new time.");
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    label(look, "How late");
    static constexpr int kChoices[] = {5, 10, 15, 30};
    std::vector<std::string> choices;
    int chosen = -1;
    for (int m : kChoices) {
        if (m == minutes) chosen = static_cast<int>(choices.size());
        choices.push_back(std::to_string(m) + " min");
    }
    if (const int clicked = choice_chips(look, choices, chosen); clicked >= 0) minutes = kChoices[clicked];
    // Any other number of minutes: the field and its unit move to the next line when narrow.
    const float field = 130 * look.scale;
    flow(field + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("min").x, false);
    ImGui::SetNextItemWidth(field);
    ImGui::InputInt("min##custom", &minutes, 5, 15);
    focus::stop(true);
    minutes = std::clamp(minutes, 1, 24 * 60);
    label(look, "Why (optional)");
    if (take_focus()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##reason", "Traffic", &reason);
    focus::stop(true);

    open_commitment_ids_.clear();
    std::vector<std::string> names{"Not about a commitment"};
    if (ctx.snapshot && ctx.snapshot->state) {
        for (const core::Commitment& c : ctx.snapshot->state->commitments()) {
            if (c.author != ctx.snapshot->device || c.final_outcome) continue;
            open_commitment_ids_.push_back(core::to_hex(c.id));
            names.push_back(c.text + " (due " + local_clock(c.due_at_ms) + ")");
        }
    }
    if (!preselect_for_.empty()) {
        for (std::size_t i = 0; i < open_commitment_ids_.size(); ++i) {
            if (open_commitment_ids_[i] == preselect_for_) for_commitment = static_cast<int>(i);
        }
        preselect_for_.clear();
    }
    if (names.size() > 1) {
        label(look, "For a commitment");
        ImGui::SetNextItemWidth(-1);
        int selected = for_commitment + 1;
        const bool combo_open = ImGui::BeginCombo("##for", names[static_cast<std::size_t>(selected)].c_str());
        if (!combo_open) {  // open, the combo's list is the current window
            focus::stop();
            probe::note("For a commitment");
        }
        if (combo_open) {
            for (std::size_t i = 0; i < names.size(); ++i) {
                if (ImGui::Selectable(names[i].c_str(), static_cast<int>(i) == selected)) for_commitment = static_cast<int>(i) - 1;
                probe::note(names[i].c_str());
            }
            ImGui::EndCombo();
        }
    }
    if (draw_buttons(ctx, "Let them know")) {
        json::Object args{{"minutes", minutes}};
        if (!reason.empty()) args.set("reason", reason);
        if (for_commitment >= 0 && static_cast<std::size_t>(for_commitment) < open_commitment_ids_.size()) {
            args.set("for", open_commitment_ids_[static_cast<std::size_t>(for_commitment)]);
        }
        send(ctx, node::control::make_request(node::control::cmd::kLate, std::move(args)));
    }
}

void Composer::draw_commitment(ViewContext& ctx) {
    const Look& look = ctx.look;
    heading(look, "Make a commitment");
    muted_text(look, "Specific and small beats big and vague: \"I'll call at 7:00\".");
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    label(look, "I will…");
    if (take_focus()) ImGui::SetKeyboardFocusHere();
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##commit", "Call you", &text);
    focus::stop(true);
    probe::note("I will…");
    label(look, "By");
    const core::TimeContext time = time_context(ctx.now_ms);
    due.draw(look, time, "due", due_choices(next_full_hour(ctx.now_ms), time));
    if (draw_buttons(ctx, "Commit")) {
        const Result<std::int64_t> at = due.value(time);
        if (!at) {
            error_ = "Write when you'll do it, like 19:00, 7pm, +45m or tomorrow 9:00.";
            return;
        }
        json::Object args{{"text", text}, {"due", *at}};
        send(ctx, node::control::make_request(node::control::cmd::kCommit, std::move(args)));
    }
}

}  // namespace candor::ui
