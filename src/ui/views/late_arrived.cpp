// See late_arrived.hpp.
#include "ui/views/late_arrived.hpp"

#include <imgui.h>

#include "ui/entry_text.hpp"

namespace candor::ui {

const core::LateNotice* passed_late_notice(const node::Snapshot& snap, std::int64_t now_ms) {
    if (!snap.state) return nullptr;
    const core::LateNotice* latest = nullptr;
    for (const core::LateNotice& n : snap.state->late_notices()) {  // fold order: the last is the latest
        if (n.author == snap.device) latest = &n;
    }
    if (!latest || latest->ended_by || now_ms < latest->body.eta_ms) return nullptr;
    if (now_ms >= latest->body.eta_ms + kArrivedAskedForMs) return nullptr;
    if (latest->for_known_commitment) {
        const core::Commitment* c = snap.state->commitment(*latest->body.for_commitment);
        if (c != nullptr && c->final_outcome) return nullptr;
    }
    return latest;
}

void arrived_card(ViewContext& ctx, const node::Snapshot& snap,
                  const std::function<void(std::string_view, json::Object)>& send) {
    const core::LateNotice* n = passed_late_notice(snap, ctx.now_ms);
    if (!n) return;
    const Look& look = ctx.look;
    const std::string id = core::to_hex(n->id);
    ImGui::PushID(id.c_str());
    Card card(look, look.palette->amber);
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted("Arrived?");
    ImGui::PopFont();
    probe::note("Arrived?");
    std::string line = "You said you'd be there about " + local_clock(n->body.eta_ms);
    if (n->for_known_commitment) {
        if (const core::Commitment* c = snap.state->commitment(*n->body.for_commitment)) line += " for " + c->text;
    }
    muted_text(look, "%s. Let them know you're there, or that it's taking longer.", line.c_str());
    if (primary_button(look, "I'm here")) send("late.end", json::Object{{"id", id}});
    ImGui::SameLine();
    if (quiet_button(look, "Still on my way…")) {
        ctx.open_composer = ComposerKind::late;
        if (n->for_known_commitment) ctx.composer_for = core::to_hex(*n->body.for_commitment);
    }
    ImGui::PopID();
}

std::string minutes_left(std::int64_t ms) {
    const std::int64_t minutes = ms <= 0 ? 0 : (ms + 59'999) / 60'000;
    if (minutes < 60) return std::to_string(minutes) + " min";
    const std::int64_t m = minutes % 60;
    return std::to_string(minutes / 60) + " h" + (m ? " " + std::to_string(m) + " min" : "");
}

}  // namespace candor::ui
