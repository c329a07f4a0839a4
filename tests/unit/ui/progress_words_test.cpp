// The sentence under each Progress chart: nothing yet, one week, halved / doubled / up / down /
// steady against the first half of the weeks with a value, and whether that is good news
// depends on the figure (recovery time going down is).
#include <doctest/doctest.h>

#include "core/checkin_period.hpp"
#include "ui/progress_words.hpp"

using namespace candor;
using candor::ui::ProgressSeries;
using candor::ui::SeriesWords;

namespace {
// Twelve weeks from Monday 2026-09-14 (UTC).
ProgressSeries weeks(std::vector<std::optional<double>> values) {
    ProgressSeries s;
    s.values = std::move(values);
    for (std::size_t i = 0; i < s.values.size(); ++i) {
        s.week_starts.push_back(core::day_start_ms(20710 + 7 * static_cast<std::int64_t>(i), 0));
    }
    return s;
}
const SeriesWords kRecovery{"Recovery time", true};
const SeriesWords kThanks{"The number of appreciations", false};
}  // namespace

TEST_CASE("progress words: a plain sentence for each kind of change") {
    CHECK(ui::trend_sentence(weeks({std::nullopt, std::nullopt}), kRecovery, 0) ==
          "Nothing here yet: it fills in week by week.");
    CHECK(ui::trend_sentence(weeks({std::nullopt, 40.0}), kRecovery, 0) == "One week so far, since September.");
    CHECK(ui::trend_sentence(weeks({60.0, 50.0, std::nullopt, 30.0, 20.0}), kRecovery, 0) ==
          "Recovery time has halved since September.");
    CHECK(ui::trend_sentence(weeks({20.0, 20.0, 50.0, 40.0}), kRecovery, 0) ==
          "Recovery time has doubled since September: worth a gentle talk.");
    CHECK(ui::trend_sentence(weeks({2.0, 2.0, 3.0, 3.0}), kThanks, 0) ==
          "The number of appreciations is up since September, a good sign.");
    CHECK(ui::trend_sentence(weeks({3.0, 3.0, 3.0, 3.2}), kThanks, 0) ==
          "The number of appreciations has been steady since September.");
    CHECK(ui::trend_sentence(weeks({0.0, 0.0, 2.0, 2.0}), kThanks, 0) ==
          "The number of appreciations came in after September.");
    CHECK(ui::month_name(core::day_start_ms(20758, 0), 0) == "November");  // 2026-11-01
}
