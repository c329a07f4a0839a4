// The gate in front of the app: the lock screen (a locked directory before its Node opens, or
// the window locking itself after idle minutes) and the welcome of an empty directory. While it
// is up the app's views are not drawn at all.
#pragma once

#include <memory>
#include <optional>

#include "ui/app.hpp"
#include "ui/views/lock_screen.hpp"

namespace candor::ui {

class AppGate {
public:
    // What to show before the Node starts, if anything: the lock screen for a locked directory
    // whose keys are not unlocked yet; the welcome for an empty one when a window will show.
    [[nodiscard]] static std::optional<LockScreen::Mode> initial(const GuiOptions& options);

    void open(LockScreen::Mode mode, const std::filesystem::path& dir);
    [[nodiscard]] bool active() const { return screen_ != nullptr; }
    void draw(ViewContext& ctx) { screen_->draw(ctx); }
    // Once the user is through: closes the gate and returns the unlocked keys (null when the
    // directory was not locked, or the window was only relocked).
    [[nodiscard]] std::optional<std::shared_ptr<const store::DeviceKeys>> take_finished();

    // Idle locking: input resets the clock; with a passphrase set and "lock after N minutes"
    // on, the window locks once N minutes pass without input (the Node keeps running).
    // `seconds`: a steady clock. The first call only starts the clock.
    void note_input(double seconds) { last_input_s_ = seconds; }
    void check_idle(const node::Snapshot* snapshot, double seconds);

private:
    std::unique_ptr<LockScreen> screen_;
    std::filesystem::path dir_;
    double last_input_s_ = 0;
};

}  // namespace candor::ui
