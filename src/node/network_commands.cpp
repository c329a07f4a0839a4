// The network's control requests (pair invite / join / list, unpair, connect) and what the
// network contributes to snapshots and `status`.
#include <algorithm>

#include "core/time_format.hpp"
#include "common/text.hpp"
#include "node/entry_json.hpp"
#include "node/network_internal.hpp"

namespace candor::node {
namespace {

namespace arg = control::arg;

std::optional<std::string> string_arg(const json::Object& args, std::string_view key) {
    const json::Value* v = args.find(key);
    if (!v || !v->if_string()) return std::nullopt;
    return *v->if_string();
}

// Seconds within a sane range; the socket is reachable by any program of the user, and
// a value like INT64_MAX would overflow once turned into milliseconds.
Result<std::int64_t> seconds_arg(const json::Object& args, std::string_view key, std::int64_t fallback,
                                 std::int64_t min, std::int64_t max) {
    const json::Value* v = args.find(key);
    if (!v || v->is_null()) return fallback;
    const std::int64_t* n = v->if_int();
    if (!n || *n < min || *n > max) {
        return make_error(std::string(key) + " must be a whole number of seconds, " + std::to_string(min) + " to " +
                          std::to_string(max));
    }
    return *n;
}


}  // namespace

std::uint64_t Network::delivered_seq(const store::PairedDevice& p) const {
    // What the device confirmed as saved: this session's acks, or what was stored last time.
    std::uint64_t seq = p.delivered_seq;
    if (auto it = state_->peers.find(p.device_id); it != state_->peers.end()) {
        seq = std::max(seq, sync::seq_in(it->second.acked, core_.device()));
    }
    return seq;
}

std::uint64_t Network::undelivered_to(const store::PairedDevice& p) const {
    const std::uint64_t held = core_.history().head(core_.device()).seq;
    const std::uint64_t delivered = delivered_seq(p);
    return held > delivered ? held - delivered : 0;
}

json::Array Network::paired_json() const {
    json::Array out;
    for (const store::PairedDevice& p : core_.peers()) {
        auto it = state_->peers.find(p.device_id);
        const bool online = it != state_->peers.end() && it->second.online;
        const std::int64_t seen = it != state_->peers.end() ? std::max(it->second.last_seen_ms, p.last_seen_ms) : p.last_seen_ms;
        json::Object item{{"device_id", p.device_id_hex()},
                          {"name", p.name},
                          {"online", online},
                          {"last_seen", online ? time_json(options_.clock()) : time_json(seen)},
                          {"safety_number", net::display_safety_number(p.safety_number)},
                          {"undelivered", static_cast<std::int64_t>(undelivered_to(p))}};
        if (it != state_->peers.end() && !it->second.refusing.empty()) item.set("refusing", it->second.refusing);
        if (it != state_->peers.end() && it->second.clock_ahead_ms > 0) {
            item.set("clock_ahead_minutes", it->second.clock_ahead_ms / 60000);
        }
        if (it != state_->peers.end() && it->second.clock_offset_ms) {
            item.set("clock_offset_ms", *it->second.clock_offset_ms);  // its clock minus ours
        }
        out.push_back(std::move(item));
    }
    return out;
}

void Network::describe(Snapshot& snap) const {
    const std::int64_t now = options_.clock();
    snap.peers.clear();
    for (const store::PairedDevice& p : core_.peers()) {
        PeerView v;
        v.device_id = p.device_id_hex();
        v.name = p.name;
        v.safety_number = p.safety_number;
        v.last_seen_ms = p.last_seen_ms;
        v.address = p.addresses.empty() ? std::string() : p.addresses.front();
        if (auto it = state_->peers.find(p.device_id); it != state_->peers.end()) {
            v.online = it->second.online;
            v.last_seen_ms = v.online ? now : std::max(v.last_seen_ms, it->second.last_seen_ms);
            v.problem = it->second.problem;
            v.refusing = it->second.refusing;
            v.clock_ahead_ms = it->second.clock_ahead_ms;
            v.clock_offset_ms = it->second.clock_offset_ms;
            v.clock_round_trip_ms = it->second.clock_round_trip_ms;
        }
        v.delivered_seq = delivered_seq(p);
        v.undelivered = undelivered_to(p);
        snap.undelivered = std::max<std::size_t>(snap.undelivered, v.undelivered);
        snap.peers.push_back(std::move(v));
    }
    if (state_->invite && state_->invite->invite.active(now)) {
        snap.invite = InviteView{state_->invite->invite.code().display(), state_->invite->invite.expires_at_ms(),
                                 state_->invite->invite.remaining_tries()};
    }
    if (!state_->invite && state_->last_invite) {
        switch (state_->last_invite->invite.status(now)) {
            case net::InviteStatus::burned:
                snap.invite_ended = "The code was typed wrong 3 times, so it no longer works and nobody was paired. "
                                    "Show a new code when your partner is ready.";
                break;
            case net::InviteStatus::expired:
                snap.invite_ended = "The code ran out of time before it was used. Show a new code when your partner "
                                    "is ready.";
                break;
            default: break;
        }
    }
    snap.joining = state_->join.has_value();
    if (state_->join) snap.join_error = state_->join->last_error;
    snap.nearby = state_->nearby;
    snap.discovery.enabled = options_.discovery;
    for (const net::Interface& i : state_->interfaces) {
        if (i.loopback) continue;
        std::string line = i.name + " " + i.address.to_string().substr(0, i.address.to_string().find(':'));
        if (i.broadcast.ip != std::array<std::uint8_t, 4>{}) {
            line += " → " + i.broadcast.to_string().substr(0, i.broadcast.to_string().find(':'));
        }
        snap.discovery.interfaces.push_back(std::move(line));
    }
    for (const net::Interface& i : state_->interfaces) {
        if (i.loopback || i.address.ip == std::array<std::uint8_t, 4>{}) continue;
        net::Endpoint here = i.address;
        here.port = host_.port();
        snap.discovery.addresses.push_back(here.to_string());
    }
    snap.discovery.beacons_sent = state_->beacons_sent;
    snap.discovery.beacons_heard = state_->beacons_heard;
    snap.notices = state_->notices;
}

void Network::register_commands(Commands& commands) {
    commands.paired_json = [this] { return paired_json(); };
    commands.add(std::string(control::cmd::kPairList), [this](const json::Object&) {
        return control::make_ok_response(paired_json());
    });
    commands.add(std::string(control::cmd::kPairInvite), [this](const json::Object& args) {
        const auto ttl_s = seconds_arg(args, arg::kTtl, net::PairingInvite::kDefaultTtlMs / 1000, 1, 3600);
        if (!ttl_s) return error_response(control::kCodeBadInput, ttl_s.message());
        const std::int64_t now = options_.clock();
        auto invite = net::PairingInvite::create(now, *ttl_s * 1000);
        if (!invite) return error_response(control::kCodeBadInput, invite.message());
        net::BeaconNonce nonce{};
        crypto::random_bytes(nonce);
        state_->invite = std::make_shared<InviteState>(InviteState{std::move(*invite), nonce});
        state_->next_beacon_ms = 0;  // announce at once
        changed_ = true;
        return control::make_ok_response(json::Object{
            {"code", state_->invite->invite.code().display()},
            {"expires_at", time_json(state_->invite->invite.expires_at_ms())}});
    });
    commands.add(std::string(control::cmd::kPairCancel), [this](const json::Object&) {
        retire_invite();
        if (state_->join) finish_join(false, "pairing was cancelled", {});
        changed_ = true;
        return control::make_ok_response(json::Object{});
    });
    commands.add_async(std::string(control::cmd::kPairJoin), [this](const json::Object& args, Commands::Reply reply) {
        auto code = net::PairingCode::parse(string_arg(args, arg::kCode).value_or(""));
        if (!code) return reply(error_response(control::kCodeBadInput, code.message()));
        if (state_->join) return reply(error_response(control::kCodeBadInput, "already pairing; wait for it to finish"));
        const auto timeout_s = seconds_arg(args, arg::kTimeout, 60, 1, 3600);
        if (!timeout_s) return reply(error_response(control::kCodeBadInput, timeout_s.message()));
        const std::int64_t deadline_ms = options_.clock() + *timeout_s * 1000;
        auto start = [this, code = std::move(*code), deadline_ms](std::optional<net::Endpoint> peer,
                                                                Commands::Reply answer) mutable {
            if (state_->join) return answer(error_response(control::kCodeBadInput, "already pairing; wait for it to finish"));
            state_->join.emplace(State::Join{.code = std::move(code),
                                             .peer = peer,
                                             .deadline_ms = deadline_ms,
                                             .reply = std::move(answer),
                                             .tried = {},
                                             .last_error = {},
                                             .final_error = {}});
            // Devices already heard in pairing mode (or --peer) are tried at once.
            try_inviters(options_.clock());
            changed_ = true;
        };
        auto text = string_arg(args, arg::kPeer);
        if (!text) return start(std::nullopt, std::move(reply));
        resolve_then(*text, [start = std::move(start), reply = std::move(reply)](Result<net::Endpoint> peer) mutable {
            if (!peer) return reply(error_response(control::kCodeBadInput, peer.message()));
            start(*peer, std::move(reply));
        });
    });
    commands.add(std::string(control::cmd::kUnpair), [this](const json::Object& args) {
        const std::string typed = string_arg(args, arg::kDeviceId).value_or("");
        auto peers = core_.peers();
        auto it = std::find_if(peers.begin(), peers.end(), [&](const store::PairedDevice& p) {
            return typed.size() >= core::kMinIdPrefixChars && p.device_id_hex().starts_with(typed);
        });
        if (it == peers.end()) return error_response(control::kCodeFailed, "no paired device with id " + text::excerpt(typed) + " ('candor pair list' shows it)");
        const core::DeviceId device = it->device_id;
        // Tell the partner while the session is still up, then forget it.
        for (auto& [id, c] : connections_) {
            if (!c->channel || c->device != device) continue;
            const crypto::Bytes notice{kSessionUnpaired};
            if (auto sealed = c->channel->seal(notice)) (void)host_.send(id, kChannel, *sealed);
            host_.flush();
            host_.disconnect(id);
        }
        peers.erase(it);
        if (Status saved = core_.update_peers(std::move(peers)); !saved) {
            return error_response(control::kCodeFailed, saved.message());
        }
        state_->peers.erase(device);
        changed_ = true;
        return control::make_ok_response(json::Object{});
    });
    commands.add_async(std::string(control::cmd::kConnect), [this](const json::Object& args, Commands::Reply reply) {
        resolve_then(string_arg(args, arg::kPeer).value_or(""), [this, reply = std::move(reply)](Result<net::Endpoint> endpoint) {
            if (!endpoint) return reply(error_response(control::kCodeBadInput, endpoint.message()));
            if (core_.peers().empty()) {
                return reply(error_response(control::kCodeFailed, "pair first: 'candor connect' remembers where your partner is"));
            }
            reply(remember_partner_address(*endpoint));
        });
    });
}

json::Value Network::remember_partner_address(const net::Endpoint& endpoint) {
    auto peers = core_.peers();
    for (store::PairedDevice& p : peers) {
        std::erase(p.addresses, endpoint.to_string());
        p.addresses.insert(p.addresses.begin(), endpoint.to_string());
        if (p.addresses.size() > 4) p.addresses.resize(4);
    }
    if (Status saved = core_.update_peers(std::move(peers)); !saved) {
        return error_response(control::kCodeFailed, saved.message());
    }
    for (auto& [device, rt] : state_->peers) {
        rt.next_attempt_ms = 0;
        rt.backoff_ms = 1000;
    }
    changed_ = true;
    return control::make_ok_response(json::Object{});
}

void Network::resolve_then(const std::string& text, std::function<void(Result<net::Endpoint>)> then) {
    if (auto numeric = net::Endpoint::parse(text)) return then(*numeric);
    // A name can take the resolver seconds: look it up on a helper thread, so the Node keeps
    // answering; on_timer() hands the answer back on the Node thread.
    net::Host* host = &host_;
    state_->resolving.push_back({std::async(std::launch::async,
                                            [text, host] {
                                                auto r = net::resolve_endpoint(text);
                                                host->wake();
                                                return r;
                                            }),
                                 std::move(then)});
}

void Network::poll_resolutions() {
    auto& pending = state_->resolving;
    for (std::size_t i = 0; i < pending.size();) {
        if (pending[i].result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
            ++i;
            continue;
        }
        State::Resolving done = std::move(pending[i]);
        pending.erase(pending.begin() + static_cast<std::ptrdiff_t>(i));
        done.then(done.result.get());
    }
}

}  // namespace candor::node
