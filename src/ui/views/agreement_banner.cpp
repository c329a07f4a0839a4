// Both partners see the same reminders, computed from the same folded State.
#include "ui/views/agreement_banner.hpp"

#include <imgui.h>

#include "node/agreement_json.hpp"

namespace candor::ui {

void agreement_banner(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    const core::AgreementLog& log = snap.state->agreement();
    for (const core::AgreementVersion* v : log.open_versions()) {
        if (v->proposer == snap.device || v->accepted(snap.device) || v->declined(snap.device)) continue;
        Card card(look, look.palette->amber);
        ImGui::PushFont(look.fonts->body_bold);
        wrapped_text((snap.name_of(v->proposer) + " proposed a change to your agreement").c_str());
        ImGui::PopFont();
        muted_text(look, "See exactly what changed, then accept, decline or propose a revision.");
        if (quiet_button(look, "Review the proposal")) ctx.section = Section::agreement;
        return;
    }
    const core::AgreementVersion* active = log.active();
    if (!active) return;
    auto doc = node::agreement_from_canonical(active->agreement_json);
    if (!doc || doc->review_every_days == 0) return;
    const auto next = log.next_review_ms(doc->review_every_days);
    if (!next || *next > ctx.now_ms) return;
    Card card(look, look.palette->amber);
    ImGui::PushFont(look.fonts->body_bold);
    wrapped_text("Time to revisit your agreement");
    ImGui::PopFont();
    muted_text(look, "Sit down together, talk through what works and what doesn't, and note what you agreed.");
    if (quiet_button(look, "Open the agreement")) ctx.section = Section::agreement;
}

}  // namespace candor::ui
