// Issue 17 item 7 in the app: the code's countdown ticks each second while it is shown (the idle
// loop is asked for the next frame within a second), and a code used up or timed out says so.
#include <doctest/doctest.h>

#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::frames_until;
using candor::ui::test::UiHarness;

TEST_CASE("devices: the pairing code's countdown asks for a frame within the next second") {
    UiHarness h;
    h.ctx.section = ui::Section::devices;
    h.frames(2);
    REQUIRE(h.click("Show a code"));
    REQUIRE(frames_until(h, [&] { return h.snapshot()->invite.has_value(); }));
    h.frames(2);
    CHECK(h.visible("Stop showing the code"));
    CHECK(h.ctx.redraw_in_ms > 0);
    CHECK(h.ctx.redraw_in_ms <= 1000);
    REQUIRE(h.click("Stop showing the code"));
    REQUIRE(frames_until(h, [&] { return !h.snapshot()->invite.has_value(); }));
    h.frames(2);
    CHECK(h.visible("Show a code"));
}
