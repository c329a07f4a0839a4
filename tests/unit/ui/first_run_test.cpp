// Issue 17 item 8: first run and words. A first-run step asks the name (never "root") then offers
// pairing or the demo; the app's messages use its own words; a late notice whose time has passed
// asks "Arrived?"; a countdown reads "15 min", not a clock.
#include <doctest/doctest.h>

#include <imgui.h>

#include "ui/actions.hpp"
#include "ui/views/first_run.hpp"
#include "ui/views/late_arrived.hpp"
#include "ui/widgets.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::ok_result;
using candor::ui::test::UiHarness;

namespace {
constexpr std::int64_t kMin = 60'000;
}  // namespace

TEST_CASE("first run: the name is asked first, prefilled, then pair or the demo") {
    UiHarness h("alex");
    REQUIRE(h.visible("Your name"));
    CHECK_FALSE(h.visible("Share an update  (U)"));  // Home as usual comes after
    REQUIRE(h.click("Your name"));
    h.select_all();
    h.type("Alexandra");
    REQUIRE(h.click("Continue"));
    h.settle();
    CHECK(h.snapshot()->name == "Alexandra");
    int demos = 0;
    h.ctx.start_demo = [&demos] { ++demos; };
    REQUIRE(h.visible("Pair with my partner"));
    REQUIRE(h.click("Try the demo"));
    CHECK(demos == 1);
    CHECK(h.visible("Share an update  (U)"));
}

TEST_CASE("first run: the login name is offered with a capital, never root") {
    CHECK(ui::suggested_name("alex") == "Alex");
    CHECK(ui::suggested_name("root").empty());
    CHECK(ui::suggested_name("Me").empty());
    UiHarness h("root");
    REQUIRE(h.click("Continue"));
    h.settle();
    CHECK(h.visible("Write the name your partner knows you by."));
    CHECK(h.snapshot()->name == "root");
    CHECK_FALSE(h.visible("Later"));  // Continue did not go on
}

TEST_CASE("words: the Node's command-line words become the app's") {
    CHECK(ui::sentence("no inviting device answered; or use --peer HOST:PORT") ==
          "No inviting device answered; or connect by address below.");
    CHECK(ui::sentence("the Candor node is shutting down") == "Candor is shutting down.");
    CHECK(ui::response_error(json::Object{{"ok", false}, {"error", "internal error in the node"}}) ==
          "Internal error in Candor.");
}

TEST_CASE("late: the countdown reads 15 min; once the time has passed it asks Arrived?") {
    CHECK(ui::minutes_left(14 * kMin + 58'000) == "15 min");
    CHECK(ui::minutes_left(75 * kMin) == "1 h 15 min");
    UiHarness h;
    ok_result(h.call("late", json::Object{{"minutes", 15}, {"reason", "traffic"}}));
    h.frames(2);
    CHECK(h.visible("15 min"));
    CHECK_FALSE(h.visible("Arrived?"));
    h.clock_offset_ms = 16 * kMin;
    h.frames(2);
    REQUIRE(h.visible("Arrived?"));
    REQUIRE(h.click("I'm here"));
    h.settle();
    CHECK_FALSE(h.visible("Arrived?"));
    CHECK(h.snapshot()->state->late_notices().front().ended_by.has_value());
}
