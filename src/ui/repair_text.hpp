// Words for the repair kinds, shared by Home, History and the forms: kind words, never a score.
#pragma once

#include <optional>
#include <string>

#include "core/state.hpp"
#include "node/snapshot.hpp"
#include "ui/entry_text.hpp"

namespace candor::ui {

// Fills `text` for a repair entry (kinds 30-38); false for other kinds.
bool describe_repair(const core::Entry& entry, EntryText& text);

// "Sam needs a pause and will be back by 20:30" / "You're taking a pause until 20:30".
[[nodiscard]] std::string pause_words(const node::Snapshot& snap, const core::Pause& pause);

// "from your apology of 3 Dec" / "from Sam's apology": a commitment's link to its apology.
[[nodiscard]] std::string apology_link_words(const node::Snapshot& snap, const core::Commitment& c);
// For History: "  ·  Book a walk: kept · on time" for each of the apology's commitments.
[[nodiscard]] std::string apology_steps_words(const node::Snapshot& snap, const core::EntryId& apology, std::int64_t now_ms);

// Return-time presets of "I need a pause": 20 min, 1 h, tonight (20:00 today, when that is at
// least 20 min away), tomorrow (09:00, when within 24 h); nullopt when a preset does not apply now.
[[nodiscard]] std::optional<std::int64_t> pause_preset(int index, std::int64_t now_ms);
inline constexpr const char* kPausePresetLabels[] = {"20 min", "1 hour", "Tonight", "Tomorrow"};

}  // namespace candor::ui
