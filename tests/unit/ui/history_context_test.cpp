// Issue 17 item 9: history with context. Lines that refer to something name it, search finds a
// commitment's resolutions with it, notifications say which commitment or version, and a declined
// proposal is not counted as one waiting.
#include <doctest/doctest.h>

#include <algorithm>

#include "node/notices.hpp"
#include "ui/widgets.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::call;
using candor::ui::test::frames_until;
using candor::ui::test::ok_result;
using candor::ui::test::Partner;
using candor::ui::test::UiHarness;

namespace {

constexpr std::int64_t kMin = 60'000;

bool shown_starting(std::string_view prefix) {
    const auto& items = ui::probe::items();
    return std::any_of(items.begin(), items.end(), [&](const ui::probe::ItemRect& i) { return i.label.rfind(prefix, 0) == 0; });
}

std::string title_of(UiHarness& h, const std::string& id) {
    const auto snap = h.snapshot();
    const core::FeedEntry* fe = snap->state->find(*core::parse_id(id));
    REQUIRE(fe != nullptr);
    return node::notice_for(*fe, *snap, node::system_now_ms()).title;
}

json::Value agreement(const char* support) {
    return json::Object{{"title", "Our agreement"},
                        {"commitments", json::Array{json::Object{{"by", "me"}, {"text", "Text when I'm late"}}}},
                        {"support", support},
                        {"review_every_days", 30}};
}

}  // namespace

TEST_CASE("history: Missed and New time name their commitment, and searching it finds them") {
    UiHarness h;
    const std::string id = ok_result(h.call("commit", json::Object{{"text", "Call Mum"},
                                                                     {"due", node::system_now_ms() + 30 * kMin}}))
                               .get_string("id")
                               .value_or("");
    ok_result(h.call("update", json::Object{{"text", "At the gym"}}));
    ok_result(h.call("renegotiate", json::Object{{"id", id}, {"due", node::system_now_ms() + 90 * kMin}}));
    const std::string missed = ok_result(h.call("miss", json::Object{{"id", id}})).get_string("id").value_or("");
    CHECK(title_of(h, missed) == "Alex missed \u201cCall Mum\u201d");
    h.ctx.section = ui::Section::history;
    h.frames(2);
    REQUIRE(h.click("Search"));
    h.type("call mum");
    h.frames(2);
    CHECK(shown_starting("Missed: Call Mum"));
    CHECK(shown_starting("New time for Call Mum: "));
    CHECK(shown_starting("Call Mum"));  // the commitment itself
    CHECK_FALSE(shown_starting("At the gym"));
}

TEST_CASE("history: Sam accepted version 1 of your agreement; a declined proposal is not counted") {
    UiHarness h;
    Partner sam(h);
    const std::string v1 = ok_result(h.call("agreement.propose", json::Object{{"agreement", agreement("Ask first")}}))
                               .get_string("version")
                               .value_or("");
    REQUIRE(frames_until(h, [&] { return sam.node->snapshot()->state->agreement().versions().size() == 1; }));
    const std::string accepted =
        ok_result(call(*sam.node, "agreement.accept", json::Object{{"version", v1}})).get_string("id").value_or("");
    REQUIRE(frames_until(h, [&] { return h.snapshot()->state->find(*core::parse_id(accepted)) != nullptr; }));
    CHECK(title_of(h, accepted) == "Sam accepted version 1 of your agreement");
    {  // that acceptance brought it into force: the notification marks the moment
        const auto snap = h.snapshot();
        const auto notice = node::notice_for(*snap->state->find(*core::parse_id(accepted)), *snap, node::system_now_ms());
        CHECK(notice.body == "In force now: you have both accepted it.");
    }

    const std::string v2 = ok_result(h.call("agreement.propose", json::Object{{"agreement", agreement("Listen first")}}))
                               .get_string("version")
                               .value_or("");
    h.ctx.section = ui::Section::agreement;
    h.frames(3);
    CHECK(h.visible("Proposals (1)###proposals"));
    REQUIRE(frames_until(h, [&] { return sam.node->snapshot()->state->agreement().versions().size() == 2; }));
    ok_result(call(*sam.node, "agreement.decline", json::Object{{"version", v2}, {"note", "Not yet"}}));
    REQUIRE(frames_until(h, [&] { return h.visible("Proposals###proposals"); }));
    CHECK_FALSE(h.visible("Proposals (1)###proposals"));
}
