// Clock offset probes over each established session (sync/clock_offset.hpp): a few at once when
// the session starts, then one every ClockOffset::kProbeIntervalMs. The estimate lands in the
// partner's PeerRuntime and from there in the snapshot, where the breathing guide reads it.
#include "node/network.hpp"
#include "node/network_internal.hpp"

namespace candor::node {

void Network::send_in_session(Connection& c, std::uint8_t type, const crypto::Bytes& message) {
    if (!c.channel) return;
    crypto::Bytes plaintext;
    plaintext.reserve(message.size() + 1);
    plaintext.push_back(type);
    plaintext.insert(plaintext.end(), message.begin(), message.end());
    auto sealed = c.channel->seal(plaintext);
    if (!sealed) {
        close(c, sealed.message());
        return;
    }
    (void)host_.send(c.id, kChannel, *sealed);
    host_.flush();
}

void Network::handle_clock_message(Connection& c, crypto::ByteView message) {
    auto m = sync::decode_clock_message(message);
    if (!m) return;  // a newer kind of probe: nothing to answer
    const std::int64_t now = options_.clock();
    if (!m->answer) {
        send_in_session(c, kSessionClock, sync::encode_clock_answer(m->t0, now));
        return;
    }
    if (!c.clock.on_answer(*m, now)) return;
    auto& rt = state_->peers[c.device];
    const auto offset = c.clock.offset_ms();
    if (offset != rt.clock_offset_ms) changed_ = true;
    rt.clock_offset_ms = offset;
    rt.clock_round_trip_ms = c.clock.round_trip_ms();
    if (c.clock.probe_due(now)) {  // the quick probes at the start follow each other at once
        c.clock.probe_sent(now);
        send_in_session(c, kSessionClock, sync::encode_clock_probe(now));
    }
}

void Network::probe_clocks(std::int64_t now) {
    for (auto& [id, c] : connections_) {
        if (!c->established || !c->channel || !c->clock.probe_due(now)) continue;
        c->clock.probe_sent(now);
        send_in_session(*c, kSessionClock, sync::encode_clock_probe(now));
    }
}

}  // namespace candor::node
