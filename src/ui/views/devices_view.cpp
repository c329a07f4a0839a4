// Devices: pairing with the partner's computer and the paired device's state.
#include "ui/views/devices_view.hpp"

#include <imgui.h>

namespace candor::ui {

void DevicesView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, "Devices");
    muted_text(look, "Candor talks only to your partner's computer, directly over your home network. "
                     "No server and no account.");
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    empty_state(look, "Pair once with a short code.",
                "One of you shows a code, the other types it. Afterwards both screens show the same safety "
                "number, and the two computers find each other whenever they are on the same network.");
}

}  // namespace candor::ui
