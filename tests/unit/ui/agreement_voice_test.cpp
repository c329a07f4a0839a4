// The agreement in each person's own voice, with a real partner Node over loopback: what I write
// for Sam is a suggestion Sam takes as their own or rewords (and Sam's rewording is then Sam's,
// not a suggestion from Sam to me); the moment both accept is marked on both screens; the
// "support" text is reviewed line by line; hiding the figures is a choice both see.
#include <doctest/doctest.h>

#include "ui/widgets.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::call;
using candor::ui::test::change_labels;
using candor::ui::test::frames_until;
using candor::ui::test::ok_result;
using candor::ui::test::Partner;
using candor::ui::test::UiHarness;

namespace {

json::Value doc(const std::string& mine, const std::string& partners, const std::string& support) {
    return json::Object{{"title", "Our agreement"},
                        {"commitments", json::Array{json::Object{{"by", "me"}, {"text", mine}},
                                                    json::Object{{"by", "partner"}, {"text", partners}}}},
                        {"support", support},
                        {"review_every_days", 30}};
}

}  // namespace

TEST_CASE("agreement voice: my suggestion for Sam, Sam's own words back, In force now, support by line") {
    UiHarness h;
    Partner sam(h);
    h.resize(1280, 2000);  // both open proposals without scrolling
    h.ctx.section = ui::Section::agreement;
    // I propose: my own commitment, and one I suggest for Sam.
    const std::string v1 = ok_result(h.call("agreement.propose",
                                            json::Object{{"agreement", doc("Text when I'm more than 10 minutes late",
                                                                           "Say when something I do makes you anxious",
                                                                           "Listen first\nAsk before advising")}}))
                               .get_string("version")
                               .value_or("");
    h.frames(3);
    CHECK(h.visible("You suggest a commitment for Sam. Sam takes it as their own or puts it in their own words."));
    CHECK(h.visible("suggested by Alex"));  // beside the one commitment written in Sam's name

    // Sam puts it in their own words (a revision: Sam's wording is Sam's own) and changes one
    // line of the support text.
    REQUIRE(frames_until(h, [&] { return sam.node->snapshot()->state->agreement().versions().size() == 1; }));
    json::Value sams = doc("Say when something you do makes me anxious", "Text when I'm more than 10 minutes late",
                           "Listen first, all the way\nAsk before advising");
    // From Sam's side "me" is Sam: swap the roles back.
    sams.if_object()->set("commitments",
                          json::Array{json::Object{{"by", "me"}, {"text", "Say when something you do makes me anxious"}},
                                      json::Object{{"by", "partner"}, {"text", "Text when I'm more than 10 minutes late"}}});
    const std::string v2 =
        ok_result(call(*sam.node, "agreement.propose", json::Object{{"agreement", sams}, {"parent", v1}}))
            .get_string("version")
            .value_or("");
    REQUIRE(frames_until(h, [&] { return h.snapshot()->state->agreement().versions().size() == 2; }));
    h.frames(3);
    // My commitment, carried over word for word from my version, is mine: no suggestion for me.
    CHECK_FALSE(h.visible("Put them in my words"));
    CHECK(h.visible("Accept"));
    CHECK_FALSE(h.visible("Accept, as mine"));
    REQUIRE(h.click("Accept"));
    h.settle();
    REQUIRE(h.snapshot()->state->agreement().active() != nullptr);
    CHECK(core::to_hex(h.snapshot()->state->agreement().active()->id) == v2);
    CHECK(h.visible("In force now"));

    // A change to one line of the support text is one row, not the whole block reworded.
    json::Value next = doc("Text when I'm more than 10 minutes late", "Say when something you do makes me anxious",
                           "Listen first, all the way\nAsk before advising\nA hug when I get home");
    REQUIRE(ok_result(h.call("agreement.propose", json::Object{{"agreement", next}})).find("version"));
    h.ctx.section = ui::Section::agreement;
    REQUIRE(frames_until(h, [&] { return h.visible("Proposals (1)###proposals"); }));
    REQUIRE(h.click("Proposals"));
    h.frames(3);
    CHECK(change_labels() == std::vector<std::string>{"Added: A hug when I get home"});
}

TEST_CASE("figures: hiding them in Settings hides them on both computers and says who chose it") {
    UiHarness h;
    Partner sam(h);
    h.resize(1280, 2000);  // the whole Settings page without scrolling
    h.ctx.section = ui::Section::settings;
    h.frames(3);
    REQUIRE(h.click("Hide the figures, for both of us"));
    h.settle();
    CHECK(h.snapshot()->figures_hidden());
    REQUIRE(frames_until(h, [&] { return sam.node->snapshot()->figures_hidden(); }));
    REQUIRE(h.snapshot()->state->choice(core::kChoiceHideFigures) != nullptr);
    CHECK(h.snapshot()->state->choice(core::kChoiceHideFigures)->by == h.snapshot()->device);
    // Sam shows them again; my screen follows.
    ok_result(call(*sam.node, "settings", json::Object{{"hide_figures", false}}));
    REQUIRE(frames_until(h, [&] { return !h.snapshot()->figures_hidden(); }));
}
