// The repair part of State: reassurance requests with their answers, facts and "I feel
// settled", breathing guides, pauses with their return times, and apologies with their answers
// and the commitments of their plan. Folded by State in fold order; like the rest of the fold, a
// reference counts only when its target was folded before it, so the result depends on the set
// of entries only. Rules (why):
// - Only someone other than the asker answers a request; only the asker settles it, once
//   (recovery time = settled - asked, on the authors' clocks, which entry_times keeps in order).
// - Either partner may add "what happened, facts not guesses"; the latest per person shows.
// - A breathing guide lasts kBreatheMinSeconds..kBreatheMaxSeconds and starts no earlier than
//   its entry and at most kBreatheMaxLeadMs after it.
// - A pause sets a return time 20 min..24 h after its entry; an extension (same author, pause
//   not ended) only moves it later, and at most 24 h after the extension; only its author ends it.
// - An apology needs its four parts (apology_problem); the partner answers it ("I've read it" or
//   "I'm not ready yet", the latest counts); a commitment links to one of its steps only when it
//   is the apology author's, the step has a due time and no commitment yet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/entry.hpp"
#include "core/repair_kinds.hpp"

namespace candor::core {

struct RepairNote {
    EntryId id{};
    DeviceId by{};
    std::string text;
    std::int64_t at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
};

struct Reassurance {
    EntryId id{};
    DeviceId asked_by{};
    std::string note;
    std::int64_t asked_at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
    std::vector<RepairNote> answers;  // fold order
    std::vector<RepairNote> facts;    // fold order; facts_by() gives the latest per person
    std::optional<EntryId> settled_id;
    std::int64_t settled_at_ms = 0;
    std::string settled_note;

    [[nodiscard]] bool answered() const { return !answers.empty(); }
    [[nodiscard]] bool settled() const { return settled_id.has_value(); }
    [[nodiscard]] std::int64_t answered_at_ms() const { return answers.empty() ? 0 : answers.front().at_ms; }
    // From the request to "I feel settled"; nullopt until settled.
    [[nodiscard]] std::optional<std::int64_t> recovery_ms() const;
    [[nodiscard]] const RepairNote* facts_by(const DeviceId& person) const;
};

struct BreathingGuide {
    EntryId id{};
    DeviceId author{};
    std::int64_t created_at_ms = 0;
    std::int64_t starts_at_ms = 0;  // on the author's clock
    std::uint32_t seconds = kBreatheDefaultSeconds;
    [[nodiscard]] std::int64_t ends_at_ms() const { return starts_at_ms + std::int64_t{seconds} * 1000; }
};

struct PauseStep {  // the pause itself and each extension: every return time given, in order
    EntryId id{};
    std::int64_t at_ms = 0;
    std::int64_t until_ms = 0;
    std::string note;
};

struct Pause {
    EntryId id{};
    DeviceId author{};
    std::int16_t utc_offset_minutes = 0;
    std::vector<PauseStep> steps;  // steps[0] is the pause entry
    std::optional<EntryId> ended_by;
    std::int64_t ended_at_ms = 0;
    std::string end_note;

    [[nodiscard]] std::int64_t started_at_ms() const { return steps.front().at_ms; }
    [[nodiscard]] std::int64_t until_ms() const { return steps.back().until_ms; }
    [[nodiscard]] const std::string& note() const { return steps.front().note; }
    [[nodiscard]] bool extended() const { return steps.size() > 1; }
    [[nodiscard]] bool ended() const { return ended_by.has_value(); }
    [[nodiscard]] bool running(std::int64_t now_ms) const { return !ended() && now_ms < until_ms(); }
    // The return time has passed and the author has not said "I'm ready to talk" yet.
    [[nodiscard]] bool over_time(std::int64_t now_ms) const { return !ended() && now_ms >= until_ms(); }
};

struct ApologyAnswer {
    EntryId id{};
    DeviceId by{};
    bool read = false;  // "I've read it"; false: "I'm not ready yet"
    std::string note;
    std::int64_t at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
};

struct Apology {
    EntryId id{};
    DeviceId author{};
    ApologyBody body;
    std::int64_t created_at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
    std::vector<std::optional<EntryId>> step_commitments;  // one slot per plan step
    std::vector<ApologyAnswer> answers;                     // fold order
    [[nodiscard]] const ApologyAnswer* latest_answer() const { return answers.empty() ? nullptr : &answers.back(); }
};

class RepairLog {
public:
    [[nodiscard]] const std::vector<Reassurance>& reassurances() const { return reassurances_; }  // fold order
    [[nodiscard]] const Reassurance* reassurance(const EntryId& id) const;
    [[nodiscard]] const std::vector<BreathingGuide>& guides() const { return guides_; }
    [[nodiscard]] const std::vector<Pause>& pauses() const { return pauses_; }
    [[nodiscard]] const Pause* pause(const EntryId& id) const;
    // The author's newest pause that has not been ended (running or over time), if any.
    [[nodiscard]] const Pause* open_pause(const DeviceId& author) const;
    [[nodiscard]] const std::vector<Apology>& apologies() const { return apologies_; }
    [[nodiscard]] const Apology* apology(const EntryId& id) const;

    [[nodiscard]] std::string dump() const;  // canonical text, for comparing States in tests

private:
    friend class State;
    // Each returns the note when the entry is ignored (kept in the feed, not counted).
    std::optional<std::string> fold(const Entry& e, ReassuranceRequestBody b);
    std::optional<std::string> fold(const Entry& e, ReassuranceAnswerBody b);
    std::optional<std::string> fold(const Entry& e, ReassuranceSettledBody b);
    std::optional<std::string> fold(const Entry& e, ReassuranceFactsBody b);
    std::optional<std::string> fold(const Entry& e, const BreatheBody& b);
    std::optional<std::string> fold(const Entry& e, PauseBody b);
    std::optional<std::string> fold(const Entry& e, PauseEndBody b);
    std::optional<std::string> fold(const Entry& e, ApologyBody b);
    std::optional<std::string> fold(const Entry& e, ApologyAnswerBody b);
    // A commitment by `author` for step `step` of apology `apology`: the note when it may not link.
    std::optional<std::string> link_commitment(const EntryId& commitment, const DeviceId& author,
                                               const EntryId& apology, std::uint32_t step);
    Reassurance* find_reassurance(const EntryId& id);

    std::vector<Reassurance> reassurances_;
    std::unordered_map<EntryId, std::size_t, IdHash> reassurance_index_;
    std::vector<BreathingGuide> guides_;
    std::vector<Pause> pauses_;
    std::unordered_map<EntryId, std::size_t, IdHash> pause_index_;
    std::vector<Apology> apologies_;
    std::unordered_map<EntryId, std::size_t, IdHash> apology_index_;
};

}  // namespace candor::core
