// Discovery and timers: beacons on every IPv4 interface's own broadcast address, the partner's
// beacon recognised by its MAC (nothing stable on the wire), reconnects with backoff, and the
// pairing commands' timeouts.
#include <algorithm>

#include "net/beacon.hpp"
#include "net/interfaces.hpp"
#include "net/pairing.hpp"
#include "net/session.hpp"
#include "node/network_internal.hpp"

namespace candor::node {

void Network::send_beacons(std::int64_t now) {
    state_->next_beacon_ms = now + kBeaconIntervalMs;
    if (!options_.discovery) return;
    state_->interfaces = net::ipv4_interfaces();
    std::vector<crypto::Bytes> beacons;
    for (const store::PairedDevice& p : core_.peers()) {
        beacons.push_back(net::make_paired_beacon(beacon_key(p.pair_key), host_.port(), now));
    }
    if (state_->invite && state_->invite->invite.active(now)) {
        net::PairingBeacon b{host_.port(), core_.settings().display_name, state_->invite->nonce};
        if (auto encoded = net::encode_pairing_beacon(b)) beacons.push_back(std::move(*encoded));
    }
    if (beacons.empty()) return;
    // "Not finding each other?" (shown while no partner is online) counts the announcements:
    // publish the new count (cheap: the snapshot shares the unchanged State).
    if (std::none_of(state_->peers.begin(), state_->peers.end(), [](const auto& kv) { return kv.second.online; })) {
        changed_ = true;
    }
    for (const net::Interface& i : state_->interfaces) {
        if (i.loopback || i.broadcast.ip == std::array<std::uint8_t, 4>{}) continue;
        net::Endpoint to = i.broadcast;
        to.port = net::kDefaultPort;
        for (const crypto::Bytes& beacon : beacons) {
            // Beacons go to the default port (where a partner listens unless told otherwise) and,
            // when ours differs, to our own port too (test setups with several nodes).
            if (host_.send_datagram(to, beacon)) ++state_->beacons_sent;
            if (host_.port() != net::kDefaultPort) {
                net::Endpoint same = i.broadcast;
                same.port = host_.port();
                (void)host_.send_datagram(same, beacon);
            }
        }
    }
}

void Network::on_datagram(const net::HostEvent& event) {
    const crypto::ByteView data(event.data);
    const auto kind = net::beacon_kind(data);
    if (!kind) return;
    // Our own broadcasts come back to us: ignore datagrams from our own address and port.
    for (const net::Interface& i : state_->interfaces) {
        if (i.address.ip == event.from.ip && event.from.port == host_.port()) return;
    }
    const std::int64_t now = options_.clock();
    if (*kind == net::BeaconKind::looking) {
        answer_looking(data, event.from, now);
        return;
    }
    if (*kind == net::BeaconKind::pairing) {
        auto beacon = net::parse_pairing_beacon(data);
        if (!beacon) return;
        if (state_->invite && beacon->invite_nonce == state_->invite->nonce) return;
        net::Endpoint at = event.from;
        at.port = beacon->port;
        ++state_->beacons_heard;
        note_inviter(beacon->display_name, at, now);
        return;
    }
    auto beacon = net::parse_paired_beacon(data);
    if (!beacon) return;
    std::vector<net::PairKey> keys;
    for (const store::PairedDevice& p : core_.peers()) keys.push_back(beacon_key(p.pair_key));
    auto match = net::match_paired_beacon(*beacon, keys);
    if (!match) return;
    const store::PairedDevice& peer = core_.peers()[*match];
    auto& rt = state_->peers[peer.device_id];
    // A recorded beacon replayed later is stale: it neither says "seen now" nor redirects dialling.
    if (!net::is_fresh_beacon(beacon->sent_ms, rt.last_beacon_ms, now) || !state_->replay.first_sighting(beacon->nonce)) {
        return;
    }
    rt.last_beacon_ms = beacon->sent_ms;
    ++state_->beacons_heard;
    net::Endpoint at = event.from;
    at.port = beacon->port;
    rt.beacon_address = at;
    rt.last_seen_ms = now;
    if (!rt.online && !rt.connecting) {
        // The partner is there now: dial at once, whichever of us has the smaller id (if both
        // dial, start_session keeps one connection), and forget the backoff of the failed tries.
        rt.backoff_ms = 1000;
        rt.connecting = true;
        rt.next_attempt_ms = now + rt.backoff_ms;
        connect_to(at, kPurposeSession);
    }
}

// While showing a code, a joiner that asks gets our pairing beacon at its own address, whatever
// port either of us ended up on. At most one answer per address a second, and only a few a second
// in all, so nobody can use us to flood a third machine.
void Network::answer_looking(crypto::ByteView data, const net::Endpoint& from, std::int64_t now) {
    if (!state_->invite || !state_->invite->invite.active(now)) return;
    const auto port = net::parse_looking_beacon(data);
    if (!port) return;
    auto& answered = state_->looking_answered;
    std::erase_if(answered, [&](const auto& kv) { return now - kv.second >= kLookingAnswerGapMs; });
    if (answered.size() >= kMaxLookingAnswers || answered.count(from.to_string())) return;
    answered[from.to_string()] = now;
    ++state_->beacons_heard;
    net::PairingBeacon b{host_.port(), core_.settings().display_name, state_->invite->nonce};
    auto encoded = net::encode_pairing_beacon(b);
    if (!encoded) return;
    (void)host_.send_datagram(from, *encoded);
    if (*port != from.port) {
        net::Endpoint listed = from;
        listed.port = *port;
        (void)host_.send_datagram(listed, *encoded);
    }
    ++state_->beacons_sent;
}

void Network::try_reconnects(std::int64_t now) {
    for (const store::PairedDevice& p : core_.peers()) {
        auto& rt = state_->peers[p.device_id];
        // At start (next_attempt_ms 0) the saved addresses are dialled at once, whatever the id order.
        if (rt.online || now < rt.next_attempt_ms) continue;
        std::vector<net::Endpoint> targets;
        if (rt.beacon_address) targets.push_back(*rt.beacon_address);
        for (const std::string& text : p.addresses) {
            if (auto e = net::Endpoint::parse(text); e && std::find(targets.begin(), targets.end(), *e) == targets.end()) {
                targets.push_back(*e);
            }
        }
        if (targets.empty()) {
            rt.next_attempt_ms = now + kBeaconIntervalMs;  // nowhere to dial yet: wait for a beacon
            continue;
        }
        rt.connecting = true;
        for (const net::Endpoint& e : targets) connect_to(e, kPurposeSession);
        rt.next_attempt_ms = now + rt.backoff_ms;
        rt.backoff_ms = std::min(rt.backoff_ms * 2, kMaxBackoffMs);
    }
}

int Network::on_timer() {
    const std::int64_t now = options_.clock();
    poll_resolutions();
    // A new or changed interface (a laptop joining Wi-Fi) gets announced at once, not in 5 s:
    // the kernel says when (InterfaceWatch), else the list is read again each second.
    const bool interfaces_changed = interface_watch_ ? interface_watch_->take_changed()
                                                     : now >= state_->next_interface_check_ms;
    if (options_.discovery && interfaces_changed) {
        state_->next_interface_check_ms = now + 1000;
        const auto interfaces = net::ipv4_interfaces();
        const auto key = [](const std::vector<net::Interface>& list) {
            std::string k;
            for (const net::Interface& i : list) k += i.name + i.address.to_string() + i.broadcast.to_string() + ";";
            return k;
        };
        if (key(interfaces) != key(state_->interfaces)) state_->next_beacon_ms = 0;
    }
    if (now >= state_->next_beacon_ms) send_beacons(now);
    try_reconnects(now);
    probe_clocks(now);

    // Connections that never finish their handshake or pairing are dropped.
    expire_connections(now);
    const auto before = state_->nearby.size();
    std::erase_if(state_->nearby, [&](const NearbyDevice& d) { return now - d.seen_ms > kNearbyForgetMs; });
    if (state_->nearby.size() != before) changed_ = true;

    if (state_->invite && !state_->invite->invite.active(now)) retire_invite();
    join_timer(now);
    std::int64_t next = state_->next_beacon_ms - now;
    // Only devices still paired: an unpaired one's old runtime must not wake us every 10 ms.
    for (const store::PairedDevice& p : core_.peers()) {
        auto it = state_->peers.find(p.device_id);
        if (it != state_->peers.end() && !it->second.online) next = std::min(next, it->second.next_attempt_ms - now);
    }
    if (state_->join) next = std::min<std::int64_t>(next, 250);
    // ENet keeps its sessions (pings, timeouts) only while it is serviced, and a code on show or
    // an interface list to poll (discovery without netlink) needs a look each second; with none
    // of them the Node sleeps until its next real deadline (a beacon, a reconnect attempt), or a
    // packet or command. Established sessions with nothing in flight need only their keepalive
    // (every two seconds): an idle, online pair wakes about once a second.
    const bool polling_interfaces = options_.discovery && !interface_watch_;
    const bool ticking = !connections_.empty() || state_->invite || polling_interfaces;
    const bool keepalive_only = !connections_.empty() && !state_->invite && !polling_interfaces && host_.settled() &&
                                std::all_of(connections_.begin(), connections_.end(),
                                            [](const auto& c) { return c.second->established; });
    const std::int64_t cap = keepalive_only ? host_.ping_interval().count() : ticking ? 1000 : kBeaconIntervalMs;
    return static_cast<int>(std::clamp<std::int64_t>(next, 10, cap));
}

void Network::remember_address(const core::DeviceId& device, const net::Endpoint& endpoint) {
    auto peers = core_.peers();
    bool changed = false;
    for (store::PairedDevice& p : peers) {
        if (p.device_id != device) continue;
        const std::string text = endpoint.to_string();
        if (!p.addresses.empty() && p.addresses.front() == text) return;
        std::erase(p.addresses, text);
        p.addresses.insert(p.addresses.begin(), text);
        if (p.addresses.size() > 4) p.addresses.resize(4);
        changed = true;
    }
    if (changed) (void)core_.update_peers(std::move(peers));
}

void Network::persist_peer_runtime(const core::DeviceId& device) {
    auto it = state_->peers.find(device);
    if (it == state_->peers.end()) return;
    const auto acked = it->second.acked.find(core_.device());
    auto peers = core_.peers();
    bool changed = false;
    for (store::PairedDevice& p : peers) {
        if (p.device_id != device) continue;
        if (it->second.last_seen_ms > p.last_seen_ms) {
            p.last_seen_ms = it->second.last_seen_ms;
            changed = true;
        }
        if (acked != it->second.acked.end() && acked->second > p.delivered_seq) {
            p.delivered_seq = acked->second;
            changed = true;
        }
    }
    if (changed) (void)core_.update_peers(std::move(peers));
}

}  // namespace candor::node
