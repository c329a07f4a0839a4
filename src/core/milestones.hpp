// Milestones worth celebrating, computed from the journal alone (authors' own times, entries both
// devices hold), so both devices find the same ones with the same ids and times. Each is reached
// once and stays reached: nothing later takes it away, and none is a streak that can be "broken".
// Rules (what each one means, from the guides):
//   updates_7_days.P   P shared updates on 7 different days (their local dates)
//   late_in_time_week.P the first ISO week (P's local) in which P sent late notices for
//                       commitments and every one came before its due time; counted once the
//                       journal holds an entry dated after that week (reached_at: its last notice)
//   kept_10.P          ten resolutions in a row by P kept on time or late with a warning in time
//   weekly_together    the first "State of us" both answered and opened
//   checkin_month      thirty days on which both daily answers are open
//   fewer_reassurance_month  a month (the askers' local months) with fewer reassurance requests
//                       than the month before, counted once an entry is dated after it (reached_at:
//                       that entry)
//   agreement_in_force the first agreement both accepted
//   first_review       the first review of the agreement together
// P is the person's device id in hex. reached_at is the author time of the entry that reached it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/state.hpp"

namespace candor::core {

enum class MilestoneKind {
    updates_7_days,
    late_in_time_week,
    kept_10,
    weekly_together,
    checkin_month,
    fewer_reassurance_month,
    agreement_in_force,
    first_review,
};
[[nodiscard]] std::string_view milestone_kind_name(MilestoneKind kind);

struct Milestone {
    std::string id;                 // milestone_kind_name, then ".<device hex>" for one person's
    MilestoneKind kind = MilestoneKind::first_review;
    std::optional<DeviceId> person;  // nullopt: the couple's
    std::int64_t reached_at_ms = 0;
    std::int16_t utc_offset_minutes = 0;  // of the entry that reached it
    bool operator==(const Milestone&) const = default;
};

// Every milestone reached, ordered by reached_at (then id).
[[nodiscard]] std::vector<Milestone> milestones(const State& state);

// Plain words for it, seen by `viewer`; `partner_name` names the other person.
[[nodiscard]] std::string milestone_text(const Milestone& m, const DeviceId& viewer, std::string_view partner_name);

}  // namespace candor::core
