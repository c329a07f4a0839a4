// The repair flows in the headless harness, against real Nodes: "I need reassurance" (R) and
// "I feel settled"; the partner's request first on Home, answered from a preset; breathing
// together (the shape grows, the words, Esc ends it); a pause with its countdown on both sides
// and "I'm ready to talk"; the apology composer with a dated step, and reading the partner's.
#include <doctest/doctest.h>
#include <imgui.h>

#include "ui/keys.hpp"
#include "ui/views/repair_forms.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::RepairForm;
using candor::ui::test::call;
using candor::ui::test::frames_until;
using candor::ui::test::ok_result;
using candor::ui::test::Partner;
using candor::ui::test::UiHarness;

namespace {

// The State of the Node's latest snapshot, kept alive while the test reads it.
std::shared_ptr<const core::State> state(UiHarness& h) { return h.snapshot()->state; }

}  // namespace

TEST_CASE("ui repair: R asks for reassurance; I feel settled ends it") {
    UiHarness h;
    REQUIRE(h.visible("I need reassurance"));  // always visible, whatever the section
    h.press(ui::keys::r);
    REQUIRE(h.shell.repair_forms().form() == RepairForm::ask);
    h.type("that comment made me anxious");
    h.press(ui::keys::enter, true);
    h.settle();
    CHECK_FALSE(h.shell.repair_forms().is_open());
    REQUIRE(state(h)->repair().reassurances().size() == 1);
    CHECK(state(h)->repair().reassurances()[0].note == "that comment made me anxious");
    h.frames(2);
    REQUIRE(h.click("I feel settled"));
    h.settle();
    CHECK(state(h)->repair().reassurances()[0].settled());
    h.frames(2);
    CHECK_FALSE(h.visible("I feel settled"));
}

TEST_CASE("ui repair: the partner's request is first on Home and answered from a preset") {
    UiHarness h;
    ok_result(h.call("settings", json::Object{{"code_word", "lighthouse"}}));
    Partner sam(h);
    const json::Value asked = ok_result(call(*sam.node, "reassure.ask", json::Object{{"note", "feeling shaky"}}));
    REQUIRE(frames_until(h, [&] { return h.visible("partner-reassurance"); }));
    REQUIRE(h.click("Answer now"));
    REQUIRE(h.shell.repair_forms().form() == RepairForm::answer);
    h.frame();
    REQUIRE(h.click("I'm not going anywhere."));
    REQUIRE(h.click("Send"));
    h.settle();
    const auto s = state(h);
    const core::Reassurance* r = s->repair().reassurance(*core::parse_id(*asked.get_string("id")));
    REQUIRE(r != nullptr);
    REQUIRE(r->answers.size() == 1);
    CHECK(r->answers[0].text == "I'm not going anywhere.");
    h.frames(2);
    CHECK_FALSE(h.visible("Answer now"));  // answered: a quieter card until Sam feels settled
    CHECK(h.visible("Say more"));
}

TEST_CASE("ui repair: breathing together grows the shape, says the words, and Esc ends it") {
    UiHarness h;
    REQUIRE(h.click("Breathe together"));
    REQUIRE(h.shell.repair_forms().form() == RepairForm::breathe);
    h.frame();
    REQUIRE(h.click("Start"));
    h.settle();
    REQUIRE(state(h)->repair().guides().size() == 1);
    h.clock_offset_ms = core::kBreatheLeadMs + 1'000;  // one second into the first in-breath
    h.frames(2);
    CHECK(h.visible("breathe in"));
    REQUIRE(h.ctx.breath.has_value());
    const float early = h.ctx.breath->size;
    h.clock_offset_ms = core::kBreatheLeadMs + 3'500;
    h.frames(1);
    CHECK(h.ctx.breath->size > early);  // grows on the in-breath
    h.clock_offset_ms = core::kBreatheLeadMs + 7'000;
    h.frames(1);
    CHECK(h.visible("and out"));
    CHECK(h.ctx.redraw_in_ms >= 0);  // animates while it runs
    h.press(ui::keys::escape);
    h.frames(2);
    CHECK_FALSE(h.ctx.breath.has_value());
    CHECK_FALSE(h.visible("and out"));
    CHECK(h.visible("I need reassurance"));
}

TEST_CASE("ui repair: a pause shows its countdown on both sides; I'm ready to talk ends it") {
    UiHarness h;
    Partner sam(h);
    REQUIRE(h.click("I need a pause"));
    REQUIRE(h.shell.repair_forms().form() == RepairForm::pause);
    h.frame();
    REQUIRE(h.click("Take a pause"));
    h.settle();
    REQUIRE(state(h)->repair().open_pause(h.snapshot()->device) != nullptr);
    h.frames(2);
    CHECK(h.visible("my-pause"));
    ok_result(call(*sam.node, "pause", json::Object{{"until", node::system_now_ms() + 45 * 60'000}}));
    REQUIRE(frames_until(h, [&] { return h.visible("partner-pause"); }));
    REQUIRE(h.click("I'm ready to talk"));
    h.settle();
    CHECK(state(h)->repair().open_pause(h.snapshot()->device) == nullptr);
    h.frames(2);
    CHECK_FALSE(h.visible("my-pause"));
    CHECK(h.visible("partner-pause"));
}

TEST_CASE("ui repair: the apology composer makes a dated step my commitment; reading the partner's") {
    UiHarness h;
    Partner sam(h);
    REQUIRE(h.click("Write an apology"));
    auto& form = h.shell.repair_forms();
    REQUIRE(form.form() == RepairForm::apology);
    h.frames(2);
    h.type("I snapped at you in front of your friends");  // the first prompt has the keyboard
    form.impact = "I see it embarrassed you and made you feel small";
    form.responsibility = "I take full responsibility";
    form.steps = {{"Apologise to them too", 0}, {"Book a walk for us", 2}};
    h.frames(3);  // the modal sizes itself to the form over its first frames
    REQUIRE(h.click("Send the apology"));
    h.settle();
    CHECK_MESSAGE(form.error().empty(), form.error());
    CHECK_FALSE(form.is_open());
    CHECK(ok_result(h.call("feed", json::Object{{"kind", "apology"}})).if_array()->size() == 1);
    const auto s = state(h);
    REQUIRE(s->repair().apologies().size() == 1);
    const core::Apology& mine = s->repair().apologies()[0];
    CHECK_FALSE(mine.step_commitments[0]);
    REQUIRE(mine.step_commitments[1]);
    CHECK(s->commitment(*mine.step_commitments[1])->text == "Book a walk for us");

    const json::Value theirs = ok_result(call(
        *sam.node, "apology",
        json::Object{{"apology", json::Object{{"did", "I forgot your birthday"},
                                              {"impact", "I see it hurt"},
                                              {"responsibility", "It's on me"},
                                              {"plan", json::Array{json::Object{{"text", "Plan a dinner"}}}}}}}));
    REQUIRE(frames_until(h, [&] { return h.visible("partner-apology"); }));
    REQUIRE(h.click("I'm not ready yet"));
    h.settle();
    const core::EntryId theirs_id = *core::parse_id(*theirs.get_string("id"));
    {
        const auto after = state(h);
        const core::Apology* a = after->repair().apology(theirs_id);
        REQUIRE(a->latest_answer() != nullptr);
        CHECK_FALSE(a->latest_answer()->read);
    }
    h.frames(2);
    REQUIRE(h.click("I've read it…"));
    h.frame();
    h.type("Thank you for writing it");
    REQUIRE(h.click("I've read it"));
    h.settle();
    CHECK(state(h)->repair().apology(theirs_id)->latest_answer()->read);
    h.frames(2);
    CHECK_FALSE(h.visible("partner-apology"));
}
