// How far the partner's clock is from ours, measured over a session (sans-I/O, like SyncSession):
// a probe carries our send time t0; the partner answers with t0 and its own time t1; when the
// answer arrives at t2, the partner's clock reads about t1 - (t0 + t2) / 2 ahead of ours, give
// or take half the round trip. The estimate is the sample with the shortest round trip among the
// recent ones (a delayed packet gives a wide round trip and is the least trusted). On a LAN the
// round trip is a few ms, so two screens can start a breathing guide within a few ms of each
// other even when the computers' clocks differ by minutes.
//
// Wire (after the session's type byte kSessionClock): u8 1 | i64 t0 (probe), or
// u8 2 | i64 t0 | i64 t1 (answer). Old Candors ignore the type byte, so nothing breaks.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>

#include "common/result.hpp"
#include "crypto/bytes.hpp"

namespace candor::sync {

struct ClockMessage {
    bool answer = false;
    std::int64_t t0 = 0;  // the prober's clock when it sent the probe
    std::int64_t t1 = 0;  // the answerer's clock when it answered (answers only)
};

[[nodiscard]] crypto::Bytes encode_clock_probe(std::int64_t t0);
[[nodiscard]] crypto::Bytes encode_clock_answer(std::int64_t t0, std::int64_t t1);
// Exactly 9 or 17 bytes of the right type; anything else is an error (the message is dropped).
[[nodiscard]] Result<ClockMessage> decode_clock_message(crypto::ByteView message);

class ClockOffset {
public:
    static constexpr std::size_t kSamples = 8;                // the recent samples kept
    static constexpr std::size_t kQuickProbes = 5;            // sent back to back at the start
    static constexpr std::int64_t kProbeIntervalMs = 15'000;  // then one every so often
    static constexpr std::int64_t kMaxRoundTripMs = 5'000;    // slower answers are not used

    // Whether to send a probe now; probe_sent() records it.
    [[nodiscard]] bool probe_due(std::int64_t now_ms) const;
    void probe_sent(std::int64_t now_ms);
    // The answer to one of our probes, received at t2 (our clock). False when it was not used
    // (not an answer to a probe in flight, or too slow).
    bool on_answer(const ClockMessage& answer, std::int64_t t2_ms);

    // The partner's clock minus ours (ms); nullopt before the first usable answer.
    [[nodiscard]] std::optional<std::int64_t> offset_ms() const;
    // The round trip of the sample the estimate comes from: the estimate is within half of it.
    [[nodiscard]] std::int64_t round_trip_ms() const;
    [[nodiscard]] std::size_t samples() const { return samples_.size(); }

private:
    struct Sample {
        std::int64_t offset_ms;
        std::int64_t round_trip_ms;
    };
    [[nodiscard]] const Sample* best() const;
    std::deque<Sample> samples_;
    std::optional<std::int64_t> in_flight_;  // t0 of the probe awaiting its answer
    std::int64_t last_probe_ms_ = 0;
    std::size_t probes_ = 0;
};

}  // namespace candor::sync
