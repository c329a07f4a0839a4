// Plain words for Progress: what a chart's series has done over the weeks shown ("Recovery
// time has halved since October", "More appreciations than in September", "Steady since
// October"), framed as noticing together, never as a score. Pure, so tests can read them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/progress.hpp"

namespace candor::ui {

struct ProgressSeries {
    std::vector<std::optional<double>> values;  // one per week, oldest first; nullopt: no value
    std::vector<std::int64_t> week_starts;      // the weeks' Mondays (UTC ms), for "since October"
};

struct SeriesWords {
    std::string subject;        // "Recovery time", "Commitments kept well", "Appreciations"
    bool lower_is_better = false;
};

// Compares the first half of the weeks that have a value with the second half.
[[nodiscard]] std::string trend_sentence(const ProgressSeries& series, const SeriesWords& words, int utc_offset_minutes);

// "January" … "December" for the local month of `utc_ms`.
[[nodiscard]] std::string month_name(std::int64_t utc_ms, int utc_offset_minutes);

}  // namespace candor::ui
