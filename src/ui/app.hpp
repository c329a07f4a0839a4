// The desktop app: the Node of a data directory, running with or without its window. The window
// (GLFW, OpenGL 3.3, ImGui) exists only while shown: closing it tears the GL side down and the
// Node keeps running; `candor show` or a second `candor` brings it back; Quit stops everything.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "store/keys.hpp"
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
    // screenshots: a form open over the app from the start: a quick action (update, late,
    // commitment) or a repair form (RepairForms::open_named)
    std::string form;
    std::string moment;         // screenshots: "milestone" holds the latest milestone's moment at its height
    // Print time to first frame (tools/bench_gui.sh, bench_background.sh); with --screenshot and
    // --frames N, also how long the app's own work took per frame (the UI's CPU time, before GL).
    bool report_timing = false;
    bool background = false;    // start with no window (login autostart)
    // A locked data directory: the keys unlocked before the app started (`--background
    // --passphrase-stdin`); unset, the window asks for the passphrase on its lock screen.
    std::shared_ptr<const store::DeviceKeys> keys;
};

// Runs until Quit (Ctrl+Q, `candor quit`, SIGINT/SIGTERM), or until the screenshot is written.
// Returns the process exit code.
int run_app(const GuiOptions& options);

}  // namespace candor::ui
