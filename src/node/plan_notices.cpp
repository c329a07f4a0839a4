// The reminders that follow the plan in force. A phase's end asks for a review together and
// says what the next phase asks; the last phase retiring the figures is a celebration, not a
// switch. A time to talk about it says when it starts. Each fires once (per agreement version
// and moment); on the first look, a phase that ended more than a day ago is not news (Home
// still says a review is due), but a talk time running now is.
#include <algorithm>

#include "core/checkin_period.hpp"
#include "core/time_format.hpp"
#include "node/node.hpp"
#include "node/notices.hpp"

namespace candor::node {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;

Notice phase_ended_notice(const core::TransparencyPlan& plan, std::size_t ended) {
    const std::size_t next = ended + 1;
    if (next < plan.phases.size() && next + 1 == plan.phases.size() && plan.retire_figures) {
        Notice n{"Logs help at first, not forever",
                 "Your plan's last phase has begun: the figures and charts retire for good. What you built no longer "
                 "needs counting.",
                 true, {}, NoticeReply::none};
        n.milestone = true;
        return n;
    }
    std::string body = "Look at your transparency plan together and record a review (Agreement).";
    if (next < plan.phases.size()) body += " From now on it asks for " + plan.phases[next].expects + ".";
    return Notice{"A phase of your plan has ended", std::move(body), true, {}, NoticeReply::none};
}

}  // namespace

const PlanInForce& Watcher::plan_of(const Snapshot& snap) const {
    if (plan_version_ != snap.version && snap.state) {
        plan_ = plan_in_force(*snap.state);
        plan_version_ = snap.version;
    }
    return plan_;
}

std::vector<Notice> Watcher::plan_reminders(const Snapshot& snap, std::int64_t now_ms, bool first_look) {
    std::vector<Notice> out;
    const PlanInForce& in_force = plan_of(snap);
    const core::TransparencyPlan& plan = in_force.plan;
    // Several phases may have ended while this computer was off: only the latest is news.
    std::optional<std::size_t> ended;
    for (std::size_t i = 0; i < plan.phases.size(); ++i) {
        const std::int64_t end = plan.phases[i].until_ms;
        if (end == 0 || end > now_ms || end <= in_force.since_ms) continue;
        if (!reminded_.emplace(in_force.version, end).second) continue;
        if (first_look && now_ms - end > kDayMs) continue;
        ended = i;
    }
    if (ended) out.push_back(phase_ended_notice(plan, *ended));

    const int offset = local_utc_offset_minutes(now_ms);
    if (const auto talk = core::next_talk(in_force.talk_times, now_ms, offset);
        talk && talk->start_ms <= now_ms && reminded_.emplace(in_force.version, talk->start_ms).second) {
        out.push_back({"Your time to talk about it",
                       "Until " + core::format_clock(talk->end_ms, offset) +
                           ". One thing at a time, and start with something that went well.",
                       true, {}, NoticeReply::none});
    }
    return out;
}

std::int64_t Watcher::next_plan_reminder_in(const Snapshot& snap, std::int64_t now_ms) const {
    const PlanInForce& in_force = plan_of(snap);
    std::int64_t next = -1;
    const auto sooner = [&](std::int64_t at) {
        if (at > now_ms && (next < 0 || at - now_ms < next)) next = at - now_ms;
    };
    for (const core::TransparencyPhase& p : in_force.plan.phases) {
        if (p.until_ms != 0) sooner(p.until_ms);
    }
    const int offset = local_utc_offset_minutes(now_ms);
    if (const auto talk = core::next_talk(in_force.talk_times, now_ms, offset)) {
        // The slot running now was announced (or is announced this tick): the one after it.
        if (talk->start_ms > now_ms) {
            sooner(talk->start_ms);
        } else if (const auto after = core::next_talk(in_force.talk_times, talk->end_ms, offset)) {
            sooner(after->start_ms);
        }
    }
    return next;
}

}  // namespace candor::node
