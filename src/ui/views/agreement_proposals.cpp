// The Agreement section's proposals tab: each open version against the one in force, change by
// change, with Accept / Decline (with a note) / Propose a revision, and the suggestions a
// proposal makes in the other's name.
#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "node/control_protocol.hpp"
#include "ui/keys.hpp"
#include "ui/views/agreement_diff.hpp"
#include "ui/views/agreement_view.hpp"

// ---- The proposals tab: the diff review --------------------------------------------------

namespace candor::ui {
namespace {

// Commitments already in their author's own words when `v` was proposed: those in force, and
// those each person wrote for themselves in the versions `v` revises (its parents).
std::vector<core::AgreementCommitment> owned_commitments(const core::AgreementLog& log, const core::AgreementVersion& v,
                                                         const core::AgreementDoc& in_force_doc) {
    std::vector<core::AgreementCommitment> owned = in_force_doc.commitments;
    std::optional<core::EntryId> parent = v.parent;
    for (std::size_t steps = 0; parent && steps < log.versions().size(); ++steps) {
        const core::AgreementVersion* p = log.version(*parent);
        if (p == nullptr) break;
        for (const core::AgreementCommitment& c : read_doc(*p).commitments)
            if (c.by == p->proposer) owned.push_back(c);
        parent = p->parent;
    }
    return owned;
}

}  // namespace

void AgreementView::draw_proposals(ViewContext& ctx) {
    const Look& look = ctx.look;
    const node::Snapshot& snap = *ctx.snapshot;
    const core::AgreementLog& log = snap.state->agreement();
    const std::vector<const core::AgreementVersion*> open = log.open_versions();
    if (open.empty()) {
        empty_state(look, "No proposals are waiting.",
                    "When one of you proposes a change, it shows here with exactly what it changes, item by item, "
                    "until you have both accepted it.");
        return;
    }
    const core::AgreementVersion* in_force = log.active();
    const core::AgreementDoc in_force_doc = in_force ? read_doc(*in_force) : core::AgreementDoc{};
    if (open.size() > 1) {
        Card card(look, look.palette->amber);
        ImGui::PushFont(look.fonts->body_bold);
        if (open.size() == 2) {
            ImGui::TextWrapped("Two proposals are open at the same time.");
        } else {
            ImGui::TextWrapped("%zu proposals are open at the same time.", open.size());
        }
        ImGui::PopFont();
        const bool two = open.size() == 2;
        muted_text(look, "They were probably written while your computers were apart. %s in force until you both "
                         "accept the same one; accepting one sets the %s aside, and %s in the history.",
                   two ? "Neither is" : "None is", two ? "other" : "others", two ? "it stays" : "they stay");
    }
    for (std::size_t i = 0; i < open.size(); ++i) {
        if (open.size() > 1) {
            ImGui::Dummy(ImVec2(0, 4.0f * look.scale));
            ImGui::PushFont(look.fonts->heading);
            const std::string label = std::string("Proposal ") + static_cast<char>('A' + std::min<std::size_t>(i, 25));
            const std::string from =
                open[i]->proposer == snap.device ? "yours" : "from " + snap.name_of(open[i]->proposer);
            ImGui::TextUnformatted((label + " · " + from).c_str());
            ImGui::PopFont();
            probe::note(label.c_str());
        }
        draw_proposal(ctx, *open[i], in_force_doc, in_force);
    }
}

void AgreementView::draw_proposal(ViewContext& ctx, const core::AgreementVersion& v,
                                  const core::AgreementDoc& in_force_doc, const core::AgreementVersion* in_force) {
    const Look& look = ctx.look;
    const Palette& p = *look.palette;
    const node::Snapshot& snap = *ctx.snapshot;
    const core::AgreementLog& log = snap.state->agreement();
    const auto name = [&snap](const core::DeviceId& id) { return snap.name_of(id); };
    const std::string id = core::to_hex(v.id);
    const core::AgreementDoc doc = read_doc(v);
    const bool mine = v.proposer == snap.device;
    const bool i_accepted = v.accepted(snap.device), i_declined = v.declined(snap.device);
    std::string partner = "your partner";
    if (!snap.peers.empty()) partner = snap.peers.front().name;

    ImGui::PushID(id.c_str());
    Card card(look, mine ? p.accent : p.partner);
    if (i_declined) {
        chip(look, "you declined", p.rose);
    } else if (!i_accepted) {
        chip(look, "waiting for you", p.amber);
    } else if (!v.declined_by.empty()) {
        chip(look, ("declined by " + partner).c_str(), p.rose);
    } else {
        chip(look, ("waiting for " + partner).c_str(), p.text_muted);
    }
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 3.0f * look.scale);
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextWrapped("Version %u · %s", v.number, doc.title.c_str());
    ImGui::PopFont();
    std::string origin = "Proposed by " + name(v.proposer) + " · " + date_time_words(v.proposed_at_ms);
    if (v.parent && (!in_force || *v.parent != in_force->id)) {
        if (const core::AgreementVersion* parent = log.version(*v.parent))
            origin += " · a revision of version " + std::to_string(parent->number);
    }
    muted_text(look, "%s", origin.c_str());
    for (const core::AgreementAnswerView& a : v.declined_by) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.rose);
        ImGui::TextWrapped("%s declined%s%s", name(a.by).c_str(), a.note.empty() ? "" : ": \u201c",
                           a.note.empty() ? "" : (a.note + "\u201d").c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Dummy(ImVec2(0, 4.0f * look.scale));
    // Said first: whose words these are matters before what they say.
    const std::vector<core::AgreementCommitment> suggested =
        core::suggestions_in(doc, v.proposer, owned_commitments(log, v, in_force_doc));
    if (!suggested.empty()) draw_suggestions_note(look, suggested, snap, v.proposer);
    if (in_force == nullptr) {
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextWrapped("A first agreement: nothing is in force yet, so all of it is new.");
        ImGui::PopFont();
        draw_agreement(look, doc, name, snap.device, Suggestions{v.proposer, suggested});
    } else {
        const std::vector<ChangeRow> rows = change_rows(in_force_doc, doc, name, v.proposer);
        ImGui::PushFont(look.fonts->body_bold);
        if (rows.empty()) {
            ImGui::TextWrapped("The same as version %u, in force.", in_force->number);
        } else {
            ImGui::TextWrapped("%zu %s against version %u, in force:", rows.size(),
                               rows.size() == 1 ? "change" : "changes", in_force->number);
        }
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(0, 2.0f * look.scale));
        ImGui::Indent(8.0f * look.scale);
        draw_change_rows(look, rows);
        ImGui::Unindent(8.0f * look.scale);
    }
    ImGui::Dummy(ImVec2(0, 6.0f * look.scale));

    if (declining_ == id) {
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextUnformatted(("Tell " + (mine ? partner : name(v.proposer)) + " why (optional)").c_str());
        ImGui::PopFont();
        if (focus_form_) {
            focus_form_ = false;
            ImGui::SetKeyboardFocusHere();
        }
        ImGui::InputTextMultiline("##decline-note", &decline_note_,
                                  ImVec2(card.inner_width(), 3.2f * ImGui::GetTextLineHeightWithSpacing()));
        focus::stop(true);
        probe::note("decline note");
        if (primary_button(look, "Decline") ||
            (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(keys::enter, false))) {
            answer(ctx, id, false, decline_note_);
        }
        ImGui::SameLine();
        if (quiet_button(look, "Cancel") || ImGui::IsKeyPressed(keys::escape, false)) declining_.clear();
    } else {
        if (!i_accepted) {
            const bool for_me = std::any_of(suggested.begin(), suggested.end(),
                                            [&](const core::AgreementCommitment& c) { return c.by == snap.device; });
            const char* accept = answering_ && answer_for_ == id ? "Accepting…" : for_me ? "Accept, as mine" : "Accept";
            if (primary_button(look, accept)) answer(ctx, id, true, {});
            ImGui::SameLine();
            if (!i_declined && quiet_button(look, "Decline…")) {
                declining_ = id;
                decline_note_.clear();
                focus_form_ = true;
            }
            ImGui::SameLine();
        }
        const bool word_mine = !mine && std::any_of(suggested.begin(), suggested.end(),
                                                    [&](const core::AgreementCommitment& c) { return c.by == snap.device; });
        if (quiet_button(look, word_mine ? "Put them in my words" : "Propose a revision")) revise(ctx, v);
        if (i_accepted && !mine) {
            ImGui::SameLine();
            muted_text(look, "You accepted this; it waits for %s.", partner.c_str());
        } else if (mine && v.declined_by.empty()) {
            ImGui::SameLine();
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
            muted_text(look, "Proposing it counts as your acceptance.");
        }
    }
    if (answer_for_ == id && !answer_error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, p.rose);
        ImGui::TextWrapped("%s", answer_error_.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopID();
}

// Commitments written in someone else's name are suggestions: the person they are for takes
// them as their own or says them their own way; nobody speaks for the other.
void AgreementView::draw_suggestions_note(const Look& look, const std::vector<core::AgreementCommitment>& suggested,
                                          const node::Snapshot& snap, const core::DeviceId& proposer) {
    const bool for_me = std::any_of(suggested.begin(), suggested.end(),
                                    [&](const core::AgreementCommitment& c) { return c.by == snap.device; });
    const std::string n = std::to_string(suggested.size());
    const std::string what = suggested.size() == 1 ? "a commitment" : n + " commitments";
    std::string words;
    if (for_me) {
        words = snap.name_of(proposer) + " suggests " + what + " for you. Accepting takes " +
                (suggested.size() == 1 ? "it" : "them") + " as yours, as worded; or put " +
                (suggested.size() == 1 ? "it" : "them") + " in your own words.";
    } else {
        const std::string who = snap.name_of(suggested.front().by);
        words = "You suggest " + what + " for " + who + ". " + who + " takes " +
                (suggested.size() == 1 ? "it" : "them") + " as their own or puts " +
                (suggested.size() == 1 ? "it" : "them") + " in their own words.";
    }
    ImGui::TextWrapped("%s", words.c_str());
    probe::note(words.c_str());
    ImGui::Dummy(ImVec2(0, 2.0f * look.scale));
}

void AgreementView::answer(ViewContext& ctx, const std::string& version, bool accept, std::string note) {
    if (answering_ || !ctx.actions) return;
    answering_ = true;
    answer_for_ = version;
    answer_error_.clear();
    json::Object args{{std::string(node::control::arg::kVersion), version}};
    if (!note.empty()) args.set(std::string(node::control::arg::kNote), std::move(note));
    ctx.actions->send(node::control::make_request(accept ? node::control::cmd::kAgreementAccept
                                                         : node::control::cmd::kAgreementDecline,
                                                  std::move(args)),
                      [this, accept](const json::Value& response) {
                          answering_ = false;
                          answer_error_ = response_error(response);
                          if (!answer_error_.empty()) return;
                          declining_.clear();
                          decline_note_.clear();
                          // Accepting may bring it into force: show the agreement as it now reads.
                          // After a decline, stay with the proposal: a revision is often next.
                          if (accept) {
                              chosen_.reset();
                          } else {
                              chosen_ = Tab::proposals;
                          }
                      });
}

}  // namespace candor::ui
