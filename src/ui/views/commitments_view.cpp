// Commitments: the promise ledger — open, resolved and requested commitments with their story.
#include "ui/views/commitments_view.hpp"

#include <imgui.h>

namespace candor::ui {

void CommitmentsView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, "Commitments");
    muted_text(look, "Promises you make each other, like \"I'll call at 7:00\", and how they went.");
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    empty_state(look, "No commitments yet.",
                "Make a small, specific promise with a time. Each one keeps its story: when it was made, "
                "renegotiated, any running-late notice, and whether it was kept.");
}

}  // namespace candor::ui
