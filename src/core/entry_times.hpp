// Times you can trust: the rules for an entry's author time (its wall clock when it was made)
// against what this device already knows. Clocks differ a little between two computers, and a
// wrong or backdated clock must not decide what counts as "on time":
//   - refused (bad_time) when dated more than kClockSkewMs before the author's previous entry,
//     or before an entry it refers to (a resolution before its commitment, an ack before what it
//     acknowledges): an honest device never makes one (see earliest_time), the rest wait behind it;
//   - flagged as "clock ahead" when dated more than kFarFutureMs after it arrived here;
//   - judged by judged_time(): the author's time, but never later than when it arrived here and
//     never earlier (by more than kClockSkewMs) than the last moment this device knew the
//     author's computer had not made it yet (its own chain head, said in a sync Hello or Ack).
// Applied when entries arrive from a partner, not when this device re-reads its own journal;
// its own entries are dated at least earliest_time() instead.
#pragma once

#include <cstdint>
#include <vector>

#include "core/entry.hpp"
#include "core/history.hpp"

namespace candor::core {

inline constexpr std::int64_t kClockSkewMs = 5 * 60 * 1000;
inline constexpr std::int64_t kFarFutureMs = 10 * 60 * 1000;

// The entries this one refers to (the commitment a resolution resolves, the entry an ack sees…).
[[nodiscard]] std::vector<EntryId> referenced_ids(const Entry& entry);

// The latest author time among the entry's previous one (its prev) and what it refers to: a
// device dates its own entries no earlier than that, so a clock set back on an honest device
// never makes an entry the partner refuses (and a resolution is never dated before its commitment).
[[nodiscard]] std::int64_t earliest_time(const Entry& entry, const History& history);

// Accepted, or rejected with RejectReason::bad_time and a message that says what to do.
[[nodiscard]] AcceptResult check_times(const Entry& entry, const History& history);

// More than kFarFutureMs after `received_at_ms`: the author's clock runs ahead.
[[nodiscard]] bool clock_ahead(const Entry& entry, std::int64_t received_at_ms);

// What this device knows about when a partner's entry can have been made, besides its author time.
struct ArrivalEvidence {
    std::int64_t received_at_ms = 0;  // when it arrived here (0: unknown)
    // The last instant this device knew the author's chain head was below the entry's seq (the
    // author's computer said so in a sync Hello or Ack): it was made after that. 0: unknown.
    std::int64_t not_before_ms = 0;
};

// The time an entry counts at when judging on-time or late: its author time, but never later
// than when this device received it (a clock running ahead cannot push it past a deadline it met
// on arrival) and never more than kClockSkewMs before `not_before_ms` (a clock set back cannot
// make a late "kept" look on time while the two computers were in touch).
[[nodiscard]] std::int64_t judged_time(const Entry& entry, const ArrivalEvidence& evidence);

}  // namespace candor::core
