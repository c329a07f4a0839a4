// Words for entries, shared by Home and History: what it is, in the app's voice.
#pragma once

#include <string>

#include "core/ledger.hpp"
#include "core/state.hpp"

namespace candor::ui {

struct EntryText {
    std::string headline;  // "At the gym"
    std::string detail;    // "Downtown · until 19:00"
    std::string kind;      // "Update", "Running late", …
};

// With `state`, lines that refer to something name it: "Missed: Call Mum", "New time for Call
// Mum: 18:00", "Accepted version 3 of the agreement".
[[nodiscard]] EntryText describe_entry(const core::FeedEntry& entry, std::int64_t now_ms,
                                       const core::State* state = nullptr);
// "19:05" in this computer's local time.
[[nodiscard]] std::string local_clock(std::int64_t utc_ms);
// "Today", "Yesterday", "Monday 23 November".
[[nodiscard]] std::string day_label(std::int64_t utc_ms, std::int64_t now_ms);

// "11:42" or "1:05:09": a countdown figure (rounded up to the second, never negative).
[[nodiscard]] std::string countdown_text(std::int64_t ms);
// "26 min", "1 h 5 min", "2 days".
[[nodiscard]] std::string duration_words(std::int64_t ms);
// How a commitment stands, as its chip says it: "due in 20 min · 19:00", "due · 10 min ago",
// "kept · on time", "kept · 26 min late, warned", "missed".
[[nodiscard]] std::string ledger_words(const core::LedgerItem& item, std::int64_t now_ms);

}  // namespace candor::ui
