// A time you can type (issue 17 item 4), taking exactly what the command line takes ("19:00",
// "7pm", "+45m", "tomorrow 9:00", core/time_parse.hpp): quick choices that fill the field, a day
// picker, and what the text came to shown live underneath ("today 19:00, in 3 h 12 min"). The
// live line is always one line tall, so an unreadable time does not move what follows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "core/time_parse.hpp"
#include "ui/widgets.hpp"

namespace candor::ui {

// The system time zone at the app's clock (`now_ms`, which tests move).
[[nodiscard]] core::TimeContext time_context(std::int64_t now_ms);

class TimeField {
public:
    struct Choice {
        std::string label;  // "in 30 min"
        std::string text;   // what it writes into the field: "+30m"
    };

    // `id` keeps two fields on one screen apart; `choices` are drawn as chips above the field.
    void draw(const Look& look, const core::TimeContext& time, const char* id, const std::vector<Choice>& choices);
    [[nodiscard]] Result<std::int64_t> value(const core::TimeContext& time) const;

    std::string text;  // what is typed (a test hook too)

private:
    void draw_day_picker(const core::TimeContext& time);
};

}  // namespace candor::ui

namespace candor::ui {
// The quick choices of a due time from now: the next full hour, +30 min, +1 h, +2 h, tomorrow 9:00.
[[nodiscard]] std::vector<TimeField::Choice> due_choices(std::int64_t next_full_hour_ms, const core::TimeContext& time);
}  // namespace candor::ui
