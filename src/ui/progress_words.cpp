// The halves are compared by their means: at least half again or half as much counts as "more"
// or "fewer", double or half as much as "doubled" or "halved"; anything between is "steady".
#include "ui/progress_words.hpp"

#include <array>

#include "core/checkin_period.hpp"

namespace candor::ui {

std::string month_name(std::int64_t utc_ms, int utc_offset_minutes) {
    static constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",   "May",      "June",
                                                            "July",    "August",   "September", "October", "November", "December"};
    return kMonths[core::date_of_day(core::local_day(utc_ms, utc_offset_minutes)).month - 1];
}

namespace {
double mean(const std::vector<double>& v, std::size_t from, std::size_t to) {
    double sum = 0;
    for (std::size_t i = from; i < to; ++i) sum += v[i];
    return to > from ? sum / static_cast<double>(to - from) : 0.0;
}
}  // namespace

std::string trend_sentence(const ProgressSeries& series, const SeriesWords& words, int utc_offset_minutes) {
    std::vector<double> values;
    std::optional<std::int64_t> first_week;
    for (std::size_t i = 0; i < series.values.size(); ++i) {
        if (!series.values[i]) continue;
        if (!first_week && i < series.week_starts.size()) first_week = series.week_starts[i];
        values.push_back(*series.values[i]);
    }
    if (values.empty()) return "Nothing here yet: it fills in week by week.";
    const std::string since = month_name(*first_week, utc_offset_minutes);
    if (values.size() < 2) return "One week so far, since " + since + ".";
    const std::size_t half = values.size() / 2;
    const double before = mean(values, 0, half), after = mean(values, half, values.size());
    if (before == 0 && after == 0) return "None in these weeks.";
    if (before == 0) return words.subject + " came in after " + since + ".";
    const double ratio = after / before;
    const bool better = words.lower_is_better ? ratio < 1 : ratio > 1;
    if (ratio <= 0.5) return words.subject + " has halved since " + since + (better ? "." : ": worth a gentle talk.");
    if (ratio >= 2.0) return words.subject + " has doubled since " + since + (better ? "." : ": worth a gentle talk.");
    if (ratio <= 1.0 / 1.5 || ratio >= 1.5) {
        return words.subject + (ratio > 1 ? " is up" : " is down") + " since " + since +
               (better ? ", a good sign." : ": something to notice together.");
    }
    return words.subject + " has been steady since " + since + ".";
}

}  // namespace candor::ui
