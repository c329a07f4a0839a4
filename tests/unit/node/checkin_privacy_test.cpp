// The seal holds on the partner's computer: before the partner has answered, Alex's words and
// ratings are nowhere on Sam's device in readable form — not in its State, its snapshot, its
// export (JSON and Markdown), nor its journal once re-read from disk — and they are there once
// Sam has answered. Two real Nodes in this process, paired over loopback.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <thread>

#include "in_process.hpp"
#include "node/checkin_views.hpp"
#include "node/export.hpp"
#include "node/node_core.hpp"

using namespace candor;
using namespace candor::node;
using namespace candor::node::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

constexpr std::string_view kSecret = "ALEX-WORDS-7f3a";

bool holds(std::string_view haystack) { return haystack.find(kSecret) != std::string_view::npos; }

std::string file_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Everything Sam's computer holds, decrypted: every entry's bytes from its journal, its State,
// its check-in views and both exports.
std::string everything_readable(const fs::path& dir) {
    auto opened = NodeCore::open({dir, std::nullopt, nullptr});
    REQUIRE_MESSAGE(opened.ok(), (opened.ok() ? std::string() : opened.message()));
    const NodeCore& held = **opened;
    std::string all;
    for (const auto& [author, chain] : held.history().by_author())
        for (const core::Entry& e : chain) all.append(e.bytes().begin(), e.bytes().end());
    all += held.state().dump(0);
    OwnAnswers own;
    for (const CheckinPeriodView& v : checkin_views(held, own)) all += json::write(checkin_period_json(v));
    all += json::write(export_json(held, 0));
    all += export_markdown(held, 0);
    return all;
}

void wait_entries(Node& node, std::int64_t n) {
    for (int i = 0; i < 200 && call(node, control::cmd::kStatus).result.get_int("entries") != n; ++i)
        std::this_thread::sleep_for(50ms);
    REQUIRE(call(node, control::cmd::kStatus).result.get_int("entries") == n);
}

}  // namespace

TEST_CASE("checkin privacy: the partner's State, snapshot, export and journal hold no plaintext before the reveal") {
    TempDir tmp;
    const fs::path sam_dir = tmp.path() / "sam";
    auto alex = start_node(tmp.path() / "alex", "Alex");
    auto sam = start_node(sam_dir, "Sam");
    const auto invite = call(*alex, control::cmd::kPairInvite);
    REQUIRE(invite.ok);
    const auto joined = call(*sam, control::cmd::kPairJoin,
                             {{"code", invite.result.get_string("code").value_or("")},
                              {"peer", "127.0.0.1:" + std::to_string(port_of(*alex))},
                              {"timeout", 20}});
    REQUIRE_MESSAGE(joined.ok, joined.error);
    const auto answered = call(*alex, control::cmd::kCheckin,
                               {{"type", "daily"}, {"safe", 1}, {"connected", 5}, {"trust", 2}, {"note", std::string(kSecret)}});
    REQUIRE_MESSAGE(answered.ok, answered.error);
    wait_entries(*sam, 1);

    // Sam's snapshot: the answer is there, sealed.
    auto snap = sam->snapshot();
    REQUIRE(snap->checkins);
    REQUIRE(snap->checkins->size() == 1);
    const CheckinPeriodView& v = snap->checkins->front();
    REQUIRE(v.partner);
    CHECK_FALSE(v.partner->answer);
    CHECK_FALSE(v.mine);
    CHECK_FALSE(holds(snap->state->dump(0)));
    for (const core::SealedCheckin& c : snap->state->checkins().all()) CHECK_FALSE(c.answer);
    CHECK_FALSE(holds(json::write(call(*sam, control::cmd::kFeed).result)));
    CHECK_FALSE(holds(json::write(call(*sam, control::cmd::kCheckins).result)));
    // On disk, and everything that can be read back from it.
    sam.reset();
    CHECK_FALSE(holds(file_bytes(sam_dir / "journal")));
    CHECK_FALSE(holds(everything_readable(sam_dir)));

    // Sam answers: now both computers can read both.
    sam = start_node(sam_dir, "Sam");
    REQUIRE(call(*sam, control::cmd::kCheckin, {{"type", "daily"}, {"safe", 4}, {"connected", 4}, {"trust", 4}}).ok);
    wait_entries(*sam, 4);  // two answers, two keys
    sam.reset();
    CHECK(holds(everything_readable(sam_dir)));
}
