// What every view gets each frame: the look, the time, the Node's latest snapshot, and where to
// send what the user does.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

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

struct ViewContext {
    Look look;
    std::int64_t now_ms = 0;  // wall clock, UTC ms
    Section section = Section::home;
    UiPrefs prefs;
    std::shared_ptr<const node::Snapshot> snapshot;  // null when the Node could not start
    Actions* actions = nullptr;
    std::string node_error;                  // why there is no Node, in words a user can act on
    ComposerKind open_composer = ComposerKind::none;  // a view asks the shell to open a form
    bool request_attention = false;          // set by a view to make the window ask for attention
};

}  // namespace candor::ui
