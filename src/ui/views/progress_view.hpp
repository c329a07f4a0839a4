// The Progress section (Ctrl+8): week by week, per person, small multiples drawn with ImDrawList
// (commitments, late notices in time, recovery after a reassurance request, days checked in, the
// daily ratings, appreciations), a line of plain words under each chart, milestones as cards, and
// the transparency plan's phase in force. Hidden by the setting that hides the ledger's figures,
// and retired for good when the plan's last phase says so. Figures are computed once per
// snapshot version (and range), never per frame.
#pragma once

#include <cstdint>
#include <string>

#include "core/agreement.hpp"
#include "core/progress.hpp"
#include "ui/view_context.hpp"
#include "ui/views/plan_phase.hpp"

namespace candor::ui {

class ProgressView {
public:
    void draw(ViewContext& ctx);

private:
    void refresh(const ViewContext& ctx, const node::Snapshot& snap);
    void header(ViewContext& ctx, const node::Snapshot& snap);
    void milestones(ViewContext& ctx, const node::Snapshot& snap);
    void export_markdown(ViewContext& ctx);

    unsigned weeks_ = core::kDefaultProgressWeeks;
    std::uint64_t version_ = 0;
    unsigned computed_weeks_ = 0;
    std::int64_t computed_day_ = 0;  // recomputed when the local day changes too
    core::Progress progress_;
    PlanPhaseLine plan_line_;  // the agreement in force's plan and its phase
    std::string export_message_;
};

// The charts, one row per figure, one column per person (progress_charts.cpp).
void progress_charts(const ViewContext& ctx, const node::Snapshot& snap, const core::Progress& progress);

}  // namespace candor::ui
