// What deserves the user's attention, and desktop notifications. The Watcher compares successive
// snapshots: the partner's new entries and reminders shortly before my commitments are due.
// DesktopNotifier shows a notification through notify-send where the desktop has one.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <sys/types.h>
#include <vector>

#include "core/ids.hpp"
#include "node/snapshot.hpp"

namespace candor::ui {

struct Notice {
    std::string title;  // "Sam is running 15 min late"
    std::string body;   // "arriving about 19:15 · traffic"
    bool reminder = false;  // one of my commitments is due soon (else: a partner entry)
};

// More new partner entries than this at once (a catch-up) become one summary notice.
inline constexpr std::size_t kMaxNoticesAtOnce = 3;

class Watcher {
public:
    // Notices since the last call. The first snapshot only sets the baseline for entries (the
    // history is not news), but a reminder already due then still shows.
    [[nodiscard]] std::vector<Notice> observe(const node::Snapshot& snap, std::int64_t now_ms);
    // Milliseconds until the next reminder becomes due, or -1 when none is ahead.
    [[nodiscard]] std::int64_t next_reminder_in(const node::Snapshot& snap, std::int64_t now_ms) const;

private:
    bool primed_ = false;
    std::uint64_t seen_version_ = 0;
    std::map<core::DeviceId, std::uint64_t> last_seq_;  // per partner author: the highest seq seen
    std::set<std::pair<core::EntryId, std::int64_t>> reminded_;  // commitment, due time
};

// The words of a notice for one of the partner's entries ("Sam shared an update").
[[nodiscard]] Notice notice_for(const core::FeedEntry& entry, const node::Snapshot& snap, std::int64_t now_ms);

class DesktopNotifier {
public:
    ~DesktopNotifier();
    // Spawns `notify-send` (no shell, never waits for it). When it is not installed, logs one
    // line the first time and stays quiet after that.
    void notify(const std::string& title, const std::string& body);

private:
    void reap();
    bool missing_ = false;
    std::vector<pid_t> children_;
};

}  // namespace candor::ui
