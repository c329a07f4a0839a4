// The breathing guide as this device shows it: the newest guide that is still running (or about
// to start), with its start moved onto this computer's clock. A guide from the partner started at
// their clock's starts_at; their clock reads clock_offset_ms ahead of ours, so here it starts at
// starts_at - offset. Without a measured offset (the partner was never online with us) it starts
// at starts_at as written: "alone when the partner is away".
#pragma once

#include <cstdint>
#include <optional>

#include "core/repair_log.hpp"
#include "node/snapshot.hpp"

namespace candor::node {

struct BreathingNow {
    core::BreathingGuide guide;
    std::int64_t local_start_ms = 0;  // on this computer's clock
    std::int64_t local_end_ms = 0;
    bool mine = false;
    bool in_step = false;  // the start is corrected by a measured offset (or it is mine)
};

// The guide's start on this computer's clock.
[[nodiscard]] inline std::int64_t local_start_ms(const Snapshot& snap, const core::BreathingGuide& g) {
    return g.starts_at_ms - snap.clock_offset_of(g.author).value_or(0);
}

// The newest guide whose (local) window has not ended at `now_ms`; `ended` holds ids the user
// closed with Esc (so they stay closed). nullopt: nothing to show.
template <typename Closed>
[[nodiscard]] std::optional<BreathingNow> breathing_now(const Snapshot& snap, std::int64_t now_ms, const Closed& closed) {
    if (!snap.state) return std::nullopt;
    const auto& guides = snap.state->repair().guides();
    for (auto it = guides.rbegin(); it != guides.rend(); ++it) {
        if (closed(it->id)) continue;
        const std::int64_t start = local_start_ms(snap, *it);
        const std::int64_t end = start + std::int64_t{it->seconds} * 1000;
        if (now_ms - end > 24 * 3'600'000) break;  // guides are in time order: the rest are older
        if (now_ms >= end) continue;
        if (start - now_ms > core::kBreatheMaxLeadMs) continue;
        const bool mine = it->author == snap.device;
        return BreathingNow{*it, start, end, mine, mine || snap.clock_offset_of(it->author).has_value()};
    }
    return std::nullopt;
}

}  // namespace candor::node
