// The app's two one-time questions, as calm modal cards: "Candor keeps running" the first time
// the window is closed, and the offer to start at login right after pairing.
#pragma once

#include "ui/view_context.hpp"

namespace candor::ui {

enum class Prompt { none, keeps_running, autostart };

[[nodiscard]] Prompt parse_prompt(std::string_view name);  // "keeps-running", "autostart"

class AppPrompts {
public:
    // Shows `prompt` from the next frame on (a screenshot, or the window asking to close).
    void show(Prompt prompt) { pending_ = prompt; }
    [[nodiscard]] Prompt showing() const { return shown_ != Prompt::none ? shown_ : pending_; }
    // Offers login autostart once, when this device becomes paired while the window is open.
    void watch_pairing(const ViewContext& ctx);
    // Draws the prompt, if any. Returns true when the user chose to close the window.
    bool draw(ViewContext& ctx);

private:
    Prompt pending_ = Prompt::none;
    Prompt shown_ = Prompt::none;
    int paired_seen_ = -1;  // peers in the last snapshot looked at; -1: none yet
};

}  // namespace candor::ui
