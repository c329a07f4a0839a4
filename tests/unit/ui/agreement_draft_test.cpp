// The agreement draft is kept on this device (draft-agreement.json) until it is proposed; what
// is wrong with its plan and times is found by the Node's rules; the plan's changes in words.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/agreement.hpp"
#include "core/time_format.hpp"
#include "node/agreement_json.hpp"
#include "node/plan_json.hpp"
#include "ui/keys.hpp"
#include "ui/views/agreement_diff.hpp"
#include "ui/views/agreement_draft.hpp"
#include "ui/views/agreement_draft_store.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::UiHarness;

namespace {

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("agreement ui: an unfinished draft is saved on this device, comes back, and is gone once proposed") {
    UiHarness h;
    const std::filesystem::path file = std::filesystem::path(h.snapshot()->data_dir) / "draft-agreement.json";
    h.ctx.section = ui::Section::agreement;
    h.frames(2);
    REQUIRE(h.click("Start a draft"));
    REQUIRE(h.click("title"));
    h.type("Keep me safe");
    h.press(ui::keys::escape);  // closes the editor, keeping the draft
    h.settle();
    h.frames(2);
    h.settle();
    REQUIRE(std::filesystem::exists(file));
    CHECK(read_text(file).find("Keep me safe") != std::string::npos);
    CHECK((std::filesystem::status(file).permissions() & std::filesystem::perms::others_read) ==
          std::filesystem::perms::none);

    // What a fresh start of the app does: load the draft into an empty editor.
    ui::AgreementEditor editor;
    ui::DraftStore store;
    store.sync(h.ctx, editor);
    h.settle();
    h.frames(1);
    REQUIRE(editor.has_draft());
    CHECK(editor.saved_draft()->title == "Keep me safe");

    // Proposing it removes the saved draft.
    REQUIRE(h.click("Continue your draft"));
    h.frames(1);
    REQUIRE(h.click("mine 1"));
    h.type("Say when I need a break");
    h.press(ui::keys::enter, true);
    h.settle();
    h.frames(2);
    h.settle();
    CHECK_FALSE(std::filesystem::exists(file));
}

TEST_CASE("agreement ui: the draft's own JSON keeps half-written items as typed") {
    ui::AgreementDraft d = ui::blank_draft();
    d.title = "Ours";
    d.mine = {"one", ""};
    d.areas.push_back({"our own", {"x"}});
    d.review_every_days = 14;
    d.phases = {{"an update when leaving or arriving anywhere", "31/01", false}, {"", "", true}};  // half-written
    d.retire_figures = true;
    d.talk_times = {{2, "7pm", 5}};
    const auto back = ui::draft_from_state_json(ui::draft_to_state_json(d));
    REQUIRE(back.has_value());
    CHECK(*back == d);
    CHECK_FALSE(ui::draft_from_state_json(json::Value(42)).has_value());
}

TEST_CASE("agreement draft: the plan's and the times' problems are the Node's rules, beside their fields") {
    const core::TimeContext time = core::fixed_time_context(1'790'000'000'000, 60);
    ui::AgreementDraft d = ui::blank_draft();
    CHECK_FALSE(ui::draft_problems(d, time).any());  // no plan, no times: nothing to say
    d.phases = {{"an update when leaving or arriving anywhere", "2027-03-01", false},
                {"only when plans change", "2027-02-01", false},
                {std::string(node::kMaxPhaseText + 1, 'x'), "", true}};
    d.talk_times = {{6, "24:00", 45}, {2, "7pm", 200}};
    ui::DraftProblems p = ui::draft_problems(d, time);
    REQUIRE(p.until.size() == 3);
    CHECK(p.until[0].text.empty());
    CHECK(p.until[1].text == "This phase has to end after phase 1 (2027-03-01).");
    CHECK(p.until[2].text.empty());  // the last runs from then on
    CHECK(p.expects[2].text == "This text is too long (at most 500 bytes).");
    CHECK(p.at[0].text == "The time of day runs from 00:00 to 23:59.");
    CHECK(p.at[1].text == "Write the time of day like 19:00.");
    CHECK(p.minutes[0].text.empty());
    CHECK(p.minutes[1].text == "A time to talk lasts 15 to 180 minutes.");

    // Blank parts are marked as such (the editor points them out once a proposal is tried).
    d.phases = {{"", "", false}, {"as we like", "", true}};
    d.talk_times = {{6, "", 45}};
    p = ui::draft_problems(d, time);
    CHECK(p.expects[0].text == "Say what this phase asks for, or remove it.");
    CHECK(p.expects[0].blank);
    CHECK(p.until[0].text == "Give this phase an end: only the last one can run from then on.");
    CHECK(p.until[0].blank);
    CHECK(p.at[0].blank);
    // "from then on" counts only for the last phase.
    d.phases = {{"a", "", true}, {"b", "2027-01-01", false}};
    d.talk_times.clear();
    p = ui::draft_problems(d, time);
    CHECK_FALSE(p.until[0].text.empty());
    CHECK(p.until[1].text.empty());
    // A plan the editor accepts is one the Node accepts, and a draft from it proposes it unchanged.
    d.phases = {{"an update when leaving or arriving anywhere", "2027-01-31", false}, {"as we like", "", true}};
    d.retire_figures = true;
    d.talk_times = {{2, "20:30", 30}};
    CHECK_FALSE(ui::draft_problems(d, time).any());
    d.title = "Ours";
    core::DeviceId me{};
    me[0] = 1;
    auto doc = node::agreement_from_proposal(ui::draft_to_json(d), node::AgreementPeople{me, std::nullopt});
    REQUIRE(doc.ok());
    REQUIRE(doc->plan.phases.size() == 2);
    CHECK(doc->plan.phases[0].expects == "an update when leaving or arriving anywhere");
    CHECK(doc->plan.phases[1].until_ms == 0);
    CHECK(doc->plan.retire_figures);
    CHECK(doc->talk_times == std::vector<core::TalkTime>{{2, 20 * 60 + 30, 30}});
    const ui::AgreementDraft again = ui::draft_from(*doc, me);
    CHECK(again.phases == d.phases);  // midnight on this computer's clock reads back as the date
    CHECK(again.talk_times == d.talk_times);
    auto doc_again = node::agreement_from_proposal(ui::draft_to_json(again), node::AgreementPeople{me, std::nullopt});
    REQUIRE(doc_again.ok());
    CHECK(core::diff_agreements(*doc, *doc_again).empty());
}

TEST_CASE("agreement draft: a new phase runs from then on and the one before it gets an end; moving keeps the dates") {
    const std::int64_t now = 1'790'000'000'000;
    const core::TimeContext time = core::fixed_time_context(now, 0);
    ui::AgreementDraft d;
    ui::add_phase(d, time);
    REQUIRE(d.phases.size() == 1);
    CHECK(d.phases[0].from_then_on);
    d.phases[0].expects = "first";
    ui::add_phase(d, time);
    CHECK_FALSE(d.phases[0].from_then_on);
    CHECK(d.phases[0].until == core::format_iso8601(now + 30 * 86'400'000LL, 0).substr(0, 10));
    CHECK(d.phases[1].from_then_on);
    d.phases[1].expects = "second";
    ui::move_phase(d, 1, 0);
    CHECK(d.phases[0].expects == "second");
    CHECK(d.phases[1].expects == "first");
    CHECK(d.phases[1].from_then_on);  // the dates stayed in their places
    CHECK(ui::until_time_text(" 2027-01-31 ") == "2027-01-31T00:00");
    CHECK(ui::until_time_text("2027-01-31T18:00+01:00") == "2027-01-31T18:00+01:00");
}

TEST_CASE("agreement diff rows: the plan's phases, retiring the figures and the times to talk, in words") {
    core::AgreementDoc old_doc, new_doc;
    old_doc.title = new_doc.title = "Ours";
    const core::TimeContext utc = core::fixed_time_context(0, 0);
    new_doc.plan.phases = {{"an update when leaving work", *core::parse_iso8601("2027-01-31T00:00Z", utc), 0},
                           {"only when plans change", *core::parse_iso8601("2027-03-01T18:30Z", utc), 0},
                           {"as we like", 0, 0}};
    new_doc.plan.retire_figures = true;
    new_doc.talk_times = {{6, 19 * 60, 45}};
    const auto name = [](const core::DeviceId&) { return std::string("Alex"); };
    const auto rows = ui::change_rows(old_doc, new_doc, name);
    std::vector<std::string> summaries;
    for (const auto& r : rows) summaries.push_back(r.summary());
    CHECK(summaries == std::vector<std::string>{"Added: an update when leaving work, until 31 January 2027",
                                                "Added: only when plans change, until 1 March 2027, 18:30",
                                                "Added: as we like, from then on",
                                                "Added: When the last phase begins, the figures and charts retire for good",
                                                "Added: Sunday 19:00 for 45 min"});
    CHECK(rows[0].where == "Transparency plan · a phase");
    CHECK(rows[4].where == "A time to talk about it");
    const auto back = ui::change_rows(new_doc, old_doc, name);
    CHECK(back[3].summary() == "Removed: When the last phase begins, the figures and charts retire for good");
}
