// The app's window: GLFW, the GL context and an ImGui context, for as long as it is shown, and
// the activity it notices (input and focus) so the frame pacer knows when to draw.
#pragma once

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "ui/app.hpp"

namespace candor::ui {

struct InputState {
    bool input = false;
    bool focused = true;
};

class Window {
public:
    bool open(const GuiOptions& options, InputState& input);
    ~Window();
    [[nodiscard]] GLFWwindow* get() const { return window_; }

private:
    GLFWwindow* window_ = nullptr;
    ImGuiContext* imgui_ = nullptr;
    bool initialised_ = false;
};

}  // namespace candor::ui
