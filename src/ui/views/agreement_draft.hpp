// What the agreement editor holds while someone writes: every part of the agreement as typed
// (half-written items, a date not finished yet), the proposal JSON it becomes, and what is wrong
// with it field by field. The rules are the Node's (core::plan_problems, core::talk_time_problems,
// node::phase_text_problem, the same time parser): this file only finds the field each is about
// and words it for the person writing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/agreement.hpp"
#include "core/time_parse.hpp"
#include "node/json.hpp"

namespace candor::ui {

struct DraftArea {
    std::string name;  // "communication", "privacy", … or the couple's own
    std::vector<std::string> items;
    bool operator==(const DraftArea&) const = default;
};

// A phase of the transparency plan as typed.
struct DraftPhase {
    std::string expects;        // what sharing it asks for
    std::string until;          // "2027-01-31" (the next phase begins that day) or a full ISO 8601 time
    bool from_then_on = false;  // the last phase only: no end
    bool operator==(const DraftPhase&) const = default;
};

// A weekly time to talk about it as typed.
struct DraftTalkTime {
    int day = 6;             // 0 Monday … 6 Sunday
    std::string at = "19:00";
    int minutes = 45;
    bool operator==(const DraftTalkTime&) const = default;
};

// What the editor holds, with "me"/"partner" instead of device ids (as a proposal is written).
struct AgreementDraft {
    std::string title;
    std::vector<std::string> mine;     // my commitments
    std::vector<std::string> partner;  // the partner's commitments
    std::string support;               // one idea per line
    std::vector<DraftArea> areas;      // the four usual areas first, then the couple's own
    std::vector<std::string> breakers;
    int review_every_days = 30;
    std::vector<DraftPhase> phases;    // the transparency plan, in order; empty: none
    bool retire_figures = false;
    std::vector<DraftTalkTime> talk_times;
    std::string parent;                // hex id of the version this revises; empty: the one in force
    std::string heading = "Draft your agreement";  // or "Propose a change", "Revise version 3"
    bool operator==(const AgreementDraft&) const = default;
};

struct UsualArea {
    const char* name;
    const char* hint;
};
// The four areas every draft offers, with a hint each.
[[nodiscard]] const std::vector<UsualArea>& usual_areas();

// The three steps the guides suggest, offered as one-click choices for what a phase asks for.
[[nodiscard]] const std::vector<std::string>& phase_presets();

// A first draft: empty fields with hints, the usual areas, a review every 30 days.
[[nodiscard]] AgreementDraft blank_draft();
// A draft that starts from a version (`me`: whose commitments are "mine"), plan and times included.
[[nodiscard]] AgreementDraft draft_from(const core::AgreementDoc& doc, const core::DeviceId& me);
// The proposal's agreement object (../shared/spec/cli.md): trimmed, blank items left out.
[[nodiscard]] json::Value draft_to_json(const AgreementDraft& draft);

// Adds a phase at the end with sensible defaults: it runs from then on, and the phase that was
// last gets an end a month after the one before it (or from today).
void add_phase(AgreementDraft& draft, const core::TimeContext& time);
// Moves what phase `from` asks for to `to`; the dates stay where they are, so the steps keep
// their order in time.
void move_phase(AgreementDraft& draft, std::size_t from, std::size_t to);

// What is wrong with the draft's plan and times, beside the field each is about (empty: fine).
// `blank` problems (a phase asking for nothing, a missing end) are listed too; the editor shows
// them once a proposal was tried, the others as they are typed.
struct FieldProblem {
    std::string text;
    bool blank = false;
};
struct DraftProblems {
    std::vector<FieldProblem> expects, until;  // one per phase
    std::vector<FieldProblem> at, minutes;     // one per time to talk
    std::string plan, talk;                    // about the section as a whole
    [[nodiscard]] bool any() const;
};
[[nodiscard]] DraftProblems draft_problems(const AgreementDraft& draft, const core::TimeContext& time);

// Without the spaces and line breaks at either end (as the Node trims what is proposed).
[[nodiscard]] std::string trimmed(const std::string& text);

// The until field as the proposal writes it: "2027-01-31" becomes "2027-01-31T00:00" (local time).
[[nodiscard]] std::string until_time_text(const std::string& until);

}  // namespace candor::ui
