// Agreement: what you both agreed, typeset for reading; proposals and their differences.
#include "ui/views/agreement_view.hpp"

#include <imgui.h>

namespace candor::ui {

void AgreementView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, "Agreement");
    muted_text(look, "Write down what you agree on, so it cannot drift into \"I thought you said…\".");
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    empty_state(look, "No agreement yet.",
                "Draft one together: a few commitments from each of you, what support looks like, boundaries "
                "by area, what breaks the agreement, and when you will revisit it. It is in force only when "
                "both of you have accepted the same version.");
}

}  // namespace candor::ui
