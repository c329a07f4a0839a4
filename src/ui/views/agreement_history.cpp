// The Agreement section's history tab: every version in fold order with its status, who accepted
// or declined it and when, what replaced it, and the reviews recorded against it.
#include <imgui.h>

#include "ui/views/agreement_diff.hpp"
#include "ui/views/agreement_view.hpp"

namespace candor::ui {
namespace {

const char* status_words(const core::AgreementVersion& v) {
    switch (v.status) {
        case core::VersionStatus::proposed: return "proposed";
        case core::VersionStatus::active: return "in force";
        case core::VersionStatus::superseded: return "superseded";
        case core::VersionStatus::declined: return "declined";
    }
    return "";
}

ImVec4 status_colour(const Palette& p, const core::AgreementVersion& v) {
    switch (v.status) {
        case core::VersionStatus::proposed: return p.amber;
        case core::VersionStatus::active: return p.accent;
        case core::VersionStatus::superseded: return p.text_muted;
        case core::VersionStatus::declined: return p.rose;
    }
    return p.text_muted;
}

}  // namespace

void AgreementView::draw_history(ViewContext& ctx) {
    const Look& look = ctx.look;
    const Palette& p = *look.palette;
    const node::Snapshot& snap = *ctx.snapshot;
    const core::AgreementLog& log = snap.state->agreement();
    const auto name = [&snap](const core::DeviceId& id) { return snap.name_of(id); };
    muted_text(look, "Every version either of you proposed, who accepted it and when, and your reviews. Nothing "
                     "here is ever removed.");
    ImGui::Dummy(ImVec2(0, 2.0f * look.scale));
    const auto& versions = log.versions();
    for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
        const core::AgreementVersion& v = *it;
        const std::string id = core::to_hex(v.id);
        const core::AgreementDoc doc = read_doc(v);
        ImGui::PushID(id.c_str());
        Card card(look, v.proposer == snap.device ? p.accent : p.partner);
        chip(look, status_words(v), status_colour(p, v));
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 3.0f * look.scale);
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextWrapped("Version %u · %s", v.number, doc.title.c_str());
        ImGui::PopFont();
        muted_text(look, "Proposed by %s · %s", name(v.proposer).c_str(), date_time_words(v.proposed_at_ms).c_str());
        for (const core::AgreementAnswerView& a : v.accepted_by) {
            if (a.by == v.proposer) continue;
            const bool brought_in = v.activated_by && *v.activated_by == a.entry_id;
            muted_text(look, "Accepted by %s · %s%s", name(a.by).c_str(), date_time_words(a.at_ms).c_str(),
                       brought_in ? " · in force from then" : "");
        }
        for (const core::AgreementAnswerView& a : v.declined_by) {
            const std::string note = a.note.empty() ? "" : " — \u201c" + a.note + "\u201d";
            coloured_text(p.rose, "Declined by " + name(a.by) + " · " + date_time_words(a.at_ms) + note);
        }
        if (v.closed_by) {
            const core::AgreementVersion* by = log.version(*v.closed_by);
            const std::string which = by ? "version " + std::to_string(by->number) : std::string("another version");
            const std::string when = by && by->activated_at_ms ? " on " + date_words(by->activated_at_ms) : "";
            muted_text(look, "%s when %s came into force%s", v.activated_at_ms ? "Replaced" : "Set aside",
                       which.c_str(), when.c_str());
        }
        for (const core::AgreementReview* r : log.reviews_of(v.id)) {
            ImGui::Dummy(ImVec2(0, 2.0f * look.scale));
            ImGui::PushFont(look.fonts->body_bold);
            ImGui::TextWrapped("Reviewed together · %s", date_words(r->at_ms).c_str());
            ImGui::PopFont();
            if (!r->note.empty()) bullet_text(look, r->note, p.accent);
            muted_text(look, "Recorded by %s%s", name(r->by).c_str(),
                       r->next_review_ms ? (" · next review " + date_words(r->next_review_ms)).c_str() : "");
        }
        const bool open = expanded_.count(id) != 0;
        if (quiet_button(look, open ? "Hide the text" : "Read this version")) {
            if (open) expanded_.erase(id); else expanded_.insert(id);
        }
        if (open) {
            ImGui::Dummy(ImVec2(0, 4.0f * look.scale));
            draw_agreement(look, doc, name, snap.device);
        }
        ImGui::PopID();
    }
}

}  // namespace candor::ui
