// Home (Today): the partner's presence, what matters now, and the three quick actions.
#include "ui/views/home_view.hpp"

#include <imgui.h>

#include <ctime>

namespace candor::ui {
namespace {

const char* greeting(std::int64_t now_ms) {
    const std::time_t t = static_cast<std::time_t>(now_ms / 1000);
    std::tm local{};
    localtime_r(&t, &local);
    if (local.tm_hour < 5) return "Good night";
    if (local.tm_hour < 12) return "Good morning";
    if (local.tm_hour < 18) return "Good afternoon";
    return "Good evening";
}

}  // namespace

void HomeView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, greeting(ctx.now_ms));
    muted_text(look, "Today, in one place: where your partner is, what you promised each other, and who is running late.");
    ImGui::Dummy(ImVec2(0, 8 * look.scale));

    primary_button(look, "Share an update  (U)");
    ImGui::SameLine();
    quiet_button(look, "Running late  (L)");
    ImGui::SameLine();
    quiet_button(look, "Make a commitment  (C)");
    ImGui::Dummy(ImVec2(0, 8 * look.scale));

    {
        Card card(look, look.palette->partner);
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextUnformatted("Not paired yet");
        ImGui::PopFont();
        muted_text(look, "Pair with your partner's computer in Devices. Once you are paired, their presence and latest "
                         "update appear here.");
        if (quiet_button(look, "Go to Devices")) ctx.section = Section::devices;
    }
    heading(look, "Today");
    empty_state(look, "No updates yet.",
                "Small, regular updates build trust — share what you're up to. Commitments due today and "
                "running-late notices will appear here too.");
}

}  // namespace candor::ui
