// A thin wrapper over one ENet host: bind (port 0 → the port actually chosen), connect, send on
// a channel, service with a timeout, a thread-safe wake() for a blocked service(), and plain
// datagrams (discovery beacons) on the same UDP socket. Not thread-safe apart from wake():
// one thread (the Node's) owns the Host.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "crypto/bytes.hpp"

struct _ENetHost;
struct _ENetPeer;

namespace candor::net {

inline constexpr std::uint16_t kDefaultPort = 47600;

// An IPv4 address and port.
struct Endpoint {
    std::array<std::uint8_t, 4> ip{};
    std::uint16_t port = 0;

    // "a.b.c.d:port" (numeric only, never blocks on name resolution); nullopt otherwise.
    [[nodiscard]] static std::optional<Endpoint> parse(std::string_view text);
    [[nodiscard]] static Endpoint loopback(std::uint16_t port) { return {{127, 0, 0, 1}, port}; }
    [[nodiscard]] std::string to_string() const;
    [[nodiscard]] bool is_loopback() const { return ip[0] == 127; }
    bool operator==(const Endpoint&) const = default;
};

// "HOST:PORT" or "HOST" (default port) with name resolution through getaddrinfo: may block,
// so call it off the Node thread (the CLI, or a helper) and pass the Endpoint in.
[[nodiscard]] Result<Endpoint> resolve_endpoint(std::string_view text);

struct HostConfig {
    Endpoint bind{{0, 0, 0, 0}, kDefaultPort};  // port 0: let the system choose
    // Room for the partner even while strangers knock: the Node drops unproven connections
    // quickly and caps them (node/network.cpp); ENet itself takes at most
    // max_peers_per_address connections from one IP address (its duplicatePeers).
    std::size_t max_peers = 16;
    std::size_t max_peers_per_address = 4;
    std::uint8_t channels = 2;
    // Keepalive and timeouts decide how soon "online" turns false after the partner's computer
    // stops without a word. A quiet connection is pinged every `ping_interval`; a ping (or any
    // reliable packet) unacknowledged for `peer_timeout_min` once ENet's retries are exhausted,
    // or for `peer_timeout` in any case, disconnects. So a stopped partner is noticed
    // ping_interval + 5..8 s after its last packet: within ~10 s (tools/bench_node measures it).
    // Two seconds between pings keeps an idle, online pair at about one wake-up a second.
    std::chrono::milliseconds peer_timeout{8000};
    std::chrono::milliseconds peer_timeout_min{5000};  // clamped to peer_timeout
    std::chrono::milliseconds ping_interval{2000};
    bool allow_broadcast = true;  // needed to send discovery beacons
};

// Identifies one ENet connection for as long as it lives; never reused within a Host.
using PeerId = std::uint64_t;

enum class HostEventKind : std::uint8_t {
    connected,     // a connection (ours or theirs) is up: start the session handshake
    disconnected,  // closed, timed out, or a connect attempt failed
    received,      // a packet from a connected peer: data, channel
    datagram,      // a discovery beacon that arrived on the host's socket: data, from
    woken,         // wake() was called
};

struct HostEvent {
    HostEventKind kind = HostEventKind::woken;
    PeerId peer = 0;
    std::uint8_t channel = 0;
    crypto::Bytes data;
    Endpoint from;  // the peer's or the datagram's sender
};

class Host {
public:
    [[nodiscard]] static Result<std::unique_ptr<Host>> create(const HostConfig& config);
    ~Host();
    Host(const Host&) = delete;
    Host& operator=(const Host&) = delete;

    [[nodiscard]] std::uint16_t port() const { return bound_.port; }
    [[nodiscard]] const Endpoint& bound() const { return bound_; }

    // Starts a connection; its `connected` or `disconnected` event comes from service().
    [[nodiscard]] Result<PeerId> connect(const Endpoint& to);
    // Queues a packet (reliable and ordered unless `reliable` is false).
    Status send(PeerId peer, std::uint8_t channel, crypto::ByteView data, bool reliable = true);
    // Graceful close; a `disconnected` event follows. `now` drops it without telling the peer.
    void disconnect(PeerId peer, bool now = false);
    [[nodiscard]] std::optional<Endpoint> peer_address(PeerId peer) const;
    // Sends a plain UDP datagram from the host's socket (discovery beacons, to a broadcast
    // address too). Only datagrams starting with the beacon magic are delivered as `datagram`.
    Status send_datagram(const Endpoint& to, crypto::ByteView data);

    // Waits up to `timeout` for one event; nullopt when the time ran out. Also sends queued
    // packets. An error means the socket failed.
    [[nodiscard]] Result<std::optional<HostEvent>> service(std::chrono::milliseconds timeout);
    void flush();

    // Every live connection is established with nothing queued or waiting for an acknowledgement:
    // nothing is due before the next keepalive, so the caller may sleep for ping_interval().
    [[nodiscard]] bool settled() const;
    [[nodiscard]] std::chrono::milliseconds ping_interval() const { return std::chrono::milliseconds(ping_interval_ms_); }

    // Callable from any thread: makes a blocked (or the next) service() return `woken` soon.
    void wake();

private:
    Host() = default;
    _ENetPeer* find(PeerId peer) const;

    _ENetHost* host_ = nullptr;
    Endpoint bound_;
    int wake_fd_ = -1;
    Endpoint wake_to_;
    PeerId next_peer_id_ = 1;
    std::uint32_t peer_timeout_ms_ = 8000;
    std::uint32_t peer_timeout_min_ms_ = 5000;
    std::uint32_t ping_interval_ms_ = 2000;
    void set_timeouts(_ENetPeer* peer) const;
};

}  // namespace candor::net
