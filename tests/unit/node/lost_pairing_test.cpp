// A pairing lost, not ended: peers.json gone while the history holds the partner's entries.
// The Node starts, but says so in status with what to do; after an unpair (an empty list)
// it says nothing. Real Nodes paired over loopback (by host name: looked up off the Node thread).
#include <doctest/doctest.h>

#include <thread>

#include "in_process.hpp"
#include "store/data_dir.hpp"

using namespace candor;
using namespace candor::node;
using namespace candor::node::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

bool warns_of_lost_pairing(Node& node) {
    const auto status = call(node, control::cmd::kStatus);
    const json::Value* warnings = status.result.find("warnings");
    if (!warnings || !warnings->is_array()) return false;
    for (const json::Value& w : *warnings->if_array()) {
        if (w.if_string() && w.if_string()->find("peers.json is missing") != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("lost pairing: a missing peers.json next to a partner's entries is reported, not silent") {
    TempDir tmp;
    const fs::path alex_dir = tmp.path() / "alex";
    auto alex = start_node(alex_dir, "Alex");
    {
        auto sam = start_node(tmp.path() / "sam", "Sam");
        const auto invite = call(*alex, control::cmd::kPairInvite);
        REQUIRE(invite.ok);
        const auto joined = call(*sam, control::cmd::kPairJoin,
                                 {{"code", invite.result.get_string("code").value_or("")},
                                  // A name, so the join goes through the helper-thread lookup.
                                  {"peer", "localhost:" + std::to_string(port_of(*alex))},
                                  {"timeout", 20}});
        REQUIRE_MESSAGE(joined.ok, joined.error);
        REQUIRE(call(*sam, control::cmd::kUpdate, {{"text", "hello"}}).ok);
        const auto unknown = call(*sam, control::cmd::kConnect, {{"peer", "no-such-host.invalid:47600"}});
        CHECK_FALSE(unknown.ok);
        CHECK(unknown.error.find("cannot find the address of 'no-such-host.invalid'") != std::string::npos);
        for (int i = 0; i < 200 && call(*alex, control::cmd::kStatus).result.get_int("entries") != 1; ++i)
            std::this_thread::sleep_for(50ms);
        REQUIRE(call(*alex, control::cmd::kStatus).result.get_int("entries") == 1);
    }
    CHECK_FALSE(warns_of_lost_pairing(*alex));
    alex.reset();
    fs::remove(alex_dir / store::kPeersFile);
    alex = start_node(alex_dir, "Alex");
    CHECK(warns_of_lost_pairing(*alex));
    CHECK(call(*alex, control::cmd::kPairList).result.if_array()->empty());
    CHECK(call(*alex, control::cmd::kStatus).result.get_int("entries") == 1);  // nothing lost
}
