// Issue 17 item 7: the device showing a code is told when it stopped working: used up by three
// wrong tries (nobody paired), or out of time. Real Nodes over loopback.
#include <doctest/doctest.h>

#include <thread>

#include "in_process.hpp"
#include "net/pairing_code.hpp"

using namespace candor;
using namespace candor::node;
using namespace candor::node::test;
using namespace std::chrono_literals;

TEST_CASE("invite ended: three wrong codes use the code up, and the inviter's snapshot says so") {
    TempDir tmp;
    auto sam = start_node(tmp.path() / "sam", "Sam");
    auto alex = start_node(tmp.path() / "alex", "Alex");
    const auto invite = call(*sam, control::cmd::kPairInvite);
    REQUIRE(invite.ok);
    CHECK(sam->snapshot()->invite_ended.empty());
    const std::string right = invite.result.get_string("code").value_or("");
    const std::string peer = "127.0.0.1:" + std::to_string(port_of(*sam));
    for (int i = 0; i < 3; ++i) {
        std::string wrong = net::PairingCode::generate().display();
        if (wrong == right) wrong = net::PairingCode::generate().display();
        const auto joined = call(*alex, control::cmd::kPairJoin, {{"code", wrong}, {"peer", peer}, {"timeout", 10}});
        CHECK_FALSE(joined.ok);
    }
    for (int i = 0; i < 100 && sam->snapshot()->invite; ++i) std::this_thread::sleep_for(50ms);
    const auto snap = sam->snapshot();
    CHECK_FALSE(snap->invite);
    CHECK(snap->invite_ended.find("typed wrong 3 times") != std::string::npos);
    CHECK(snap->peers.empty());
    // A new code clears it.
    REQUIRE(call(*sam, control::cmd::kPairInvite).ok);
    for (int i = 0; i < 100 && !sam->snapshot()->invite; ++i) std::this_thread::sleep_for(50ms);
    CHECK(sam->snapshot()->invite_ended.empty());
}

TEST_CASE("invite ended: a code that runs out of time says so") {
    TempDir tmp;
    auto sam = start_node(tmp.path() / "sam", "Sam");
    REQUIRE(call(*sam, control::cmd::kPairInvite, {{"ttl", 1}}).ok);
    for (int i = 0; i < 100 && sam->snapshot()->invite_ended.empty(); ++i) std::this_thread::sleep_for(50ms);
    CHECK(sam->snapshot()->invite_ended.find("ran out of time") != std::string::npos);
}
