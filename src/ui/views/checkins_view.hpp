// The Check-ins section (Ctrl+7): today's check-in, the weekly "State of us" with the week as it
// happened beside the form, "Talk it through" once both have answered, and the ratings' trend.
#pragma once

#include <array>
#include <cstdint>
#include <set>
#include <string>

#include "core/week_summary.hpp"
#include "ui/view_context.hpp"
#include "ui/views/checkin_form.hpp"

namespace candor::ui {

class CheckinsView {
public:
    void draw(ViewContext& ctx);

private:
    void weekly(ViewContext& ctx, const node::Snapshot& snap);
    void weekly_form(ViewContext& ctx);
    void week_summary(ViewContext& ctx, const node::Snapshot& snap);
    void talk_it_through(ViewContext& ctx, const node::Snapshot& snap, const node::CheckinPeriodView& week);
    void send_weekly(ViewContext& ctx);
    void make_commitment(ViewContext& ctx, const std::string& text);

    DailyCheckin daily_;
    std::array<std::string, 5> appreciations_;
    std::string went_right_, issue_, request_;
    std::string error_;
    std::string sent_;
    bool changing_weekly_ = false;
    std::set<std::string> committed_;  // requests turned into my commitments from here
    std::uint64_t summary_version_ = 0;
    core::WeekSummary summary_;
};

// The daily ratings over the last weeks, one small chart per person (checkin_trend.cpp). Drawn
// with ImDrawList in the person's colour: a calm line, never red for a low day.
void checkin_trend(const ViewContext& ctx, const node::Snapshot& snap);

}  // namespace candor::ui
