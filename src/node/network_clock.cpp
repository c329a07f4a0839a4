// Sending over a session (sync messages, pairing frames, clock probes, all through
// send_in_session's framing), and the clock offset probes over each established session (sync/clock_offset.hpp): a few at once when
// the session starts, then one every ClockOffset::kProbeIntervalMs. The estimate lands in the
// partner's PeerRuntime and from there in the snapshot, where the breathing guide reads it.
#include "node/network.hpp"
#include "node/network_internal.hpp"
#include "net/pairing.hpp"
#include "net/session.hpp"
#include "sync/sync_session.hpp"

namespace candor::node {

// One session message: its type byte, then the message, sealed. False (the connection closed)
// when sealing failed.
bool Network::seal_and_send(Connection& c, std::uint8_t type, const crypto::Bytes& message) {
    if (!c.channel) return false;
    crypto::Bytes plaintext;
    plaintext.reserve(message.size() + 1);
    plaintext.push_back(type);
    plaintext.insert(plaintext.end(), message.begin(), message.end());
    auto sealed = c.channel->seal(plaintext);
    if (!sealed) {
        close(c, sealed.message());
        return false;
    }
    (void)host_.send(c.id, kChannel, *sealed);
    return true;
}

void Network::send_in_session(Connection& c, std::uint8_t type, const crypto::Bytes& message) {
    if (seal_and_send(c, type, message)) host_.flush();
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

void Network::flush_session(Connection& c) {
    if (c.handshake) {
        for (const crypto::Bytes& frame : c.handshake->take_outgoing()) (void)host_.send(c.id, kChannel, frame);
    }
    if (c.channel && c.sync) {
        for (const crypto::Bytes& message : c.sync->take_outgoing()) {
            if (!seal_and_send(c, kSessionSync, message)) return;
        }
    }
    host_.flush();
}

void Network::flush_pairing(Connection& c) {
    net::PairingMachine* machine = c.joiner ? static_cast<net::PairingMachine*>(c.joiner.get()) : c.inviter.get();
    if (!machine) return;
    for (const crypto::Bytes& frame : machine->take_outgoing()) (void)host_.send(c.id, kChannel, frame);
    host_.flush();
}

}  // namespace candor::node
