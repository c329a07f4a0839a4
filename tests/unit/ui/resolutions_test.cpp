// Issue 17 item 5: Kept and Missed with care. A click starts a 10-second undo window in which
// nothing reaches the Node; Missed before the due time asks first; Missed offers a note and a new
// time; the card stays where it was until the pointer leaves it, so the next card's buttons never
// slide under the pointer.
#include <doctest/doctest.h>

#include <imgui.h>

#include "ui/keys.hpp"
#include "ui/widgets.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::ok_result;
using candor::ui::test::UiHarness;

namespace {

constexpr std::int64_t kMin = 60'000;

std::optional<ImVec2> top_left(std::string_view label, int nth = 0) {
    for (const auto& item : ui::probe::items())
        if (item.label == label && nth-- == 0) return item.min;
    return std::nullopt;
}

const core::Commitment* commitment(const UiHarness& h, const std::string& id) {
    return h.snapshot()->state->commitment(*core::parse_id(id));
}

}  // namespace

TEST_CASE("kept and missed: nothing is sent for 10 s, Undo takes it back") {
    UiHarness h;
    const std::string id = ok_result(h.call("commit", json::Object{{"text", "Call Mum"},
                                                                     {"due", node::system_now_ms() + kMin}}))
                               .get_string("id")
                               .value_or("");
    h.clock_offset_ms = 2 * kMin;  // the app's clock: it is past due now
    h.frames(2);
    const std::size_t entries = h.snapshot()->entries;
    REQUIRE(h.click("Kept"));
    h.settle();
    CHECK(h.snapshot()->entries == entries);
    CHECK(h.visible("kept · sends in 10 s"));
    CHECK(h.visible("Send now"));
    REQUIRE(h.click("Undo"));
    h.clock_offset_ms += 20'000;  // long after the window would have ended
    h.frames(3);
    h.settle();
    CHECK(h.snapshot()->entries == entries);
    CHECK(h.visible("Kept"));
    CHECK_FALSE(commitment(h, id)->final_outcome);

    // Past due, Missed needs no question; Send now sends at once.
    REQUIRE(h.click("Missed"));
    CHECK(h.visible("Want to set a new time or say what happened?"));
    REQUIRE(h.click("Send now"));
    h.settle();
    REQUIRE(commitment(h, id)->final_outcome);
    CHECK(*commitment(h, id)->final_outcome == core::Outcome::missed);
}

TEST_CASE("kept and missed: early Missed asks first, takes a note, and the list does not jump") {
    UiHarness h;
    const std::int64_t now = node::system_now_ms();
    const std::string first =
        ok_result(h.call("commit", json::Object{{"text", "Call Mum"}, {"due", now + 20 * kMin}})).get_string("id").value_or("");
    ok_result(h.call("commit", json::Object{{"text", "Buy bread"}, {"due", now + 40 * kMin}}));
    h.frames(2);
    const std::size_t entries = h.snapshot()->entries;
    const auto second_kept = top_left("Kept", 1);
    REQUIRE(second_kept);

    REQUIRE(h.click("Missed"));
    CHECK(h.visible("Missed already? You can still move the time."));
    CHECK(h.visible("Move the time"));
    CHECK(h.snapshot()->entries == entries);
    REQUIRE(h.click("Yes, missed"));
    CHECK(h.visible("Want to set a new time or say what happened?"));
    CHECK(h.visible("Set a new time instead"));
    REQUIRE(h.click("Note"));
    h.type("Phone died");
    h.press(ui::keys::enter);
    h.frames(2);
    CHECK(h.snapshot()->entries == entries);  // still in the undo window

    // The window ends while the pointer is still on the card: sent, and the card stays put.
    h.clock_offset_ms = 11'000;
    h.frames(2);
    h.settle();
    const core::Commitment* c = commitment(h, first);
    REQUIRE(c->final_outcome);
    CHECK(*c->final_outcome == core::Outcome::missed);
    CHECK(h.snapshot()->entries == entries + 1);
    const auto& story = c->story;
    CHECK(std::any_of(story.begin(), story.end(), [](const core::StoryEvent& e) { return e.note == "Phone died"; }));
    const auto kept_now = top_left("Kept");
    REQUIRE(kept_now);
    CHECK(kept_now->y == doctest::Approx(second_kept->y));  // the next card did not move up

    // Pointer away: the resolved card joins "Earlier today", and the next card moves up.
    ImGui::GetIO().MousePos = ImVec2(5, 5);
    h.frames(3);
    const auto kept_later = top_left("Kept");
    REQUIRE(kept_later);
    CHECK(kept_later->y < second_kept->y);
}
