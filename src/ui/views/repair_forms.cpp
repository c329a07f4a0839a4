// The repair forms post through the same control requests as the CLI, so one set of rules holds.
#include "ui/views/repair_forms.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/repair_kinds.hpp"
#include "node/control_protocol.hpp"
#include "ui/composer.hpp"
#include "ui/keys.hpp"
#include "ui/repair_text.hpp"

namespace candor::ui {
namespace {

namespace cmd = node::control::cmd;
namespace arg = node::control::arg;
constexpr const char* kPopupId = "repair-form";
constexpr std::int64_t kDay = 24 * 3'600'000;

std::int64_t step_due(int choice, std::int64_t now_ms) {
    switch (choice) {
        case 1: return pause_preset(2, now_ms).value_or(0);  // tonight
        case 2: return pause_preset(3, now_ms).value_or(now_ms + kDay);
        case 3: return now_ms + 7 * kDay;
        default: return 0;
    }
}

void field(const char* id, const char* hint, std::string& value, bool multiline, float scale, bool focus = false) {
    if (focus && ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    if (multiline) {
        ImGui::InputTextMultiline(id, &value, ImVec2(-1, 64 * scale));
    } else {
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint(id, hint, &value);
    }
}

}  // namespace

void RepairForms::open(RepairForm form, std::string id) {
    form_ = form;
    id_ = std::move(id);
    just_opened_ = true;
    sending_ = false;
    error_.clear();
    note.clear();
    text.clear();
    did.clear();
    impact.clear();
    responsibility.clear();
    ask.clear();
    steps.assign(1, Step{});
    pause_choice = 1;
    breathe_seconds = 30;
}

bool RepairForms::is_form_name(std::string_view name) {
    for (const char* n : {"ask", "answer", "facts", "pause", "apology", "read-apology", "breathe"})
        if (name == n) return true;
    return false;
}

void RepairForms::open_named(std::string_view name, const node::Snapshot& snap) {
    const core::RepairLog& log = snap.state->repair();
    std::string request, apology;
    for (const core::Reassurance& r : log.reassurances())
        if (r.asked_by != snap.device && !r.settled()) request = core::to_hex(r.id);
    for (const core::Apology& a : log.apologies())
        if (a.author != snap.device) apology = core::to_hex(a.id);
    if (name == "ask") open(RepairForm::ask);
    if (name == "answer") open(RepairForm::answer, request);
    if (name == "facts") open(RepairForm::facts, request);
    if (name == "pause") open(RepairForm::pause);
    if (name == "apology") open(RepairForm::apology);
    if (name == "read-apology") open(RepairForm::read_apology, apology);
    if (name == "breathe") open(RepairForm::breathe);
}

void RepairForms::send(ViewContext& ctx, std::string_view command, json::Object args) {
    if (!ctx.actions) return;
    sending_ = true;
    error_.clear();
    ctx.actions->send(node::control::make_request(command, std::move(args)), [this](const json::Value& response) {
        sending_ = false;
        error_ = response_error(response);
        if (error_.empty()) form_ = RepairForm::none;
    });
}

void RepairForms::draw(ViewContext& ctx) {
    if (form_ == RepairForm::none) return;
    if (just_opened_) {
        ImGui::OpenPopup(kPopupId);
        just_opened_ = false;
    }
    if (!begin_form_modal(ctx, kPopupId, form_ == RepairForm::apology ? 620.0f : 520.0f)) {
        form_ = RepairForm::none;
        return;
    }
    switch (form_) {
        case RepairForm::ask: draw_ask(ctx); break;
        case RepairForm::answer: draw_answer(ctx); break;
        case RepairForm::facts: draw_facts(ctx); break;
        case RepairForm::pause: draw_pause(ctx); break;
        case RepairForm::apology: draw_apology(ctx); break;
        case RepairForm::read_apology: draw_read(ctx); break;
        case RepairForm::breathe: draw_breathe(ctx); break;
        case RepairForm::none: break;
    }
    if (form_ == RepairForm::none) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

bool RepairForms::buttons(ViewContext& ctx, const char* send_label) {
    const Look& look = ctx.look;
    if (!error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->rose);
        wrapped_text(error_.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    const bool send_now = primary_button(look, sending_ ? "Sending…" : send_label) || ctrl_enter();
    ImGui::SameLine();
    if (quiet_button(look, "Cancel") || ImGui::IsKeyPressed(keys::escape, false)) {
        form_ = RepairForm::none;
        return false;
    }
    ImGui::SameLine();
    muted_text(look, "Ctrl+Enter sends · Esc closes");
    return send_now && !sending_;
}

void RepairForms::draw_ask(ViewContext& ctx) {
    const Look& look = ctx.look;
    const std::string& word = ctx.snapshot ? ctx.snapshot->settings.code_word : std::string();
    heading(look, "I need reassurance");
    muted_text(look, "%s", word.empty() ? "Your partner gets your request at once, with your code word."
                                        : ("Your partner sees your code word, \u201c" + word + "\u201d, at once.").c_str());
    form_label(look, "A line, if you like (optional)");
    field("##note", "That comment made me anxious", note, false, look.scale, true);
    if (buttons(ctx, "Send my code word")) send(ctx, cmd::kReassureAsk, node::control::make_args({{arg::kNote, note}}));
}

void RepairForms::draw_answer(ViewContext& ctx) {
    const Look& look = ctx.look;
    heading(look, "Answer with warmth");
    muted_text(look, "Pick one of your words, or write your own.");
    const std::vector<std::string> presets = ctx.snapshot ? ctx.snapshot->settings.reassurance_presets : std::vector<std::string>{};
    for (std::size_t i = 0; i < presets.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (quiet_button(look, presets[i].c_str())) text = presets[i];
        ImGui::PopID();
    }
    form_label(look, "In your words");
    field("##text", "I'm here.", text, false, look.scale, true);
    if (buttons(ctx, "Send")) send(ctx, cmd::kReassureAnswer, node::control::make_args({{arg::kId, id_}, {arg::kText, text}}));
}

void RepairForms::draw_facts(ViewContext& ctx) {
    const Look& look = ctx.look;
    heading(look, "What happened");
    muted_text(look, "Facts, not guesses: what was said and done, as a camera would have seen it.");
    field("##facts", "", text, true, look.scale, true);
    if (buttons(ctx, "Add")) send(ctx, cmd::kReassureFacts, node::control::make_args({{arg::kId, id_}, {arg::kText, text}}));
}

void RepairForms::draw_pause(ViewContext& ctx) {
    const Look& look = ctx.look;
    const core::Pause* open = ctx.snapshot ? ctx.snapshot->state->repair().open_pause(ctx.snapshot->device) : nullptr;
    heading(look, open ? "A little more time" : "I need a pause");
    muted_text(look, "Your partner sees when you'll be back, and a kind countdown: a pause, not a closed door.");
    form_label(look, "I'll be back");
    for (int i = 0; i < 4; ++i) {
        const auto until = pause_preset(i, ctx.now_ms);
        const bool usable = until && (!open || *until > open->until_ms());
        if (i > 0) ImGui::SameLine();
        ImGui::BeginDisabled(!usable);
        const std::string label = std::string(kPausePresetLabels[i]) + (until ? " (" + local_clock(*until) + ")" : "");
        if (ImGui::RadioButton(label.c_str(), pause_choice == i)) pause_choice = i;
        ImGui::EndDisabled();
    }
    form_label(look, "A line, if you like (optional)");
    field("##pause-note", "I need to calm down so I can listen", note, false, look.scale, true);
    if (buttons(ctx, open ? "Extend my pause" : "Take a pause")) {
        const auto until = pause_preset(pause_choice, ctx.now_ms);
        if (!until) {
            error_ = "That time is not 20 minutes to 24 hours away; pick another.";
            return;
        }
        send(ctx, cmd::kPause, node::control::make_args({{arg::kUntil, *until}, {arg::kNote, note}}));
    }
}

void RepairForms::draw_apology(ViewContext& ctx) {
    const Look& look = ctx.look;
    heading(look, "A real apology");
    muted_text(look, "Four parts. Take your time; nothing is sent until you choose to.");
    form_label(look, "What I did");
    field("##did", "I did X", did, false, look.scale, true);
    form_label(look, "How I see it hurt you");
    field("##impact", "I see it hurt you in Y ways", impact, false, look.scale);
    form_label(look, "My responsibility");
    field("##resp", "I take full responsibility", responsibility, false, look.scale);
    draw_steps(ctx);
    form_label(look, "What I'm asking of you (may be empty)");
    field("##ask", "", ask, false, look.scale);
    core::ApologyBody body{did, impact, responsibility, {}, ask};
    for (const Step& s : steps) body.plan.push_back(core::ApologyStep{s.text, 0});
    for (const std::string& hint : core::apology_hints(body)) {
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->amber);
        wrapped_text(("A thought: " + hint).c_str());
        ImGui::PopStyleColor();
    }
    if (!buttons(ctx, "Send the apology")) return;
    json::Array plan;
    for (const Step& s : steps) {
        const std::int64_t due = step_due(s.due_choice, ctx.now_ms);
        plan.push_back(json::Object{{"text", s.text}, {"due", due ? json::Value(due) : json::Value(nullptr)}});
    }
    send(ctx, cmd::kApology, node::control::make_args({{arg::kApology, json::Object{{"did", did}, {"impact", impact},
                                                                    {"responsibility", responsibility},
                                                                    {"plan", std::move(plan)}, {"ask", ask}}}}));
}

void RepairForms::draw_steps(ViewContext& ctx) {
    const Look& look = ctx.look;
    form_label(look, "How I'll make amends and change");
    muted_text(look, "A step with a time becomes your commitment, linked to this apology.");
    const char* choices[] = {"No time", "Tonight", "Tomorrow", "In a week"};
    for (std::size_t i = 0; i < steps.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.6f);
        ImGui::InputTextWithHint("##step", "Here's what I'll do", &steps[i].text);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(130 * look.scale);
        ImGui::Combo("##due", &steps[i].due_choice, choices, 4);
        ImGui::PopID();
    }
    if (steps.size() < core::kMaxApologySteps && quiet_button(look, "Add a step")) steps.push_back(Step{});
}

void RepairForms::draw_read(ViewContext& ctx) {
    const Look& look = ctx.look;
    heading(look, "Answer the apology");
    muted_text(look, "There is no wrong answer. \u201cNot yet\u201d is an answer too.");
    form_label(look, "A note (optional)");
    field("##read-note", "", note, false, look.scale, true);
    if (buttons(ctx, "I've read it")) send(ctx, cmd::kApologyAnswer, node::control::make_args({{arg::kId, id_}, {arg::kAnswer, "read"}, {arg::kNote, note}}));
    if (form_ != RepairForm::none && quiet_button(look, "I'm not ready yet"))
        send(ctx, cmd::kApologyAnswer, node::control::make_args({{arg::kId, id_}, {arg::kAnswer, "not_ready"}, {arg::kNote, note}}));
}

}  // namespace candor::ui

namespace candor::ui {

void RepairForms::draw_breathe(ViewContext& ctx) {
    const Look& look = ctx.look;
    heading(look, "Breathe together");
    muted_text(look, "It starts on both computers at the same moment: in for 4, out for 6.");
    for (int seconds : {30, 60, 120, 300}) {
        ImGui::PushID(seconds);
        const std::string label = seconds < 60 ? "30 seconds" : std::to_string(seconds / 60) + " min";
        if (ImGui::RadioButton(label.c_str(), breathe_seconds == seconds)) breathe_seconds = seconds;
        ImGui::PopID();
        ImGui::SameLine();
    }
    ImGui::NewLine();
    if (buttons(ctx, "Start")) send(ctx, cmd::kBreathe, node::control::make_args({{arg::kSeconds, breathe_seconds}}));
}

}  // namespace candor::ui
