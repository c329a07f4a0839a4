// The promise ledger: how each commitment went (on time, late with a warning given in time, late
// without one, missed, still open or due) and per-person figures, computed from a State at a
// given instant. Pure: the same State and `now` give the same Ledger.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "core/state.hpp"

namespace candor::core {

// "Kept" tapped a few minutes after the due time still counts as on time: people resolve a
// commitment after doing it, and "call at 7:00" answered at 7:03 was kept on time.
inline constexpr std::int64_t kOnTimeGraceMs = 5 * 60'000;

enum class LedgerOutcome {
    open,                // unresolved, due time still ahead
    due,                 // unresolved, due time passed
    kept_on_time,        // kept by the due time (+ grace)
    kept_late_warned,    // kept later, with a late notice sent before the due time
    kept_late_unwarned,  // kept later, without one
    missed,
};
[[nodiscard]] std::string_view ledger_outcome_name(LedgerOutcome outcome);

struct LedgerItem {
    EntryId id{};
    DeviceId author{};
    LedgerOutcome outcome = LedgerOutcome::open;
    std::int64_t due_ms = 0;       // the due time that counts: after any renegotiation
    std::int64_t resolved_ms = 0;  // 0 while unresolved; the judged time (entry_times.hpp)
    // The resolution's author time: differs from resolved_ms when this device knows the author's
    // clock was wrong (it arrived before that time, or was made after the computers last spoke).
    std::int64_t author_resolved_ms = 0;
    // How far from the due time the resolution happened (resolved - due; negative = early).
    std::int64_t offset_ms = 0;
    // A late notice for this commitment created before the due time that counts (and after the
    // last renegotiation, which set that time).
    std::optional<EntryId> warning_id;
    [[nodiscard]] bool resolved() const { return resolved_ms != 0; }
};

struct PersonFigures {
    unsigned kept_on_time = 0;
    unsigned kept_late_warned = 0;
    unsigned kept_late_unwarned = 0;
    unsigned missed = 0;
    unsigned open = 0;
    unsigned due = 0;
    unsigned renegotiated = 0;            // commitments given a new time at least once
    std::int64_t late_ms_total = 0;       // sum of offsets of the kept-late ones
    unsigned streak = 0;                  // most recent resolutions in a row kept on time or warned

    [[nodiscard]] unsigned kept() const { return kept_on_time + kept_late_warned + kept_late_unwarned; }
    [[nodiscard]] unsigned resolved() const { return kept() + missed; }
    [[nodiscard]] unsigned total() const { return resolved() + open + due; }
};

struct Ledger {
    std::vector<LedgerItem> items;  // in the State's commitment (fold) order
    std::map<DeviceId, PersonFigures> people;

    [[nodiscard]] const LedgerItem* item(const EntryId& commitment) const;
    // Zero figures for someone with no commitments.
    [[nodiscard]] PersonFigures figures(const DeviceId& person) const;
};

// Which clock decides on time or late: this device's judged times (what the app shows), or the
// authors' own times only, which every device holding the same entries agrees on (milestones).
enum class LedgerClock { judged, author };
[[nodiscard]] LedgerItem ledger_item(const Commitment& commitment, std::int64_t now_ms,
                                     LedgerClock clock = LedgerClock::judged);
[[nodiscard]] Ledger build_ledger(const State& state, std::int64_t now_ms);

}  // namespace candor::core
