// See time_field.hpp.
#include "ui/time_field.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>

namespace candor::ui {
namespace {
constexpr int kDaysShown = 7;  // the day picker: today and the six days after it
constexpr int kMorning = 9 * 60;
}  // namespace

core::TimeContext time_context(std::int64_t now_ms) {
    core::TimeContext time = core::local_time_context();
    time.now_ms = now_ms;
    return time;
}

std::vector<TimeField::Choice> due_choices(std::int64_t next_full_hour_ms, const core::TimeContext& time) {
    const std::string hour = core::format_time_input(next_full_hour_ms, time);
    return {{hour + " (next full hour)", hour},
            {"in 30 min", "+30m"},
            {"in 1 hour", "+1h"},
            {"in 2 hours", "+2h"},
            {"tomorrow 9:00", "tomorrow 9:00"}};
}

Result<std::int64_t> TimeField::value(const core::TimeContext& time) const { return core::parse_time(text, time); }

void TimeField::draw(const Look& look, const core::TimeContext& time, const char* id, const std::vector<Choice>& choices) {
    ImGui::PushID(id);
    for (std::size_t i = 0; i < choices.size(); ++i) {
        flow(choice_chip_width(look, choices[i].label.c_str()), i == 0);
        ImGui::PushID(static_cast<int>(i));
        if (choice_chip(look, choices[i].label.c_str(), text == choices[i].text)) text = choices[i].text;
        ImGui::PopID();
    }
    // The day picker as wide as its words and its arrow, so "On another day…" is never cut.
    const float picker = ImGui::CalcTextSize("On another day…").x + 2 * ImGui::GetStyle().FramePadding.x +
                         ImGui::GetFrameHeight() + 4.0f * look.scale;
    ImGui::SetNextItemWidth(std::max(120.0f * look.scale, ImGui::GetContentRegionAvail().x - picker -
                                                               ImGui::GetStyle().ItemSpacing.x));
    ImGui::InputTextWithHint("##time", "19:00, 7pm, +45m, tomorrow 9:00", &text);
    focus::stop(true);
    probe::note("Time");
    flow(picker, false);
    ImGui::SetNextItemWidth(picker);
    draw_day_picker(time);
    const Result<std::int64_t> at = value(time);
    const bool ok = at && *at > time.now_ms;
    const std::string live = ok ? core::format_when(*at, time)
                             : at ? "That time has passed; pick a later one."
                                  : "Not a time yet: try 19:00, 7pm, +45m or tomorrow 9:00.";
    ImGui::PushStyleColor(ImGuiCol_Text, ok ? look.palette->text_muted : look.palette->rose);
    ImGui::TextUnformatted(live.c_str());  // one line, whatever it says: nothing below moves
    ImGui::PopStyleColor();
    probe::note(live.c_str());
    ImGui::PopID();
}

void TimeField::draw_day_picker(const core::TimeContext& time) {
    const Result<std::int64_t> at = value(time);
    const int minutes = at ? core::local_minutes(*at, time) : kMorning;
    const bool open = ImGui::BeginCombo("##day", "On another day…");
    if (!open) {  // open, its list is the current window
        focus::stop();
        return probe::note("On another day…");
    }
    for (int d = 0; d < kDaysShown; ++d) {
        const std::int64_t then = core::at_local_time(d, minutes, time);
        std::string label = core::format_day(then, time);
        label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
        ImGui::PushID(d);
        if (ImGui::Selectable(label.c_str())) text = core::format_time_input(then, time);
        probe::note(label.c_str());
        ImGui::PopID();
    }
    ImGui::EndCombo();
}

}  // namespace candor::ui
