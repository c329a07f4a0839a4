// Internal to the Node's network files: per-connection and per-partner runtime state.
#pragma once

#include <functional>
#include <future>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "crypto/hash.hpp"
#include "net/beacon.hpp"
#include "net/interfaces.hpp"
#include "net/pairing.hpp"
#include "net/session.hpp"
#include "node/control_protocol.hpp"
#include "node/network.hpp"
#include "sync/sync_session.hpp"

namespace candor::node {


inline constexpr std::uint8_t kChannel = 0;
inline constexpr std::uint8_t kSessionSync = 1;
inline constexpr std::uint8_t kSessionUnpaired = 2;
inline constexpr int kPurposeSession = 0;
inline constexpr int kPurposeJoin = 1;
inline constexpr std::int64_t kBeaconIntervalMs = 5000;
inline constexpr std::int64_t kHandshakeTimeoutMs = 10000;
// Someone who connects to us and sends nothing is dropped this soon (a LAN flood of bare ENet
// connections must not hold the slots the partner needs).
inline constexpr std::int64_t kFirstFrameTimeoutMs = 3000;
// Connections not yet proven to be the partner: at most this many in all, and per address.
inline constexpr std::size_t kMaxUnprovenConnections = 8;
inline constexpr std::size_t kMaxUnprovenPerAddress = 2;
// Pairing: each nearby inviter is tried (one attempt per address at a time, a few at once),
// an attempt that has not finished in this long is given up, and the list of nearby inviters
// keeps one entry per address, this many at most.
inline constexpr std::int64_t kJoinAttemptTimeoutMs = 5000;
inline constexpr std::size_t kMaxJoinAttempts = 4;
inline constexpr std::size_t kMaxNearby = 8;
inline constexpr std::int64_t kMaxBackoffMs = 30000;
inline constexpr std::int64_t kNearbyForgetMs = 15000;
// A joiner asks inviters nearby to announce themselves this often; an inviter answers each
// address at most once per gap, and this many addresses per gap in all.
inline constexpr std::int64_t kLookingIntervalMs = 1000;
inline constexpr std::int64_t kLookingAnswerGapMs = 1000;
inline constexpr std::size_t kMaxLookingAnswers = 8;

inline bool is_pairing_frame(crypto::ByteView frame) {
    return frame.size() >= net::kFrameHeaderSize && frame[4] == static_cast<std::uint8_t>(net::FrameType::pairing);
}

inline net::PairKey beacon_key(const crypto::Secret<32>& pair_key) { return crypto::derive_key(pair_key, 1, "beacon__"); }

inline json::Value error_response(int code, std::string message) {
    return control::make_error_response(code, std::move(message));
}


struct InviteState {
    net::PairingInvite invite;
    net::BeaconNonce nonce{};
};

struct Network::Connection {
    net::PeerId id = 0;
    net::Endpoint address;
    bool outgoing = false;
    int purpose = kPurposeSession;
    bool connected = false;
    std::unique_ptr<net::PairingInitiator> joiner;
    std::unique_ptr<net::PairingResponder> inviter;
    std::shared_ptr<struct InviteState> invite;  // keeps the invite the responder points at alive
    std::unique_ptr<net::Handshake> handshake;
    std::optional<net::SecureChannel> channel;
    std::unique_ptr<sync::SyncSession> sync;
    core::DeviceId device{};
    bool established = false;
    bool got_frame = false;
    bool join_reported = false;  // this pairing attempt's failure is already in the Join
    std::int64_t started_ms = 0;
    std::string label;  // for a join: "Sam's computer (10.0.0.2:47600)", named in errors
};

struct PinRequest {
    net::PairingResult result;
    net::Endpoint address;
};

struct Network::State {
    struct Join {
        net::PairingCode code;
        std::optional<net::Endpoint> peer;
        std::int64_t deadline_ms = 0;
        Commands::Reply reply;
        std::set<std::string> tried;
        std::string last_error;
        std::string final_error;  // wrong code, expired, used up: ends the join once nothing else is tried
        std::int64_t retry_at_ms = 0;  // a dropped attempt at --peer is redialled no sooner than this
        std::int64_t next_looking_ms = 0;  // when to ask inviters nearby again (send_looking)
    };
    struct PeerRuntime {
        bool online = false;
        std::int64_t last_seen_ms = 0;
        std::optional<net::Endpoint> beacon_address;
        std::optional<std::int64_t> last_beacon_ms;  // the partner's time in its newest beacon accepted
        sync::VersionVector acked;
        std::int64_t next_attempt_ms = 0;
        std::int64_t backoff_ms = 1000;
        bool connecting = false;
        std::string problem;
        std::string refusing;            // why entries from it are being refused, in plain words
        bool refusing_version = false;   // `refusing` says the sync versions differ
        std::int64_t clock_ahead_ms = 0; // how far its clock ran ahead of ours, when it did
    };
    std::shared_ptr<InviteState> invite;       // the code being shown (null: none)
    std::shared_ptr<InviteState> last_invite;  // the previous one, to tell late joiners why it failed
    std::optional<Join> join;
    std::map<core::DeviceId, PeerRuntime> peers;
    std::vector<NearbyDevice> nearby;
    net::ReplayFilter replay{2048};
    std::vector<net::Interface> interfaces;
    std::int64_t next_beacon_ms = 0;
    std::int64_t next_interface_check_ms = 0;
    std::uint64_t beacons_sent = 0;
    std::uint64_t beacons_heard = 0;
    std::map<std::string, std::int64_t> looking_answered;  // address -> when we last answered it
    std::vector<std::string> notices;  // e.g. "Sam unpaired this computer"
    struct Resolving {
        std::future<Result<net::Endpoint>> result;
        std::function<void(Result<net::Endpoint>)> then;
    };
    std::vector<Resolving> resolving;  // name lookups under way (destroying one waits for it)
};

}  // namespace candor::node
