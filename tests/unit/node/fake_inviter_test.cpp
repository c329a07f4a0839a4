// Pairing on a LAN with forged pairing announcements: a device that answers the connection but
// never speaks (what stalled `pair join` for 40 s), addresses where nobody listens, and a flood
// of announcements. Real Nodes over loopback; the forgers send from other loopback addresses
// (127.0.0.2, …), as other machines on the LAN would.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <memory>
#include <set>
#include <string>
#include <thread>

#include "net/beacon.hpp"
#include "net/host.hpp"
#include "node/control_protocol.hpp"
#include "node/node.hpp"
#include "in_process.hpp"

using namespace candor;
using namespace candor::node;
using namespace candor::node::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Sends a pairing announcement "NAME shows a code at PORT" from address `from_ip` to `to`.
void announce(const char* from_ip, std::uint16_t to_port, const std::string& name, std::uint16_t port) {
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    REQUIRE(fd >= 0);
    sockaddr_in src{};
    src.sin_family = AF_INET;
    REQUIRE(::inet_pton(AF_INET, from_ip, &src.sin_addr) == 1);
    REQUIRE(::bind(fd, reinterpret_cast<const sockaddr*>(&src), sizeof src) == 0);
    net::BeaconNonce nonce{};
    crypto::random_bytes(nonce);
    auto beacon = net::encode_pairing_beacon({port, name, nonce});
    REQUIRE(beacon.ok());
    sockaddr_in dst{};
    dst.sin_family = AF_INET;
    dst.sin_port = htons(to_port);
    dst.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::sendto(fd, beacon->data(), beacon->size(), 0, reinterpret_cast<const sockaddr*>(&dst), sizeof dst) ==
            static_cast<ssize_t>(beacon->size()));
    ::close(fd);
}

// An ENet host that accepts connections and never says a word.
struct SilentInviter {
    std::unique_ptr<net::Host> host;
    std::atomic<bool> stop{false};
    std::thread thread;

    explicit SilentInviter(const char* ip) {
        net::HostConfig config;
        config.bind = *net::Endpoint::parse(std::string(ip) + ":0");
        config.allow_broadcast = false;
        auto created = net::Host::create(config);
        REQUIRE_MESSAGE(created.ok(), (created.ok() ? "" : created.message()));
        host = std::move(*created);
        thread = std::thread([this] {
            while (!stop.load()) (void)host->service(20ms);
        });
    }
    ~SilentInviter() {
        stop.store(true);
        thread.join();
    }
    [[nodiscard]] std::uint16_t port() const { return host->port(); }
};

}  // namespace

TEST_CASE("fake inviter: a silent forged inviter heard first does not keep the join from the real one") {
    test::TempDir tmp;
    auto alex = start_node(tmp.path() / "alex", "Alex");
    auto sam = start_node(tmp.path() / "sam", "Sam");
    const auto invite = call(*alex, control::cmd::kPairInvite);
    REQUIRE(invite.ok);
    const std::string code = invite.result.get_string("code").value_or("");

    SilentInviter fake("127.0.0.2");
    const std::uint16_t sam_port = port_of(*sam);
    announce("127.0.0.2", sam_port, "Alex", fake.port());  // the forger is heard first
    announce("127.0.0.3", sam_port, "Alex", 9);             // and one where nobody listens
    std::this_thread::sleep_for(200ms);
    announce("127.0.0.1", sam_port, "Alex", port_of(*alex));  // then the real one

    const auto joined = call(*sam, control::cmd::kPairJoin, {{"code", code}, {"timeout", 30}});
    INFO(joined.error);
    REQUIRE(joined.ok);
    CHECK(joined.result.get_string("name") == "Alex");
}

TEST_CASE("fake inviter: a join with only forged inviters says which device did not answer") {
    test::TempDir tmp;
    auto sam = start_node(tmp.path() / "sam", "Sam");
    SilentInviter fake("127.0.0.2");
    const std::uint16_t sam_port = port_of(*sam);
    announce("127.0.0.2", sam_port, "Alex", fake.port());
    std::this_thread::sleep_for(200ms);

    const auto started = std::chrono::steady_clock::now();
    const auto joined = call(*sam, control::cmd::kPairJoin, {{"code", "1234 5678"}, {"timeout", 8}});
    CHECK_FALSE(joined.ok);
    CHECK(joined.code == control::kCodeFailed);
    INFO(joined.error);
    CHECK(joined.error.find("Alex's computer (127.0.0.2:" + std::to_string(fake.port()) + ") didn't answer") !=
          std::string::npos);
    CHECK(std::chrono::steady_clock::now() - started < 20s);  // the join's own deadline, not a stall
    // Nothing is left "connecting": a second join starts at once instead of "already pairing".
    const auto again = call(*sam, control::cmd::kPairJoin, {{"code", "1234 5678"}, {"timeout", 1}});
    CHECK(again.error.find("already pairing") == std::string::npos);
}

TEST_CASE("fake inviter: a flood of announcements keeps one entry per address, eight at most") {
    test::TempDir tmp;
    auto sam = start_node(tmp.path() / "sam", "Sam");
    const std::uint16_t sam_port = port_of(*sam);
    for (int port = 20000; port < 20050; ++port) announce("127.0.0.2", sam_port, "Alex", static_cast<std::uint16_t>(port));
    for (int host = 10; host < 30; ++host) {
        const std::string ip = "127.0.0." + std::to_string(host);
        announce(ip.c_str(), sam_port, "Device " + std::to_string(host), 47600);
    }
    std::shared_ptr<const Snapshot> snap;
    for (int i = 0; i < 100; ++i) {
        snap = sam->snapshot();
        if (snap->nearby.size() == 8) break;
        std::this_thread::sleep_for(20ms);
    }
    CHECK(snap->nearby.size() == 8);
    std::set<std::string> hosts;
    for (const NearbyDevice& d : snap->nearby) hosts.insert(d.address.substr(0, d.address.find(':')));
    CHECK(hosts.size() == snap->nearby.size());
}
