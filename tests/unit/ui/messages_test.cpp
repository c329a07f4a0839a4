// Issue 17 item 6: messages that go away. Confirmations are toasts that leave after a few seconds;
// refusals read as sentences and take a line kept for them, so nothing below them moves.
#include <doctest/doctest.h>

#include <imgui.h>

#include <algorithm>
#include <optional>

#include "ui/keys.hpp"
#include "ui/widgets.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::Partner;
using candor::ui::test::UiHarness;

namespace {

bool toast_shown(const UiHarness& h, std::string_view title) {
    const auto& shown = h.shell.toasts().shown();
    return std::any_of(shown.begin(), shown.end(), [&](const ui::Toast& t) { return t.title == title; });
}

std::optional<ImVec2> top_left(std::string_view label) {
    for (const auto& item : ui::probe::items())
        if (item.label == label) return item.min;
    return std::nullopt;
}

}  // namespace

TEST_CASE("messages: Saved your name. is a toast that goes away, not a card that stays") {
    UiHarness h;
    h.ctx.section = ui::Section::settings;
    h.frames(2);
    REQUIRE(h.click("Save name"));
    h.settle();
    CHECK(toast_shown(h, "Saved your name."));
    CHECK_FALSE(h.visible("Saved your name."));  // no card on the page
    h.clock_offset_ms = ui::Toasts::kShowMs + 1000;
    h.frames(2);
    CHECK_FALSE(toast_shown(h, "Saved your name."));
}

TEST_CASE("messages: a refusal is a sentence in a line kept for it; the buttons stay put") {
    UiHarness h;
    h.press(ui::keys::u);
    const auto cancel = top_left("Cancel");
    REQUIRE(cancel);
    h.press(ui::keys::enter, true);  // nothing written
    h.settle();
    CHECK(h.visible("The update is empty: write what you want to share."));
    const auto after = top_left("Cancel");
    REQUIRE(after);
    CHECK(after->y == doctest::Approx(cancel->y));
}

TEST_CASE("messages: asking with nothing written names what to write; a sent ask is a toast") {
    UiHarness h;
    Partner sam(h);
    h.ctx.section = ui::Section::commitments;
    h.frames(3);
    REQUIRE(h.click("Requests"));
    REQUIRE(h.click("Ask"));
    CHECK(h.visible("Write what you'd like Sam to do."));
    CHECK(h.snapshot()->state->requests().empty());
    REQUIRE(h.click("Ask for what"));
    h.type("Text me when you leave?");
    REQUIRE(h.click("Ask"));
    h.settle();
    CHECK(toast_shown(h, "Asked: Text me when you leave?"));
    CHECK_FALSE(h.visible("Write what you'd like Sam to do."));
    CHECK(h.snapshot()->state->requests().size() == 1);
}
