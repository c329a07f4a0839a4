// Issue 17 item 4: times you can type. Make a commitment, asking and a new time take what the
// command line takes ("7pm", "tomorrow 9:00", ...), show what it came to while typing, offer
// tomorrow and a day picker, and a new time carries its reason.
#include <doctest/doctest.h>

#include <imgui.h>

#include "core/time_parse.hpp"
#include "ui/keys.hpp"
#include "ui/time_field.hpp"
#include "ui/widgets.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::ok_result;
using candor::ui::test::UiHarness;

namespace {

constexpr std::int64_t kMin = 60'000;

// Clicks a text field, selects what it holds and types `text` over it.
void type_into(UiHarness& h, std::string_view field, std::string_view text, int nth = 0) {
    REQUIRE(h.click(field, nth));
    h.select_all();
    h.type(text);
}

std::int64_t parsed(const UiHarness& h, std::string_view text) {
    auto at = core::parse_time(text, ui::time_context(h.ctx.now_ms));
    REQUIRE(at.ok());
    return *at;
}

}  // namespace

TEST_CASE("time field: Make a commitment takes 7pm, shows it live, and commits at that time") {
    UiHarness h;
    h.press(ui::keys::c);
    REQUIRE(h.shell.composer().is_open());
    h.type("Call you");
    type_into(h, "Time", "7pm");
    CHECK(h.shell.composer().due.text == "7pm");
    h.frame();
    const std::string live = core::format_when(parsed(h, "7pm"), ui::time_context(h.ctx.now_ms));
    CHECK(live.find("19:00, in ") != std::string::npos);
    CHECK(h.visible(live));  // "today 19:00, in 3 h 12 min" (or tomorrow's, late in the day)
    type_into(h, "Time", "half past");
    CHECK(h.visible("Not a time yet: try 19:00, 7pm, +45m or tomorrow 9:00."));
    type_into(h, "Time", "tomorrow 9:00");
    const std::int64_t due = parsed(h, "tomorrow 9:00");
    h.press(ui::keys::enter, true);
    h.settle();
    CHECK_FALSE(h.shell.composer().is_open());
    const auto snap = h.snapshot();
    REQUIRE(snap->state->commitments().size() == 1);
    CHECK(snap->state->commitments().front().text == "Call you");
    CHECK(snap->state->commitments().front().due_at_ms == due);
}

TEST_CASE("time field: tomorrow and the day picker fill the field") {
    UiHarness h;
    h.press(ui::keys::c);
    REQUIRE(h.click("tomorrow 9:00"));
    CHECK(h.shell.composer().due.text == "tomorrow 9:00");
    REQUIRE(h.click("On another day…"));
    const core::TimeContext time = ui::time_context(h.ctx.now_ms);
    const std::int64_t then = core::at_local_time(3, 9 * 60, time);
    const std::string day = core::format_day(then, time);  // "Sun 6 Dec"
    REQUIRE(h.click(day));
    CHECK(h.shell.composer().due.text == core::format_time_input(then, time));
    CHECK(parsed(h, h.shell.composer().due.text) == then);
}

TEST_CASE("time field: a new time is typed, with a reason, and lands in the story") {
    UiHarness h;
    const std::string id = ok_result(h.call("commit", json::Object{{"text", "Pick up the parcel"},
                                                                     {"due", node::system_now_ms() + 30 * kMin}}))
                               .get_string("id")
                               .value_or("");
    h.frames(2);
    REQUIRE(h.click("New time…"));
    type_into(h, "Time", "+2h");
    REQUIRE(h.click("Why"));
    h.type("The meeting ran over");
    const std::int64_t due = parsed(h, "+2h");
    REQUIRE(h.click("Move it"));
    h.settle();
    const core::Commitment* c = h.snapshot()->state->commitment(*core::parse_id(id));
    REQUIRE(c != nullptr);
    CHECK(c->due_at_ms >= due);
    CHECK(c->due_at_ms < due + kMin);  // +2h is counted from the click, a few frames later
    REQUIRE(c->story.size() == 2);
    CHECK(c->story.back().note == "The meeting ran over");
}
