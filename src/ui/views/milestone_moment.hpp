// A milestone's moment: for a few seconds the window warms behind the app (shaders/celebrate.frag,
// or soft ImGui circles where there is no shader program) and the milestone's words rise on a card
// of their own, then fade; Progress keeps the milestone as a card. The app stays usable beneath it,
// and it never begins while someone is typing or filling a form: it waits until they are done.
// Esc or a click ends it early.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ui/view_context.hpp"

namespace candor::ui {

class MilestoneMoment {
public:
    static constexpr std::int64_t kLengthMs = 4'500;

    // Queues a moment (the newest wins); it begins at the first frame nobody is busy.
    void offer(std::string title, std::string body);
    // Shows it at its height until dismissed (screenshots).
    void hold(std::string title, std::string body);
    // True while a moment runs and was drawn (over the app, after it). `busy`: someone is typing
    // or a form is open, so a queued moment waits.
    bool draw(ViewContext& ctx, bool busy);
    [[nodiscard]] bool running() const { return started_ms_ >= 0; }

private:
    struct Words {
        std::string title, body;
    };
    std::optional<Words> queued_;
    Words words_;
    std::int64_t started_ms_ = -1;
    bool held_ = false;
};

// The moment's envelope at `phase` (0..1 through it): 0 at both ends, 1 through the middle.
[[nodiscard]] float moment_glow(float phase);

}  // namespace candor::ui
