// The ENet host wrapper on loopback: two hosts connect and exchange packets, wake() ends a
// blocked service(), beacons arrive as datagrams on the same port and junk does not.
#include <doctest/doctest.h>

#include <chrono>
#include <deque>
#include <thread>

#include "net/beacon.hpp"
#include "net/host.hpp"

using namespace candor;
using namespace candor::net;
using namespace std::chrono_literals;

namespace {

HostConfig loopback_config() {
    HostConfig c;
    c.bind = Endpoint::loopback(0);
    c.peer_timeout = 2000ms;
    return c;
}

// Services both hosts, keeping each one's events, until `want` happens on `on` or the
// deadline passes. Events of other kinds (or on the other host) stay queued for later calls.
struct Pump {
    Host& a;
    Host& b;
    std::deque<HostEvent> events_a, events_b;

    std::optional<HostEvent> wait_for(Host& on, HostEventKind want,
                                      std::chrono::milliseconds limit = 3000ms) {
        auto& mine = &on == &a ? events_a : events_b;
        auto deadline = std::chrono::steady_clock::now() + limit;
        for (;;) {
            for (auto it = mine.begin(); it != mine.end(); ++it) {
                if (it->kind == want) {
                    HostEvent e = std::move(*it);
                    mine.erase(it);
                    return e;
                }
            }
            if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
            auto ea = a.service(5ms);
            REQUIRE(ea.ok());
            if (ea->has_value()) events_a.push_back(std::move(**ea));
            auto eb = b.service(5ms);
            REQUIRE(eb.ok());
            if (eb->has_value()) events_b.push_back(std::move(**eb));
        }
    }
};

}  // namespace

TEST_CASE("endpoint: parse and print") {
    auto e = Endpoint::parse("192.168.1.20:47600");
    REQUIRE(e);
    CHECK(e->ip == std::array<std::uint8_t, 4>{192, 168, 1, 20});
    CHECK(e->port == 47600);
    CHECK(e->to_string() == "192.168.1.20:47600");
    CHECK(!Endpoint::parse("192.168.1.20"));
    CHECK(!Endpoint::parse("192.168.1.20:70000"));
    CHECK(!Endpoint::parse("192.168.1.20:47x"));
    CHECK(!Endpoint::parse("laptop.local:47600"));  // never resolves names
    CHECK(!Endpoint::parse(":1"));

    auto r = resolve_endpoint("127.0.0.1");
    REQUIRE(r.ok());
    CHECK(r->port == kDefaultPort);
    auto bad = resolve_endpoint("127.0.0.1:0");
    CHECK(!bad.ok());
}

TEST_CASE("host: port 0 reports the real port; a taken port is a clear error") {
    auto a = Host::create(loopback_config());
    REQUIRE(a.ok());
    CHECK((*a)->port() != 0);
    HostConfig same = loopback_config();
    same.bind.port = (*a)->port();
    auto b = Host::create(same);
    REQUIRE(!b.ok());
    CHECK(b.message().find("port") != std::string::npos);
}

TEST_CASE("host: two hosts connect and exchange packets both ways, in order") {
    auto a = Host::create(loopback_config());
    auto b = Host::create(loopback_config());
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    Host& ha = **a;
    Host& hb = **b;
    Pump pump{ha, hb, {}, {}};
    auto peer_b = ha.connect(Endpoint::loopback(hb.port()));
    REQUIRE(peer_b.ok());

    auto up_b = pump.wait_for(hb, HostEventKind::connected);
    REQUIRE(up_b);
    auto up_a = pump.wait_for(ha, HostEventKind::connected);
    REQUIRE(up_a);
    CHECK(up_a->peer == *peer_b);
    CHECK(up_b->from.port == ha.port());
    PeerId peer_a = up_b->peer;
    CHECK(hb.peer_address(peer_a) == Endpoint::loopback(ha.port()));

    for (std::uint8_t i = 0; i < 20; ++i) REQUIRE(ha.send(*peer_b, 1, crypto::Bytes(100 + i, i)).ok());
    for (std::uint8_t i = 0; i < 20; ++i) {
        auto got = pump.wait_for(hb, HostEventKind::received);
        REQUIRE(got);
        CHECK(got->peer == peer_a);
        CHECK(got->channel == 1);
        CHECK(got->data == crypto::Bytes(100 + i, i));
    }
    crypto::Bytes big(200 * 1024, 0x7E);  // fragmented by ENet, reassembled whole
    REQUIRE(hb.send(peer_a, 0, big).ok());
    auto back = pump.wait_for(ha, HostEventKind::received);
    REQUIRE(back);
    CHECK(back->data == big);

    CHECK(!ha.send(*peer_b, 0, crypto::Bytes(kMaxFrameSize + 1, 0)).ok());
    CHECK(!ha.send(12345, 0, crypto::Bytes{1}).ok());

    ha.disconnect(*peer_b);
    auto gone = pump.wait_for(hb, HostEventKind::disconnected);
    REQUIRE(gone);
    CHECK(gone->peer == peer_a);
    CHECK(!hb.send(peer_a, 0, crypto::Bytes{1}).ok());
}

TEST_CASE("host: a connect to nobody ends in disconnected") {
    auto a = Host::create(loopback_config());
    REQUIRE(a.ok());
    auto silent = Host::create(loopback_config());  // grab a port, then free it
    REQUIRE(silent.ok());
    std::uint16_t port = (*silent)->port();
    silent->reset();
    auto peer = (*a)->connect(Endpoint::loopback(port));
    REQUIRE(peer.ok());
    auto deadline = std::chrono::steady_clock::now() + 8s;
    bool failed = false;
    while (!failed && std::chrono::steady_clock::now() < deadline) {
        auto e = (*a)->service(50ms);
        REQUIRE(e.ok());
        failed = e->has_value() && (*e)->kind == HostEventKind::disconnected && (*e)->peer == *peer;
    }
    CHECK(failed);
}

TEST_CASE("host: wake() from another thread ends a long service() at once") {
    auto a = Host::create(loopback_config());
    REQUIRE(a.ok());
    Host& h = **a;
    for (int round = 0; round < 3; ++round) {
        auto start = std::chrono::steady_clock::now();
        std::thread waker([&h] {
            std::this_thread::sleep_for(30ms);
            h.wake();
        });
        auto e = h.service(10000ms);
        waker.join();
        auto took = std::chrono::steady_clock::now() - start;
        REQUIRE(e.ok());
        REQUIRE(e->has_value());
        CHECK((*e)->kind == HostEventKind::woken);
        CHECK(took < 2000ms);
    }
    // Without a wake, service waits for its timeout and reports nothing.
    auto e = h.service(50ms);
    REQUIRE(e.ok());
    CHECK(!e->has_value());
}

TEST_CASE("host: beacons arrive as datagrams on the ENet port; junk is ignored") {
    auto a = Host::create(loopback_config());
    auto b = Host::create(loopback_config());
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    Pump pump{**a, **b, {}, {}};
    PairKey key;
    crypto::random_bytes(key.span());
    crypto::Bytes beacon = make_paired_beacon(key, (*a)->port(), 1000);
    REQUIRE((*a)->send_datagram(Endpoint::loopback((*b)->port()), beacon).ok());
    auto got = pump.wait_for(**b, HostEventKind::datagram, 2000ms);
    REQUIRE(got);
    CHECK(got->data == beacon);
    CHECK(got->from == Endpoint::loopback((*a)->port()));

    crypto::Bytes junk{'n', 'o', 't', ' ', 'o', 'u', 'r', 's'};
    REQUIRE((*a)->send_datagram(Endpoint::loopback((*b)->port()), junk).ok());
    crypto::Bytes big(kMaxBeaconSize + 1, 0);
    std::copy(beacon.begin(), beacon.end(), big.begin());
    REQUIRE((*a)->send_datagram(Endpoint::loopback((*b)->port()), big).ok());
    CHECK(!pump.wait_for(**b, HostEventKind::datagram, 300ms));
}
