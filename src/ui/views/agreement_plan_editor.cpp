// See agreement_plan_editor.hpp. Fields keep whatever is typed, valid or not; the problems come
// from draft_problems (the Node's rules) and sit right under the field they are about.
#include "ui/views/agreement_plan_editor.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

#include "core/talk_times.hpp"
#include "core/transparency_plan.hpp"

namespace candor::ui {
namespace {

void bold(const Look& look, const std::string& text) {
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
}

enum class PhaseAction { none, up, down, remove };

// "Phase 2" with Move up / Move down / Remove at the right of the card.
PhaseAction phase_heading(const Look& look, std::size_t i, std::size_t count, float right) {
    const std::string n = std::to_string(i + 1);
    bold(look, "Phase " + n);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const bool up = i > 0, down = i + 1 < count;
    const float width = (up ? button_width("Move up") + spacing : 0.0f) + (down ? button_width("Move down") + spacing : 0.0f) +
                        button_width("Remove");
    same_line_right(width, right);
    PhaseAction action = PhaseAction::none;
    if (up) {
        if (quiet_button(look, "Move up")) action = PhaseAction::up;
        probe::note(("phase " + n + " up").c_str());
        ImGui::SameLine();
    }
    if (down) {
        if (quiet_button(look, "Move down")) action = PhaseAction::down;
        probe::note(("phase " + n + " down").c_str());
        ImGui::SameLine();
    }
    if (quiet_button(look, "Remove")) action = PhaseAction::remove;
    probe::note(("phase " + n + " remove").c_str());
    return action;
}

// What the phase asks for: the suggestions as chips that fill the field, then the field.
void phase_expects(const Look& look, DraftPhase& p, float width, const std::string& n) {
    const std::vector<std::string>& presets = phase_presets();
    for (std::size_t k = 0; k < presets.size(); ++k) {
        flow(choice_chip_width(look, presets[k].c_str()), k == 0);
        ImGui::PushID(static_cast<int>(k));
        if (choice_chip(look, presets[k].c_str(), trimmed(p.expects) == presets[k])) p.expects = presets[k];
        ImGui::PopID();
    }
    ImGui::SetNextItemWidth(width);
    ImGui::InputTextWithHint("##expects", "or in your own words: what sharing this phase asks for", &p.expects);
    focus::stop(true);
    probe::note(("phase " + n + " expects").c_str());
}

// Until when: a date (the next phase begins that day); the last phase may run from then on.
void phase_until(const Look& look, DraftPhase& p, bool last, const std::string& n) {
    const bool open = last && p.from_then_on;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(open ? "Runs" : "Until");
    ImGui::SameLine();
    if (!open) {
        // Wide enough for a full time with its offset, as a version written elsewhere may hold.
        const float text_w = ImGui::CalcTextSize(p.until.c_str()).x + 2.0f * ImGui::GetStyle().FramePadding.x + 8.0f * look.scale;
        ImGui::SetNextItemWidth(std::max(170.0f * look.scale, text_w));
        ImGui::InputTextWithHint("##until", "2027-01-31", &p.until);
        focus::stop(true);
        probe::note(("phase " + n + " until").c_str());
        ImGui::SameLine();
    }
    if (last) {
        ImGui::Checkbox("from then on", &p.from_then_on);
        focus::stop();
        probe::note(("phase " + n + " from then on").c_str());
        if (!open) ImGui::SameLine();
    }
    if (!open) {
        ImGui::AlignTextToFramePadding();
        muted_text(look, "%s", last ? "(when it ends, the plan asks you to review it together)"
                                    : "(the next phase begins that day)");
    }
}

void draw_phase(const Look& look, AgreementDraft& d, std::size_t i, const DraftProblems& problems, bool show_blank,
                float width, float right) {
    const std::string n = std::to_string(i + 1);
    ImGui::PushID(static_cast<int>(i));
    const PhaseAction action = phase_heading(look, i, d.phases.size(), right);
    DraftPhase& p = d.phases[i];
    phase_expects(look, p, width, n);
    if (i < problems.expects.size()) field_problem(look, problems.expects[i], show_blank, "phase " + n + " expects problem");
    phase_until(look, p, i + 1 == d.phases.size(), n);
    if (i < problems.until.size()) field_problem(look, problems.until[i], show_blank, "phase " + n + " until problem");
    ImGui::PopID();
    switch (action) {
        case PhaseAction::none: break;
        case PhaseAction::up: move_phase(d, i, i - 1); break;
        case PhaseAction::down: move_phase(d, i, i + 1); break;
        case PhaseAction::remove:
            d.phases.erase(d.phases.begin() + static_cast<std::ptrdiff_t>(i));
            if (!d.phases.empty() && trimmed(d.phases.back().until).empty()) d.phases.back().from_then_on = true;
            break;
    }
}

void draw_talk_time(const Look& look, AgreementDraft& d, std::size_t i, const DraftProblems& problems, bool show_blank,
                    float right) {
    static const std::vector<std::string> kDays = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    const std::string n = std::to_string(i + 1);
    ImGui::PushID(static_cast<int>(i));
    DraftTalkTime& t = d.talk_times[i];
    bold(look, d.talk_times.size() == 1 ? std::string("Every week") : "Time " + n + ", every week");
    same_line_right(button_width("Remove"), right);
    const bool remove = quiet_button(look, "Remove");
    probe::note(("time " + n + " remove").c_str());
    if (const int day = choice_chips(look, kDays, t.day); day >= 0) t.day = day;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("at");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90.0f * look.scale);
    ImGui::InputTextWithHint("##at", "19:00", &t.at);
    focus::stop(true);
    probe::note(("time " + n + " at").c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted("for");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(70.0f * look.scale);
    ImGui::InputInt("##minutes", &t.minutes, 0, 0);  // no step buttons: the field is the item probed
    focus::stop(true);
    probe::note(("time " + n + " minutes").c_str());
    ImGui::SameLine();
    ImGui::TextUnformatted("minutes");
    if (i < problems.at.size()) field_problem(look, problems.at[i], show_blank, "time " + n + " at problem");
    if (i < problems.minutes.size()) field_problem(look, problems.minutes[i], show_blank, "time " + n + " minutes problem");
    ImGui::PopID();
    if (remove) d.talk_times.erase(d.talk_times.begin() + static_cast<std::ptrdiff_t>(i));
}

}  // namespace

void part_heading(const Look& look, const char* text, const char* prompt) {
    ImGui::PushFont(look.fonts->heading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
    if (prompt) muted_text(look, "%s", prompt);
    ImGui::Dummy(ImVec2(0, 2.0f * look.scale));
}

void field_problem(const Look& look, const FieldProblem& problem, bool show_blank, const std::string& probe_name) {
    if (problem.text.empty() || (problem.blank && !show_blank)) return;
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->rose);
    ImGui::TextWrapped("%s", problem.text.c_str());
    ImGui::PopStyleColor();
    probe::note(probe_name.c_str());
    probe::note(problem.text.c_str());
}

void edit_plan(const Look& look, AgreementDraft& d, const DraftProblems& problems, bool show_blank,
               const core::TimeContext& time) {
    Card card(look);
    part_heading(look, "Transparency plan",
                 "Sharing this much helps at first, not forever. Plan how it winds down: what each phase asks for, "
                 "and until when. Home follows the phase in force.");
    if (d.phases.empty()) muted_text(look, "No plan yet. A first phase could ask for an update when leaving or arriving anywhere, for a month.");
    for (std::size_t i = 0; i < d.phases.size(); ++i) {
        if (i > 0) ImGui::Dummy(ImVec2(0, 6.0f * look.scale));
        draw_phase(look, d, i, problems, show_blank, card.inner_width(), card.right());
    }
    if (!problems.plan.empty()) field_problem(look, {problems.plan, false}, show_blank, "plan problem");
    if (d.phases.size() < core::kMaxPlanPhases) {
        ImGui::Dummy(ImVec2(0, 2.0f * look.scale));
        if (quiet_button(look, d.phases.empty() ? "Add a first phase" : "Add a phase")) add_phase(d, time);
        probe::note("add phase");
    }
    if (d.phases.empty()) return;
    ImGui::Dummy(ImVec2(0, 6.0f * look.scale));
    ImGui::Checkbox("Retire the figures and charts when the last phase begins", &d.retire_figures);
    focus::stop();
    probe::note("retire figures");
    muted_text(look, "This is meant for good: from the day the last phase begins, the ledger's figures and the "
                     "Progress charts are gone for both of you, and Candor marks the day with a small celebration "
                     "instead. Logs help at first, not forever.");
}

void edit_talk_times(const Look& look, AgreementDraft& d, const DraftProblems& problems, bool show_blank) {
    Card card(look);
    part_heading(look, "Times to talk about it",
                 "One or two set times a week to talk things through. In between, a worry can wait for a calm "
                 "moment: Home offers reassurance and breathing together instead of a debate.");
    if (d.talk_times.empty()) muted_text(look, "No set times yet. Many couples pick a quiet evening, 45 minutes.");
    for (std::size_t i = 0; i < d.talk_times.size(); ++i) {
        if (i > 0) ImGui::Dummy(ImVec2(0, 6.0f * look.scale));
        draw_talk_time(look, d, i, problems, show_blank, card.right());
    }
    if (!problems.talk.empty()) field_problem(look, {problems.talk, false}, show_blank, "talk problem");
    if (d.talk_times.size() < core::kMaxTalkTimes) {
        ImGui::Dummy(ImVec2(0, 2.0f * look.scale));
        if (quiet_button(look, d.talk_times.empty() ? "Add a time to talk" : "Add a second time")) d.talk_times.emplace_back();
        probe::note("add talk time");
    }
}

}  // namespace candor::ui
