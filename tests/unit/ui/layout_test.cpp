// Issue 17 item 3: forms that fit. Every section and every form, at 800x600 and 1280x800, in light
// and dark: no item is drawn past its window's edge and no window's content is wider than it is
// (ImGui's item rectangles and content extents against the window's clip rectangle).
#include <doctest/doctest.h>

#include <imgui.h>

#include "ui/keys.hpp"
#include "ui/section.hpp"
#include "ui/widgets.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::ok_result;
using candor::ui::test::UiHarness;

namespace {

constexpr std::int64_t kMin = 60'000;

void check_fits(UiHarness& h, const std::string& what) {
    const std::vector<std::string> problems = h.clipped();
    std::string all;
    for (const std::string& p : problems) all += "\n  " + p;
    INFO(what << all);
    CHECK(problems.empty());
}

void open_form(UiHarness& h, ui::ComposerKind kind) {
    h.ctx.open_composer = kind;
    h.frames(4);
    REQUIRE(h.shell.composer().is_open());
}

void close_form(UiHarness& h) {
    h.press(ui::keys::escape);
    h.frames(2);
    REQUIRE_FALSE(h.shell.composer().is_open());
}

}  // namespace

TEST_CASE("layout: no form or view is clipped at 800x600 and 1280x800, light and dark") {
    UiHarness h;
    const std::int64_t now = node::system_now_ms();
    ok_result(h.call("commit", json::Object{{"text", "Pick up the dry cleaning on the way home from work"},
                                            {"due", now + 50 * kMin}}));
    ok_result(h.call("commit", json::Object{{"text", "Call the landlord about the boiler"}, {"due", now + 90 * kMin}}));
    ok_result(h.call("update", json::Object{{"text", "At the gym"}, {"where", "Downtown"}}));
    h.frames(2);
    for (const ui::ThemeKind theme : {ui::ThemeKind::light, ui::ThemeKind::dark}) {
        h.set_theme(theme);
        for (const ImVec2 size : {ImVec2(800, 600), ImVec2(1280, 800)}) {
            h.resize(size.x, size.y);
            const std::string at = std::string(theme == ui::ThemeKind::dark ? "dark " : "light ") +
                                   std::to_string(static_cast<int>(size.x)) + "x" +
                                   std::to_string(static_cast<int>(size.y)) + ": ";
            for (const ui::Section s : ui::kSections) {
                h.ctx.section = s;
                h.frames(3);
                check_fits(h, at + ui::section_label(s));
            }
            h.ctx.section = ui::Section::home;
            h.frames(3);
            open_form(h, ui::ComposerKind::update);
            check_fits(h, at + "Share an update");
            close_form(h);
            open_form(h, ui::ComposerKind::late);
            REQUIRE(h.click("For a commitment"));
            h.frames(2);
            check_fits(h, at + "Running late, choosing a commitment");
            close_form(h);
            open_form(h, ui::ComposerKind::commitment);
            check_fits(h, at + "Make a commitment");
            close_form(h);
            REQUIRE(h.click("New time…"));
            h.frames(2);
            check_fits(h, at + "New time");
            REQUIRE(h.click("New time…"));  // folds it again
            REQUIRE(h.click("Missed"));  // before its due time: asks first
            check_fits(h, at + "Missed already?");
            REQUIRE(h.click("Yes, missed"));
            check_fits(h, at + "Missed, with its note and undo");
            REQUIRE(h.click("Undo"));
            h.ctx.section = ui::Section::commitments;
            h.frames(3);
            REQUIRE(h.click("Requests"));
            check_fits(h, at + "Ask for a commitment");
            REQUIRE(h.click("Open"));
        }
    }
}
