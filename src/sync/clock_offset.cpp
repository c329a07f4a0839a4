// Clock offset probes and the estimate (clock_offset.hpp).
#include "sync/clock_offset.hpp"

#include "net/wire.hpp"

namespace candor::sync {

namespace {
constexpr std::uint8_t kProbe = 1;
constexpr std::uint8_t kAnswer = 2;
}  // namespace

crypto::Bytes encode_clock_probe(std::int64_t t0) {
    net::Writer w(9);
    w.u8(kProbe);
    w.u64(static_cast<std::uint64_t>(t0));
    return w.take();
}

crypto::Bytes encode_clock_answer(std::int64_t t0, std::int64_t t1) {
    net::Writer w(17);
    w.u8(kAnswer);
    w.u64(static_cast<std::uint64_t>(t0));
    w.u64(static_cast<std::uint64_t>(t1));
    return w.take();
}

Result<ClockMessage> decode_clock_message(crypto::ByteView message) {
    net::Reader r(message);
    const std::uint8_t type = r.u8();
    ClockMessage m;
    if (type != kProbe && type != kAnswer) return make_error("clock: unknown message");
    m.answer = type == kAnswer;
    m.t0 = static_cast<std::int64_t>(r.u64());
    if (m.answer) m.t1 = static_cast<std::int64_t>(r.u64());
    if (!r.ok() || !r.done()) return make_error("clock: malformed message");
    return m;
}

bool ClockOffset::probe_due(std::int64_t now_ms) const {
    if (in_flight_) return now_ms - *in_flight_ > kMaxRoundTripMs;  // lost: try again
    if (probes_ < kQuickProbes) return true;
    return now_ms - last_probe_ms_ >= kProbeIntervalMs;
}

void ClockOffset::probe_sent(std::int64_t now_ms) {
    in_flight_ = now_ms;
    last_probe_ms_ = now_ms;
    ++probes_;
}

bool ClockOffset::on_answer(const ClockMessage& answer, std::int64_t t2_ms) {
    if (!answer.answer || !in_flight_ || answer.t0 != *in_flight_) return false;
    in_flight_.reset();
    const std::int64_t round_trip = t2_ms - answer.t0;
    if (round_trip < 0 || round_trip > kMaxRoundTripMs) return false;
    samples_.push_back(Sample{answer.t1 - (answer.t0 + round_trip / 2), round_trip});
    if (samples_.size() > kSamples) samples_.pop_front();
    return true;
}

const ClockOffset::Sample* ClockOffset::best() const {
    const Sample* out = nullptr;
    for (const Sample& s : samples_)
        if (out == nullptr || s.round_trip_ms < out->round_trip_ms) out = &s;
    return out;
}

std::optional<std::int64_t> ClockOffset::offset_ms() const {
    const Sample* s = best();
    if (s == nullptr) return std::nullopt;
    return s->offset_ms;
}

std::int64_t ClockOffset::round_trip_ms() const {
    const Sample* s = best();
    return s == nullptr ? 0 : s->round_trip_ms;
}

}  // namespace candor::sync
