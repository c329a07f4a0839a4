// Issue 17 item 11: the keyboard. Tab moves through every control of a form (chips and buttons
// too, not only text fields) with the focus ring showing, Shift+Tab goes back; arrows move along
// the sidebar with a visible ring; Ctrl+6 after typing in History's search works every time.
#include <doctest/doctest.h>

#include <imgui.h>

#include <string>
#include <vector>

#include "ui/keys.hpp"
#include "ui/widgets.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::ok_result;
using candor::ui::test::UiHarness;

namespace {

constexpr int kDown = 264;  // GLFW_KEY_DOWN, as the harness maps it

std::string focused() {
    for (const auto& item : ui::probe::items())
        if (item.focused) return item.label;
    return {};
}

void tab(UiHarness& h, bool shift = false) {
    ImGui::GetIO().KeyShift = shift;
    h.press(ui::keys::tab);
    ImGui::GetIO().KeyShift = false;
    h.frame();  // a text field starts editing one frame after Tab chose it
}

}  // namespace

TEST_CASE("keyboard: Tab visits every control of Make a commitment, in order, and Space presses one") {
    UiHarness h;
    ok_result(h.call("update", json::Object{{"text", "At home"}}));  // past the first-run step
    h.press(ui::keys::c);
    REQUIRE(h.shell.composer().is_open());
    h.frame();
    CHECK(focused() == "I will…");  // the form opens on its first field
    h.type("Water the plants");
    std::vector<std::string> visited;
    for (int i = 0; i < 10; ++i) {
        tab(h);
        visited.push_back(focused());
    }
    const std::vector<std::string> expected = {
        h.shell.composer().due.text + " (next full hour)", "in 30 min", "in 1 hour", "in 2 hours", "tomorrow 9:00",
        "Time", "On another day…", "Commit", "Cancel", "I will…"};
    CHECK(visited == expected);
    CHECK(ImGui::GetIO().NavVisible);  // the focus ring is drawn
    tab(h, true);
    tab(h, true);
    REQUIRE(focused() == "Commit");
    h.press(32);  // Space presses the focused button
    h.settle();
    CHECK_FALSE(h.shell.composer().is_open());
    REQUIRE(h.snapshot()->state->commitments().size() == 1);
    CHECK(h.snapshot()->state->commitments().front().text == "Water the plants");
}

TEST_CASE("keyboard: arrows move along the sidebar with a visible ring") {
    UiHarness h;
    REQUIRE(h.click("History"));
    CHECK(h.ctx.section == ui::Section::history);
    h.press(kDown);
    h.frame();
    CHECK(focused() == "Commitments");
    CHECK(h.visible("focus ring"));
    h.press(32);
    CHECK(h.ctx.section == ui::Section::commitments);
}

TEST_CASE("keyboard: Ctrl+6 after typing in History's search opens Settings, every time") {
    UiHarness h;
    ok_result(h.call("update", json::Object{{"text", "At the gym"}}));
    for (int round = 0; round < 3; ++round) {
        h.press(ui::keys::digit_1 + 1, true);
        REQUIRE(h.ctx.section == ui::Section::history);
        REQUIRE(h.click("Search"));
        h.type("gym");
        h.press(ui::keys::digit_1 + 5, true);
        CHECK(h.ctx.section == ui::Section::settings);
    }
}
