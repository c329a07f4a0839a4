// Connections carry either a pairing run (first frame is a pairing frame) or an authenticated
// session (handshake, then sealed frames). Inside a session every plaintext starts with one byte
// saying what it is: sync traffic, or the notice that the other side unpaired us.
#include "node/network.hpp"
#include "node/network_internal.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <set>

#include "core/time_format.hpp"
#include "crypto/hash.hpp"
#include "net/beacon.hpp"
#include "net/interfaces.hpp"
#include "net/pairing.hpp"
#include "net/session.hpp"
#include "node/control_protocol.hpp"
#include "node/entry_json.hpp"
#include "node/refusal_words.hpp"
#include "sync/chain_recovery.hpp"
#include "sync/sync_session.hpp"

namespace candor::node {
Network::Network(NodeCore& core, net::Host& host, NetworkOptions options)
    : core_(core), host_(host), options_(std::move(options)), state_(std::make_unique<State>()) {
    for (const store::PairedDevice& p : core_.peers()) {
        State::PeerRuntime rt;
        rt.last_seen_ms = p.last_seen_ms;
        state_->peers[p.device_id] = rt;
    }
    if (options_.discovery) interface_watch_ = net::InterfaceWatch::start([this] { host_.wake(); });
}

Network::~Network() = default;

bool Network::take_changed() {
    const bool was = changed_;
    changed_ = false;
    return was;
}

bool Network::is_pinned(const crypto::PublicKey& key) const {
    return std::any_of(core_.peers().begin(), core_.peers().end(),
                       [&](const store::PairedDevice& p) { return p.device_id == key; });
}

Network::Connection* Network::find(net::PeerId peer) {
    auto it = connections_.find(peer);
    return it == connections_.end() ? nullptr : it->second.get();
}

bool Network::connect_to(const net::Endpoint& endpoint, int purpose, std::string label) {
    auto id = host_.connect(endpoint);
    if (!id) {
        if (state_->join && purpose == kPurposeJoin) state_->join->last_error = id.message();
        return false;
    }
    auto c = std::make_unique<Connection>();
    c->id = *id;
    c->address = endpoint;
    c->outgoing = true;
    c->purpose = purpose;
    c->started_ms = options_.clock();
    c->label = label.empty() ? endpoint.to_string() : std::move(label);
    connections_[*id] = std::move(c);
    return true;
}

bool Network::admit(Connection& c) {
    // Loopback is this computer, not the LAN: several test nodes share 127.0.0.1.
    std::size_t unproven = 0;
    std::size_t same_address = 0;
    Connection* oldest = nullptr;
    for (auto& [id, other] : connections_) {
        if (other.get() == &c || other->outgoing || other->established) continue;
        ++unproven;
        if (other->address.ip == c.address.ip) ++same_address;
        if (!oldest || other->started_ms < oldest->started_ms) oldest = other.get();
    }
    if (!c.address.is_loopback() && same_address >= kMaxUnprovenPerAddress) {
        drop(c.id, "too many unproven connections from " + c.address.to_string());
        return false;
    }
    // Full: the oldest unproven one makes room, so a flood cannot keep a newcomer (the partner)
    // out for longer than a handshake takes.
    if (unproven >= kMaxUnprovenConnections && oldest) drop(oldest->id, "making room for a newer connection");
    return true;
}

void Network::drop(net::PeerId peer, const std::string& why) {
    auto it = connections_.find(peer);
    if (it == connections_.end()) return;
    close(*it->second, why);
    host_.disconnect(peer, true);
    connection_ended(*it->second);
    connections_.erase(it);
}

void Network::expire_connections(std::int64_t now) {
    std::vector<std::pair<net::PeerId, std::string>> expired;
    for (const auto& [id, c] : connections_) {
        if (c->established) continue;
        const std::int64_t age = now - c->started_ms;
        if (!c->outgoing && !c->got_frame && age > kFirstFrameTimeoutMs) {
            expired.emplace_back(id, "sent nothing after connecting");
        } else if (c->purpose == kPurposeJoin && c->outgoing && age > kJoinAttemptTimeoutMs) {
            expired.emplace_back(id, "pairing did not finish in time");
        } else if (age > kHandshakeTimeoutMs) {
            expired.emplace_back(id, "the handshake did not finish in time");
        }
    }
    for (const auto& [id, why] : expired) {
        if (Connection* c = find(id); c && c->purpose == kPurposeJoin && c->outgoing && state_->join) {
            join_attempt_failed(*c, c->label + " didn't answer", false);
        }
        drop(id, why);
    }
    // An attempt that ended frees its place: try the next inviter now, not at the next beacon.
    if (!expired.empty() && state_->join) try_inviters(now);
}

void Network::on_event(net::HostEvent& event) {
    switch (event.kind) {
        case net::HostEventKind::connected: on_connected(event); break;
        case net::HostEventKind::disconnected: on_disconnected(event); break;
        case net::HostEventKind::received: on_received(event); break;
        case net::HostEventKind::datagram: on_datagram(event); break;
        case net::HostEventKind::woken: break;
    }
}

void Network::on_connected(net::HostEvent& event) {
    Connection* c = find(event.peer);
    if (!c) {
        // Someone connected to us; the first frame says whether it is pairing or a session.
        auto fresh = std::make_unique<Connection>();
        fresh->id = event.peer;
        fresh->address = event.from;
        fresh->started_ms = options_.clock();
        c = fresh.get();
        connections_[event.peer] = std::move(fresh);
        if (!admit(*c)) return;
    }
    c->connected = true;
    if (!c->outgoing) return;
    if (c->purpose == kPurposeJoin && state_->join) {
        c->joiner = std::make_unique<net::PairingInitiator>(core_.device(), core_.settings().display_name,
                                                            state_->join->code);
        flush_pairing(*c);
    } else {
        c->handshake = std::make_unique<net::Handshake>(net::Role::initiator, core_.identity(),
                                                        [this](const crypto::PublicKey& k) { return is_pinned(k); });
        flush_session(*c);
    }
}

void Network::on_disconnected(net::HostEvent& event) {
    Connection* c = find(event.peer);
    if (!c) return;
    if (c->purpose == kPurposeJoin && c->outgoing && state_->join) {
        join_attempt_failed(*c, c->label + " closed the connection before pairing finished", false);
    }
    connection_ended(*c);
    connections_.erase(event.peer);
}

void Network::connection_ended(Connection& connection) {
    Connection* c = &connection;
    if (c->purpose == kPurposeJoin && c->outgoing && state_->join) {
        state_->join->retry_at_ms = options_.clock() + 1000;
        if (state_->join->last_error.empty()) {
            state_->join->last_error = "the connection to " + c->label + " closed before pairing finished";
        }
    }
    const bool still_connected = std::any_of(connections_.begin(), connections_.end(), [&](const auto& kv) {
        return kv.second.get() != c && kv.second->established && kv.second->device == c->device;
    });
    if (c->established && !still_connected) {
        auto& rt = state_->peers[c->device];
        rt.online = false;
        rt.last_seen_ms = options_.clock();
        if (c->sync) rt.acked = c->sync->partner_durable();
        persist_peer_runtime(c->device);
    } else if (c->outgoing && c->purpose == kPurposeSession) {
        for (auto& [device, rt] : state_->peers) rt.connecting = false;
    }
    changed_ = true;
}

void Network::on_received(net::HostEvent& event) {
    Connection* c = find(event.peer);
    if (!c) return;
    c->got_frame = true;
    const crypto::ByteView frame(event.data);
    if (c->joiner || c->inviter) {
        on_pairing_frame(*c, frame);
        return;
    }
    if (!c->handshake && !c->channel) {
        if (is_pairing_frame(frame)) {
            const std::int64_t now = options_.clock();
            // An expired or used-up code still answers, so the joiner hears why at once.
            auto invite = state_->invite ? state_->invite : state_->last_invite;
            if (!invite) {
                close(*c, "pairing attempt while not showing a code");
                return;
            }
            c->invite = invite;
            c->inviter = std::make_unique<net::PairingResponder>(core_.device(), core_.settings().display_name,
                                                                 invite->invite, now);
            on_pairing_frame(*c, frame);
            return;
        }
        c->handshake = std::make_unique<net::Handshake>(net::Role::responder, core_.identity(),
                                                        [this](const crypto::PublicKey& k) { return is_pinned(k); });
    }
    on_session_frame(*c, frame);
}

void Network::on_session_frame(Connection& c, crypto::ByteView frame) {
    if (c.handshake) {
        if (Status s = c.handshake->receive(frame); !s) {
            flush_session(c);
            if (c.outgoing) {
                for (auto& [device, rt] : state_->peers) {
                    if (!rt.online) rt.problem = s.message();
                }
            }
            close(c, s.message());
            return;
        }
        flush_session(c);
        if (c.handshake->complete()) {
            auto channel = c.handshake->take_channel();
            c.handshake.reset();
            if (!channel) {
                close(c, channel.message());
                return;
            }
            c.channel.emplace(std::move(*channel));
            start_session(c);
        }
        return;
    }
    if (!c.channel) return;
    auto plaintext = c.channel->open(frame);
    if (!plaintext) {
        // Replayed, reordered, forged or oversized: the session ends.
        close(c, plaintext.message());
        return;
    }
    state_->peers[c.device].last_seen_ms = options_.clock();
    if (plaintext->empty()) return;
    const std::uint8_t type = (*plaintext)[0];
    const crypto::ByteView body = crypto::ByteView(*plaintext).subspan(1);
    if (type == kSessionSync) {
        handle_sync_message(c, body);
    } else if (type == kSessionClock) {
        handle_clock_message(c, body);
    } else if (type == kSessionUnpaired) {
        const std::string name = core_.name_of(c.device);
        state_->notices.push_back(name + " unpaired this computer; nothing more is exchanged with it.");
        auto peers = core_.peers();
        std::erase_if(peers, [&](const store::PairedDevice& p) { return p.device_id == c.device; });
        (void)core_.update_peers(std::move(peers));
        state_->peers.erase(c.device);
        close(c, "the other device unpaired");
    }
}

void Network::start_session(Connection& c) {
    c.device = c.channel->peer_id();
    // One session per partner: when both sides connected at once, keep the connection started by
    // the device with the smaller id, which both sides agree on.
    for (auto& [id, other] : connections_) {
        if (other.get() == &c || !other->established || other->device != c.device) continue;
        const core::DeviceId& started_c = c.outgoing ? core_.device() : c.device;
        const core::DeviceId& started_other = other->outgoing ? core_.device() : c.device;
        // Same starter: the newer connection wins (the old one is likely stale).
        if (started_c <= started_other) {
            other->established = false;
            other->sync.reset();
            close(*other, "replaced by a newer connection");
        } else {
            close(c, "already connected");
            return;
        }
        break;
    }
    c.established = true;
    auto& rt = state_->peers[c.device];
    rt.online = true;
    rt.connecting = false;
    rt.backoff_ms = 1000;
    rt.problem.clear();
    rt.last_seen_ms = options_.clock();
    remember_address(c.device, c.address);
    c.sync = std::make_unique<sync::SyncSession>();
    c.sync->start(core_.history());
    flush_session(c);
    changed_ = true;
}

void Network::handle_sync_message(Connection& c, crypto::ByteView body) {
    auto& rt = state_->peers[c.device];
    auto incoming = c.sync->on_message(body, core_.history());
    if (!incoming) {
        if (auto words = version_mismatch_words(body, core_.name_of(c.device))) {
            rt.problem = *words;
            rt.refusing = *words;
            rt.refusing_version = true;
            changed_ = true;
        }
        close(c, incoming.message());
        return;
    }
    if (incoming->partner_said) {
        core_.observe_head(c.device, sync::seq_in(*incoming->partner_said, c.device), options_.clock());
    }
    if (rt.refusing_version && c.sync->partner_hello_received()) {
        rt.refusing.clear();  // the partner speaks our version now
        rt.refusing_version = false;
    }
    std::optional<core::RejectReason> refused;
    for (const sync::Rejection& r : incoming->rejected) refused = r.reason;
    if (!incoming->entries.empty()) {
        const NodeCore::Received received = core_.receive(incoming->entries, options_.clock());
        for (const core::AcceptResult& r : received.rejected) refused = r.reason;
        if (received.clock_ahead_ms > 0) rt.clock_ahead_ms = received.clock_ahead_ms;
        if (Status committed = core_.commit(); !committed) {
            rt.refusing = "this computer could not save what " + core_.name_of(c.device) + "'s computer sent: " +
                          committed.message();
            close(c, committed.message());
            changed_ = true;
            return;
        }
        if (received.rejected.size() < incoming->entries.size() && !refused) rt.refusing.clear();
        // Durable now: acknowledge, and pass them on to any other session.
        c.sync->entries_durable(core_.history());
        for (auto& [id, other] : connections_) {
            if (other.get() != &c && other->sync) {
                other->sync->on_local_entries(core_.history());
                flush_session(*other);
            }
        }
        changed_ = true;
    }
    if (refused) {
        rt.refusing = refusal_words(*refused, core_.name_of(c.device));
        changed_ = true;
    }
    // An Ack alone changes what the app shows ("Sending…" becomes delivered): publish it even
    // when the partner had nothing to send back.
    const std::uint64_t was = sync::seq_in(rt.acked, core_.device());
    rt.acked = c.sync->partner_durable();
    if (sync::seq_in(rt.acked, core_.device()) != was) changed_ = true;
    if (const auto& recovery = core_.recovery()) {
        if (auto done = sync::ChainRecovery(core_.device(), recovery->reported).check(*c.sync, core_.history())) {
            core_.finish_recovery(done->lost());
            changed_ = true;
        }
    }
    flush_session(c);
}

void Network::on_local_entries() {
    for (auto& [id, c] : connections_) {
        if (!c->sync) continue;
        c->sync->on_local_entries(core_.history());
        flush_session(*c);
    }
}

void Network::close(Connection& c, const std::string& why) {
    // Reasons never contain key material; CANDOR_DEBUG=1 prints them for troubleshooting.
    static const bool debug = std::getenv("CANDOR_DEBUG") != nullptr;
    if (debug) std::fprintf(stderr, "candor: closing connection with %s: %s\n", c.address.to_string().c_str(), why.c_str());
    host_.disconnect(c.id);
}

void Network::shutdown() {
    for (auto& [id, c] : connections_) {
        if (c->established) persist_peer_runtime(c->device);
    }
    for (auto& [id, c] : connections_) host_.disconnect(id, false);
    host_.flush();
    if (state_->join) finish_join(false, "the Candor node is shutting down", {});
}

}  // namespace candor::node
