// The views driven like a person would: keys, clicks and typing in a headless ImGui context,
// against a real Node. Each test checks the entries the Node ends up holding.
#include <doctest/doctest.h>
#include <imgui.h>

#include "core/ledger.hpp"
#include "ui/keys.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::ok_result;
using candor::ui::test::UiHarness;

namespace {
constexpr std::int64_t kMin = 60'000;

json::Value newest(UiHarness& h, const char* kind) {
    json::Value feed = ok_result(h.call("feed", json::Object{{"kind", kind}, {"limit", 5}}));
    REQUIRE(feed.if_array() != nullptr);
    REQUIRE_FALSE(feed.if_array()->empty());
    return feed.if_array()->front();
}

std::size_t count(UiHarness& h, const char* kind) {
    json::Value feed = ok_result(h.call("feed", json::Object{{"kind", kind}, {"limit", 100}}));
    return feed.if_array()->size();
}

std::string commit(UiHarness& h, const char* text, std::int64_t in_ms) {
    json::Value c = ok_result(h.call("commit", json::Object{{"text", text}, {"due", node::system_now_ms() + in_ms}}));
    h.frames(2);
    return c.get_string("id").value_or("");
}
}  // namespace

TEST_CASE("ui: an update from a preset — U, a preset, Ctrl+Enter") {
    UiHarness h;
    CHECK_FALSE(h.shell.composer().is_open());
    const std::string preset = h.snapshot()->settings.update_presets.at(0);
    CHECK_FALSE(h.visible(preset));  // the form is not open yet
    h.press(ui::keys::u);
    REQUIRE(h.shell.composer().is_open());
    REQUIRE(h.click(preset));
    CHECK(h.shell.composer().text == preset);
    CHECK(count(h, "update") == 0);  // nothing is sent before the user sends it
    h.press(ui::keys::enter, true);
    h.settle();
    CHECK_FALSE(h.shell.composer().is_open());
    const json::Value update = newest(h, "update");
    CHECK(update.get_string("text") == preset);
    CHECK(count(h, "update") == 1);
}

TEST_CASE("ui: typing an update, and an empty one is refused with a reason") {
    UiHarness h;
    h.press(ui::keys::u);
    h.press(ui::keys::enter, true);  // nothing typed
    h.settle();
    CHECK(h.shell.composer().is_open());  // stays open and says why
    CHECK(count(h, "update") == 0);
    h.type("Picking up groceries");
    h.press(ui::keys::enter, true);
    h.settle();
    CHECK(newest(h, "update").get_string("text") == "Picking up groceries");
}

TEST_CASE("ui: a late notice tied to a commitment — L, choose it, send") {
    UiHarness h;
    const std::string id = commit(h, "Call mum", 60 * kMin);
    commit(h, "Water the plants", 120 * kMin);
    h.press(ui::keys::l);
    REQUIRE(h.shell.composer().is_open());
    REQUIRE(h.click("For a commitment"));
    h.frame();
    std::string item;
    for (const auto& rect : ui::probe::items()) {
        if (rect.label.rfind("Call mum (due", 0) == 0) item = rect.label;
    }
    REQUIRE_FALSE(item.empty());
    REQUIRE(h.click(item));
    REQUIRE(h.click("Let them know"));
    h.settle();
    const json::Value late = newest(h, "late");
    CHECK(late.get_string("for") == id);
    CHECK(late.get_int("minutes") == 10);
    const auto snap = h.snapshot();
    REQUIRE(snap->state->late_notices().size() == 1);
    CHECK(snap->state->late_notices().front().for_known_commitment);
}

TEST_CASE("ui: Running late on a Home commitment opens the late form already tied to it") {
    UiHarness h;
    commit(h, "Dinner at 7", 90 * kMin);
    const std::string id = commit(h, "Pick up the parcel", 60 * kMin);
    // Home lists today's commitments by due time: the parcel comes first.
    REQUIRE(h.click("Running late", 0));
    REQUIRE(h.shell.composer().is_open());
    REQUIRE(h.click("Let them know"));
    h.settle();
    CHECK(newest(h, "late").get_string("for") == id);
}

TEST_CASE("ui: resolving a commitment from Home — Kept") {
    UiHarness h;
    const std::string id = commit(h, "Call at 7", 60 * kMin);
    REQUIRE(h.visible("Kept"));
    REQUIRE(h.click("Kept"));
    REQUIRE(h.click("Send now"));  // or the 10 s undo window ends (resolutions_test.cpp)
    h.settle();
    ImGui::GetIO().MousePos = ImVec2(5, 5);  // pointer off the card: it leaves its place
    h.frames(2);
    const auto snap = h.snapshot();
    REQUIRE(snap->state->commitments().size() == 1);
    const core::Commitment& c = snap->state->commitments().front();
    CHECK(core::to_hex(c.id) == id);
    CHECK(c.status(node::system_now_ms()) == core::CommitmentStatus::kept);
    CHECK(core::ledger_item(c, node::system_now_ms()).outcome == core::LedgerOutcome::kept_on_time);
    CHECK_FALSE(h.visible("Kept"));  // resolved: no more buttons, only its chip
    CHECK(count(h, "resolution") == 1);
}

TEST_CASE("ui: Missed resolves as missed, and only the one clicked") {
    UiHarness h;
    commit(h, "First", 30 * kMin);
    commit(h, "Second", 60 * kMin);
    REQUIRE(h.click("Missed", 1));
    REQUIRE(h.click("Yes, missed"));  // before the due time it asks first
    h.clock_offset_ms = 11'000;       // the undo window ends
    h.frames(2);
    h.settle();
    const auto snap = h.snapshot();
    const auto& cs = snap->state->commitments();
    REQUIRE(cs.size() == 2);
    CHECK_FALSE(cs[0].final_outcome.has_value());
    REQUIRE(cs[1].final_outcome.has_value());
    CHECK(*cs[1].final_outcome == core::Outcome::missed);
}

TEST_CASE("ui: a visible countdown asks for a redraw when its minute changes; I'm here ends it and the need") {
    UiHarness h;
    // The check-in reminders have their own wake-ups, not tested here.
    ok_result(h.call("settings", json::Object{{"checkin_reminder", false}, {"weekly_reminder", false}}));
    h.frame();
    CHECK(h.ctx.redraw_in_ms == -1);  // nothing on screen changes by the second
    ok_result(h.call("late", json::Object{{"minutes", 15}, {"reason", "traffic"}}));
    h.frames(2);
    CHECK(h.ctx.redraw_in_ms > 0);
    CHECK(h.ctx.redraw_in_ms <= 60'000);
    REQUIRE(h.click("I'm here"));
    h.settle();
    CHECK(count(h, "late_end") == 1);
    CHECK(h.snapshot()->state->active_late_notices(node::system_now_ms()).empty());
    CHECK(h.ctx.redraw_in_ms == -1);
    CHECK_FALSE(h.visible("I'm here"));
}

TEST_CASE("ui: the Commitments section unfolds a story and resolves from there") {
    UiHarness h;
    commit(h, "Bring flowers", 60 * kMin);
    h.ctx.section = ui::Section::commitments;
    h.frames(2);
    REQUIRE(h.click("Story"));
    CHECK(h.visible("Hide story"));
    REQUIRE(h.click("Kept"));
    REQUIRE(h.click("Send now"));
    h.settle();
    CHECK(h.snapshot()->state->commitments().front().final_outcome == core::Outcome::kept);
}

TEST_CASE("ui: Settings saves presets through the Node, and the update form offers them") {
    UiHarness h;
    h.ctx.section = ui::Section::settings;
    h.frames(2);
    const std::vector<std::string> before = h.snapshot()->settings.update_presets;
    REQUIRE(before.size() >= 2);
    REQUIRE(h.click("Remove"));  // the first preset
    REQUIRE(h.click("Save presets"));
    h.settle();
    const auto snap = h.snapshot();
    REQUIRE(snap->settings.update_presets.size() == before.size() - 1);
    CHECK(snap->settings.update_presets.front() == before[1]);
    h.ctx.section = ui::Section::home;
    h.press(ui::keys::u);
    CHECK(h.visible(before[1]));
    CHECK_FALSE(h.visible(before[0]));
}
