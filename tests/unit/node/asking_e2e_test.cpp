// Issue 17 items 1 and 13 end to end, with two real `candor serve` processes paired over
// loopback and driven through the CLI: `status --json` says how many of my entries the partner
// has not yet saved, and that count reaches 0 on the partner's durable acknowledgement alone
// (the partner sends nothing back); `ask`, `answer` and `arrived` do what the app does, and
// refuse bad input with one line and nothing stored.
#include <doctest/doctest.h>

#include <chrono>

#include "cli_device.hpp"

using namespace candor;
using namespace candor::node::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {


std::int64_t undelivered(const CliDevice& d) {
    const json::Value s = d.ok({"status"});
    if (!s["paired"].if_array() || s["paired"].if_array()->empty()) return -1;
    return s["paired"][0].get_int("undelivered").value_or(-1);
}


}  // namespace

TEST_CASE("e2e asking: undelivered, ask, answer and arrived through the CLI of two paired serves") {
    PairedCli pair;
    CliDevice& a = pair.a;
    CliDevice& b = pair.b;
    CHECK(undelivered(a) == 0);

    // Delivered on B's durable ack, though B says nothing back.
    const json::Value asked = a.ok({"ask", "Text me when you leave?", "--due", "+2h"});
    CHECK(asked.get_string("kind") == "commitment_request");
    CHECK(asked.get_string("text") == "Text me when you leave?");
    const std::string request_id = *asked.get_string("id");
    REQUIRE(eventually([&] { return undelivered(a) == 0; }, 5s));
    CHECK(b.entries() == a.entries());

    // Stopped partner: what I post now waits, and says so.
    REQUIRE(b.stop());
    REQUIRE(eventually([&] { return !a.partner_online(); }, 15s));
    (void)a.ok({"update", "At the gym"});
    CHECK(undelivered(a) == 1);
    REQUIRE(b.start());
    REQUIRE(eventually([&] { return undelivered(a) == 0; }, 15s));

    // B answers: bad choices and someone else's request are refused, nothing stored.
    const std::int64_t before = b.entries();
    check_refused(b, {"answer", request_id.substr(0, 8), "maybe"}, 1, "accept or decline");
    check_refused(b, {"answer", request_id.substr(0, 8)}, 1);
    check_refused(b, {"answer", request_id.substr(0, 8), "decline", "--due", "+1h"}, 1);
    check_refused(b, {"answer", "abcdef123456", "accept"}, 3);
    check_refused(a, {"answer", request_id.substr(0, 8), "accept"}, 3, "your own");
    check_refused(a, {"ask", "Call me"}, 1, "--due");
    check_refused(a, {"ask", "", "--due", "+1h"}, 1);
    check_refused(a, {"ask", "Call me", "--due", "2020-01-01T10:00"}, 1, "past");
    CHECK(b.entries() == before);

    const json::Value answered = b.ok({"answer", request_id.substr(0, 10), "accept", "--note", "of course"});
    CHECK(answered.get_string("kind") == "request_answer");
    CHECK(answered.get_string("request") == request_id);
    CHECK(answered.get_bool("accepted") == true);
    CHECK(answered.get_string("note") == "of course");
    const json::Value& made = answered["commitment"];
    CHECK(made.get_string("kind") == "commitment");
    CHECK(made.get_string("text") == "Text me when you leave?");
    CHECK(made.get_string("due_at") == asked.get_string("due_at"));
    CHECK(made.get_string("request") == request_id);
    check_refused(b, {"answer", request_id.substr(0, 8), "decline"}, 3, "already accepted");
    REQUIRE(eventually([&] {
        const json::Value list = a.ok({"commitments"});
        for (const json::Value& c : *list.if_array())
            if (c.get_string("id") == made.get_string("id")) return true;
        return false;
    }));

    // Arrived: ends my newest late notice, or the one for a commitment; nothing to end is exit 3.
    check_refused(b, {"arrived"}, 3, "no running-late notice");
    const std::string commitment_id = *made.get_string("id");
    const json::Value late = b.ok({"late", "10", "--for", commitment_id.substr(0, 8)});
    const json::Value here = b.ok({"arrived", "--for", commitment_id.substr(0, 8)});
    CHECK(here.get_string("kind") == "late_end");
    CHECK(here.get_string("late") == late.get_string("id"));
    check_refused(b, {"arrived"}, 3, "no running-late notice");
    const json::Value late2 = b.ok({"late", "5"});
    const json::Value here2 = b.ok({"arrived"});
    CHECK(here2.get_string("late") == late2.get_string("id"));
    check_refused(b, {"arrived", "--for", "xyz"}, 1);
    REQUIRE(eventually([&] { return a.ok({"feed", "--kind", "late_end"}).if_array()->size() == 2; }));
    // The human output names what was saved.
    const ProcessResult human = a.cli({"ask", "Dinner at 8?", "--due", "+3h"}, false);
    CHECK(human.status == 0);
    CHECK(human.out.find("Saved") == 0);

    CHECK(a.stop());
    CHECK(b.stop());
}
