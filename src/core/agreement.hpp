// The shared agreement in the domain's words: the document as plain fields (AgreementDoc), the
// item-by-item diff a partner reviews, and the versions, answers and reviews the fold keeps
// (AgreementLog, filled by State). Core has no JSON: a proposal entry carries the document as
// canonical JSON text that the Node writes and parses (node/agreement_json.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/ids.hpp"
#include "core/talk_times.hpp"
#include "core/transparency_plan.hpp"

namespace candor::core {

// ---- The document -------------------------------------------------------------------------

struct AgreementCommitment {
    DeviceId by{};  // who commits; "me"/"partner" are resolved to device ids when proposing
    std::string text;
    bool operator==(const AgreementCommitment&) const = default;
};

struct AgreementBoundary {
    std::string area;  // "communication", "privacy", "social media", ... or the couple's own
    std::string text;
    bool operator==(const AgreementBoundary&) const = default;
};

struct AgreementDoc {
    std::string title;
    std::vector<AgreementCommitment> commitments;
    std::string support;
    std::vector<AgreementBoundary> boundaries;
    std::vector<std::string> breakers;
    std::uint32_t review_every_days = 0;  // 0: no review rhythm agreed
    TransparencyPlan plan;                // empty: no plan agreed (core/transparency_plan.hpp)
    std::vector<TalkTime> talk_times;     // 0-2 weekly slots "to talk about it" (core/talk_times.hpp)
    bool operator==(const AgreementDoc&) const = default;
};

// ---- What changed ------------------------------------------------------------------------

enum class AgreementPart { title, review_interval, support, commitment, boundary, breaker, plan_phase, retire_figures, talk_time };
enum class ChangeType { added, removed, reworded };
[[nodiscard]] std::string_view part_name(AgreementPart part);
[[nodiscard]] std::string_view change_name(ChangeType type);

struct AgreementChange {
    AgreementPart part = AgreementPart::title;
    ChangeType type = ChangeType::added;
    std::optional<DeviceId> by;  // commitments: whose
    std::string area;            // boundaries: which area
    std::string before;          // empty for added (review interval: the number of days as text)
    std::string after;           // empty for removed
};

// A text's lines as the agreement shows them: trimmed, blank lines left out.
[[nodiscard]] std::vector<std::string> text_lines(const std::string& text);

// `proposed` against `in_force` (pass an empty doc when nothing is in force), item by item.
// Title and review interval: set, cleared or changed (= added, removed, reworded). Support, by
// line in document order: lines both keep stay; between them, removed and added lines pair up
// as reworded in order, the rest are removed or added (lines as text_lines gives them).
// Lists (commitments per person, boundaries per area, breakers): an item whose exact text is on
// both sides is unchanged wherever it moved; of the rest, the k-th unmatched old item and the
// k-th unmatched new item (same person / same area) are "reworded"; what is left over is removed
// or added. Order: title, review interval, support, commitments, boundaries, breakers, the
// plan's phases (as "expects · until <date>", compared like a list), retire_figures
// ("yes" / empty) and the times to talk ("Sunday 19:00 for 45 min", like a list).
[[nodiscard]] std::vector<AgreementChange> diff_agreements(const AgreementDoc& in_force,
                                                           const AgreementDoc& proposed);

// The commitments a proposal puts in someone else's name: `proposer`'s suggestions, which that
// person takes as their own (by accepting) or puts in their own words (by a revision). One that
// is in `theirs_already` word for word (in force, or written by that person in an earlier
// version this one revises) is theirs and not a suggestion.
[[nodiscard]] std::vector<AgreementCommitment> suggestions_in(const AgreementDoc& proposed, const DeviceId& proposer,
                                                              const std::vector<AgreementCommitment>& theirs_already);

// ---- Versions, answers, reviews (see state_agreement.cpp for the rules) -------------------

enum class VersionStatus { proposed, active, superseded, declined };
[[nodiscard]] std::string_view version_status_name(VersionStatus status);

struct AgreementAnswerView {
    EntryId entry_id{};  // the answer entry (for the proposer's implicit acceptance: the proposal)
    DeviceId by{};
    bool accepted = false;
    std::int64_t at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
    std::string note;
};

struct AgreementVersion {
    EntryId id{};                 // the version id: its proposal entry's id
    std::uint32_t number = 0;     // 1, 2, 3… in fold order (may shift when an earlier one arrives)
    std::optional<EntryId> parent;
    bool parent_known = false;    // the parent was a version this device held at fold time
    DeviceId proposer{};
    std::int64_t proposed_at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
    std::string agreement_json;   // canonical JSON, exactly as signed
    VersionStatus status = VersionStatus::proposed;
    std::vector<AgreementAnswerView> accepted_by;  // standing acceptances, proposer first
    std::vector<AgreementAnswerView> declined_by;  // standing declines, with notes
    std::vector<AgreementAnswerView> answers;      // every answer that counted, in fold order
    std::int64_t activated_at_ms = 0;               // when the second partner accepted
    std::optional<EntryId> activated_by;            // that acceptance entry
    std::optional<EntryId> closed_by;               // the version whose activation closed this one

    // Still waiting for answers: not in force and not passed over by another version.
    [[nodiscard]] bool open() const {
        return (status == VersionStatus::proposed || status == VersionStatus::declined) && !closed_by;
    }
    [[nodiscard]] bool accepted(const DeviceId& who) const;
    [[nodiscard]] bool declined(const DeviceId& who) const;
};

struct AgreementReview {
    EntryId id{};
    DeviceId by{};
    std::int64_t at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
    std::string note;
    std::int64_t next_review_ms = 0;             // 0: the author left it to the rhythm
    std::optional<EntryId> version_in_force;     // what was reviewed
};

class AgreementLog {
public:
    [[nodiscard]] const std::vector<AgreementVersion>& versions() const { return versions_; }  // fold order
    [[nodiscard]] const AgreementVersion* version(const EntryId& id) const;
    [[nodiscard]] const AgreementVersion* by_number(std::uint32_t number) const;
    [[nodiscard]] const AgreementVersion* active() const;
    [[nodiscard]] std::vector<const AgreementVersion*> open_versions() const;
    [[nodiscard]] const std::vector<AgreementReview>& reviews() const { return reviews_; }  // fold order
    [[nodiscard]] std::vector<const AgreementReview*> reviews_of(const EntryId& version) const;

    // When the partners should next sit down together, given the active version's
    // review_every_days (the caller parsed it from the document): the last review since the
    // version came into force decides (its own next date, else its date + the rhythm); before
    // any such review, the activation time + the rhythm. nullopt: nothing in force, or no date.
    [[nodiscard]] std::optional<std::int64_t> next_review_ms(std::uint32_t review_every_days) const;

    [[nodiscard]] std::string dump() const;  // canonical text, for comparing States in tests

private:
    friend class State;
    AgreementVersion* find_mut(const EntryId& id);

    std::vector<AgreementVersion> versions_;
    std::unordered_map<EntryId, std::size_t, IdHash> index_;
    std::optional<std::size_t> active_;
    std::vector<AgreementReview> reviews_;
    std::optional<std::size_t> review_since_active_;  // index into reviews_
};

}  // namespace candor::core
