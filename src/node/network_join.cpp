// Pairing as the joiner: every device heard showing a code is tried, one attempt per address at
// a time and a few at once, so a forged pairing beacon (or many) costs an attempt that times out
// in seconds, never the join. The nearby list keeps one entry per address, and an error names
// the device that did not answer.
#include <algorithm>

#include "net/beacon.hpp"
#include "net/interfaces.hpp"
#include "net/pairing.hpp"
#include "node/entry_json.hpp"
#include "node/network_internal.hpp"

namespace candor::node {

namespace {

std::string inviter_label(const std::string& name, const net::Endpoint& at) {
    return name + "'s computer (" + at.to_string() + ")";
}

}  // namespace

void Network::note_inviter(const std::string& name, const net::Endpoint& at, std::int64_t now) {
    const std::string address = at.to_string();
    // One entry per address: a host sending beacons for many ports is one device.
    auto it = std::find_if(state_->nearby.begin(), state_->nearby.end(), [&](const NearbyDevice& d) {
        const auto known = net::Endpoint::parse(d.address);
        return known && known->ip == at.ip;
    });
    if (it == state_->nearby.end()) {
        if (state_->nearby.size() >= kMaxNearby) {
            state_->nearby.erase(std::min_element(state_->nearby.begin(), state_->nearby.end(),
                                                  [](const NearbyDevice& a, const NearbyDevice& b) {
                                                      return a.seen_ms < b.seen_ms;
                                                  }));
        }
        state_->nearby.push_back({name, address, now});
        changed_ = true;
    } else {
        if (it->name != name || it->address != address) changed_ = true;
        *it = NearbyDevice{name, address, now};
    }
    try_inviters(now);
}

// A joiner asks inviters to announce themselves to it: broadcast to the default port, where an
// inviter listens unless its port was taken; the inviter answers to this datagram's source.
void Network::send_looking(std::int64_t now) {
    state_->join->next_looking_ms = now + kLookingIntervalMs;
    if (!options_.discovery) return;
    const crypto::Bytes looking = net::make_looking_beacon(host_.port());
    for (const net::Interface& i : state_->interfaces) {
        if (i.loopback || i.broadcast.ip == std::array<std::uint8_t, 4>{}) continue;
        net::Endpoint to = i.broadcast;
        to.port = net::kDefaultPort;
        if (host_.send_datagram(to, looking)) ++state_->beacons_sent;
    }
}

std::size_t Network::join_attempts() const {
    return static_cast<std::size_t>(std::count_if(connections_.begin(), connections_.end(), [](const auto& kv) {
        return kv.second->purpose == kPurposeJoin && kv.second->outgoing && !kv.second->join_reported;
    }));
}

void Network::try_inviters(std::int64_t now) {
    if (!state_->join) return;
    State::Join& join = *state_->join;
    if (join.peer) {
        // An address typed by the user is redialled until the join's deadline.
        if (join_attempts() == 0 && now >= join.retry_at_ms) connect_to(*join.peer, kPurposeJoin);
        return;
    }
    // The most recently heard first; an address already tried is not dialled again.
    std::vector<const NearbyDevice*> order;
    for (const NearbyDevice& d : state_->nearby) order.push_back(&d);
    std::sort(order.begin(), order.end(), [](const NearbyDevice* a, const NearbyDevice* b) { return a->seen_ms > b->seen_ms; });
    for (const NearbyDevice* d : order) {
        if (join_attempts() >= kMaxJoinAttempts) return;
        if (join.tried.count(d->address)) continue;
        const auto at = net::Endpoint::parse(d->address);
        if (!at) continue;
        const bool busy_address = std::any_of(connections_.begin(), connections_.end(), [&](const auto& kv) {
            return kv.second->purpose == kPurposeJoin && kv.second->outgoing && !kv.second->join_reported &&
                   kv.second->address.ip == at->ip;
        });
        if (busy_address) continue;
        join.tried.insert(d->address);
        connect_to(*at, kPurposeJoin, inviter_label(d->name, *at));
    }
}

void Network::join_attempt_failed(Connection& c, const std::string& why, bool final) {
    if (!state_->join || c.join_reported) return;
    c.join_reported = true;
    State::Join& join = *state_->join;
    join.last_error = why;
    if (final) join.final_error = why;
    changed_ = true;
    // A wrong code (or an expired or used-up one) ends the join once no other inviter is being
    // tried: a forged inviter's refusal alone cannot end it while the real one is still answering.
    if (!join.final_error.empty() && join_attempts() == 0) {
        const std::string error = join.final_error;
        finish_join(false, error, {});
    }
}

void Network::join_timer(std::int64_t now) {
    if (!state_->join) return;
    if (now < state_->join->deadline_ms) {
        if (!state_->join->peer && now >= state_->join->next_looking_ms) send_looking(now);
        try_inviters(now);
        return;
    }
    std::string why = state_->join->final_error.empty() ? state_->join->last_error : state_->join->final_error;
    if (why.empty()) {
        why = state_->join->peer ? "no answer from " + state_->join->peer->to_string()
                                 : "no device showing a pairing code was found on this network";
    }
    finish_join(false, "pairing did not finish: " + why +
                           ". Check that the other computer shows a code, that both are on the same network, "
                           "and that UDP port " + std::to_string(host_.port()) +
                           " is open; or connect by the other computer's address (its Devices section shows it)",
                {});
}

void Network::on_pairing_frame(Connection& c, crypto::ByteView frame) {
    net::PairingMachine* machine = c.joiner ? static_cast<net::PairingMachine*>(c.joiner.get()) : c.inviter.get();
    const Status received = c.joiner ? c.joiner->receive(frame) : c.inviter->receive(frame);
    flush_pairing(c);
    if (machine->complete()) {
        auto result = machine->take_result();
        if (result) pin(PinRequest{std::move(*result), c.address});
        if (c.joiner && state_->join) {
            const store::PairedDevice* pinned = nullptr;
            for (const auto& p : core_.peers()) {
                if (result && p.device_id == result->peer_device_id) pinned = &p;
            }
            if (pinned) {
                finish_join(true, {}, json::Object{{"device_id", pinned->device_id_hex()}, {"name", pinned->name},
                                                   {"safety_number", net::display_safety_number(pinned->safety_number)}});
            }
        }
        if (c.inviter) retire_invite();
        // The joiner closes: a disconnect sent right behind our last frame can overtake it (ENet
        // drops received-but-undelivered packets when the disconnect arrives), and the joiner
        // would then never see Done or the wrong-code Abort. The handshake timeout reaps it.
        if (c.joiner) host_.disconnect(c.id);
        changed_ = true;
        return;
    }
    if (!received || machine->failed()) {
        if (c.joiner && state_->join) {
            const bool final = machine->failure() == net::PairingFailure::wrong_code ||
                               machine->failure() == net::PairingFailure::invite_expired ||
                               machine->failure() == net::PairingFailure::invite_used_up;
            join_attempt_failed(c, machine->error_message(), final);
        }
        if (c.inviter && state_->invite && state_->invite->invite.spent()) retire_invite();
        if (c.joiner) host_.disconnect(c.id);  // as above: the joiner closes once it has the Abort
        changed_ = true;
    }
}

void Network::retire_invite() {
    if (state_->invite) state_->last_invite = std::move(state_->invite);
    state_->invite.reset();
    changed_ = true;
}

void Network::pin(const PinRequest& request) {
    auto peers = core_.peers();
    peers.erase(std::remove_if(peers.begin(), peers.end(),
                               [&](const store::PairedDevice& p) { return p.device_id == request.result.peer_device_id; }),
                peers.end());
    store::PairedDevice device;
    device.device_id = request.result.peer_device_id;
    device.name = request.result.peer_name;
    device.pair_key = request.result.pair_key;
    device.safety_number = request.result.safety_number;
    device.paired_at_ms = options_.clock();
    device.last_seen_ms = device.paired_at_ms;
    net::Endpoint address = request.address;
    device.addresses.push_back(address.to_string());
    peers.push_back(std::move(device));
    if (Status saved = core_.update_peers(std::move(peers)); !saved) {
        if (state_->join) state_->join->last_error = saved.message();
        return;
    }
    auto& rt = state_->peers[request.result.peer_device_id];
    rt = State::PeerRuntime{};
    rt.last_seen_ms = options_.clock();
    rt.next_attempt_ms = 0;  // connect for a session right away
    changed_ = true;
}

void Network::finish_join(bool ok, const std::string& error, const json::Value& result) {
    if (!state_->join) return;
    Commands::Reply reply = std::move(state_->join->reply);
    state_->join.reset();
    // Attempts still under way at other inviters are no longer needed.
    for (auto& [id, c] : connections_) {
        if (c->purpose == kPurposeJoin && c->outgoing) host_.disconnect(id);
    }
    changed_ = true;
    if (!reply) return;
    reply(ok ? control::make_ok_response(result) : error_response(control::kCodeFailed, error));
}

}  // namespace candor::node
