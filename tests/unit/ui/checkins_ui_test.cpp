// Check-ins in the headless harness against real Nodes: answering the daily check-in from Home
// (Sam's answer stays sealed: Home says only that Sam has checked in), the weekly form with the
// week summary beside it, and "Talk it through" turning Sam's request into my commitment.
#include <doctest/doctest.h>
#include <imgui.h>

#include "node/control_protocol.hpp"
#include "ui/keys.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::frames_until;
using candor::ui::test::ok_result;
using candor::ui::test::Partner;
using candor::ui::test::UiHarness;

namespace {

json::Value first_checkin(UiHarness& h, const char* kind) {
    const json::Value list = ok_result(h.call("checkins", json::Object{{"kind", kind}}));
    REQUIRE(list.if_array());
    REQUIRE_FALSE(list.if_array()->empty());
    return (*list.if_array())[0];
}

// The Check-ins section is taller than 800 px (today's check-in and the trend come first): a tall
// window, so the harness can click what a person would scroll to.
void tall_window() { ImGui::GetIO().DisplaySize = ImVec2(1280, 1800); }

bool partner_answered(UiHarness& h, core::CheckinType type) {
    const auto snap = h.snapshot();
    if (!snap->checkins) return false;
    for (const node::CheckinPeriodView& v : *snap->checkins)
        if (v.key.type == type && v.partner) return true;
    return false;
}

bool revealed(UiHarness& h, core::CheckinType type) {
    const auto snap = h.snapshot();
    if (!snap->checkins) return false;
    for (const node::CheckinPeriodView& v : *snap->checkins)
        if (v.key.type == type && v.revealed) return true;
    return false;
}

}  // namespace

TEST_CASE("ui checkins: answering today's check-in from Home, Sam's sealed until then") {
    UiHarness h;
    Partner sam(h);
    ok_result(ui::test::call(*sam.node, "checkin",
                             json::Object{{"type", "daily"}, {"safe", 2}, {"connected", 5}, {"trust", 3}, {"note", "SAM-WORDS"}}));
    REQUIRE(frames_until(h, [&] { return partner_answered(h, core::CheckinType::daily); }));
    h.frames(2);
    REQUIRE(h.visible("Today's check-in"));
    CHECK(h.visible("partner checked in"));  // "Sam has checked in: answer to see both"
    CHECK_FALSE(h.snapshot()->checkins->front().partner->answer);  // nothing of it to show
    REQUIRE(h.click("Check in"));  // no ratings chosen: refused in the form, nothing sent
    h.settle();
    CHECK(ok_result(h.call("checkins")).if_array()->front()["mine"].is_null());
    REQUIRE(h.click("4##safe"));
    REQUIRE(h.click("3##connected"));
    REQUIRE(h.click("5##trust"));
    REQUIRE(h.click("checkin note"));
    h.type("a good talk");
    REQUIRE(h.click("Check in"));
    h.settle();
    const json::Value mine = first_checkin(h, "daily");
    CHECK(mine["mine"].get_int("safe") == 4);
    CHECK(mine["mine"].get_int("trust") == 5);
    CHECK(mine["mine"].get_string("note") == "a good talk");
    REQUIRE(frames_until(h, [&] { return revealed(h, core::CheckinType::daily); }));
    h.frames(2);
    CHECK(h.visible("checked in today"));
    CHECK(first_checkin(h, "daily")["partner"].get_string("note") == "SAM-WORDS");
}

TEST_CASE("ui checkins: the weekly form with the week summary beside it") {
    UiHarness h;
    Partner sam(h);
    ok_result(h.call("commit", json::Object{{"text", "Call at 7"}, {"due", node::system_now_ms() + 3'600'000}}));
    h.ctx.section = ui::Section::checkins;
    tall_window();
    h.frames(2);
    REQUIRE(h.visible("State of us"));
    CHECK(h.visible("week summary"));
    REQUIRE(h.visible("##appreciation1"));
    REQUIRE(h.click("Send my State of us"));  // nothing written: refused in the form
    h.settle();
    CHECK(ok_result(h.call("checkins", json::Object{{"kind", "weekly"}})).if_array()->empty());
    REQUIRE(h.click("##appreciation1"));
    h.type("You called when you said you would");
    h.frames(1);
    REQUIRE(h.click("##issue"));
    h.type("I feel uneasy about late nights and I need a text");
    REQUIRE(h.click("##request"));
    h.type("Text me by ten");
    REQUIRE(h.click("Send my State of us"));
    h.settle();
    const json::Value week = first_checkin(h, "weekly");
    CHECK(*week["mine"]["appreciations"][0].if_string() == "You called when you said you would");
    CHECK(week["mine"].get_string("request") == "Text me by ten");
    CHECK(week["partner"].is_null());
    // Changed before Sam answers: the form comes back filled in, and the new answer replaces it.
    h.frames(2);
    REQUIRE(h.click("Change my answer##weekly"));
    h.frames(1);
    REQUIRE(h.click("Send my State of us"));
    h.settle();
    const json::Value feed = ok_result(h.call("feed", json::Object{{"kind", "checkin"}}));
    REQUIRE(feed.if_array()->size() == 2);
    CHECK(feed[0].get_string("replaces") == feed[1].get_string("id"));
    CHECK(first_checkin(h, "weekly")["mine"].get_string("request") == "Text me by ten");
}

TEST_CASE("ui checkins: Talk it through shows both and turns Sam's request into my commitment in one click") {
    UiHarness h;
    Partner sam(h);
    ok_result(h.call("checkin", json::Object{{"type", "weekly"},
                                             {"appreciations", json::Array{"the walk"}},
                                             {"request", "Text me by ten"}}));
    ok_result(ui::test::call(*sam.node, "checkin",
                             json::Object{{"type", "weekly"},
                                          {"appreciations", json::Array{"dinner"}},
                                          {"issue", "I feel rushed about mornings and I need ten quiet minutes"},
                                          {"request", "Plan Saturday together"}}));
    REQUIRE(frames_until(h, [&] { return revealed(h, core::CheckinType::weekly); }));
    h.ctx.section = ui::Section::checkins;
    tall_window();
    h.frames(2);
    REQUIRE(h.visible("Talk it through"));
    REQUIRE(h.click("Make it my commitment"));
    h.settle();
    h.frames(2);
    const json::Value list = ok_result(h.call("commitments"));
    bool made = false;
    for (const json::Value& c : *list.if_array())
        made = made || (c.get_string("text") == "Plan Saturday together" && c.get_string("author") == h.snapshot()->device_id);
    CHECK(made);
    CHECK_FALSE(h.visible("Make it my commitment"));  // done: it says "in your commitments" instead
}

TEST_CASE("ui checkins: Ctrl+7 opens Check-ins") {
    UiHarness h;
    h.press(ui::keys::digit_1 + 6, true);
    h.frames(1);
    CHECK(h.ctx.section == ui::Section::checkins);
}
