// The Node's network side: discovery beacons, pairing (invite / join), authenticated sessions
// with paired devices and sync over them. Runs only on the Node thread; the Host is ENet's.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "net/host.hpp"
#include "net/interface_watch.hpp"
#include "net/pairing_code.hpp"
#include "node/commands.hpp"
#include "node/node_core.hpp"
#include "node/snapshot.hpp"

namespace candor::node {

struct NetworkOptions {
    bool discovery = true;
    std::function<std::int64_t()> clock;
};

class Network {
public:
    Network(NodeCore& core, net::Host& host, NetworkOptions options);
    ~Network();
    Network(const Network&) = delete;
    Network& operator=(const Network&) = delete;

    // pair.invite, pair.join (answers later), pair.list, unpair, connect, pair.cancel.
    void register_commands(Commands& commands);

    void on_event(net::HostEvent& event);
    // Beacons, reconnects, timeouts. Returns how long the loop may sleep (ms).
    [[nodiscard]] int on_timer();
    // New local entries are durable: push them to connected partners.
    void on_local_entries();
    void shutdown();

    // Fills the network parts of a snapshot (peers online/last seen, invite, pairing, discovery).
    void describe(Snapshot& snapshot) const;
    [[nodiscard]] json::Array paired_json() const;
    // True once after something visible changed (so the Node publishes a new snapshot).
    [[nodiscard]] bool take_changed();

    struct Connection;

private:
    Connection* find(net::PeerId peer);
    void on_connected(net::HostEvent& event);
    void on_disconnected(net::HostEvent& event);
    void on_received(net::HostEvent& event);
    void on_datagram(const net::HostEvent& event);
    void on_session_frame(Connection& c, crypto::ByteView frame);
    void on_pairing_frame(Connection& c, crypto::ByteView frame);
    void start_session(Connection& c);
    void handle_sync_message(Connection& c, crypto::ByteView plaintext);
    // Clock offset probes (network_clock.cpp).
    void handle_clock_message(Connection& c, crypto::ByteView message);
    void probe_clocks(std::int64_t now);
    [[nodiscard]] bool seal_and_send(Connection& c, std::uint8_t type, const crypto::Bytes& message);
    void send_in_session(Connection& c, std::uint8_t type, const crypto::Bytes& message);
    void flush_session(Connection& c);
    void flush_pairing(Connection& c);
    void close(Connection& c, const std::string& why);
    // Starts a connection; `label` names the device in pairing errors. False if none could start.
    bool connect_to(const net::Endpoint& endpoint, int purpose, std::string label = {});
    // The bookkeeping of a connection that ended (event or drop); the caller erases it.
    void connection_ended(Connection& c);
    // Drops a connection at once (ENet raises no event for it) and forgets it.
    void drop(net::PeerId peer, const std::string& why);
    // Someone connected to us: false (and dropped) when too many unproven connections are open.
    bool admit(Connection& c);
    void expire_connections(std::int64_t now);
    // Pairing as the joiner (network_join.cpp): remember an inviter heard, try every one.
    void note_inviter(const std::string& name, const net::Endpoint& at, std::int64_t now);
    void try_inviters(std::int64_t now);
    void join_attempt_failed(Connection& c, const std::string& why, bool final);
    void join_timer(std::int64_t now);
    [[nodiscard]] std::size_t join_attempts() const;
    // "host:port" to an address: at once when numeric, else on a helper thread (poll_resolutions
    // runs `then` on the Node thread when the answer is in).
    void resolve_then(const std::string& text, std::function<void(Result<net::Endpoint>)> then);
    void poll_resolutions();
    [[nodiscard]] json::Value remember_partner_address(const net::Endpoint& endpoint);
    void finish_join(bool ok, const std::string& error, const json::Value& result);
    void pin(const struct PinRequest& request);
    void send_beacons(std::int64_t now);
    void send_looking(std::int64_t now);
    void answer_looking(crypto::ByteView data, const net::Endpoint& from, std::int64_t now);
    void try_reconnects(std::int64_t now);
    void retire_invite();
    void persist_peer_runtime(const core::DeviceId& device);
    void remember_address(const core::DeviceId& device, const net::Endpoint& endpoint);
    [[nodiscard]] bool is_pinned(const crypto::PublicKey& key) const;
    // The highest seq of my entries `p` holds durably, and how many of mine it still lacks.
    [[nodiscard]] std::uint64_t delivered_seq(const store::PairedDevice& p) const;
    [[nodiscard]] std::uint64_t undelivered_to(const store::PairedDevice& p) const;

    NodeCore& core_;
    net::Host& host_;
    NetworkOptions options_;
    std::map<net::PeerId, std::unique_ptr<Connection>> connections_;
    struct State;
    std::unique_ptr<State> state_;
    bool changed_ = true;
    // Interface changes from the kernel (nullptr: not available, so the list is polled each
    // second); last, so its thread ends before anything it wakes goes away.
    std::unique_ptr<net::InterfaceWatch> interface_watch_;
};

}  // namespace candor::node
