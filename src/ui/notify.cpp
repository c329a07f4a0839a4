// Reminders fire once per commitment and due time: a renegotiated time gets its own reminder.
// A commitment made (or moved) inside the reminder window gets none: its author just set it.
#include "ui/notify.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/time_format.hpp"
#include "ui/entry_text.hpp"

extern char** environ;

namespace candor::ui {
namespace {

constexpr std::int64_t kMinute = 60'000;

// When the commitment's current due time was set: made, or its last renegotiation.
std::int64_t due_set_at(const core::Commitment& c) {
    std::int64_t at = c.made_at_ms;
    for (const core::StoryEvent& ev : c.story) {
        if (ev.type == core::StoryEvent::Type::made || ev.type == core::StoryEvent::Type::renegotiated) at = ev.at_ms;
    }
    return at;
}

bool wants_reminder(const core::Commitment& c, const node::Snapshot& snap) {
    return c.author == snap.device && !c.final_outcome &&
           due_set_at(c) < c.due_at_ms - static_cast<std::int64_t>(snap.settings.reminder_lead_minutes) * kMinute;
}

}  // namespace

Notice notice_for(const core::FeedEntry& fe, const node::Snapshot& snap, std::int64_t now_ms) {
    const core::Entry& e = fe.entry;
    const std::string who = snap.name_of(e.author());
    const EntryText text = describe_entry(fe, now_ms);
    Notice n;
    n.body = text.headline;
    if (!text.detail.empty()) n.body += " · " + text.detail;
    switch (e.kind()) {
        case core::Kind::update: n.title = who + " shared an update"; break;
        case core::Kind::late:
            if (auto b = e.body_as<core::LateBody>()) {
                n.title = who + " is running " + std::to_string(b->minutes) + " min late";
                n.body = "arriving about " + local_clock(b->eta_ms) + (b->reason.empty() ? "" : " · " + b->reason);
            }
            break;
        case core::Kind::late_end: n.title = who + " has arrived"; n.body = "I'm here"; break;
        case core::Kind::commitment: n.title = who + " made a commitment"; break;
        case core::Kind::resolution: n.title = who + " updated a commitment"; break;
        case core::Kind::ack: n.title = who + " saw what you shared"; break;
        case core::Kind::commitment_request: n.title = who + " asks you for a commitment"; break;
        case core::Kind::request_answer: n.title = who + " answered your request"; break;
        case core::Kind::new_chain: n.title = who + "'s computer started a new chain"; break;
        default: n.title = who + " changed something in the agreement"; break;
    }
    if (n.title.empty()) n.title = who + " shared something";
    return n;
}

std::vector<Notice> Watcher::observe(const node::Snapshot& snap, std::int64_t now_ms) {
    std::vector<Notice> out;
    if (!snap.state) return out;
    const core::State& state = *snap.state;
    if (!primed_ || snap.version != seen_version_) {
        std::vector<const core::FeedEntry*> fresh;
        std::map<core::DeviceId, std::uint64_t> highest = last_seq_;
        for (const core::FeedEntry& fe : state.entries()) {
            const core::Entry& e = fe.entry;
            if (e.author() == snap.device) continue;
            auto seen = last_seq_.find(e.author());
            if (primed_ && (seen == last_seq_.end() || e.seq() > seen->second)) fresh.push_back(&fe);
            std::uint64_t& h = highest[e.author()];
            h = std::max(h, e.seq());
        }
        last_seq_ = std::move(highest);
        seen_version_ = snap.version;
        if (fresh.size() > kMaxNoticesAtOnce) {
            const std::string who = snap.name_of(fresh.front()->entry.author());
            out.push_back({who + " shared " + std::to_string(fresh.size()) + " things",
                           "They arrived while you were apart. Home and History have them.", false});
        } else {
            for (const core::FeedEntry* fe : fresh) out.push_back(notice_for(*fe, snap, now_ms));
        }
    }
    primed_ = true;
    const std::int64_t lead = static_cast<std::int64_t>(snap.settings.reminder_lead_minutes) * kMinute;
    for (const core::Commitment& c : state.commitments()) {
        if (!wants_reminder(c, snap) || now_ms < c.due_at_ms - lead || now_ms >= c.due_at_ms) continue;
        if (!reminded_.emplace(c.id, c.due_at_ms).second) continue;  // once per due time
        out.push_back({"Coming up: " + c.text,
                       "due at " + local_clock(c.due_at_ms) + ", " + core::format_relative(c.due_at_ms, now_ms), true});
    }
    return out;
}

std::int64_t Watcher::next_reminder_in(const node::Snapshot& snap, std::int64_t now_ms) const {
    if (!snap.state) return -1;
    const std::int64_t lead = static_cast<std::int64_t>(snap.settings.reminder_lead_minutes) * kMinute;
    std::int64_t next = -1;
    for (const core::Commitment& c : snap.state->commitments()) {
        if (!wants_reminder(c, snap)) continue;
        const std::int64_t at = c.due_at_ms - lead;
        if (at <= now_ms) continue;
        if (next < 0 || at - now_ms < next) next = at - now_ms;
    }
    return next;
}

DesktopNotifier::~DesktopNotifier() { reap(); }

void DesktopNotifier::reap() {
    std::erase_if(children_, [](pid_t pid) { return waitpid(pid, nullptr, WNOHANG) != 0; });
}

void DesktopNotifier::notify(const std::string& title, const std::string& body) {
    reap();
    if (missing_) return;
    std::vector<std::string> args{"notify-send", "--app-name=Candor", "--", title, body};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawnp(&pid, "notify-send", nullptr, nullptr, argv.data(), environ);
    if (rc != 0) {
        missing_ = true;
        std::fprintf(stderr, "candor: desktop notifications are off: notify-send could not run (%s); "
                             "install libnotify-bin to get them\n", std::strerror(rc));
        return;
    }
    children_.push_back(pid);
}

}  // namespace candor::ui
