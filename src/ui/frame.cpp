// Debian's ImGui is built with its asserts on, so a view that throws between Begin and End would
// abort in Render ("Mismatched Begin/BeginChild"). ErrorCheckEndFrameRecover ends what was left
// open (windows, children, groups, ids, style) before the frame is finished.
#include "ui/frame.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdarg>
#include <cstdio>
#include <exception>
#include <string>

namespace candor::ui {
namespace {

void log_recovery(void*, const char* fmt, ...) {
    char line[256];
    va_list args;
    va_start(args, fmt);
    std::vsnprintf(line, sizeof line, fmt, args);
    va_end(args);
    std::fprintf(stderr, "candor: %s\n", line);
}

void recover(ViewContext& ctx, const std::string& what) {
    ++ctx.failed_frames;
    ctx.frame_error = what;
    std::fprintf(stderr, "candor: a view failed to draw (%d so far): %s\n", ctx.failed_frames, what.c_str());
    ImGui::ErrorCheckEndFrameRecover(&log_recovery, nullptr);
    ImGuiContext& g = *ImGui::GetCurrentContext();
    while (g.FontStack.Size > 0) ImGui::PopFont();
}

// A calm strip at the top: what failed, that nothing was lost, and what to do.
void draw_frame_error(ViewContext& ctx) {
    if (ctx.frame_error.empty() || !ctx.look.palette) return;
    const Look& look = ctx.look;
    const float s = look.scale;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + 12.0f * s), ImGuiCond_Always,
                            ImVec2(0.5f, 0.0f));
    ImGui::SetNextWindowSize(ImVec2(std::min(620.0f * s, vp->WorkSize.x - 24.0f * s), 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, look.palette->card);
    ImGui::PushStyleColor(ImGuiCol_Border, look.palette->amber);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 8.0f * s);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(18.0f * s, 12.0f * s));
    ImGui::Begin("##frame-error", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing);
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor(2);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted("Part of this screen could not be drawn. Nothing you wrote was lost.");
    muted_text(look, "%s%s Try another section; if it keeps happening, restart Candor.", ctx.frame_error.c_str(),
               ctx.failed_frames > 1 ? (" (" + std::to_string(ctx.failed_frames) + " times)").c_str() : "");
    ImGui::PopTextWrapPos();
    if (quiet_button(look, "Dismiss")) ctx.frame_error.clear();
    ImGui::End();
}

}  // namespace

std::uint64_t run_frame(ViewContext& ctx, const std::function<void()>& draw) {
    ImGui::NewFrame();
    try {
        draw();
    } catch (const std::exception& e) {
        recover(ctx, e.what());
    } catch (...) {
        recover(ctx, "an unexpected error");
    }
    try {
        draw_frame_error(ctx);
    } catch (...) {
        ImGui::ErrorCheckEndFrameRecover(&log_recovery, nullptr);
    }
    ImGui::Render();
    return draw_signature(ImGui::GetDrawData());
}

std::uint64_t draw_signature(const ImDrawData* data) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the bytes that make the picture
    auto mix = [&h](const void* bytes, std::size_t n) {
        const auto* p = static_cast<const unsigned char*>(bytes);
        for (std::size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 1099511628211ull;
    };
    if (!data || !data->Valid) return 0;
    for (int i = 0; i < data->CmdListsCount; ++i) {
        const ImDrawList* list = data->CmdLists[i];
        mix(list->VtxBuffer.Data, static_cast<std::size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
        mix(list->IdxBuffer.Data, static_cast<std::size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list->CmdBuffer) mix(&cmd.ClipRect, sizeof cmd.ClipRect);
    }
    return h;
}

bool FramePacer::after_frame(std::uint64_t signature) {
    const bool changed = signature != last_;
    last_ = signature;
    if (frames_left_ > 0) --frames_left_;
    if (changed) ++settling_;
    if (settling_ > kMaxSettleFrames) return frames_left_ > 0;
    return frames_left_ > 0 || changed;
}

}  // namespace candor::ui
