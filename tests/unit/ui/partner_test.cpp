// The app with a real partner: a second Node (Sam) paired with the harness's Node over loopback.
// Sam's entries arrive through sync; the user answers from Home; Sam receives the answer. Also
// the request commands' refusals, which need no partner.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "node/control_protocol.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::ok_result;
using candor::ui::test::call;
using candor::ui::test::frames_until;
using candor::ui::test::Partner;
using candor::ui::test::UiHarness;

namespace {
constexpr std::int64_t kMin = 60'000;
}  // namespace

TEST_CASE("requests: refusals name the problem and store nothing") {
    UiHarness h;
    const std::int64_t now = node::system_now_ms();
    auto empty = h.call("request", json::Object{{"text", "  "}, {"due", now + 60 * kMin}});
    CHECK_FALSE(empty.get_bool("ok").value_or(true));
    auto past = h.call("request", json::Object{{"text", "Text me"}, {"due", now - kMin}});
    CHECK(past.get_string("error").value_or("").find("past") != std::string::npos);
    auto mine = ok_result(h.call("request", json::Object{{"text", "Text me"}, {"due", now + 60 * kMin}}));
    const std::string id = mine.get_string("id").value_or("");
    auto own = h.call("request.answer", json::Object{{"id", id}, {"accepted", true}});
    CHECK(own.get_string("error").value_or("").find("your own") != std::string::npos);
    auto unknown = h.call("request.answer", json::Object{{"id", "abcdef12"}, {"accepted", true}});
    CHECK_FALSE(unknown.get_bool("ok").value_or(true));
    auto late = ok_result(h.call("late", json::Object{{"minutes", 5}}));
    const std::string late_id = late.get_string("id").value_or("");
    auto not_late = h.call("late.end", json::Object{{"id", id}});
    CHECK(not_late.get_string("error").value_or("").find("not a running-late") != std::string::npos);
    ok_result(h.call("late.end", json::Object{{"id", late_id}}));
    auto twice = h.call("late.end", json::Object{{"id", late_id}});
    CHECK(twice.get_string("error").value_or("").find("already ended") != std::string::npos);
    CHECK(h.snapshot()->state->entries().size() == 3);  // request, late, late_end
}

TEST_CASE("partner: Sam's update shows with Seen, thank you; a toast and attention; the ack reaches Sam") {
    UiHarness h;
    Partner sam(h);
    h.frames(2);
    ok_result(call(*sam.node, "update", json::Object{{"text", "At the gym"}}));
    REQUIRE(frames_until(h, [&] { return h.visible("Seen, thank you"); }));
    REQUIRE_FALSE(h.shell.toasts().shown().empty());
    CHECK(h.shell.toasts().shown().back().title == "Sam shared an update");
    h.ctx.request_attention = false;
    REQUIRE(h.click("Seen, thank you"));
    h.settle();
    CHECK_FALSE(h.visible("Seen, thank you"));  // thanked: a chip says so instead
    const auto acked = [&] {
        const auto s = sam.node->snapshot();
        return !s->state->latest_updates().empty() &&
               !s->state->acks_for(s->state->latest_updates().begin()->second.id).empty();
    };
    for (int i = 0; i < 2000 && !acked(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    CHECK(acked());
}

TEST_CASE("partner: a request from Sam is accepted from Home and becomes my commitment") {
    UiHarness h;
    Partner sam(h);
    h.frames(2);
    const std::int64_t due = node::system_now_ms() + 90 * kMin;
    auto asked = ok_result(call(*sam.node, "request", json::Object{{"text", "Text me when you leave?"}, {"due", due}}));
    REQUIRE(frames_until(h, [&] { return h.visible("Accept"); }));
    REQUIRE(h.click("Accept"));
    h.settle();
    const auto snap = h.snapshot();
    REQUIRE(snap->state->requests().size() == 1);
    const core::CommitmentRequest& r = snap->state->requests().front();
    CHECK(core::to_hex(r.id) == asked.get_string("id").value_or(""));
    CHECK(r.accepted);
    REQUIRE(r.commitment_id.has_value());
    const core::Commitment* c = snap->state->commitment(*r.commitment_id);
    REQUIRE(c != nullptr);
    CHECK(c->author == snap->device);
    CHECK(c->text == "Text me when you leave?");
    CHECK(c->due_at_ms == due);
    CHECK_FALSE(h.visible("Accept"));
}

TEST_CASE("partner: declining with a note") {
    UiHarness h;
    Partner sam(h);
    h.frames(2);
    ok_result(call(*sam.node, "request",
                   json::Object{{"text", "Pick up the kids"}, {"due", node::system_now_ms() + 60 * kMin}}));
    REQUIRE(frames_until(h, [&] { return h.visible("Decline"); }));
    REQUIRE(h.click("Decline"));
    REQUIRE(h.visible("Send decline"));
    h.type("I have a meeting until 6");  // the note field takes focus from a click; type after one
    REQUIRE(h.click("Send decline"));
    h.settle();
    const auto snap = h.snapshot();
    REQUIRE(snap->state->requests().size() == 1);
    CHECK(snap->state->requests().front().answer_id.has_value());
    CHECK_FALSE(snap->state->requests().front().accepted);
    CHECK(snap->state->commitments().empty());
}
