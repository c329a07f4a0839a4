// The network's control requests (pair invite / join / list, unpair, connect) and what the
// network contributes to snapshots and `status`.
#include <algorithm>

#include "core/time_format.hpp"
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

std::optional<std::int64_t> int_arg(const json::Object& args, std::string_view key) {
    const json::Value* v = args.find(key);
    if (!v || !v->if_int()) return std::nullopt;
    return *v->if_int();
}

Result<net::Endpoint> endpoint_arg(const std::string& text) {
    if (auto e = net::Endpoint::parse(text)) return *e;
    return net::resolve_endpoint(text);
}

}  // namespace

json::Array Network::paired_json() const {
    json::Array out;
    for (const store::PairedDevice& p : core_.peers()) {
        auto it = state_->peers.find(p.device_id);
        const bool online = it != state_->peers.end() && it->second.online;
        const std::int64_t seen = it != state_->peers.end() ? std::max(it->second.last_seen_ms, p.last_seen_ms) : p.last_seen_ms;
        out.push_back(json::Object{{"device_id", p.device_id_hex()},
                                   {"name", p.name},
                                   {"online", online},
                                   {"last_seen", online ? time_json(options_.clock()) : time_json(seen)},
                                   {"safety_number", net::display_safety_number(p.safety_number)}});
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
        // What the device confirmed as saved: this session's acks, or what was stored last time.
        sync::VersionVector acked{{core_.device(), p.delivered_seq}};
        if (auto it = state_->peers.find(p.device_id); it != state_->peers.end()) {
            v.online = it->second.online;
            v.last_seen_ms = v.online ? now : std::max(v.last_seen_ms, it->second.last_seen_ms);
            v.problem = it->second.problem;
            sync::merge_max(acked, it->second.acked);
        }
        v.undelivered = sync::undelivered_count(core_.history(), acked, core_.device());
        snap.undelivered = std::max<std::size_t>(snap.undelivered, v.undelivered);
        snap.peers.push_back(std::move(v));
    }
    if (state_->invite && state_->invite->invite.active(now)) {
        snap.invite = InviteView{state_->invite->invite.code().display(), state_->invite->invite.expires_at_ms(),
                                 state_->invite->invite.remaining_tries()};
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
        const std::int64_t ttl_s = int_arg(args, arg::kTtl).value_or(net::PairingInvite::kDefaultTtlMs / 1000);
        const std::int64_t now = options_.clock();
        auto invite = net::PairingInvite::create(now, ttl_s * 1000);
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
    commands.add("pair.cancel", [this](const json::Object&) {
        retire_invite();
        if (state_->join) finish_join(false, "pairing was cancelled", {});
        changed_ = true;
        return control::make_ok_response(json::Object{});
    });
    commands.add_async(std::string(control::cmd::kPairJoin), [this](const json::Object& args, Commands::Reply reply) {
        auto code = net::PairingCode::parse(string_arg(args, arg::kCode).value_or(""));
        if (!code) return reply(error_response(control::kCodeBadInput, code.message()));
        if (state_->join) return reply(error_response(control::kCodeBadInput, "already pairing; wait for it to finish"));
        std::optional<net::Endpoint> peer;
        if (auto text = string_arg(args, arg::kPeer)) {
            auto endpoint = endpoint_arg(*text);
            if (!endpoint) return reply(error_response(control::kCodeBadInput, endpoint.message()));
            peer = *endpoint;
        }
        const std::int64_t timeout_s = int_arg(args, arg::kTimeout).value_or(60);
        State::Join join{std::move(*code), peer, options_.clock() + timeout_s * 1000, std::move(reply), {}, {}, false};
        state_->join.emplace(std::move(join));
        // A device already heard in pairing mode is tried at once.
        if (!peer && !state_->nearby.empty()) {
            auto at = net::Endpoint::parse(state_->nearby.back().address);
            if (at) {
                state_->join->tried.insert(state_->nearby.back().address);
                state_->join->connecting = true;
                connect_to(*at, kPurposeJoin);
            }
        }
        changed_ = true;
    });
    commands.add(std::string(control::cmd::kUnpair), [this](const json::Object& args) {
        const std::string typed = string_arg(args, arg::kDeviceId).value_or("");
        auto peers = core_.peers();
        auto it = std::find_if(peers.begin(), peers.end(), [&](const store::PairedDevice& p) {
            return typed.size() >= core::kMinIdPrefixChars && p.device_id_hex().starts_with(typed);
        });
        if (it == peers.end()) return error_response(control::kCodeFailed, "no paired device with id " + typed + " ('candor pair list' shows it)");
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
    commands.add(std::string(control::cmd::kConnect), [this](const json::Object& args) {
        const std::string text = string_arg(args, arg::kPeer).value_or("");
        auto endpoint = endpoint_arg(text);
        if (!endpoint) return error_response(control::kCodeBadInput, endpoint.message());
        if (core_.peers().empty()) {
            return error_response(control::kCodeFailed, "pair first: 'candor connect' remembers where your partner is");
        }
        auto peers = core_.peers();
        for (store::PairedDevice& p : peers) {
            std::erase(p.addresses, endpoint->to_string());
            p.addresses.insert(p.addresses.begin(), endpoint->to_string());
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
    });
}

}  // namespace candor::node
