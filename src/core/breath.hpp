// The breathing guide's rhythm: 4 s in, 6 s out, as a pure function of the time since the guide
// started, so both screens (and the tests) compute the same shape from the same instant.
#pragma once

#include <cstdint>

#include "core/repair_kinds.hpp"

namespace candor::core {

struct BreathAt {
    bool breathing_in = true;
    double phase = 0.0;  // 0..1 through the current in- or out-breath
    double size = 0.0;   // 0 (empty) .. 1 (full): grows on the in-breath, settles on the out-breath
};

// `elapsed_ms` since the start (negative: not started, size 0).
[[nodiscard]] inline BreathAt breath_at(std::int64_t elapsed_ms) {
    if (elapsed_ms < 0) return {};
    const std::int64_t cycle = kBreathInMs + kBreathOutMs;
    const std::int64_t t = elapsed_ms % cycle;
    // Eased (smoothstep) so the shape slows at the top and the bottom of a breath.
    const auto ease = [](double x) { return x * x * (3.0 - 2.0 * x); };
    if (t < kBreathInMs) {
        const double p = static_cast<double>(t) / static_cast<double>(kBreathInMs);
        return {true, p, ease(p)};
    }
    const double p = static_cast<double>(t - kBreathInMs) / static_cast<double>(kBreathOutMs);
    return {false, p, 1.0 - ease(p)};
}

}  // namespace candor::core
