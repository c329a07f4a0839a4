// The Home section (Today): the partner's presence and current update, running-late countdowns,
// requests waiting for an answer, today's commitments of both, and what waits for delivery.
#pragma once

#include <string>
#include <string_view>

#include "node/json.hpp"
#include "ui/view_context.hpp"
#include "ui/views/checkin_form.hpp"
#include "ui/views/first_run.hpp"
#include "ui/views/plan_phase.hpp"
#include "ui/views/request_answer.hpp"

namespace candor::ui {

class HomeView {
public:
    void draw(ViewContext& ctx);

private:
    void partner_card(ViewContext& ctx, const node::Snapshot& snap);
    bool late_cards(ViewContext& ctx, const node::Snapshot& snap);
    bool request_cards(ViewContext& ctx, const node::Snapshot& snap);
    bool today(ViewContext& ctx, const node::Snapshot& snap);
    void delivery_line(ViewContext& ctx, const node::Snapshot& snap);
    void recovery_card(ViewContext& ctx, const node::Snapshot& snap);
    void send(ViewContext& ctx, std::string_view cmd, json::Object args);

    std::string error_;        // the last action's error, shown until the next action
    bool confirm_new_chain_ = false;
    RequestAnswer request_answer_;
    DailyCheckin checkin_;  // today's check-in, answerable right here
    PlanPhaseLine plan_line_;  // what the transparency plan's phase in force asks for
    FirstRun first_run_;
};

}  // namespace candor::ui
