// History: one timeline of everything both of you shared.
#include "ui/views/history_view.hpp"

#include <imgui.h>

namespace candor::ui {

void HistoryView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, "History");
    muted_text(look, "Every update, late notice, commitment and agreement change, newest first. Nothing here can be "
                     "quietly rewritten: each entry is signed by the device that wrote it.");
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    empty_state(look, "Nothing shared yet.",
                "Your shared history will appear here as a timeline with day separators, filters by kind and "
                "person, and search.");
}

}  // namespace candor::ui
