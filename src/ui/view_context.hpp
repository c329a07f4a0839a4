// What every view gets each frame: the look, the time, the Node's latest snapshot, and where to
// send what the user does.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "node/snapshot.hpp"
#include "ui/actions.hpp"
#include "ui/section.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"

namespace candor::ui {

// Preferences the UI itself owns while running (persisted through the Node's settings).
struct UiPrefs {
    ThemeKind theme = ThemeKind::light;
};

enum class ComposerKind { none, update, late, commitment };
// "update", "late", "commitment" (the --form of a screenshot); none for anything else.
[[nodiscard]] inline ComposerKind composer_kind_named(std::string_view name) {
    if (name == "update") return ComposerKind::update;
    if (name == "late") return ComposerKind::late;
    if (name == "commitment") return ComposerKind::commitment;
    return ComposerKind::none;
}

class Resolutions;
class Toasts;
class RepairForms;

// The breathing guide's shape for this frame, drawn by the app with shaders/breathe.frag in place
// of the background: centre in ImGui display pixels (top-left origin), size 0..1.
struct BreathShape {
    float x = 0, y = 0;
    float size = 0;
};

// A milestone's moment for this frame, drawn by the app with shaders/celebrate.frag in place of
// the background: the bloom's centre in ImGui display pixels, phase 0..1 through the moment and
// glow, its 0..1 envelope.
struct GlowMoment {
    float x = 0, y = 0;
    float phase = 0;
    float glow = 0;
};

struct ViewContext {
    Look look;
    std::int64_t now_ms = 0;  // wall clock, UTC ms
    Section section = Section::home;
    UiPrefs prefs;
    std::shared_ptr<const node::Snapshot> snapshot;  // null when the Node could not start
    Actions* actions = nullptr;
    Resolutions* resolutions = nullptr;      // Kept / Missed with undo (the Shell's)
    Toasts* toasts = nullptr;                // transient confirmations (the Shell's)
    RepairForms* repair_forms = nullptr;     // reassurance, pause, apology forms (the Shell's)
    std::optional<BreathShape> breath;       // set while a breathing guide runs (reset per frame)
    bool breath_shader = false;              // the app has the breathing shader program
    std::optional<GlowMoment> glow;          // set while a milestone's moment runs (reset per frame)
    bool glow_shader = false;                // the app has the moment's shader program
    std::string node_error;                  // why there is no Node, in words a user can act on
    ComposerKind open_composer = ComposerKind::none;  // a view asks the shell to open a form
    std::string composer_for;                // with it: a commitment id the late form starts on
    std::function<void()> start_demo;        // opens the demo couple's two windows (the app sets it)
    bool request_attention = false;          // set by a view to make the window ask for attention
    // The next frame is needed within this many ms (a visible countdown: 1000); -1: no need.
    // Reset before each frame; the app's idle wait honours it.
    int redraw_in_ms = -1;
    void redraw_within(std::int64_t ms) {
        if (ms < 0) return;
        const int clamped = ms > 3'600'000 ? 3'600'000 : static_cast<int>(ms);
        if (redraw_in_ms < 0 || clamped < redraw_in_ms) redraw_in_ms = clamped;
    }
    bool screenshot = false;      // drawing for --screenshot (fixed sub-views, no side effects)
    bool quit_requested = false;  // Ctrl+Q or the sidebar's Quit: stop Candor, window and all
    std::string frame_error;      // why the last frame failed to draw, shown until dismissed
    int failed_frames = 0;        // frames that failed since the window opened
};

}  // namespace candor::ui
