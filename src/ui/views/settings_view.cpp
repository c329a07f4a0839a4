// Settings: name, theme and the app's preferences.
#include "ui/views/settings_view.hpp"

#include <imgui.h>

namespace candor::ui {

void SettingsView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, "Settings");
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    Card card(look);
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted("Theme");
    ImGui::PopFont();
    int theme = ctx.prefs.theme == ThemeKind::dark ? 1 : 0;
    if (ImGui::RadioButton("Light", theme == 0)) theme = 0;
    ImGui::SameLine();
    if (ImGui::RadioButton("Dark", theme == 1)) theme = 1;
    ctx.prefs.theme = theme == 1 ? ThemeKind::dark : ThemeKind::light;
}

}  // namespace candor::ui
