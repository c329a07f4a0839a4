// State: the deterministic fold of every accepted entry, ordered by (lamport, author, seq), and
// the views the app reads (feed, current updates, acks, commitments and their story, late
// notices, commitment requests). The same set of entries gives the same State, whatever order
// they arrived in. Time is passed in; nothing here reads a clock.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"
#include "core/agreement.hpp"
#include "core/checkins.hpp"
#include "core/entry.hpp"
#include "core/history.hpp"
#include "core/kinds.hpp"
#include "core/repair_log.hpp"

namespace candor::core {

// What an entry did to the State. Every entry stays in the feed whatever its effect.
enum class EntryEffect {
    counted,       // applied to the views
    ignored,       // well-formed but refers to something it may not (note says why)
    unknown_kind,  // from a newer Candor: kept and passed on, shown as such
    unreadable,    // a known kind whose body does not decode
};
[[nodiscard]] std::string_view effect_name(EntryEffect effect);

inline constexpr std::string_view kNeedsNewerCandor = "needs a newer Candor";

struct FeedEntry {
    Entry entry;
    EntryEffect effect = EntryEffect::counted;
    std::string note;  // why ignored / unreadable / unknown
};

struct UpdateView {
    EntryId id{};
    DeviceId author{};
    UpdateBody body;
    std::int64_t created_at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
    // Until passed: the update still shows in the feed, but is no longer "where they are now".
    [[nodiscard]] bool active(std::int64_t now_ms) const { return body.until_ms == 0 || now_ms < body.until_ms; }
};

struct AckView {
    EntryId id{};  // the ack entry
    DeviceId by{};
    std::int64_t at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
    std::string note;
};

struct StoryEvent {
    enum class Type { made, renegotiated, late, resolved };
    Type type = Type::made;
    EntryId entry_id{};
    std::int64_t at_ms = 0;       // the author's time
    std::int64_t judged_ms = 0;   // when it counts for on time or late (State::judged_at)
    std::int16_t utc_offset_minutes = 0;
    std::int64_t due_ms = 0;      // made / renegotiated: the due time from then on
    std::uint32_t minutes = 0;    // late
    Outcome outcome = Outcome::kept;  // resolved
    std::string note;             // resolution note or late reason
};

enum class CommitmentStatus { open, due, kept, missed, renegotiated };
[[nodiscard]] std::string_view status_name(CommitmentStatus status);

struct Commitment {
    EntryId id{};
    DeviceId author{};
    std::string text;
    std::int64_t made_at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
    std::int64_t original_due_ms = 0;
    std::int64_t due_at_ms = 0;  // after any renegotiation
    std::optional<EntryId> request_id;  // set only when it links to a known request
    std::optional<EntryId> apology_id;  // set only when it carries out a step of a known apology
    std::uint32_t apology_step = 0;
    std::vector<StoryEvent> story;      // in fold order, starting with `made`
    unsigned renegotiations = 0;
    std::optional<Outcome> final_outcome;  // kept or missed, once resolved
    std::optional<EntryId> resolution_id;
    std::int64_t resolved_at_ms = 0;      // the author's time of the resolution
    std::int64_t resolved_judged_ms = 0;  // when it counts for on time or late
    // open; due once now >= due time; renegotiated while a moved due time is still ahead.
    [[nodiscard]] CommitmentStatus status(std::int64_t now_ms) const;
};

struct LateNotice {
    EntryId id{};
    DeviceId author{};
    LateBody body;
    std::int64_t created_at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
    bool for_known_commitment = false;  // body.for_commitment names one of the author's commitments
    std::optional<EntryId> ended_by;    // the late_end entry
};

struct CommitmentRequest {
    EntryId id{};
    DeviceId author{};
    CommitmentRequestBody body;
    std::int64_t created_at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
    std::optional<EntryId> answer_id;
    bool accepted = false;
    std::string answer_note;
    std::optional<EntryId> commitment_id;  // the commitment made in answer
};

class State {
public:
    // Judged times (State::judge_at) not equal to the author's: entry id -> ms.
    using JudgedTimes = std::unordered_map<EntryId, std::int64_t, IdHash>;
    [[nodiscard]] static State fold(const History& history, JudgedTimes judged = {});
    // Adds one accepted entry. Appending in fold order is cheap; an entry that sorts earlier
    // refolds everything, so the result always equals fold() over the same set. Duplicates
    // (same id) are ignored.
    void insert(const Entry& entry);
    // Many at once (catch-up): at most one refold however they are ordered.
    void insert(std::span<const Entry> entries);

    // The time an entry counts at for on time or late when it is not its author time (what this
    // device knows of when it arrived: core/entry_times.hpp judged_time). Set before inserting it.
    void judge_at(const EntryId& id, std::int64_t judged_ms);
    [[nodiscard]] std::int64_t judged_at(const Entry& entry) const;

    [[nodiscard]] const std::vector<FeedEntry>& entries() const { return entries_; }  // fold order
    [[nodiscard]] const FeedEntry* find(const EntryId& id) const;
    // An id from its hex or a unique prefix of at least kMinIdPrefixChars characters.
    [[nodiscard]] Result<EntryId> resolve_prefix(std::string_view prefix) const;

    [[nodiscard]] const std::map<DeviceId, UpdateView>& latest_updates() const { return latest_update_; }
    [[nodiscard]] std::optional<UpdateView> current_update(const DeviceId& author, std::int64_t now_ms) const;
    [[nodiscard]] std::vector<AckView> acks_for(const EntryId& target) const;
    [[nodiscard]] const std::vector<Commitment>& commitments() const { return commitments_; }  // fold order
    [[nodiscard]] const Commitment* commitment(const EntryId& id) const;
    [[nodiscard]] const std::vector<LateNotice>& late_notices() const { return lates_; }
    // Per author, their latest late notice if it still applies: not ended, its eta not passed,
    // and its commitment (if any) not resolved. A newer notice replaces an older one.
    [[nodiscard]] std::vector<LateNotice> active_late_notices(std::int64_t now_ms) const;
    [[nodiscard]] const std::vector<CommitmentRequest>& requests() const { return requests_; }
    [[nodiscard]] const CommitmentRequest* request(const EntryId& id) const;
    // Agreement versions, answers and reviews (rules in state_agreement.cpp).
    [[nodiscard]] const AgreementLog& agreement() const { return agreement_; }
    // Sealed check-ins, their keys and withdrawals (rules in core/checkins.cpp).
    [[nodiscard]] const CheckinLog& checkins() const { return checkins_; }
    // Reassurance, breathing, pauses and apologies (rules in repair_log.hpp).
    [[nodiscard]] const RepairLog& repair() const { return repair_; }

    // The couple's shared choices by name: the last in fold order stands (the newest unless the
    // two were made apart, when (lamport, author, seq) decides the same way on both devices).
    struct Choice {
        bool on = false;
        DeviceId by{};
        EntryId entry{};
        std::int64_t at_ms = 0;
        std::int16_t utc_offset_minutes = 0;
    };
    [[nodiscard]] const Choice* choice(std::string_view name) const;

    // Canonical text of everything above at `now_ms`: equal dumps mean equal States.
    [[nodiscard]] std::string dump(std::int64_t now_ms) const;

private:
    void refold();
    void apply(FeedEntry& fe);
    // One fold function per kind; each returns the note when the entry is ignored.
    std::optional<std::string> fold_update(const Entry& e, UpdateBody b);
    std::optional<std::string> fold_late(const Entry& e, LateBody b);
    std::optional<std::string> fold_late_end(const Entry& e, const LateEndBody& b);
    std::optional<std::string> fold_commitment(const Entry& e, CommitmentBody b);
    std::optional<std::string> fold_resolution(const Entry& e, ResolutionBody b);
    std::optional<std::string> fold_ack(const Entry& e, AckBody b);
    std::optional<std::string> fold_commitment_request(const Entry& e, CommitmentRequestBody b);
    std::optional<std::string> fold_request_answer(const Entry& e, const RequestAnswerBody& b);
    template <typename T>
    static void fold_repair(FeedEntry& fe, RepairLog& log);
    // Agreement kinds (state_agreement.cpp).
    std::optional<std::string> fold_agreement_proposal(const Entry& e, const AgreementProposalBody& b);
    std::optional<std::string> fold_agreement_answer(const Entry& e, const AgreementAnswerBody& b);
    std::optional<std::string> fold_agreement_review(const Entry& e, const AgreementReviewBody& b);

    [[nodiscard]] StoryEvent story_event(StoryEvent::Type type, const Entry& e) const;

    std::vector<FeedEntry> entries_;
    JudgedTimes judged_;
    std::unordered_map<EntryId, std::size_t, IdHash> entry_index_;  // of entries folded so far
    std::map<DeviceId, UpdateView> latest_update_;
    std::unordered_map<EntryId, std::vector<AckView>, IdHash> acks_;
    std::vector<Commitment> commitments_;
    std::unordered_map<EntryId, std::size_t, IdHash> commitment_index_;
    std::vector<LateNotice> lates_;
    std::unordered_map<EntryId, std::size_t, IdHash> late_index_;
    std::vector<CommitmentRequest> requests_;
    std::unordered_map<EntryId, std::size_t, IdHash> request_index_;
    AgreementLog agreement_;
    CheckinLog checkins_;
    RepairLog repair_;
    std::map<std::string, Choice, std::less<>> choices_;
    void activate_agreement(std::size_t index, const Entry& acceptance);
};

}  // namespace candor::core
