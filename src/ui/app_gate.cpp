// Deciding when the gate is up.
#include "ui/app_gate.hpp"

#include "store/key_lock.hpp"

namespace candor::ui {

std::optional<LockScreen::Mode> AppGate::initial(const GuiOptions& options) {
    if (store::is_locked(options.data_dir) && !options.keys) return LockScreen::Mode::unlock;
    const bool shown = !options.background && (!options.screenshot_path || options.prompt == "welcome");
    if (shown && is_fresh_data_dir(options.data_dir)) {
        return LockScreen::Mode::welcome;
    }
    return std::nullopt;
}

void AppGate::open(LockScreen::Mode mode, const std::filesystem::path& dir) {
    dir_ = dir;
    screen_ = std::make_unique<LockScreen>(mode, dir);
}

std::optional<std::shared_ptr<const store::DeviceKeys>> AppGate::take_finished() {
    if (!screen_ || !screen_->done()) return std::nullopt;
    auto keys = screen_->keys();
    screen_.reset();
    return keys;
}

void AppGate::check_idle(const node::Snapshot* snapshot, double seconds) {
    if (last_input_s_ == 0) last_input_s_ = seconds;  // the window just opened: that counts as use
    if (screen_ || !snapshot || !snapshot->locked) return;
    const int minutes = snapshot->settings.lock_after_idle_minutes;
    if (minutes > 0 && seconds - last_input_s_ > minutes * 60.0) open(LockScreen::Mode::relock, snapshot->data_dir);
}

}  // namespace candor::ui
