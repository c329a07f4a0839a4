// The start instant is on this computer's clock (node/breathing.hpp), so the shape is a pure
// function of ctx.now_ms and both screens move together.
#include "ui/views/breathing_view.hpp"

#include <imgui.h>

#include <cmath>

#include "core/breath.hpp"
#include "node/breathing.hpp"
#include "ui/entry_text.hpp"
#include "ui/keys.hpp"

namespace candor::ui {

bool BreathingView::draw(ViewContext& ctx) {
    if (!ctx.snapshot) return false;
    const node::Snapshot& snap = *ctx.snapshot;
    const auto now = node::breathing_now(snap, ctx.now_ms, [this](const core::EntryId& id) { return closed_.count(id) != 0; });
    if (!now) return false;
    const Look& look = ctx.look;
    const std::int64_t elapsed = ctx.now_ms - now->local_start_ms;
    const core::BreathAt breath = core::breath_at(elapsed);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 centre(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.46f);
    ctx.breath = BreathShape{centre.x, centre.y, static_cast<float>(breath.size)};
    ctx.redraw_within(16);

    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("breathing", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBackground);
    if (!ctx.breath_shader) {  // no GL program (or the headless tests): the same shape in ImGui
        const float unit = std::min(vp->WorkSize.x, vp->WorkSize.y);
        const float radius = unit * (0.12f + 0.16f * static_cast<float>(breath.size));
        ImGui::GetWindowDrawList()->AddCircleFilled(centre, radius, to_u32(look.palette->accent), 96);
    }
    const auto centred = [&](ImFont* font, const std::string& text, float y, ImVec4 colour) {
        ImGui::PushFont(font);
        const ImVec2 size = ImGui::CalcTextSize(text.c_str());
        ImGui::SetCursorScreenPos(ImVec2(centre.x - size.x * 0.5f, y));
        ImGui::PushStyleColor(ImGuiCol_Text, colour);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
    };
    const std::string who = now->mine ? std::string("Breathe together") : "Breathing with " + snap.name_of(now->guide.author);
    centred(look.fonts->heading, who, vp->WorkPos.y + 40 * look.scale, look.palette->text);
    const float below = centre.y + std::min(vp->WorkSize.x, vp->WorkSize.y) * 0.30f;
    if (elapsed < 0) {
        centred(look.fonts->title, "starting in " + std::to_string((-elapsed + 999) / 1000) + "…", below, look.palette->text);
    } else {
        centred(look.fonts->title, breath.breathing_in ? "breathe in" : "and out", below, look.palette->text);
        probe::note(breath.breathing_in ? "breathe in" : "and out");
    }
    const std::string left = duration_words(std::max<std::int64_t>(0, now->local_end_ms - ctx.now_ms)) + " left";
    // Mine runs in step when the partner's computer is on (it corrects for our clocks); the
    // partner's runs in step here once the offset between the clocks was measured.
    const bool partner_online = !snap.peers.empty() && snap.peers.front().online;
    const std::string partner = snap.peers.empty() ? std::string("your partner") : snap.peers.front().name;
    const bool together = now->mine ? partner_online : now->in_step;
    const std::string step = together ? "in step on both computers" : "alone for now: " + partner + "'s computer is away";
    centred(look.fonts->body, left + " · " + step, below + 56 * look.scale, look.palette->text_muted);
    ImGui::SetCursorScreenPos(ImVec2(centre.x - 40 * look.scale, below + 96 * look.scale));
    if (quiet_button(look, "End  (Esc)") || ImGui::IsKeyPressed(keys::escape, false)) closed_.insert(now->guide.id);
    ImGui::End();
    return true;
}

}  // namespace candor::ui
