// Reviewing a proposal in the app with a real partner: a second Node (Sam) paired over loopback
// proposes a change to the version in force; the view lists exactly what changed, and Accept,
// Decline (with a note) and a concurrent proposal behave as the issue asks.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "node/control_protocol.hpp"
#include "ui/keys.hpp"
#include "ui/views/agreement_diff.hpp"
#include "ui/widgets.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::ok_result;
using candor::ui::test::call;
using candor::ui::test::change_labels;
using candor::ui::test::frames_until;
using candor::ui::test::Partner;
using candor::ui::test::UiHarness;

namespace {

std::size_t versions_at(node::Node& n) { return n.snapshot()->state->agreement().versions().size(); }

json::Value version_one() {
    return json::Object{
        {"title", "Our repair agreement"},
        {"commitments", json::Array{json::Object{{"by", "me"}, {"text", "Text when running more than 10 minutes late"}},
                                    json::Object{{"by", "partner"}, {"text", "Say when something I do makes you anxious"}}}},
        {"support", "Ask before giving advice"},
        {"boundaries", json::Array{json::Object{{"area", "communication"}, {"text", "Reply within a few hours"}},
                                   json::Object{{"area", "privacy"}, {"text", "Ask before reading messages"}}}},
        {"breakers", json::Array{"Lying about where I am"}},
        {"review_every_days", 30}};
}

// Sam's change, written from Sam's side ("me" is Sam).
json::Value sams_change() {
    return json::Object{
        {"title", "Our repair agreement"},
        {"commitments", json::Array{json::Object{{"by", "partner"}, {"text", "Text when running more than 15 minutes late"}},
                                    json::Object{{"by", "me"}, {"text", "Say when something I do makes you anxious"}}}},
        {"support", "Ask before giving advice"},
        {"boundaries", json::Array{json::Object{{"area", "communication"}, {"text", "Reply within two hours"}},
                                   json::Object{{"area", "social media"}, {"text", "No private chats with exes"}}}},
        {"breakers", json::Array{"Lying about where I am"}},
        {"review_every_days", 14}};
}

}  // namespace

TEST_CASE("agreement ui: reviewing Sam's change item by item, accepting it, declining the next with a note") {
    UiHarness h;
    Partner sam(h);
    // Version 1: proposed here, accepted by Sam, in force on both.
    const std::string v1 =
        ok_result(h.call("agreement.propose", json::Object{{"agreement", version_one()}})).get_string("version").value_or("");
    REQUIRE(frames_until(h, [&] { return versions_at(*sam.node) == 1; }));
    ok_result(call(*sam.node, "agreement.accept", json::Object{{"version", v1}}));
    REQUIRE(frames_until(h, [&] { return h.snapshot()->state->agreement().active() != nullptr; }));

    h.ctx.section = ui::Section::agreement;
    h.frames(2);
    CHECK(h.visible("Propose a change"));
    CHECK(h.visible("Record a review"));  // the reading view offers a review
    CHECK(change_labels().empty());

    // Sam proposes a change; the view turns to it by itself, since it waits for my answer.
    const std::string v2 = ok_result(call(*sam.node, "agreement.propose", json::Object{{"agreement", sams_change()}}))
                               .get_string("version")
                               .value_or("");
    REQUIRE(frames_until(h, [&] { return versions_at(h.node()) == 2; }));
    h.frames(2);
    const std::vector<std::string> expected = {
        "Reworded: every 30 days → every 2 weeks",
        "Reworded: Text when running more than 10 minutes late → Text when running more than 15 minutes late",
        "Reworded: Reply within a few hours → Reply within two hours",
        "Removed: Ask before reading messages",
        "Added: No private chats with exes",
    };
    CHECK(change_labels() == expected);  // unchanged items (Sam's commitment, the breaker) are not listed
    CHECK_FALSE(h.visible("Proposal A"));  // only one proposal is open
    // Sam wrote a commitment in my name: a suggestion, which I take as mine or word my way.
    CHECK(h.visible("Sam suggests a commitment for you. Accepting takes it as yours, as worded; or put it in your "
                    "own words."));
    CHECK(h.visible("Put them in my words"));
    CHECK_FALSE(h.visible("Accept"));
    REQUIRE(h.click("Accept, as mine"));
    h.settle();
    CHECK(h.visible("In force now"));  // the moment both accepted is marked
    json::Value shown = ok_result(h.call("agreement.show"));
    CHECK(shown.get_string("version") == v2);
    CHECK(shown.get_string("status") == "active");
    CHECK(change_labels().empty());  // back to reading the agreement now in force
    CHECK(h.visible("Propose a change"));

    // Sam proposes again; Alex declines with a note.
    json::Value third = sams_change();
    third.if_object()->set("breakers", json::Array{"Lying about where I am", "Hiding money"});
    const std::string v3 =
        ok_result(call(*sam.node, "agreement.propose", json::Object{{"agreement", third}})).get_string("version").value_or("");
    REQUIRE(frames_until(h, [&] { return versions_at(h.node()) == 3; }));
    h.frames(2);
    CHECK(change_labels() == std::vector<std::string>{"Added: Hiding money"});
    REQUIRE(h.click("Decline…"));
    REQUIRE(h.visible("decline note"));
    h.frames(1);
    h.type("Let's talk about money first");
    REQUIRE(h.click("Decline"));
    h.settle();
    json::Value declined = ok_result(h.call("agreement.show", json::Object{{"version", v3}}));
    CHECK(declined.get_string("status") == "declined");
    REQUIRE(declined.find("declined_by")->if_array()->size() == 1);
    CHECK(declined.find("declined_by")->if_array()->front().get_string("note") == "Let's talk about money first");
    CHECK(ok_result(h.call("agreement.show")).get_string("version") == v2);  // still in force

    // Propose a revision of Sam's proposal: the editor starts from it; unchanged, it is refused.
    REQUIRE(h.click("Propose a revision"));
    REQUIRE(h.visible("title"));
    h.press(ui::keys::enter, true);
    h.settle();
    CHECK(h.visible("title"));  // still editing: nothing changed, so nothing to propose
    CHECK(versions_at(h.node()) == 3);
    REQUIRE(h.click("title"));
    h.type(", revised");
    h.press(ui::keys::enter, true);
    h.settle();
    REQUIRE(versions_at(h.node()) == 4);
    json::Value revision = ok_result(h.call("agreement.show", json::Object{{"version", 4}}));
    CHECK(revision.get_string("parent") == v3);
    CHECK(revision.get_string("title") == "Our repair agreement, revised");
    const json::Array& breakers = *revision.find("agreement")->find("breakers")->if_array();
    CHECK(breakers.size() == 2);  // it carried Sam's proposal over, not the version in force

    // Two open proposals (Sam's and my revision): both shown, clearly labelled, neither in force.
    h.frames(2);
    CHECK(h.visible("Proposal A"));
    CHECK(h.visible("Proposal B"));
    CHECK(h.snapshot()->state->agreement().open_versions().size() == 2);
    CHECK(ok_result(h.call("agreement.show")).get_string("version") == v2);
}

TEST_CASE("agreement ui: a review recorded from the reading view sets the next date") {
    UiHarness h;
    Partner sam(h);
    const std::string v1 =
        ok_result(h.call("agreement.propose", json::Object{{"agreement", version_one()}})).get_string("version").value_or("");
    REQUIRE(frames_until(h, [&] { return versions_at(*sam.node) == 1; }));
    ok_result(call(*sam.node, "agreement.accept", json::Object{{"version", v1}}));
    REQUIRE(frames_until(h, [&] { return h.snapshot()->state->agreement().active() != nullptr; }));
    h.ctx.section = ui::Section::agreement;
    h.frames(2);
    REQUIRE(h.click("Record a review"));
    REQUIRE(h.visible("review note"));
    REQUIRE(h.visible("review date"));
    h.press(ui::keys::enter, true);  // no notes yet: refused, nothing saved
    h.settle();
    CHECK(h.snapshot()->state->agreement().reviews().empty());
    REQUIRE(h.click("review note"));
    h.type("Went well; keep the late texts");
    REQUIRE(h.click("In 2 weeks"));
    h.press(ui::keys::enter, true);
    h.settle();
    const auto& reviews = h.snapshot()->state->agreement().reviews();
    REQUIRE(reviews.size() == 1);
    CHECK(reviews[0].note == "Went well; keep the late texts");
    const std::int64_t in_two_weeks = node::system_now_ms() + 14 * 86'400'000LL;
    CHECK(reviews[0].next_review_ms > in_two_weeks - 86'400'000LL);
    CHECK(reviews[0].next_review_ms < in_two_weeks + 86'400'000LL);
    CHECK_FALSE(h.visible("review note"));  // the form closed
}
