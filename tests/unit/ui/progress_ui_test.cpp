// The Progress section: Ctrl+8 opens it; charts per person with the milestones under them; the
// setting that hides the ledger's figures hides the charts too; a plan in force shows its phase,
// and one whose last phase retires the figures replaces the charts with a celebration; the
// Markdown export writes the numbers to the data folder; Home shows the phase and the next time
// to talk about it.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/time_format.hpp"
#include "ui/keys.hpp"
#include "ui/views/milestone_moment.hpp"
#include "ui/widgets.hpp"
#include "ui_harness.hpp"

using namespace candor;
using namespace candor::ui::test;

namespace {
constexpr std::int64_t kDayMs = 86'400'000;

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}
}  // namespace

TEST_CASE("progress ui: Ctrl+8, charts and milestones, hidden with the figures, exported as Markdown") {
    UiHarness h;
    const std::int64_t now = node::system_now_ms();
    const std::string id = *ok_result(h.call("commit", json::Object{{"text", "Call the bank"}, {"due", now + 3'600'000}}))
                                .get_string("id");
    ok_result(h.call("keep", json::Object{{"id", id}}));
    h.frames(2);
    h.press(ui::keys::digit_1 + 7, true);
    h.frames(3);
    CHECK(h.ctx.section == ui::Section::progress);
    CHECK(h.visible("Milestones"));
    CHECK(h.visible("##mine-Commitments"));
    CHECK(h.visible("##partner-Appreciations"));
    CHECK_FALSE(h.visible("figures hidden"));

    REQUIRE(h.click("Export as Markdown"));
    h.settle();
    const std::string md = read(std::filesystem::path(h.snapshot()->data_dir) / "progress.md");
    CHECK(md.find("# Our progress") != std::string::npos);
    CHECK(md.find("## Kept on time") != std::string::npos);
    CHECK(md.find(" | 1 | 0 |") != std::string::npos);  // this week: one kept on time, by me

    ok_result(h.call("settings", json::Object{{"hide_figures", true}}));
    h.frames(3);
    CHECK(h.visible("figures hidden"));
    CHECK_FALSE(h.visible("##mine-Commitments"));
    CHECK(h.visible("Milestones"));
}

TEST_CASE("progress ui: the phase in force, and figures retired for good by the plan's last phase") {
    UiHarness h;
    Partner sam(h);
    const std::int64_t now = node::system_now_ms();
    const auto plan = [&](std::int64_t first_end) {
        return json::Object{
            {"title", "Ours"},
            {"transparency_plan",
             json::Object{{"phases", json::Array{json::Object{{"expects", "an update when leaving work"},
                                                              {"until", core::format_iso8601(first_end, 0)}},
                                                 json::Object{{"expects", "as we like"}, {"until", nullptr}}}},
                          {"retire_figures", true}}},
            {"talk_times", json::Array{json::Object{{"day", "sunday"}, {"at", "19:00"}, {"minutes", 45}}}}};
    };
    const auto in_force = [&](const json::Object& doc, int versions) {
        const std::string v =
            *ok_result(h.call("agreement.propose", json::Object{{"agreement", doc}})).get_string("version");
        REQUIRE(frames_until(h, [&] { return call(*sam.node, "agreement.history", {})["result"].if_array()->size() ==
                                             static_cast<std::size_t>(versions); }));
        ok_result(call(*sam.node, "agreement.accept", json::Object{{"version", v}}));
        REQUIRE(frames_until(h, [&] {
            const auto* a = h.snapshot()->state->agreement().active();
            return a && core::to_hex(a->id) == v;
        }));
    };
    in_force(plan(now + 30 * kDayMs), 1);
    h.ctx.section = ui::Section::home;  // Home follows the phase in force too
    h.frames(3);
    CHECK(h.visible("plan phase"));
    CHECK((h.visible("next talk time") || h.visible("talk time now")));  // the agreed time to talk
    h.ctx.section = ui::Section::progress;
    h.frames(3);
    CHECK(h.visible("plan phase"));
    CHECK(h.visible("##mine-Commitments"));
    CHECK_FALSE(h.visible("figures retired"));

    in_force(plan(now - kDayMs), 2);  // the first phase is over: the last one retires the figures
    h.frames(3);
    CHECK(h.visible("figures retired"));
    CHECK_FALSE(h.visible("##mine-Commitments"));
    CHECK(h.visible("Milestones"));
}

TEST_CASE("milestone moment: reached while a form is open it waits; it warms the window once, Esc ends it, Progress keeps the card") {
    UiHarness h;
    Partner sam(h);
    h.frames(3);  // the first look: what was reached before is not news
    CHECK_FALSE(h.visible("milestone moment"));

    h.press(ui::keys::u);  // someone is writing an update: the moment must not interrupt them
    h.frames(2);
    const std::string v =
        *ok_result(h.call("agreement.propose", json::Object{{"agreement", json::Object{{"title", "Ours"}}}})).get_string("version");
    REQUIRE(frames_until(h, [&] { return call(*sam.node, "agreement.history", {})["result"].if_array()->size() == 1; }));
    ok_result(call(*sam.node, "agreement.accept", json::Object{{"version", v}}));
    REQUIRE(frames_until(h, [&] { return h.snapshot()->milestones && !h.snapshot()->milestones->empty(); }));
    h.frames(3);
    CHECK_FALSE(h.visible("milestone moment"));  // queued behind the open form
    h.press(ui::keys::escape);                   // the form closes…
    h.frames(3);
    CHECK(h.visible("milestone moment"));        // …and the moment begins
    CHECK(h.ctx.glow.has_value());
    h.press(ui::keys::escape);
    h.frames(2);
    CHECK_FALSE(h.visible("milestone moment"));
    h.frames(5);
    CHECK_FALSE(h.visible("milestone moment"));  // once: not again on later frames

    h.ctx.section = ui::Section::progress;
    h.frames(3);
    CHECK(h.visible("Milestones"));
    CHECK(h.visible("milestone card"));
}

TEST_CASE("milestone moment: it ends by itself after its few seconds") {
    ui::MilestoneMoment moment;
    UiHarness h;
    moment.offer("A milestone worth noticing", "Your first agreement in force.");
    bool drawn = false;
    h.frame_with([&] { drawn = moment.draw(h.ctx, false); });
    CHECK(drawn);
    CHECK(moment.running());
    h.clock_offset_ms += ui::MilestoneMoment::kLengthMs + 1;
    h.frame_with([&] { drawn = moment.draw(h.ctx, false); });
    CHECK_FALSE(drawn);
    CHECK_FALSE(moment.running());
    CHECK(ui::moment_glow(0.0f) == doctest::Approx(0.0f));
    CHECK(ui::moment_glow(0.5f) == doctest::Approx(1.0f));
    CHECK(ui::moment_glow(1.0f) == doctest::Approx(0.0f));
}
