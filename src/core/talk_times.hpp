// Scheduled talking time: one or two weekly slots the couple agrees on "to talk about it" (the
// guides' scheduled processing), a section of the agreement like the transparency plan. Home
// shows the next one; outside it the reassurance and breathing tools are offered instead of a
// debate. Local time: a slot is a weekday and a time of day on each viewer's own clock.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace candor::core {

inline constexpr std::size_t kMaxTalkTimes = 2;
inline constexpr int kMinTalkMinutes = 15;
inline constexpr int kMaxTalkMinutes = 180;

struct TalkTime {
    int day = 6;               // 0 Monday … 6 Sunday
    int start_minutes = 1140;  // after local midnight (19:00)
    int minutes = 45;          // how long
    bool operator==(const TalkTime&) const = default;
};

// The rules the slots keep, one value each (the app words them beside the field they are about).
enum class TalkRule : std::uint8_t { too_many, day, start, length };
struct TalkProblem {
    TalkRule rule = TalkRule::too_many;
    std::size_t time = 0;  // which slot (from 0); 0 for too_many
    bool operator==(const TalkProblem&) const = default;
};
// Every rule the slots break: too many, a day or time of day out of range, a length outside
// 15–180 minutes.
[[nodiscard]] std::vector<TalkProblem> talk_time_problems(const std::vector<TalkTime>& times);
// The first of them in words ("time 2 lasts 15 to 180 minutes"), or nullopt.
[[nodiscard]] std::optional<std::string> talk_times_problem(const std::vector<TalkTime>& times);

struct TalkWindow {
    std::int64_t start_ms = 0;
    std::int64_t end_ms = 0;
};
// The slot running at `now_ms`, else the next to start, at that UTC offset; nullopt without slots.
[[nodiscard]] std::optional<TalkWindow> next_talk(const std::vector<TalkTime>& times, std::int64_t now_ms,
                                                  int utc_offset_minutes);

// "Sunday 19:00 for 45 min"
[[nodiscard]] std::string talk_time_words(const TalkTime& t);
[[nodiscard]] const char* weekday_name(int day);  // 0 "Monday" … 6 "Sunday"

}  // namespace candor::core
