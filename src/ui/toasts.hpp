// In-app toasts: short notes stacked in the bottom-right corner ("Sam shared an update"), gone
// after a few seconds or when closed. They keep the app redrawing only while one is showing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/view_context.hpp"

namespace candor::ui {

enum class ToastTone { partner, reminder, info };

struct Toast {
    std::string title;
    std::string body;
    ToastTone tone = ToastTone::info;
    std::int64_t until_ms = 0;  // 0: not drawn yet, shown for kShowMs from the first draw
};

class Toasts {
public:
    static constexpr std::int64_t kShowMs = 8'000;
    static constexpr std::size_t kMaxShown = 4;

    void add(std::string title, std::string body, ToastTone tone, std::int64_t now_ms, std::int64_t show_ms = kShowMs);
    // A confirmation of what the user just did ("Saved your name."), shown for kShowMs from the
    // next draw; for replies that arrive without the frame's clock.
    void confirm(std::string title, std::string body = {});
    // Drops expired toasts, draws the rest over the app and asks for a redraw when the next expires.
    void draw(ViewContext& ctx);
    [[nodiscard]] const std::vector<Toast>& shown() const { return toasts_; }

private:
    std::vector<Toast> toasts_;
};

}  // namespace candor::ui
