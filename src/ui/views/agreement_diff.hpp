// What a proposal changes against the version in force, as a person reads it: one row per change,
// marked with a word and a colour ("Added", "Removed", "Reworded: before → after"); the agreement
// typeset for reading; and the date words the Agreement screens share.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/agreement.hpp"
#include "ui/widgets.hpp"

namespace candor::ui {

using PersonName = std::function<std::string(const core::DeviceId&)>;

struct ChangeRow {
    core::ChangeType type = core::ChangeType::added;
    std::string where;   // "Sam's commitment", "Boundary · privacy", "Title", "Review rhythm"
    std::string before;  // removed, reworded
    std::string after;   // added, reworded
    // "Added: …", "Removed: …", "Reworded: before → after"; also the row's probe label, so the
    // headless tests can find exactly what the screen lists.
    [[nodiscard]] std::string summary() const;
};

// The version's document as signed (an unreadable one reads as empty; the fold refused those).
[[nodiscard]] core::AgreementDoc read_doc(const core::AgreementVersion& v);

[[nodiscard]] const char* change_word(core::ChangeType type);  // "Added", "Removed", "Reworded"
[[nodiscard]] ImVec4 change_colour(const Palette& p, core::ChangeType type);

// Item by item, in core's order (title, review rhythm, support, commitments, boundaries, breakers).
// With `proposer`, a commitment it adds or rewords in the other's name reads "Suggested for Sam".
[[nodiscard]] std::vector<ChangeRow> change_rows(const core::AgreementDoc& in_force,
                                                 const core::AgreementDoc& proposed, const PersonName& name_of,
                                                 const std::optional<core::DeviceId>& proposer = std::nullopt);
// Draws the rows (inside a Card); each row is probed under its summary().
void draw_change_rows(const Look& look, const std::vector<ChangeRow>& rows);

// The document's sections for reading (inside a Card; the caller draws the title): our
// commitments per person (`me` first), what support looks like, boundaries by area, what breaks
// this agreement, the review rhythm. Empty sections are left out.
// `suggested`: in a proposal, the commitments its proposer wrote in the other's name, each
// marked "suggested by Alex".
struct Suggestions {
    std::optional<core::DeviceId> proposer;
    std::vector<core::AgreementCommitment> items;
};
void draw_agreement(const Look& look, const core::AgreementDoc& doc, const PersonName& name_of,
                    const core::DeviceId& me, const Suggestions& suggested = {});

// A dot and wrapped text, indented (lists in the document and the history).
void bullet_text(const Look& look, const std::string& text, ImVec4 dot);

// In this computer's local time: "12 March 2026", "12 March 2026, 19:05".
[[nodiscard]] std::string date_words(std::int64_t utc_ms);
[[nodiscard]] std::string date_time_words(std::int64_t utc_ms);
// "every 30 days", "every day".
[[nodiscard]] std::string rhythm_words(std::uint32_t days);

}  // namespace candor::ui
