// The app's window: GLFW, the GL context and an ImGui context, for as long as it is shown, and
// the activity it notices (input and focus) so the frame pacer knows when to draw.
#pragma once

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <vector>

#include "ui/app.hpp"

namespace candor::ui {

struct InputState {
    bool input = false;
    bool focused = true;
};

// `--report-timing` with `--screenshot --frames N`: how long the app's own work took per frame
// (the views and ImGui up to its draw lists, not GL or the swap), printed when the run ends:
// "section_frame_ms p50 … p99 … max … (N frames)". The first frame builds the caches: it is the max.
class FrameTimes {
public:
    void add(double ms) { ms_.push_back(ms); }
    void print() const;

private:
    std::vector<double> ms_;
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
