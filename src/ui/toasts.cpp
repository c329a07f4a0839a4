// Toasts are plain ImGui windows without decoration, placed from the bottom-right corner up.
#include "ui/toasts.hpp"

#include <imgui.h>

#include <algorithm>

namespace candor::ui {

void Toasts::add(std::string title, std::string body, ToastTone tone, std::int64_t now_ms, std::int64_t show_ms) {
    toasts_.push_back(Toast{std::move(title), std::move(body), tone, now_ms + show_ms});
    // Oldest go first when many arrive at once: a catch-up must not wall off the window.
    if (toasts_.size() > kMaxShown) toasts_.erase(toasts_.begin(), toasts_.end() - kMaxShown);
}

void Toasts::confirm(std::string title, std::string body) {
    add(std::move(title), std::move(body), ToastTone::info, 0, 0);
}

void Toasts::draw(ViewContext& ctx) {
    for (Toast& t : toasts_) {
        if (t.until_ms == 0) t.until_ms = ctx.now_ms + kShowMs;
    }
    std::erase_if(toasts_, [&](const Toast& t) { return t.until_ms <= ctx.now_ms; });
    if (toasts_.empty()) return;
    const Look& look = ctx.look;
    const Palette& p = *look.palette;
    const float s = look.scale;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float width = 340.0f * s;
    float bottom = vp->WorkPos.y + vp->WorkSize.y - 20.0f * s;
    std::int64_t next_expiry = toasts_.front().until_ms;
    int close = -1;
    for (int i = static_cast<int>(toasts_.size()) - 1; i >= 0; --i) {
        const Toast& t = toasts_[static_cast<std::size_t>(i)];
        next_expiry = std::min(next_expiry, t.until_ms);
        const ImVec4 stripe = t.tone == ToastTone::partner    ? p.partner
                              : t.tone == ToastTone::reminder ? p.amber
                                                              : p.accent;
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 20.0f * s, bottom), ImGuiCond_Always,
                                ImVec2(1.0f, 1.0f));
        ImGui::SetNextWindowSize(ImVec2(width, 0));
        ImGui::PushStyleColor(ImGuiCol_WindowBg, p.card);
        ImGui::PushStyleColor(ImGuiCol_Border, p.border);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8.0f * s);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(18.0f * s, 12.0f * s));
        const std::string id = "##toast" + std::to_string(i);
        ImGui::Begin(id.c_str(), nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                         ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_AlwaysAutoResize |
                         ImGuiWindowFlags_NoNav);
        ImGui::PopStyleVar(3);
        ImGui::PopStyleColor(2);
        const ImVec2 pos = ImGui::GetWindowPos();
        const ImVec2 size = ImGui::GetWindowSize();
        ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + 4.0f * s, pos.y + size.y), to_u32(stripe),
                                                  8.0f * s, ImDrawFlags_RoundCornersLeft);
        ImGui::PushTextWrapPos(width - 40.0f * s);
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextUnformatted(t.title.c_str());
        ImGui::PopFont();
        if (!t.body.empty()) muted_text(look, "%s", t.body.c_str());
        ImGui::PopTextWrapPos();
        ImGui::SetCursorPos(ImVec2(size.x - 30.0f * s, 8.0f * s));
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
        ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
        if (ImGui::SmallButton("×")) close = i;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Close");
        ImGui::PopStyleColor(2);
        bottom -= size.y + 10.0f * s;
        ImGui::End();
    }
    if (close >= 0) toasts_.erase(toasts_.begin() + close);
    ctx.redraw_within(next_expiry - ctx.now_ms);
}

}  // namespace candor::ui
