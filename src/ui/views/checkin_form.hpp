// Today's one-minute check-in: three gentle ratings and a line, on Home and in Check-ins. Before
// I answer it says only whether the partner has checked in ("Sam has checked in: answer to see
// both"), never anything of what they said; once both have answered it shows both.
#pragma once

#include <cstdint>
#include <string>

#include "node/snapshot.hpp"
#include "ui/view_context.hpp"

namespace candor::ui {

// The period view of this local day / ISO week, or null.
[[nodiscard]] const node::CheckinPeriodView* current_checkin(const node::Snapshot& snap, core::CheckinType type,
                                                             std::int64_t now_ms);
[[nodiscard]] std::string partner_name(const node::Snapshot& snap);
// "Safe 4 · connected 3 · trust 5" (or words only when the numbers are hidden) and the note.
void daily_answer_lines(const ViewContext& ctx, const core::DailyAnswer& a);

class DailyCheckin {
public:
    // `compact`: Home's card (a line when answered); else the Check-ins section's.
    void draw(ViewContext& ctx, bool compact);

private:
    void form(ViewContext& ctx, const node::CheckinPeriodView* today);
    void answered(ViewContext& ctx, const node::CheckinPeriodView& today, bool compact);
    void send(ViewContext& ctx);

    int ratings_[3] = {0, 0, 0};
    std::string note_;
    std::string error_;
    bool changing_ = false;
};

}  // namespace candor::ui
