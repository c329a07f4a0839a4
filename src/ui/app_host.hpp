// Between the Node's thread (show, quit, window state), the signal thread and the main thread
// of the app (app.cpp): whether a window should show, whether Candor is quitting, and waking the
// frame loop.
#pragma once

#include <GLFW/glfw3.h>

#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <string>
#include <utility>

#include "common/result.hpp"

namespace candor::ui {

inline bool has_display() {
    for (const char* var : {"DISPLAY", "WAYLAND_DISPLAY"}) {
        const char* value = std::getenv(var);
        if (value && value[0] != '\0') return true;
    }
    return false;
}

class Host {
public:
    Status show() {
        if (!display_) {
            return make_error("this computer has no display for a window (DISPLAY is not set); "
                              "use the command line, or open Candor from the desktop");
        }
        std::lock_guard lock(mutex_);
        show_ = true;
        wake_locked();
        return {};
    }
    void quit() {
        std::lock_guard lock(mutex_);
        quit_ = true;
        wake_locked();
    }
    std::string window_state() {
        std::lock_guard lock(mutex_);
        return window_open_ ? "shown" : display_ ? "hidden" : "none";
    }
    // Wakes the frame loop (a new snapshot, a reply); nothing to do with no window.
    void wake() {
        std::lock_guard lock(mutex_);
        wake_locked();
    }
    // Main thread, no window: blocks until a show or quit. True for show.
    bool wait_for_show() {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [this] { return show_ || quit_; });
        show_ = false;
        return !quit_;
    }
    bool take_show() {
        std::lock_guard lock(mutex_);
        return std::exchange(show_, false);
    }
    bool quitting() {
        std::lock_guard lock(mutex_);
        return quit_;
    }
    void set_window_open(bool open) {
        std::lock_guard lock(mutex_);
        window_open_ = open;
    }
    [[nodiscard]] bool display() const { return display_; }

private:
    void wake_locked() {
        cv_.notify_all();
        if (window_open_) glfwPostEmptyEvent();  // GLFW is initialised while a window is open
    }
    const bool display_ = has_display();
    std::mutex mutex_;
    std::condition_variable cv_;
    bool show_ = false;
    bool quit_ = false;
    bool window_open_ = false;
};

}  // namespace candor::ui
