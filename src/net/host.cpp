// The ENet host wrapper.
//
// Waking: ENet has no wake-up handle, and enet_host_service() keeps waiting after a datagram
// it does not understand, so a bare "poke" packet would not end the wait. Instead the Host
// installs ENet's raw-packet intercept callback: a datagram "CNW" from loopback (or from the
// host's own bound address) becomes an event that makes enet_host_service() return at once.
// wake() sends that datagram from a small socket of its own, so it touches no ENet state and
// is safe from any thread. The same intercept hands discovery beacons ("CNB…") up as plain
// datagrams, so discovery shares the ENet port (one firewall rule). A genuine ENet packet can
// never start with those bytes: its first 16 bits would carry the compression flag, which this
// host never enables, and a peer id far above max_peers.
#include "net/host.hpp"

#include <arpa/inet.h>
#include <enet/enet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <mutex>

#include "net/beacon.hpp"
#include "net/wire.hpp"

namespace candor::net {

namespace {

constexpr std::array<std::uint8_t, 3> kWakeMagic = {'C', 'N', 'W'};
// Marks the synthetic RECEIVE events the intercept produces (peer is null for both).
constexpr enet_uint8 kChannelWoken = 0xFE;
constexpr enet_uint8 kChannelDatagram = 0xFF;

ENetAddress to_enet(const Endpoint& e) {
    ENetAddress a{};
    std::memcpy(&a.host, e.ip.data(), 4);  // ENet keeps the address in network byte order
    a.port = e.port;
    return a;
}

Endpoint from_enet(const ENetAddress& a) {
    Endpoint e;
    std::memcpy(e.ip.data(), &a.host, 4);
    e.port = a.port;
    return e;
}

PeerId id_of(const ENetPeer* peer) {
    return static_cast<PeerId>(reinterpret_cast<std::uintptr_t>(peer->data));
}

int ENET_CALLBACK intercept(ENetHost* host, ENetEvent* event) {
    if (event == nullptr) return 0;
    const ByteView data{host->receivedData, host->receivedDataLength};
    if (data.size() == kWakeMagic.size() && std::equal(data.begin(), data.end(), kWakeMagic.begin())) {
        const Endpoint from = from_enet(host->receivedAddress);
        if (!from.is_loopback() && host->receivedAddress.host != host->address.host) return 1;
        event->type = ENET_EVENT_TYPE_RECEIVE;
        event->channelID = kChannelWoken;
        return 1;
    }
    if (data.size() >= kBeaconMagic.size() &&
        std::equal(kBeaconMagic.begin(), kBeaconMagic.end(), data.begin())) {
        if (data.size() > kMaxBeaconSize) return 1;  // ours, but oversized: swallow it here
        event->packet = enet_packet_create(data.data(), data.size(), 0);
        if (event->packet == nullptr) return 1;
        event->type = ENET_EVENT_TYPE_RECEIVE;
        event->channelID = kChannelDatagram;
        return 1;
    }
    return 0;
}

Status init_enet() {
    static std::once_flag once;
    static int result = 0;
    std::call_once(once, [] { result = enet_initialize(); });
    if (result != 0) return make_error("could not start the network library (ENet)");
    return {};
}

}  // namespace

std::optional<Endpoint> Endpoint::parse(std::string_view text) {
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    std::string host(text.substr(0, colon));
    std::string_view port_text = text.substr(colon + 1);
    unsigned port = 0;
    auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc{} || end != port_text.data() + port_text.size() || port > 65535) {
        return std::nullopt;
    }
    in_addr addr{};
    if (inet_pton(AF_INET, host.c_str(), &addr) != 1) return std::nullopt;
    Endpoint e;
    std::memcpy(e.ip.data(), &addr.s_addr, 4);
    e.port = static_cast<std::uint16_t>(port);
    return e;
}

std::string Endpoint::to_string() const {
    return std::to_string(ip[0]) + "." + std::to_string(ip[1]) + "." + std::to_string(ip[2]) + "." +
           std::to_string(ip[3]) + ":" + std::to_string(port);
}

Result<Endpoint> resolve_endpoint(std::string_view text) {
    std::string host(text);
    std::uint16_t port = kDefaultPort;
    if (auto colon = text.rfind(':'); colon != std::string_view::npos) {
        std::string_view port_text = text.substr(colon + 1);
        unsigned p = 0;
        auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), p);
        if (ec != std::errc{} || end != port_text.data() + port_text.size() || p == 0 || p > 65535) {
            // Appended, not "'" + std::string(text): GCC 12 at -O3 misreads that (-Wrestrict).
            std::string message(1, '\'');
            message.append(text).append("' is not HOST:PORT (port 1-65535)");
            return make_error(message);
        }
        port = static_cast<std::uint16_t>(p);
        host = std::string(text.substr(0, colon));
    }
    addrinfo hints{};
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo* res = nullptr;
    if (int rc = getaddrinfo(host.c_str(), nullptr, &hints, &res); rc != 0 || res == nullptr) {
        return make_error("cannot find the address of '" + host + "' (" + gai_strerror(rc) +
                          "); try its IPv4 address instead");
    }
    Endpoint e;
    const auto* sin = reinterpret_cast<const sockaddr_in*>(res->ai_addr);
    std::memcpy(e.ip.data(), &sin->sin_addr.s_addr, 4);
    e.port = port;
    freeaddrinfo(res);
    return e;
}

Result<std::unique_ptr<Host>> Host::create(const HostConfig& config) {
    if (auto st = init_enet(); !st) return st.error();
    std::unique_ptr<Host> h(new Host());
    ENetAddress address = to_enet(config.bind);
    h->host_ = enet_host_create(&address, config.max_peers, config.channels, 0, 0);
    if (h->host_ == nullptr) {
        return make_error("cannot listen on UDP " + config.bind.to_string() +
                          " (is another Candor or program using this port? choose another with "
                          "--port)");
    }
    h->host_->maximumPacketSize = kMaxFrameSize;
    h->host_->duplicatePeers = config.max_peers_per_address;
    h->host_->intercept = intercept;
    if (config.allow_broadcast) enet_socket_set_option(h->host_->socket, ENET_SOCKOPT_BROADCAST, 1);

    ENetAddress actual{};
    if (enet_socket_get_address(h->host_->socket, &actual) != 0) {
        return make_error("cannot read the address of the network socket");
    }
    h->bound_ = from_enet(actual);
    h->bound_.ip = config.bind.ip;

    // The wake socket sends from the host's own address (or loopback when bound to any).
    const bool any = config.bind.ip == std::array<std::uint8_t, 4>{0, 0, 0, 0};
    h->wake_to_ = any ? Endpoint::loopback(h->bound_.port) : h->bound_;
    h->wake_fd_ = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    sockaddr_in src{};
    src.sin_family = AF_INET;
    std::memcpy(&src.sin_addr.s_addr, h->wake_to_.ip.data(), 4);
    if (h->wake_fd_ < 0 ||
        bind(h->wake_fd_, reinterpret_cast<const sockaddr*>(&src), sizeof src) != 0) {
        return make_error("cannot create the network wake-up socket");
    }
    h->peer_timeout_ms_ = static_cast<std::uint32_t>(std::max<std::int64_t>(1, config.peer_timeout.count()));
    h->peer_timeout_min_ms_ = static_cast<std::uint32_t>(
        std::clamp<std::int64_t>(config.peer_timeout_min.count(), 1, h->peer_timeout_ms_));
    h->ping_interval_ms_ = static_cast<std::uint32_t>(std::max<std::int64_t>(1, config.ping_interval.count()));
    return h;
}

Host::~Host() {
    if (host_ != nullptr) enet_host_destroy(host_);
    if (wake_fd_ >= 0) close(wake_fd_);
}

void Host::set_timeouts(ENetPeer* peer) const {
    enet_peer_timeout(peer, 0, peer_timeout_min_ms_, peer_timeout_ms_);
    enet_peer_ping_interval(peer, ping_interval_ms_);
}

bool Host::settled() const {
    for (std::size_t i = 0; i < host_->peerCount; ++i) {
        const ENetPeer* p = &host_->peers[i];
        if (p->state == ENET_PEER_STATE_DISCONNECTED) continue;
        if (p->state != ENET_PEER_STATE_CONNECTED || !enet_list_empty(&p->sentReliableCommands) ||
            !enet_list_empty(&p->outgoingCommands)) {
            return false;
        }
    }
    return true;
}

ENetPeer* Host::find(PeerId peer) const {
    for (std::size_t i = 0; i < host_->peerCount; ++i) {
        ENetPeer* p = &host_->peers[i];
        if (p->state != ENET_PEER_STATE_DISCONNECTED && id_of(p) == peer) return p;
    }
    return nullptr;
}

Result<PeerId> Host::connect(const Endpoint& to) {
    ENetAddress address = to_enet(to);
    ENetPeer* peer = enet_host_connect(host_, &address, host_->channelLimit, 0);
    if (peer == nullptr) return make_error("too many connections open; try again later");
    const PeerId id = next_peer_id_++;
    peer->data = reinterpret_cast<void*>(static_cast<std::uintptr_t>(id));
    set_timeouts(peer);
    return id;
}

Status Host::send(PeerId peer, std::uint8_t channel, crypto::ByteView data, bool reliable) {
    ENetPeer* p = find(peer);
    if (p == nullptr || p->state != ENET_PEER_STATE_CONNECTED) {
        return make_error("not connected to that device any more");
    }
    if (data.size() > kMaxFrameSize) return make_error("message too large to send");
    ENetPacket* packet = enet_packet_create(data.data(), data.size(),
                                            reliable ? ENET_PACKET_FLAG_RELIABLE : 0);
    if (packet == nullptr) return make_error("out of memory while sending");
    if (enet_peer_send(p, channel, packet) != 0) {
        if (packet->referenceCount == 0) enet_packet_destroy(packet);
        return make_error("could not queue a message for the other device");
    }
    return {};
}

void Host::disconnect(PeerId peer, bool now) {
    ENetPeer* p = find(peer);
    if (p == nullptr) return;
    if (now) {
        enet_peer_disconnect_now(p, 0);
        p->data = nullptr;  // no event follows a disconnect_now: free the name here
    } else {
        enet_peer_disconnect(p, 0);
    }
}

std::optional<Endpoint> Host::peer_address(PeerId peer) const {
    ENetPeer* p = find(peer);
    if (p == nullptr) return std::nullopt;
    return from_enet(p->address);
}

Status Host::send_datagram(const Endpoint& to, crypto::ByteView data) {
    ENetAddress address = to_enet(to);
    ENetBuffer buffer;
    buffer.data = const_cast<std::uint8_t*>(data.data());  // ENet's API is not const-correct
    buffer.dataLength = data.size();
    if (enet_socket_send(host_->socket, &address, &buffer, 1) < 0) {
        return make_error("could not send to " + to.to_string());
    }
    return {};
}

Result<std::optional<HostEvent>> Host::service(std::chrono::milliseconds timeout) {
    ENetEvent event{};
    const auto ms = static_cast<enet_uint32>(std::max<std::int64_t>(0, timeout.count()));
    int rc = enet_host_service(host_, &event, ms);
    if (rc < 0) return make_error("the network socket failed; restart Candor");
    if (rc == 0) return std::optional<HostEvent>{};

    HostEvent out;
    switch (event.type) {
        case ENET_EVENT_TYPE_CONNECT:
            if (event.peer->data == nullptr) {  // incoming: name it now
                event.peer->data = reinterpret_cast<void*>(static_cast<std::uintptr_t>(next_peer_id_++));
                set_timeouts(event.peer);
            }
            out.kind = HostEventKind::connected;
            out.peer = id_of(event.peer);
            out.from = from_enet(event.peer->address);
            break;
        case ENET_EVENT_TYPE_DISCONNECT:
            out.kind = HostEventKind::disconnected;
            out.peer = id_of(event.peer);
            out.from = from_enet(event.peer->address);
            event.peer->data = nullptr;  // the slot may be reused for someone else
            break;
        case ENET_EVENT_TYPE_RECEIVE:
            if (event.peer == nullptr && event.channelID == kChannelWoken) {
                out.kind = HostEventKind::woken;
                break;
            }
            out.kind = event.peer == nullptr ? HostEventKind::datagram : HostEventKind::received;
            out.peer = event.peer == nullptr ? 0 : id_of(event.peer);
            out.channel = event.channelID;
            out.from = event.peer == nullptr ? from_enet(host_->receivedAddress)
                                             : from_enet(event.peer->address);
            if (event.packet != nullptr) {
                out.data.assign(event.packet->data, event.packet->data + event.packet->dataLength);
                enet_packet_destroy(event.packet);
            }
            break;
        case ENET_EVENT_TYPE_NONE:
            return std::optional<HostEvent>{};
    }
    return std::optional<HostEvent>{std::move(out)};
}

void Host::flush() { enet_host_flush(host_); }

void Host::wake() {
    sockaddr_in to{};
    to.sin_family = AF_INET;
    std::memcpy(&to.sin_addr.s_addr, wake_to_.ip.data(), 4);
    to.sin_port = htons(wake_to_.port);
    // Best effort: if the socket buffer is full, earlier wakes are still pending anyway.
    (void)sendto(wake_fd_, kWakeMagic.data(), kWakeMagic.size(), 0,
                 reinterpret_cast<const sockaddr*>(&to), sizeof to);
}

}  // namespace candor::net
