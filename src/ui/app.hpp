// The desktop app: the Node of a data directory, running with or without its window. The window
// (GLFW, OpenGL 3.3, ImGui) exists only while shown: closing it tears the GL side down and the
// Node keeps running; `candor show` or a second `candor` brings it back; Quit stops everything.
#pragma once

#include <optional>
#include <string>

#include "ui/section.hpp"
#include "ui/view_context.hpp"

namespace candor::ui {

struct GuiOptions {
    std::string data_dir;
    std::optional<std::string> screenshot_path;  // render, write a PNG, exit
    int width = 1280;
    int height = 800;
    int frames = 3;
    Section section = Section::home;
    std::string theme;          // "light"/"dark"; empty: the saved preference
    std::string prompt;         // screenshots: "keeps-running" or "autostart" shown over the app
    ComposerKind form = ComposerKind::none;  // a quick-action form open from the start (--form)
    bool report_timing = false; // print time to first frame (tools/bench_gui.sh, bench_background.sh)
    bool background = false;    // start with no window (login autostart)
};

// Runs until Quit (Ctrl+Q, `candor quit`, SIGINT/SIGTERM), or until the screenshot is written.
// Returns the process exit code.
int run_app(const GuiOptions& options);

}  // namespace candor::ui
