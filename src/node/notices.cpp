// Reminders fire once per commitment and due time: a renegotiated time gets its own reminder.
// A commitment made (or moved) inside the reminder window gets none: its author just set it.
#include "node/notices.hpp"

#include <algorithm>
#include <array>

#include "core/checkin_period.hpp"
#include "core/entry_context.hpp"
#include "core/time_format.hpp"
#include "node/node.hpp"

namespace candor::node {
namespace {

constexpr std::int64_t kMinute = 60'000;

std::string local_clock(std::int64_t utc_ms) { return core::format_clock(utc_ms, local_utc_offset_minutes(utc_ms)); }

std::string join(std::string a, const std::string& b) {
    if (a.empty() || b.empty()) return a.empty() ? b : a;
    return a + " · " + b;
}

// The repair kinds: what they say, or a gentle invitation to open Candor.
std::string repair_body_of(const core::Entry& e) {
    using core::Kind;
    switch (e.kind()) {
        case Kind::reassurance_request:
            if (auto b = e.body_as<core::ReassuranceRequestBody>(); b && !b->note.empty()) return b->note;
            return "Open Candor to answer.";
        case Kind::reassurance_answer:
            if (auto b = e.body_as<core::ReassuranceAnswerBody>()) return b->text;
            break;
        case Kind::reassurance_facts:
            if (auto b = e.body_as<core::ReassuranceFactsBody>()) return b->text;
            break;
        case Kind::pause:
            if (auto b = e.body_as<core::PauseBody>(); b && !b->note.empty()) return b->note;
            return "A pause, not a closed door.";
        case Kind::breathe:
            if (auto b = e.body_as<core::BreatheBody>()) return std::to_string(b->seconds) + " s, starting now";
            break;
        case Kind::apology: return "Read it when you're ready.";
        case Kind::apology_answer:
            if (auto b = e.body_as<core::ApologyAnswerBody>(); b && !b->note.empty()) return b->note;
            break;
        default: break;
    }
    return "Open Candor to see it.";
}

// Titles of the repair kinds; the code word (this device's setting) names a request.
void repair_title(Notice& n, const core::Entry& e, const std::string& who, const Snapshot& snap) {
    using core::Kind;
    switch (e.kind()) {
        case Kind::reassurance_request:
            n.title = who + " needs reassurance" +
                      (snap.settings.code_word.empty() ? std::string() : " \u2014 \u201c" + snap.settings.code_word + "\u201d");
            n.attention = true;
            break;
        case Kind::reassurance_answer: n.title = who + " answered you"; break;
        case Kind::reassurance_settled: n.title = who + " feels settled"; break;
        case Kind::reassurance_facts: n.title = who + " added what happened"; break;
        case Kind::breathe:
            n.title = who + " is breathing with you";
            n.attention = true;
            break;
        case Kind::pause:
            if (auto b = e.body_as<core::PauseBody>())
                n.title = who + " needs a pause and will be back by " + local_clock(b->until_ms);
            break;
        case Kind::pause_end: n.title = who + " is ready to talk"; break;
        case Kind::apology: n.title = who + " wrote you an apology"; break;
        case Kind::apology_answer:
            if (auto b = e.body_as<core::ApologyAnswerBody>())
                n.title = b->read ? who + " has read your apology" : who + " isn't ready yet";
            break;
        default: n.title = who + " changed something in the agreement"; break;
    }
}

// My open pause whose return time has come: one reminder per return time.
const core::Pause* my_pause(const Snapshot& snap) { return snap.state->repair().open_pause(snap.device); }

// The body: what the entry says, shortly (the app's History has the rest).
std::string body_of(const core::Entry& e, std::int64_t now_ms) {
    using core::Kind;
    switch (e.kind()) {
        case Kind::update:
            if (auto b = e.body_as<core::UpdateBody>())
                return join(join(b->text, b->where), b->until_ms ? "until " + local_clock(b->until_ms) : "");
            break;
        case Kind::late:
            if (auto b = e.body_as<core::LateBody>()) return join("arriving about " + local_clock(b->eta_ms), b->reason);
            break;
        case Kind::late_end: return "I'm here";
        case Kind::commitment:
            if (auto b = e.body_as<core::CommitmentBody>())
                return join(b->text, "due " + local_clock(b->due_at_ms) + " (" + core::format_relative(b->due_at_ms, now_ms) + ")");
            break;
        case Kind::resolution:
            if (auto b = e.body_as<core::ResolutionBody>()) {
                const std::string what = b->outcome == core::Outcome::kept     ? "Kept"
                                         : b->outcome == core::Outcome::missed ? "Missed"
                                                                               : "New time: " + local_clock(b->new_due_ms);
                return join(what, b->note);
            }
            break;
        case Kind::ack:
            if (auto b = e.body_as<core::AckBody>()) return b->note.empty() ? "Seen, thank you" : b->note;
            break;
        case Kind::commitment_request:
            if (auto b = e.body_as<core::CommitmentRequestBody>()) return b->text;
            break;
        case Kind::request_answer:
            if (auto b = e.body_as<core::RequestAnswerBody>()) return join(b->accepted ? "Accepted" : "Declined", b->note);
            break;
        case Kind::checkin: return "Answer yours to see both.";  // sealed: nothing of it here
        case Kind::checkin_key: return "Open Check-ins to see both answers side by side.";
        default: return repair_body_of(e);
    }
    return "Open Candor to see it.";
}

// When the commitment's current due time was set: made, or its last renegotiation.
std::int64_t due_set_at(const core::Commitment& c) {
    std::int64_t at = c.made_at_ms;
    for (const core::StoryEvent& ev : c.story) {
        if (ev.type == core::StoryEvent::Type::made || ev.type == core::StoryEvent::Type::renegotiated) at = ev.at_ms;
    }
    return at;
}

bool wants_reminder(const core::Commitment& c, const Snapshot& snap) {
    return c.author == snap.device && !c.final_outcome &&
           due_set_at(c) < c.due_at_ms - static_cast<std::int64_t>(snap.settings.reminder_lead_minutes) * kMinute;
}

int local_minute_of_day(std::int64_t now_ms) {
    const std::int64_t local_ms = now_ms + static_cast<std::int64_t>(local_utc_offset_minutes(now_ms)) * kMinute;
    const std::int64_t day_ms = 24 * 60 * kMinute;
    return static_cast<int>(((local_ms % day_ms) + day_ms) % day_ms / kMinute);
}

// The daily check-in (every day) and the weekly State of us (on the day set), each at its time.
struct CheckinRule {
    core::CheckinType type;
    bool on;
    int weekday;  // -1: every day
    int minutes;  // after local midnight
    const char* title;
    const char* body;
};

std::array<CheckinRule, 2> checkin_rules(const store::Settings& s) {
    return {{{core::CheckinType::daily, s.checkin_reminder, -1, s.checkin_reminder_minutes, "Time for today's check-in",
              "One minute, three gentle questions. Your answer stays sealed until both have answered."},
             {core::CheckinType::weekly, s.weekly_reminder, s.weekly_day, s.weekly_minutes,
              "Time for this week's State of us",
              "What you appreciated, what went right, one thing to talk about, one request. Sealed until both "
              "have answered."}}};
}

bool answered(const Snapshot& snap, core::CheckinType type, std::int64_t now_ms) {
    if (!snap.checkins) return false;
    const std::string period = core::checkin_period(type, now_ms, local_utc_offset_minutes(now_ms));
    for (const CheckinPeriodView& v : *snap.checkins) {
        if (v.key.type == type && v.key.period == period) return v.mine.has_value();
    }
    return false;
}

// The first day on or after `from` the rule reminds on.
std::int64_t rule_day(const CheckinRule& rule, std::int64_t from) {
    return rule.weekday < 0 ? from : from + (rule.weekday - core::day_of_week(from) + 7) % 7;
}

// When the rule's reminder is due on local `day`, at this computer's offset now.
std::int64_t reminder_at(const CheckinRule& rule, std::int64_t day, std::int64_t now_ms) {
    return core::day_start_ms(day, local_utc_offset_minutes(now_ms)) + static_cast<std::int64_t>(rule.minutes) * kMinute;
}

// "Alex kept “Call Mum”", "Alex missed …", "Alex moved “Call Mum” to 18:00".
std::string resolution_title(const core::Entry& e, const std::string& who, const std::string& subject) {
    auto b = e.body_as<core::ResolutionBody>();
    if (!b || subject.empty()) return who + " updated a commitment";
    const std::string quoted = "\u201c" + subject + "\u201d";
    switch (b->outcome) {
        case core::Outcome::kept: return who + " kept " + quoted;
        case core::Outcome::missed: return who + " missed " + quoted;
        case core::Outcome::renegotiated: return who + " moved " + quoted + " to " + local_clock(b->new_due_ms);
    }
    return who + " updated a commitment";
}

}  // namespace

Notice notice_for(const core::FeedEntry& fe, const Snapshot& snap, std::int64_t now_ms) {
    const core::Entry& e = fe.entry;
    const std::string who = snap.name_of(e.author());
    const std::string subject = snap.state ? core::subject_of(*snap.state, e) : std::string();
    Notice n;
    n.entry = e.id();
    n.body = body_of(e, now_ms);
    switch (e.kind()) {
        case core::Kind::update:
            n.title = who + " shared an update";
            n.reply = NoticeReply::seen;
            break;
        case core::Kind::late:
            if (auto b = e.body_as<core::LateBody>()) n.title = who + " is running " + std::to_string(b->minutes) + " min late";
            n.reply = NoticeReply::thanks;
            break;
        case core::Kind::late_end: n.title = who + " has arrived"; break;
        case core::Kind::commitment: n.title = who + " made a commitment"; break;
        case core::Kind::resolution: n.title = resolution_title(e, who, subject); break;
        case core::Kind::ack: n.title = who + " saw what you shared"; break;
        case core::Kind::commitment_request: n.title = who + " asks you for a commitment"; break;
        case core::Kind::request_answer:
            if (auto b = e.body_as<core::RequestAnswerBody>()) {
                n.title = who + (b->accepted ? " accepted" : " declined") +
                          (subject.empty() ? " your request" : " \u201c" + subject + "\u201d");
            }
            break;
        case core::Kind::agreement_proposal:
            n.title = who + " proposed " + (subject.empty() ? "a change to" : subject + " of") + " your agreement";
            break;
        case core::Kind::agreement_answer:
            if (auto b = e.body_as<core::AgreementAnswerBody>()) {
                n.title = who + (b->accepted ? " accepted " : " declined ") + (subject.empty() ? "a version" : subject) +
                          " of your agreement";
                // The acceptance that brought it into force is the moment both were waiting for.
                const core::AgreementVersion* v = snap.state ? snap.state->agreement().version(b->version) : nullptr;
                if (v && v->activated_by == e.id()) n.body = "In force now: you have both accepted it.";
            }
            break;
        case core::Kind::new_chain: n.title = who + "'s computer started a new chain"; break;
        case core::Kind::couple_choice:
            if (auto b = e.body_as<core::CoupleChoiceBody>(); b && b->name == core::kChoiceHideFigures) {
                n.title = who + (b->on ? " hid the figures for both of you" : " showed the figures again for both of you");
            }
            break;
        case core::Kind::checkin: n.title = who + " has checked in"; break;
        case core::Kind::checkin_key: n.title = who + "'s check-in is open to you"; break;
        case core::Kind::checkin_withdraw: n.title = who + " took back a check-in"; break;
        default: repair_title(n, e, who, snap); break;
    }
    if (n.title.empty()) n.title = who + " shared something";
    return n;
}

bool wants_desktop_notice(const store::Settings& settings, std::int64_t now_ms) {
    if (!settings.notifications) return false;
    return !store::in_quiet_hours(settings, local_minute_of_day(now_ms));
}

std::vector<Notice> Watcher::observe(const Snapshot& snap, std::int64_t now_ms) {
    std::vector<Notice> out;
    if (!snap.state) return out;
    const core::State& state = *snap.state;
    const bool first_look = !primed_;
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
                           "They arrived while you were apart. Home and History have them.", false, {}, NoticeReply::none});
        } else {
            for (const core::FeedEntry* fe : fresh) out.push_back(notice_for(*fe, snap, now_ms));
        }
        for (Notice& n : new_milestones(snap)) out.push_back(std::move(n));
    }
    primed_ = true;
    const std::int64_t lead = static_cast<std::int64_t>(snap.settings.reminder_lead_minutes) * kMinute;
    for (const core::Commitment& c : state.commitments()) {
        if (!wants_reminder(c, snap) || now_ms < c.due_at_ms - lead || now_ms >= c.due_at_ms) continue;
        if (!reminded_.emplace(c.id, c.due_at_ms).second) continue;  // once per due time
        out.push_back({"Coming up: " + c.text,
                       "due at " + local_clock(c.due_at_ms) + ", " + core::format_relative(c.due_at_ms, now_ms), true, {},
                       NoticeReply::none});
    }
    for (Notice& n : checkin_reminders(snap, now_ms)) out.push_back(std::move(n));
    for (Notice& n : plan_reminders(snap, now_ms, first_look)) out.push_back(std::move(n));
    if (const core::Pause* p = my_pause(snap); p && p->over_time(now_ms) && reminded_.emplace(p->id, p->until_ms()).second) {
        out.push_back({"Your pause is up (" + local_clock(p->until_ms()) + ")",
                       "When you're ready, say \u201cI'm ready to talk\u201d, or give yourself a little more time.", true, {},
                       NoticeReply::none});
    }
    return out;
}

std::vector<Notice> Watcher::new_milestones(const Snapshot& snap) {
    std::vector<Notice> out;
    if (!snap.milestones) return out;
    for (const core::Milestone& m : *snap.milestones) {
        if (!milestones_seen_.insert(m.id).second || !primed_) continue;
        out.push_back(milestone_notice(m, snap));
    }
    return out;
}

Notice milestone_notice(const core::Milestone& milestone, const Snapshot& snap) {
    const std::string partner = snap.peers.empty() ? std::string("your partner") : snap.peers.front().name;
    Notice n{"A milestone worth noticing", core::milestone_text(milestone, snap.device, partner) + ". Progress keeps it.",
             false, {}, NoticeReply::none};
    n.milestone = true;
    return n;
}

std::vector<Notice> Watcher::checkin_reminders(const Snapshot& snap, std::int64_t now_ms) {
    std::vector<Notice> out;
    const std::int64_t today = core::local_day(now_ms, local_utc_offset_minutes(now_ms));
    const auto rules = checkin_rules(snap.settings);
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const CheckinRule& rule = rules[i];
        if (!rule.on || rule_day(rule, today) != today || checkin_reminded_day_[i] == today) continue;
        if (now_ms < reminder_at(rule, today, now_ms)) continue;
        checkin_reminded_day_[i] = today;
        if (answered(snap, rule.type, now_ms)) continue;  // already answered: no reminder
        out.push_back(Notice{rule.title, rule.body, true, {}, NoticeReply::none});
    }
    return out;
}

std::int64_t Watcher::next_reminder_in(const Snapshot& snap, std::int64_t now_ms) const {
    if (!snap.state) return -1;
    const std::int64_t lead = static_cast<std::int64_t>(snap.settings.reminder_lead_minutes) * kMinute;
    std::int64_t next = -1;
    for (const core::Commitment& c : snap.state->commitments()) {
        if (!wants_reminder(c, snap)) continue;
        const std::int64_t at = c.due_at_ms - lead;
        if (at <= now_ms) continue;
        if (next < 0 || at - now_ms < next) next = at - now_ms;
    }
    const std::int64_t today = core::local_day(now_ms, local_utc_offset_minutes(now_ms));
    const auto rules = checkin_rules(snap.settings);
    for (std::size_t i = 0; i < rules.size(); ++i) {
        if (!rules[i].on) continue;
        std::int64_t day = rule_day(rules[i], today);
        if (day == today && (checkin_reminded_day_[i] == today || reminder_at(rules[i], today, now_ms) <= now_ms)) {
            day = rule_day(rules[i], today + 1);
        }
        const std::int64_t at = reminder_at(rules[i], day, now_ms);
        if (at > now_ms && (next < 0 || at - now_ms < next)) next = at - now_ms;
    }
    if (const core::Pause* p = my_pause(snap); p && p->until_ms() > now_ms) {
        if (next < 0 || p->until_ms() - now_ms < next) next = p->until_ms() - now_ms;
    }
    if (const std::int64_t plan = next_plan_reminder_in(snap, now_ms); plan >= 0 && (next < 0 || plan < next)) next = plan;
    return next;
}

}  // namespace candor::node
