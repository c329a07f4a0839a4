// Keeps the words for every kind in one place so Home and History say the same thing.
#include "ui/entry_text.hpp"
#include "ui/repair_text.hpp"

#include "core/checkin_period.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "core/entry_context.hpp"
#include "core/time_format.hpp"
#include "node/node.hpp"

namespace candor::ui {
namespace {

std::string join(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return a + " · " + b;
}

}  // namespace

std::string local_clock(std::int64_t utc_ms) {
    return core::format_clock(utc_ms, node::local_utc_offset_minutes(utc_ms));
}

std::string day_label(std::int64_t utc_ms, std::int64_t now_ms) {
    auto local_day = [](std::int64_t ms, std::tm& tm) {
        const std::time_t t = static_cast<std::time_t>(ms / 1000);
        localtime_r(&t, &tm);
    };
    std::tm day{}, today{}, yesterday{};
    local_day(utc_ms, day);
    local_day(now_ms, today);
    local_day(now_ms - 86'400'000, yesterday);
    auto same = [](const std::tm& a, const std::tm& b) { return a.tm_year == b.tm_year && a.tm_yday == b.tm_yday; };
    if (same(day, today)) return "Today";
    if (same(day, yesterday)) return "Yesterday";
    char buf[64];
    std::strftime(buf, sizeof buf, "%A %e %B", &day);
    return buf;
}

// "11:42" or "1:05:09": the big countdown figure.
std::string countdown_text(std::int64_t ms) {
    const std::int64_t s = std::max<std::int64_t>(0, (ms + 999) / 1000);
    char buf[32];
    if (s >= 3600) {
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                      static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
    } else {
        std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
    }
    return buf;
}

std::string duration_words(std::int64_t ms) {
    constexpr std::int64_t kMinute = 60'000;
    const std::int64_t minutes = (std::abs(ms) + kMinute / 2) / kMinute;
    if (minutes < 60) return std::to_string(minutes) + " min";
    if (minutes < 48 * 60) {
        const std::int64_t h = minutes / 60, m = minutes % 60;
        return std::to_string(h) + " h" + (m ? " " + std::to_string(m) + " min" : "");
    }
    return std::to_string((minutes + 12 * 60) / (24 * 60)) + " days";
}

std::string ledger_words(const core::LedgerItem& item, std::int64_t now_ms) {
    using core::LedgerOutcome;
    switch (item.outcome) {
        case LedgerOutcome::open:
            return "due " + core::format_relative(item.due_ms, now_ms) + " · " + local_clock(item.due_ms);
        case LedgerOutcome::due:
            return "due · " + local_clock(item.due_ms) + ", " + core::format_relative(item.due_ms, now_ms);
        case LedgerOutcome::kept_on_time: return "kept · on time";
        case LedgerOutcome::kept_late_warned: return "kept · " + duration_words(item.offset_ms) + " late, warned";
        case LedgerOutcome::kept_late_unwarned: return "kept · " + duration_words(item.offset_ms) + " late";
        case LedgerOutcome::missed: return "missed";
    }
    return {};
}

EntryText describe_entry(const core::FeedEntry& fe, std::int64_t now_ms, const core::State* state) {
    const core::Entry& e = fe.entry;
    using core::Kind;
    EntryText t;
    const std::string subject = state ? core::subject_of(*state, e) : std::string();
    const auto about = [&subject](const std::string& what) { return subject.empty() ? what : what + ": " + subject; };
    switch (e.kind()) {
        case Kind::update:
            t.kind = "Update";
            if (auto b = e.body_as<core::UpdateBody>()) {
                t.headline = b->text;
                t.detail = join(b->where, b->until_ms ? "until " + local_clock(b->until_ms) : "");
            }
            break;
        case Kind::late:
            t.kind = "Running late";
            if (auto b = e.body_as<core::LateBody>()) {
                t.headline = std::to_string(b->minutes) + " min late";
                t.detail = join(b->reason, "arriving about " + local_clock(b->eta_ms));
            }
            break;
        case Kind::late_end:
            t.kind = "Arrived";
            t.headline = "I'm here";
            if (!subject.empty()) t.detail = "for " + subject;
            break;
        case Kind::couple_choice:
            t.kind = "Choice";
            if (auto b = e.body_as<core::CoupleChoiceBody>()) {
                t.headline = b->name == core::kChoiceHideFigures
                                 ? (b->on ? "Hid the figures, for both of you" : "Showed the figures again, for both of you")
                                 : "Made a shared choice";
            }
            break;
        case Kind::new_chain:
            t.kind = "New start";
            t.headline = "Started a new chain on this computer";
            if (auto b = e.body_as<core::NewChainBody>()) {
                t.detail = join(b->reason, b->skipped_through > b->resumes_after
                                               ? "entries after #" + std::to_string(b->resumes_after) + " could not be recovered"
                                               : std::string());
            }
            break;
        case Kind::commitment:
            t.kind = "Commitment";
            if (auto b = e.body_as<core::CommitmentBody>()) {
                t.headline = b->text;
                t.detail = "due " + local_clock(b->due_at_ms) + " (" + core::format_relative(b->due_at_ms, now_ms) + ")";
            }
            break;
        case Kind::resolution:
            t.kind = "Commitment";
            if (auto b = e.body_as<core::ResolutionBody>()) {
                t.headline = b->outcome == core::Outcome::kept     ? about("Kept")
                             : b->outcome == core::Outcome::missed ? about("Missed")
                             : subject.empty() ? "New time: " + local_clock(b->new_due_ms)
                                               : "New time for " + subject + ": " + local_clock(b->new_due_ms);
                t.detail = b->note;
            }
            break;
        case Kind::ack:
            t.kind = "Seen";
            if (auto b = e.body_as<core::AckBody>()) t.headline = b->note.empty() ? "Seen, thank you" : b->note;
            break;
        case Kind::commitment_request:
            t.kind = "Request";
            if (auto b = e.body_as<core::CommitmentRequestBody>()) t.headline = b->text;
            break;
        case Kind::request_answer:
            t.kind = "Request";
            if (auto b = e.body_as<core::RequestAnswerBody>()) {
                t.headline = about(b->accepted ? "Accepted" : "Declined");
                t.detail = b->note;
            }
            break;
        case Kind::agreement_proposal:
            t.kind = "Agreement";
            t.headline = subject.empty() ? "Proposed a version of the agreement" : "Proposed " + subject + " of the agreement";
            break;
        case Kind::agreement_answer:
            t.kind = "Agreement";
            if (auto b = e.body_as<core::AgreementAnswerBody>()) {
                t.headline = subject.empty() ? (b->accepted ? "Accepted the agreement" : "Declined a proposal")
                                             : std::string(b->accepted ? "Accepted " : "Declined ") + subject + " of the agreement";
                t.detail = b->note;
            }
            break;
        case Kind::agreement_review: t.kind = "Agreement"; t.headline = "Reviewed the agreement together"; break;
        case Kind::checkin:  // sealed: its words show in Check-ins once both have answered
            t.kind = "Check-in";
            if (auto b = e.body_as<core::CheckinBody>()) {
                t.headline = std::string(b->type == core::CheckinType::daily ? "Checked in for " : "State of us for ") +
                             core::checkin_period(b->type, e.created_at_ms(), e.utc_offset_minutes());
                t.detail = b->replaces ? "replaces the earlier answer" : "sealed until both have answered";
            }
            break;
        case Kind::checkin_key: t.kind = "Check-in"; t.headline = "Opened a check-in"; break;
        case Kind::checkin_withdraw: t.kind = "Check-in"; t.headline = "Took back a check-in"; break;
        default:
            if (describe_repair(e, t)) break;
            t.kind = "Newer entry";
            t.headline = std::string(core::kNeedsNewerCandor);
            break;
    }
    if (fe.effect == core::EntryEffect::unreadable) t.detail = join(t.detail, "could not be read: " + fe.note);
    if (fe.effect == core::EntryEffect::unknown_kind) t.headline = "This entry needs a newer Candor";
    return t;
}

}  // namespace candor::ui
