// The transparency plan's phase in force, in one line for Home and Progress ("This phase of your
// plan asks for an update when you leave work, until 2027-01-31."), or, once a phase has ended
// since the last review, the prompt to review it together. The plan is read from the agreement
// in force once per snapshot version. Home also shows the agreed times to talk (core/talk_times.hpp).
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#include "core/talk_times.hpp"
#include "core/transparency_plan.hpp"
#include "ui/view_context.hpp"

namespace candor::ui {

// The transparency plan of the agreement in force (empty without one, or if it cannot be read).
[[nodiscard]] core::TransparencyPlan plan_in_force(const core::State& state);

// "until 31 January 2027" (", 18:00" after it when not at midnight) for a time written
// "2027-01-31T00:00…" (the date and time at the phase's own offset); empty when it is not one.
[[nodiscard]] std::string until_words(const std::string& iso);
// The end of a phase in those words, or "from then on".
[[nodiscard]] std::string phase_end_words(const core::TransparencyPhase& phase);

// The plan typeset for reading in the agreement: each phase, what it asks for and until when.
void plan_document(const Look& look, const core::TransparencyPlan& plan);

class PlanPhaseLine {
public:
    void draw(const ViewContext& ctx, const node::Snapshot& snap);
    // Home: the next time to talk about it (or that it is now); outside it, the gentler tools.
    void draw_talk(const ViewContext& ctx, const node::Snapshot& snap);
    [[nodiscard]] const core::TransparencyPlan& plan(const node::Snapshot& snap);

private:
    std::uint64_t version_ = std::numeric_limits<std::uint64_t>::max();
    core::TransparencyPlan plan_;
    std::vector<core::TalkTime> talk_times_;
    std::int64_t since_ms_ = 0;  // the last review of the version in force, else when it came into force
};

}  // namespace candor::ui
