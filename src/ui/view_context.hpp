// What every view gets each frame: the look, the time, and where to send what the user does.
#pragma once

#include <cstdint>

#include "ui/section.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"

namespace candor::ui {

// Preferences the UI itself owns while running (persisted through the Node's settings).
struct UiPrefs {
    ThemeKind theme = ThemeKind::light;
};

struct ViewContext {
    Look look;
    std::int64_t now_ms = 0;  // wall clock, UTC ms
    Section section = Section::home;
    UiPrefs prefs;
    bool request_attention = false;  // set by a view to make the window ask for attention
};

}  // namespace candor::ui
