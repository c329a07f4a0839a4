// Kept and Missed with care (issue 17 item 5), shared by Home and Commitments: a click starts a
// 10-second undo window in which nothing is sent (and the card says so), with a note field; Missed
// asks "Want to set a new time or say what happened?", and Missed before the due time first asks
// "Missed already? You can still move the time." The Shell owns one Resolutions and ticks it every
// frame, so a resolution is sent when its window ends whichever section is showing. A card
// resolved here stays in its place until the pointer leaves it, so the next card's buttons never
// slide under the pointer.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "core/state.hpp"
#include "node/json.hpp"
#include "ui/time_field.hpp"
#include "ui/view_context.hpp"

namespace candor::ui {

class Resolutions {
public:
    static constexpr std::int64_t kUndoMs = 10'000;

    // Kept / Missed / Running late / New time… for my open commitment `c`, or its pending,
    // confirming or new-time state.
    void draw_controls(ViewContext& ctx, const core::Commitment& c);
    // Sends every resolution whose undo window has ended; asks for the redraws the countdowns need.
    void tick(ViewContext& ctx);
    // Sends everything still waiting, now (the window is going away).
    void send_all(ViewContext& ctx);

    [[nodiscard]] bool pending(const std::string& id) const { return pending_.contains(id); }
    // Resolved from this window and still under the pointer: keep the card where it is.
    [[nodiscard]] bool keep_in_place(const std::string& id) const { return in_place_.contains(id); }
    // The card of `id` was drawn with its rectangle [min, max]: release it once the pointer is off.
    void card_drawn(const std::string& id, ImVec2 min, ImVec2 max);
    // Opens (or folds) the new-time form of `id`: a time field and a reason, sent by "Move it".
    void start_new_time(const std::string& id);

private:
    struct Pending {
        bool kept = true;
        std::int64_t send_at_ms = 0;
        std::string note;
    };
    void start(ViewContext& ctx, const std::string& id, bool kept);
    void send(ViewContext& ctx, const std::string& id);
    void draw_pending(ViewContext& ctx, const core::Commitment& c, Pending& p);
    void draw_confirm_early_miss(ViewContext& ctx, const std::string& id);
    void draw_new_time(ViewContext& ctx, const core::Commitment& c);
    void open_new_time(const std::string& id);
    void note_error(const std::string& id, const json::Value& response);

    std::map<std::string, Pending> pending_;
    std::set<std::string> in_place_;
    std::string confirming_;  // "Missed already?" is asked for this commitment
    std::string moving_;      // the new-time form is open for this commitment
    TimeField new_time_;      // with what it holds
    std::string new_time_reason_;
    std::string error_;       // the last send's error, shown on its card until the next action
    std::string error_for_;
};

}  // namespace candor::ui
