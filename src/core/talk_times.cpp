#include "core/talk_times.hpp"

#include <array>
#include <cstdio>

#include "core/checkin_period.hpp"

namespace candor::core {

const char* weekday_name(int day) {
    static constexpr std::array<const char*, 7> kDays = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                                         "Friday", "Saturday", "Sunday"};
    return day >= 0 && day < 7 ? kDays[static_cast<std::size_t>(day)] : "?";
}

std::vector<TalkProblem> talk_time_problems(const std::vector<TalkTime>& times) {
    std::vector<TalkProblem> out;
    if (times.size() > kMaxTalkTimes) out.push_back({TalkRule::too_many, 0});
    for (std::size_t i = 0; i < times.size(); ++i) {
        const TalkTime& t = times[i];
        if (t.day < 0 || t.day > 6) out.push_back({TalkRule::day, i});
        if (t.start_minutes < 0 || t.start_minutes >= 24 * 60) out.push_back({TalkRule::start, i});
        if (t.minutes < kMinTalkMinutes || t.minutes > kMaxTalkMinutes) out.push_back({TalkRule::length, i});
    }
    return out;
}

std::optional<std::string> talk_times_problem(const std::vector<TalkTime>& times) {
    const std::vector<TalkProblem> problems = talk_time_problems(times);
    if (problems.empty()) return std::nullopt;
    const TalkProblem& first = problems.front();
    const std::string which = "time " + std::to_string(first.time + 1);
    switch (first.rule) {
        case TalkRule::too_many: return "has more than " + std::to_string(kMaxTalkTimes) + " times to talk";
        case TalkRule::day: return which + " needs a day of the week";
        case TalkRule::start: return which + " needs a time of day from 00:00 to 23:59";
        case TalkRule::length:
            return which + " lasts " + std::to_string(kMinTalkMinutes) + " to " + std::to_string(kMaxTalkMinutes) + " minutes";
    }
    return std::nullopt;
}

std::optional<TalkWindow> next_talk(const std::vector<TalkTime>& times, std::int64_t now_ms, int utc_offset_minutes) {
    std::optional<TalkWindow> best;
    const std::int64_t today = local_day(now_ms, utc_offset_minutes);
    const std::int64_t monday = week_monday(today);
    for (const TalkTime& t : times) {
        // This week's occurrence, last week's (it may still run past midnight into today) and next week's.
        for (std::int64_t week : {-7, 0, 7}) {
            const std::int64_t start = day_start_ms(monday + week + t.day, utc_offset_minutes) + t.start_minutes * 60'000LL;
            const TalkWindow w{start, start + t.minutes * 60'000LL};
            if (w.end_ms <= now_ms) continue;
            if (!best || w.start_ms < best->start_ms) best = w;
        }
    }
    return best;
}

std::string talk_time_words(const TalkTime& t) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s %02d:%02d for %d min", weekday_name(t.day), t.start_minutes / 60,
                  t.start_minutes % 60, t.minutes);
    return buf;
}

}  // namespace candor::core
