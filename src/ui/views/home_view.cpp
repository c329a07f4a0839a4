// Home (Today): the partner's presence, what matters now, and the three quick actions.
#include "ui/views/home_view.hpp"

#include <imgui.h>

#include <ctime>

#include "core/time_format.hpp"
#include "ui/entry_text.hpp"

namespace candor::ui {
namespace {

const char* greeting(std::int64_t now_ms) {
    const std::time_t t = static_cast<std::time_t>(now_ms / 1000);
    std::tm local{};
    localtime_r(&t, &local);
    if (local.tm_hour < 5) return "Good night";
    if (local.tm_hour < 12) return "Good morning";
    if (local.tm_hour < 18) return "Good afternoon";
    return "Good evening";
}

void quick_actions(ViewContext& ctx) {
    const Look& look = ctx.look;
    if (primary_button(look, "Share an update  (U)")) ctx.open_composer = ComposerKind::update;
    ImGui::SameLine();
    if (quiet_button(look, "Running late  (L)")) ctx.open_composer = ComposerKind::late;
    ImGui::SameLine();
    if (quiet_button(look, "Make a commitment  (C)")) ctx.open_composer = ComposerKind::commitment;
}

void presence(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    if (snap.peers.empty()) {
        Card card(look, look.palette->partner);
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextUnformatted("Not paired yet");
        ImGui::PopFont();
        muted_text(look, "Pair with your partner's computer in Devices. Once you are paired, their presence and "
                         "latest update appear here.");
        if (quiet_button(look, "Go to Devices")) ctx.section = Section::devices;
        return;
    }
    const node::PeerView& peer = snap.peers.front();
    Card card(look, look.palette->partner);
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted(peer.name.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    if (peer.online) {
        chip(look, "online", look.palette->accent);
    } else if (peer.last_seen_ms > 0) {
        const std::string seen = "last seen " + core::format_relative(peer.last_seen_ms, ctx.now_ms);
        chip(look, seen.c_str(), look.palette->text_muted);
    } else {
        chip(look, "not seen yet", look.palette->text_muted);
    }
    core::DeviceId partner{};
    if (auto id = core::parse_id(peer.device_id)) partner = *id;
    if (auto update = snap.state->current_update(partner, ctx.now_ms)) {
        const core::FeedEntry* fe = snap.state->find(update->id);
        if (fe) {
            const EntryText text = describe_entry(*fe, ctx.now_ms);
            ImGui::TextWrapped("%s", text.headline.c_str());
            if (!text.detail.empty()) muted_text(look, "%s", text.detail.c_str());
        }
    } else {
        muted_text(look, "No current update from %s.", peer.name.c_str());
    }
}

}  // namespace

void HomeView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, greeting(ctx.now_ms));
    if (!ctx.snapshot) {
        empty_state(look, "Candor's background service could not start.", ctx.node_error.c_str());
        return;
    }
    const node::Snapshot& snap = *ctx.snapshot;
    muted_text(look, "You are %s on this computer · device %s", snap.name.c_str(), core::short_hex(snap.device).c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Device id: %s", snap.device_id.c_str());
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    quick_actions(ctx);
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    presence(ctx, snap);

    heading(look, "Today");
    bool any = false;
    for (const auto& [author, update] : snap.state->latest_updates()) {
        if (author != snap.device || !update.active(ctx.now_ms)) continue;
        const core::FeedEntry* fe = snap.state->find(update.id);
        if (!fe) continue;
        any = true;
        const EntryText text = describe_entry(*fe, ctx.now_ms);
        Card card(look, look.palette->accent);
        muted_text(look, "Your update · %s", core::format_relative(update.created_at_ms, ctx.now_ms).c_str());
        ImGui::PushFont(look.fonts->body_bold);
        wrapped_text(text.headline.c_str());
        ImGui::PopFont();
        if (!text.detail.empty()) muted_text(look, "%s", text.detail.c_str());
    }
    for (const core::Commitment& c : snap.state->commitments()) {
        if (c.final_outcome) continue;
        any = true;
        const bool mine = c.author == snap.device;
        Card card(look, mine ? look.palette->accent : look.palette->partner);
        muted_text(look, "%s · commitment", mine ? "You" : snap.name_of(c.author).c_str());
        ImGui::PushFont(look.fonts->body_bold);
        wrapped_text(c.text.c_str());
        ImGui::PopFont();
        const bool due = c.status(ctx.now_ms) == core::CommitmentStatus::due;
        const std::string when = (due ? "due " : "due in ") +
                                 (due ? core::format_relative(c.due_at_ms, ctx.now_ms)
                                      : core::format_relative(c.due_at_ms, ctx.now_ms).substr(3)) +
                                 " · " + local_clock(c.due_at_ms);
        chip(look, when.c_str(), due ? look.palette->amber : look.palette->text_muted);
    }
    if (!any) {
        empty_state(look, "No updates yet.",
                    "Small, regular updates build trust — share what you're up to. Commitments due today and "
                    "running-late notices will appear here too.");
    }
    if (snap.read_only) {
        Card card(look, look.palette->rose);
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextUnformatted("Nothing new can be saved right now");
        ImGui::PopFont();
        wrapped_text(snap.read_only->c_str());
    }
}

}  // namespace candor::ui
