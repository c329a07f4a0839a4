// The desktop app: a GLFW window with OpenGL 3.3 and ImGui, idle-friendly, and a screenshot mode.
#pragma once

#include <optional>
#include <string>

#include "ui/section.hpp"

namespace candor::ui {

struct GuiOptions {
    std::string data_dir;
    std::optional<std::string> screenshot_path;  // render, write a PNG, exit
    int width = 1280;
    int height = 800;
    int frames = 3;
    Section section = Section::home;
    std::string theme;          // "light"/"dark"; empty: the saved preference
    bool report_timing = false; // print time to first frame (tools/bench_gui.sh)
};

// Runs the window until it is closed. Returns the process exit code.
int run_app(const GuiOptions& options);

}  // namespace candor::ui
