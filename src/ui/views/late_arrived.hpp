// A running-late notice whose arrival time has passed (issue 17 item 8): instead of vanishing, it
// asks its author "Arrived?" with I'm here and Still on my way, until they answer or half a day
// has gone by.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "core/state.hpp"
#include "node/json.hpp"
#include "ui/view_context.hpp"

namespace candor::ui {

inline constexpr std::int64_t kArrivedAskedForMs = 12 * 60 * 60'000LL;

// My latest late notice when its arrival time has passed and it is still open, else null.
[[nodiscard]] const core::LateNotice* passed_late_notice(const node::Snapshot& snap, std::int64_t now_ms);

// The "Arrived?" card for it; `send` posts a control command (the view's own sender).
void arrived_card(ViewContext& ctx, const node::Snapshot& snap,
                  const std::function<void(std::string_view, json::Object)>& send);

// "15 min", "1 h 5 min": the minutes left, rounded up, read as an amount rather than a clock.
[[nodiscard]] std::string minutes_left(std::int64_t ms);

}  // namespace candor::ui
