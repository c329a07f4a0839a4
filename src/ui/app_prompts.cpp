// Both answers are remembered in the settings (told_keeps_running, offered_autostart), so each
// question is asked once per device. Autostart itself is a file in the user's login programs.
#include "ui/app_prompts.hpp"

#include <imgui.h>

#include "store/autostart.hpp"
#include "node/control_protocol.hpp"

namespace candor::ui {
namespace {

std::string partner_name(const ViewContext& ctx) {
    if (!ctx.snapshot || ctx.snapshot->peers.empty()) return "your partner";
    return ctx.snapshot->peers.front().name;
}

void remember(ViewContext& ctx, const char* setting) {
    if (ctx.actions && ctx.actions->available() && !ctx.screenshot)
        ctx.actions->send(node::control::make_request(node::control::cmd::kSettings, node::control::make_args({{setting, true}})));
}

}  // namespace

Prompt parse_prompt(std::string_view name) {
    if (name == "keeps-running") return Prompt::keeps_running;
    if (name == "autostart") return Prompt::autostart;
    return Prompt::none;
}

void AppPrompts::watch_pairing(const ViewContext& ctx) {
    if (!ctx.snapshot) return;
    const int paired = static_cast<int>(ctx.snapshot->peers.size());
    if (paired_seen_ == 0 && paired > 0 && !ctx.snapshot->settings.offered_autostart) {
        auto state = store::autostart_status(ctx.snapshot->data_dir);
        if (state && !state->on) show(Prompt::autostart);
    }
    paired_seen_ = paired;
}

bool AppPrompts::draw(ViewContext& ctx) {
    if (pending_ != Prompt::none && shown_ == Prompt::none) {
        shown_ = pending_;
        pending_ = Prompt::none;
        ImGui::OpenPopup("##prompt");
    }
    if (shown_ == Prompt::none) return false;
    const Look& look = ctx.look;
    const float s = look.scale;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.42f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(480.0f * s, vp->WorkSize.x - 40.0f * s), 0));
    ImGui::PushStyleColor(ImGuiCol_PopupBg, look.palette->card);
    ImGui::PushStyleColor(ImGuiCol_ModalWindowDimBg, with_alpha(look.palette->text, 0.25f));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(28.0f * s, 24.0f * s));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 12.0f * s);
    const bool open = ImGui::BeginPopupModal("##prompt", nullptr,
                                             ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove);
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor(2);
    if (!open) {
        shown_ = Prompt::none;
        return false;
    }
    const std::string partner = partner_name(ctx);
    bool close_window = false;
    bool done = false;
    ImGui::PushTextWrapPos(0.0f);
    if (shown_ == Prompt::keeps_running) {
        title(look, "Candor keeps running");
        ImGui::Dummy(ImVec2(0, 6.0f * s));
        wrapped_text(("Candor keeps running so " + partner + "'s messages reach you. Quit with Ctrl+Q.").c_str());
        muted_text(look, "Open the window again from your applications, or with 'candor'.");
        ImGui::Dummy(ImVec2(0, 10.0f * s));
        if (primary_button(look, "Close the window")) close_window = done = true;
        ImGui::SameLine();
        if (quiet_button(look, "Quit Candor")) ctx.quit_requested = done = true;
        if (done) remember(ctx, "told_keeps_running");
    } else {
        title(look, "Start with your computer?");
        ImGui::Dummy(ImVec2(0, 6.0f * s));
        wrapped_text(("Keep Candor running from login so you never miss " + partner + "'s messages?").c_str());
        muted_text(look, "You can change this any time in Settings.");
        ImGui::Dummy(ImVec2(0, 10.0f * s));
        if (primary_button(look, "Start at login")) {
            done = true;
            if (ctx.snapshot && !ctx.screenshot) {
                auto set = store::set_autostart(true, ctx.snapshot->data_dir, store::this_program());
                if (!set) ctx.frame_error = "Could not set Candor to start at login: " + set.message();
            }
        }
        ImGui::SameLine();
        if (quiet_button(look, "Not now")) done = true;
        if (done) remember(ctx, "offered_autostart");
    }
    ImGui::PopTextWrapPos();
    if (done) {
        shown_ = Prompt::none;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
    return close_window;
}

}  // namespace candor::ui
