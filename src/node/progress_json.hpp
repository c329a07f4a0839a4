// Progress as the command line prints it (../shared/spec/cli.md "Progress": every figure as
// {"me": N, "partner": N}, oldest week first, then the milestones) and as Markdown for export.
#pragma once

#include <string>

#include "core/progress.hpp"
#include "node/json.hpp"

namespace candor::node {

// Who "me" and "partner" are, and the partner's name for the milestones' words.
struct ProgressPeople {
    core::DeviceId me{};
    core::DeviceId partner{};  // zero when this device has no partner yet
    std::string partner_name = "your partner";
};

// Whole minutes, rounded (as `reassurances` prints recovery_minutes); null when none.
[[nodiscard]] json::Value minutes_json(const std::optional<std::int64_t>& ms);
[[nodiscard]] json::Value progress_json(const core::Progress& progress, const ProgressPeople& people);
// A heading, one table per figure (weeks as rows, one column per person) and the milestones.
[[nodiscard]] std::string progress_markdown(const core::Progress& progress, const ProgressPeople& people,
                                            const std::string& my_name);

}  // namespace candor::node
