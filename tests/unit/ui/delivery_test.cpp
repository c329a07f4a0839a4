// Issue 17 item 1: what the app says about delivery is true. My update reads "delivered" as soon
// as Sam's computer has saved it, though Sam sends nothing back (the durable ack alone must
// publish a new snapshot), "seen 18:42" only once Sam said so, and the Home line about entries
// waiting for delivery goes away with the ack.
#include <doctest/doctest.h>

#include "node/control_protocol.hpp"
#include "ui/entry_text.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::call;
using candor::ui::test::frames_until;
using candor::ui::test::ok_result;
using candor::ui::test::Partner;
using candor::ui::test::UiHarness;

TEST_CASE("delivery: my update reads delivered on Sam's durable ack alone, then seen once Sam says so") {
    UiHarness h;
    Partner sam(h);
    REQUIRE(frames_until(h, [&] {
        const auto s = h.snapshot();
        return !s->peers.empty() && s->peers[0].online;
    }));
    const json::Value posted = ok_result(h.call("update", json::Object{{"text", "At the gym"}}));
    const std::string id = posted.get_string("id").value_or("");
    REQUIRE(frames_until(h, [&] { return h.visible("delivered"); }));
    CHECK(h.snapshot()->peers[0].undelivered == 0);
    CHECK(sam.node->snapshot()->entries == h.snapshot()->entries);

    const json::Value ack = ok_result(call(*sam.node, "ack", json::Object{{"id", id}}));
    const auto acks = [&] { return h.snapshot()->state->acks_for(*core::parse_id(id)); };
    REQUIRE(frames_until(h, [&] { return !acks().empty(); }));
    h.frames(2);
    CHECK(h.visible("seen " + ui::local_clock(acks().front().at_ms)));
    CHECK_FALSE(h.visible("delivered"));
}

TEST_CASE("delivery: with the partner's computer away, my update reads not delivered yet") {
    UiHarness h;
    {
        Partner sam(h);
        REQUIRE(frames_until(h, [&] { return h.snapshot()->peers[0].online; }));
        sam.node->stop();
        REQUIRE(frames_until(h, [&] { return !h.snapshot()->peers[0].online; }));
    }
    ok_result(h.call("update", json::Object{{"text", "At the gym"}}));
    h.frames(2);
    CHECK(h.visible("not delivered yet"));
    CHECK(h.snapshot()->peers[0].undelivered == 1);
}
