// What deserves the user's attention: the one place that decides it, used by the Node (desktop
// notifications, with or without a window) and by the app (toasts). The Watcher compares
// successive snapshots: the partner's new entries, reminders shortly before my commitments
// are due, the daily check-in reminder, and milestones newly reached (both computers find the
// same ones from the same entries, so each celebrates it once).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/ids.hpp"
#include "node/plan_in_force.hpp"
#include "node/snapshot.hpp"

namespace candor::node {

// What a notification may offer besides "Open" (when the notification service has actions).
enum class NoticeReply { none, seen, thanks };

struct Notice {
    std::string title;  // "Sam is running 15 min late"
    std::string body;   // "arriving about 19:15 · traffic"
    bool reminder = false;  // one of my commitments is due soon (else: a partner entry)
    core::EntryId entry{};  // the partner's entry it is about (zero for reminders and summaries)
    NoticeReply reply = NoticeReply::none;
    bool attention = false;  // the window asks for attention too (a request for reassurance)
    bool milestone = false;  // a milestone just reached (or the plan's figures retired): celebrated once, on each computer
};

// More new partner entries than this at once (a catch-up) become one summary notice.
inline constexpr std::size_t kMaxNoticesAtOnce = 3;

class Watcher {
public:
    // Notices since the last call. The first snapshot only sets the baseline for entries (the
    // history is not news), but a reminder already due then still shows.
    [[nodiscard]] std::vector<Notice> observe(const Snapshot& snap, std::int64_t now_ms);
    // Milliseconds until the next reminder becomes due, or -1 when none is ahead.
    [[nodiscard]] std::int64_t next_reminder_in(const Snapshot& snap, std::int64_t now_ms) const;

private:
    // The daily check-in and weekly State of us reminders at the times set in Settings, once
    // each, none when already answered.
    std::vector<Notice> checkin_reminders(const Snapshot& snap, std::int64_t now_ms);
    // Milestones in this snapshot not seen before (none on the first look).
    std::vector<Notice> new_milestones(const Snapshot& snap);
    // The plan in force (plan_notices.cpp): a phase that ended (a review together is due, and
    // the next phase's ask; the last one retiring the figures is celebrated) and the start of a
    // time to talk about it. Once each.
    std::vector<Notice> plan_reminders(const Snapshot& snap, std::int64_t now_ms, bool first_look);
    [[nodiscard]] std::int64_t next_plan_reminder_in(const Snapshot& snap, std::int64_t now_ms) const;
    const PlanInForce& plan_of(const Snapshot& snap) const;

    bool primed_ = false;
    std::int64_t checkin_reminded_day_[2] = {-1, -1};  // daily, weekly: local day of the last one (or skip)
    std::uint64_t seen_version_ = 0;
    std::map<core::DeviceId, std::uint64_t> last_seq_;  // per partner author: the highest seq seen
    std::set<std::pair<core::EntryId, std::int64_t>> reminded_;  // commitment or pause, due time
    std::set<std::string> milestones_seen_;  // ids; those reached before the first look are not news
    mutable std::uint64_t plan_version_ = 0;  // the snapshot version plan_ was decoded from
    mutable PlanInForce plan_;
};

// The words of a milestone's notice ("A milestone worth noticing", "Ten commitments in a row kept…").
[[nodiscard]] Notice milestone_notice(const core::Milestone& milestone, const Snapshot& snap);

// The words of a notice for one of the partner's entries ("Sam shared an update").
[[nodiscard]] Notice notice_for(const core::FeedEntry& entry, const Snapshot& snap, std::int64_t now_ms);

// Whether a desktop notification should show now: the setting is on and it is not quiet hours
// (local time). Reminders are my own promises, but quiet hours hold for them too.
[[nodiscard]] bool wants_desktop_notice(const store::Settings& settings, std::int64_t now_ms);

}  // namespace candor::node
