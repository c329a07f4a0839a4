// The transparency plan and talking times of the agreement in force, decoded once per State
// (the agreement is canonical JSON inside core), and since when it was last looked at together
// (its activation or latest review). Used by the reminders (notices) and by the app.
#pragma once

#include <cstdint>
#include <vector>

#include "core/ids.hpp"
#include "core/state.hpp"
#include "core/talk_times.hpp"
#include "core/transparency_plan.hpp"

namespace candor::node {

struct PlanInForce {
    core::EntryId version{};  // the agreement version in force (zero: none)
    core::TransparencyPlan plan;
    std::vector<core::TalkTime> talk_times;
    std::int64_t since_ms = 0;  // activation or the latest review of that version
};

[[nodiscard]] PlanInForce plan_in_force(const core::State& state);

}  // namespace candor::node
