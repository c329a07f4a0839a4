#include "ui/node_opener.hpp"

#include <imgui.h>

namespace candor::ui {

void NodeOpener::start(node::NodeOptions options, std::function<void()> done) {
    wait();
    thread_ = std::thread([this, options = std::move(options), done = std::move(done)]() mutable {
        Opened opened = node::Node::start(std::move(options));
        {
            std::lock_guard lock(mutex_);
            result_.emplace(std::move(opened));
        }
        if (done) done();
    });
}

std::optional<NodeOpener::Opened> NodeOpener::take() {
    std::optional<Opened> out;
    {
        std::lock_guard lock(mutex_);
        if (!result_) return std::nullopt;
        out.swap(result_);
    }
    if (thread_.joinable()) thread_.join();
    return out;
}

void NodeOpener::wait() {
    if (thread_.joinable()) thread_.join();
}

void draw_opening(const Look& look) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    begin_full_window("Opening");
    const char* words = "Opening your history\u2026";
    ImGui::PushFont(look.fonts->heading);
    const ImVec2 size = ImGui::CalcTextSize(words);
    ImGui::SetCursorPos(ImVec2((viewport->WorkSize.x - size.x) * 0.5f, (viewport->WorkSize.y - size.y) * 0.45f));
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->text_muted);
    ImGui::TextUnformatted(words);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    probe::note(words);
    ImGui::End();
}

}  // namespace candor::ui
