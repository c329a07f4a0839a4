// The cards read the State's RepairLog; every button opens a RepairForms form or sends one
// control request, like the rest of Home.
#include "ui/views/repair_cards.hpp"

#include <imgui.h>

#include "core/time_format.hpp"
#include "node/control_protocol.hpp"
#include "ui/repair_text.hpp"
#include "ui/views/repair_forms.hpp"

namespace candor::ui {
namespace {

namespace cmd = node::control::cmd;

void bold_line(const Look& look, const std::string& text, ImFont* font = nullptr) {
    ImGui::PushFont(font ? font : look.fonts->body_bold);
    wrapped_text(text.c_str());
    ImGui::PopFont();
}

void open_form(ViewContext& ctx, RepairForm form, const core::EntryId& id) {
    if (ctx.repair_forms) ctx.repair_forms->open(form, core::to_hex(id));
}

bool answered_by(const core::Reassurance& r, const core::DeviceId& me) {
    for (const core::RepairNote& n : r.answers)
        if (n.by == me) return true;
    return false;
}

// "What happened" from each side, side by side.
void facts(ViewContext& ctx, const node::Snapshot& snap, const core::Reassurance& r) {
    const core::RepairNote* mine = r.facts_by(snap.device);
    const core::RepairNote* theirs = nullptr;
    for (const core::RepairNote& n : r.facts)
        if (n.by != snap.device) theirs = &n;
    if (!mine && !theirs) return;
    if (ImGui::BeginTable("facts", 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        muted_text(ctx.look, "What happened, as you saw it");
        wrapped_text(mine ? mine->text.c_str() : "—");
        ImGui::TableNextColumn();
        const std::string who = "As " + snap.name_of(theirs ? theirs->by : r.asked_by) + " saw it";
        muted_text(ctx.look, "%s", who.c_str());
        wrapped_text(theirs ? theirs->text.c_str() : "—");
        ImGui::EndTable();
    }
}

void partner_request(ViewContext& ctx, const node::Snapshot& snap, const core::Reassurance& r) {
    const Look& look = ctx.look;
    Card card(look, look.palette->rose);
    const std::string& word = snap.settings.code_word;
    bold_line(look, snap.name_of(r.asked_by) + " needs reassurance" +
                        (word.empty() ? std::string() : " \u2014 \u201c" + word + "\u201d"),
              look.fonts->heading);
    probe::note("partner-reassurance");
    if (!r.note.empty()) wrapped_text(r.note.c_str());
    muted_text(look, "asked %s", core::format_relative(r.asked_at_ms, ctx.now_ms).c_str());
    for (const core::RepairNote& a : r.answers) muted_text(look, "You answered: %s", a.text.c_str());
    facts(ctx, snap, r);
    ImGui::PushID(core::to_hex(r.id).c_str());
    const bool answered = answered_by(r, snap.device);
    if (answered ? quiet_button(look, "Say more") : primary_button(look, "Answer now")) open_form(ctx, RepairForm::answer, r.id);
    ImGui::SameLine();
    if (quiet_button(look, "Add what happened")) open_form(ctx, RepairForm::facts, r.id);
    ImGui::PopID();
}

void my_request(ViewContext& ctx, const node::Snapshot& snap, const core::Reassurance& r) {
    const Look& look = ctx.look;
    Card card(look, look.palette->rose);
    bold_line(look, "You asked for reassurance");
    muted_text(look, "%s%s", core::format_relative(r.asked_at_ms, ctx.now_ms).c_str(),
               r.note.empty() ? "" : (" · " + r.note).c_str());
    if (r.answers.empty()) {
        const std::string waiting = (snap.peers.empty() ? std::string("Your partner") : snap.peers[0].name) +
                                    " sees it as soon as both computers are on the network.";
        muted_text(look, "%s", waiting.c_str());
    }
    for (const core::RepairNote& a : r.answers) bold_line(look, snap.name_of(a.by) + ": " + a.text);
    facts(ctx, snap, r);
    ImGui::PushID(core::to_hex(r.id).c_str());
    if (primary_button(look, "I feel settled")) {
        if (ctx.actions) ctx.actions->send(node::control::make_request(cmd::kReassureSettled, json::Object{{"id", core::to_hex(r.id)}}));
    }
    ImGui::SameLine();
    if (quiet_button(look, "Add what happened")) open_form(ctx, RepairForm::facts, r.id);
    ImGui::PopID();
}

void pause_card(ViewContext& ctx, const node::Snapshot& snap, const core::Pause& p) {
    const Look& look = ctx.look;
    const bool mine = p.author == snap.device;
    Card card(look, look.palette->amber);
    bold_line(look, pause_words(snap, p), look.fonts->heading);
    probe::note(mine ? "my-pause" : "partner-pause");
    if (!p.note().empty()) wrapped_text(p.note().c_str());
    if (p.running(ctx.now_ms)) {
        const std::string left = "back in " + countdown_text(p.until_ms() - ctx.now_ms);
        chip(look, left.c_str(), look.palette->amber);
        ctx.redraw_within(1000);
    } else {
        muted_text(look, "%s", mine ? "Your pause time is up. Take a breath; when you're ready, say so."
                                    : "The pause time has passed; they'll say when they're ready.");
    }
    if (p.extended()) muted_text(look, "first said %s", local_clock(p.steps.front().until_ms).c_str());
    if (!mine) return;
    ImGui::PushID(core::to_hex(p.id).c_str());
    if (primary_button(look, "I'm ready to talk") && ctx.actions) ctx.actions->send(node::control::make_request(cmd::kResume));
    ImGui::SameLine();
    if (quiet_button(look, "More time") && ctx.repair_forms) ctx.repair_forms->open(RepairForm::pause);
    ImGui::PopID();
}

void apology_card(ViewContext& ctx, const node::Snapshot& snap, const core::Apology& a) {
    const Look& look = ctx.look;
    Card card(look, look.palette->partner);
    bold_line(look, snap.name_of(a.author) + " wrote you an apology", look.fonts->heading);
    probe::note("partner-apology");
    const auto part = [&](const char* label, const std::string& text) {
        if (text.empty()) return;
        muted_text(look, "%s", label);
        wrapped_text(text.c_str());
    };
    part("What I did", a.body.did);
    part("How I see it hurt you", a.body.impact);
    part("My responsibility", a.body.responsibility);
    muted_text(look, "How I'll make amends and change");
    for (std::size_t i = 0; i < a.body.plan.size(); ++i) {
        const auto& step = a.body.plan[i];
        const std::string when = step.due_ms ? " (by " + local_clock(step.due_ms) + ")" : std::string();
        wrapped_text(("• " + step.text + when).c_str());
    }
    part("What I'm asking of you", a.body.ask);
    ImGui::PushID(core::to_hex(a.id).c_str());
    if (primary_button(look, "I've read it…")) open_form(ctx, RepairForm::read_apology, a.id);
    ImGui::SameLine();
    if (quiet_button(look, "I'm not ready yet") && ctx.actions) {
        ctx.actions->send(node::control::make_request(
            cmd::kApologyAnswer, json::Object{{"id", core::to_hex(a.id)}, {"answer", "not_ready"}}));
    }
    ImGui::PopID();
}

}  // namespace

bool repair_cards(ViewContext& ctx, const node::Snapshot& snap) {
    const core::RepairLog& log = snap.state->repair();
    bool any = false;
    // The partner's requests first, unanswered ones before answered ones.
    for (int pass = 0; pass < 2; ++pass) {
        for (const core::Reassurance& r : log.reassurances()) {
            if (r.asked_by == snap.device || r.settled() || answered_by(r, snap.device) != (pass == 1)) continue;
            partner_request(ctx, snap, r);
            any = true;
        }
    }
    for (const core::Reassurance& r : log.reassurances()) {
        if (r.asked_by != snap.device || r.settled()) continue;
        my_request(ctx, snap, r);
        any = true;
    }
    for (const core::Pause& p : log.pauses()) {
        if (p.ended() || log.open_pause(p.author) != &p) continue;
        pause_card(ctx, snap, p);
        any = true;
    }
    for (const core::Apology& a : log.apologies()) {
        const core::ApologyAnswer* answer = a.latest_answer();
        if (a.author == snap.device || (answer && answer->read)) continue;
        apology_card(ctx, snap, a);
        any = true;
    }
    return any;
}

}  // namespace candor::ui
