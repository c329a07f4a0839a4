#include "ui/views/milestone_moment.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/keys.hpp"
#include "ui/widgets.hpp"

namespace candor::ui {
namespace {

float smooth(float edge0, float edge1, float x) {
    const float t = std::clamp((x - edge0) / (edge1 - edge0), 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

// Without the shader program: the same warmth as a few translucent circles.
void fallback_bloom(const Look& look, ImVec2 centre, float unit, float glow) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (int ring = 4; ring >= 1; --ring) {
        const float r = unit * (0.10f + 0.07f * static_cast<float>(ring));
        draw->AddCircleFilled(centre, r, to_u32(with_alpha(look.palette->amber, 0.10f * glow)), 96);
    }
}

// One line (or a wrapped paragraph) centred horizontally at height y; returns the y below it.
float centred(ImFont* font, const std::string& text, ImVec2 centre, float y, float wrap, ImVec4 colour) {
    ImGui::PushFont(font);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    ImGui::SetCursorScreenPos(ImVec2(centre.x - size.x * 0.5f, y));
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size.x + 1.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
    return y + size.y;
}

}  // namespace

float moment_glow(float phase) { return smooth(0.0f, 0.18f, phase) * (1.0f - smooth(0.72f, 1.0f, phase)); }

void MilestoneMoment::offer(std::string title, std::string body) { queued_ = Words{std::move(title), std::move(body)}; }

void MilestoneMoment::hold(std::string title, std::string body) {
    offer(std::move(title), std::move(body));
    held_ = true;
}

bool MilestoneMoment::draw(ViewContext& ctx, bool busy) {
    bool began = false;
    if (started_ms_ < 0 && queued_ && !busy) {
        words_ = std::move(*queued_);
        queued_.reset();
        started_ms_ = ctx.now_ms;
        began = true;  // the key or click that ended the form is not also the one that ends this
    }
    if (started_ms_ < 0) return false;
    const float phase = held_ ? 0.5f : static_cast<float>(ctx.now_ms - started_ms_) / static_cast<float>(kLengthMs);
    // Esc, or a click anywhere, ends it early; the click still reaches what it was on (the card
    // takes no input), and keys that type stay with whatever has focus.
    const bool dismissed =
        !began && (ImGui::IsKeyPressed(keys::escape, false) || ImGui::IsMouseClicked(ImGuiMouseButton_Left));
    if (phase >= 1.0f || dismissed) {
        started_ms_ = -1;
        held_ = false;
        return false;
    }
    const float glow = moment_glow(phase);
    const Look& look = ctx.look;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 centre(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.42f);
    const float unit = std::min(vp->WorkSize.x, vp->WorkSize.y);
    ctx.glow = GlowMoment{centre.x, centre.y, phase, glow};
    if (!held_) ctx.redraw_within(16);

    // The words on a card of their own, fading with the light; the app stays usable beneath.
    const float width = std::min(vp->WorkSize.x * 0.7f, 520.0f * look.scale);
    ImGui::SetNextWindowPos(ImVec2(centre.x, centre.y), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(width, 0));
    ImGui::SetNextWindowBgAlpha(0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, std::clamp(glow * 1.4f, 0.0f, 1.0f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(24.0f * look.scale, 20.0f * look.scale));
    ImGui::Begin("milestone moment", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs |
                     ImGuiWindowFlags_AlwaysAutoResize);
    if (!ctx.glow_shader) fallback_bloom(look, centre, unit, glow);
    const ImVec2 min = ImGui::GetWindowPos();
    const ImVec2 max(min.x + ImGui::GetWindowSize().x, min.y + ImGui::GetWindowSize().y);
    ImGui::GetWindowDrawList()->AddRectFilled(min, max, to_u32(with_alpha(look.palette->card, 0.94f * glow)),
                                              12.0f * look.scale);
    ImGui::GetWindowDrawList()->AddRect(min, max, to_u32(with_alpha(look.palette->amber, 0.8f * glow)), 12.0f * look.scale,
                                        0, 1.5f * look.scale);
    const float inner = width - 48.0f * look.scale;
    float y = ImGui::GetCursorScreenPos().y;
    y = centred(look.fonts->title, words_.title, centre, y, inner, look.palette->text);
    centred(look.fonts->body, words_.body, centre, y + 10.0f * look.scale, inner, look.palette->text);
    probe::note("milestone moment");
    ImGui::End();
    ImGui::PopStyleVar(2);
    return true;
}

}  // namespace candor::ui
