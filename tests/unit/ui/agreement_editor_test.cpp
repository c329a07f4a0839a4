// The agreement editor driven like a person would (click a field, type, Ctrl+Enter) against a
// real Node, plus the draft's conversion to the proposal JSON and the change rows' words.
#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/agreement.hpp"
#include "core/checkin_period.hpp"
#include "core/time_format.hpp"
#include "ui/views/plan_phase.hpp"
#include "ui/widgets.hpp"
#include "ui/keys.hpp"
#include "ui/views/agreement_diff.hpp"
#include "ui/views/agreement_editor.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::ok_result;
using candor::ui::test::UiHarness;
using candor::ui::test::frames_until;

namespace {

json::Array history(UiHarness& h) {
    json::Value list = ok_result(h.call("agreement.history"));
    REQUIRE(list.if_array() != nullptr);
    return *list.if_array();
}

void open_agreement(UiHarness& h) {
    h.ctx.section = ui::Section::agreement;
    h.frames(2);
}

}  // namespace

TEST_CASE("agreement ui: the empty state invites a draft; typing a title and a commitment proposes it") {
    UiHarness h;
    open_agreement(h);
    CHECK(h.visible("Start a draft"));
    CHECK_FALSE(h.visible("title"));  // the editor is not open yet
    CHECK_FALSE(h.visible("Export to Markdown"));  // nothing to export before a version exists
    REQUIRE(h.click("Start a draft"));
    REQUIRE(h.visible("title"));
    REQUIRE(h.visible("mine 1"));
    REQUIRE(h.click("title"));
    h.type("Our repair agreement");
    REQUIRE(h.click("mine 1"));
    h.type("Text when I'm running more than 10 minutes late");
    CHECK(history(h).empty());  // private until proposed
    h.press(ui::keys::enter, true);
    h.settle();
    CHECK_FALSE(h.visible("title"));  // the editor closed

    const json::Array versions = history(h);
    REQUIRE(versions.size() == 1);
    CHECK(versions[0].get_string("title") == "Our repair agreement");
    CHECK(versions[0].get_string("status") == "proposed");
    json::Value shown = ok_result(h.call("agreement.show", json::Object{{"version", 1}}));
    const json::Value* doc = shown.find("agreement");
    REQUIRE(doc != nullptr);
    const json::Value* commitments = doc->find("commitments");
    REQUIRE(commitments != nullptr);
    REQUIRE(commitments->if_array()->size() == 1);  // blank fields were left out
    CHECK(commitments->if_array()->front().get_string("text") == "Text when I'm running more than 10 minutes late");
    CHECK(commitments->if_array()->front().get_string("by") == h.snapshot()->device_id);
    CHECK(doc->get_int("review_every_days") == 30);
    CHECK(doc->find("boundaries")->if_array()->empty());
    // The proposal is shown to its author as waiting for the partner.
    CHECK(h.visible("Propose a revision"));
    CHECK_FALSE(h.visible("Accept"));

    // Export to Markdown writes agreement.md into the data folder.
    const std::filesystem::path out = std::filesystem::path(h.snapshot()->data_dir) / "agreement.md";
    CHECK_FALSE(std::filesystem::exists(out));
    REQUIRE(h.click("Export to Markdown"));
    h.settle();
    REQUIRE(std::filesystem::exists(out));
    std::ifstream in(out);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("Our repair agreement") != std::string::npos);
}

TEST_CASE("agreement ui: a proposal without a title is refused in words and nothing is sent") {
    UiHarness h;
    open_agreement(h);
    REQUIRE(h.click("Start a draft"));
    REQUIRE(h.click("mine 1"));
    h.type("Call when I land");
    h.press(ui::keys::enter, true);
    h.settle();
    CHECK(h.visible("title"));  // still editing
    CHECK(history(h).empty());
}

TEST_CASE("agreement ui: a kept draft survives leaving the section and is proposed later") {
    UiHarness h;
    open_agreement(h);
    REQUIRE(h.click("Start a draft"));
    REQUIRE(h.click("title"));
    h.type("Our agreement");
    REQUIRE(h.click("Add a commitment"));  // a second field for me
    REQUIRE(h.visible("mine 2"));
    REQUIRE(h.click("mine 2"));
    h.type("Be home by 11 on weeknights");
    h.press(ui::keys::escape);  // keeps the draft
    CHECK_FALSE(h.visible("title"));
    h.ctx.section = ui::Section::home;
    h.frames(2);
    open_agreement(h);
    CHECK(history(h).empty());
    REQUIRE(h.click("Continue your draft"));
    REQUIRE(h.visible("mine 2"));
    h.press(ui::keys::enter, true);
    h.settle();
    const json::Array versions = history(h);
    REQUIRE(versions.size() == 1);
    CHECK(versions[0].get_string("title") == "Our agreement");
    json::Value shown = ok_result(h.call("agreement.show", json::Object{{"version", 1}}));
    const json::Array& commitments = *shown.find("agreement")->find("commitments")->if_array();
    REQUIRE(commitments.size() == 1);
    CHECK(commitments[0].get_string("text") == "Be home by 11 on weeknights");
}

TEST_CASE("agreement ui: discarding a draft forgets it") {
    UiHarness h;
    open_agreement(h);
    REQUIRE(h.click("Start a draft"));
    REQUIRE(h.click("title"));
    h.type("Draft to throw away");
    // The Discard button sits below the fold: scroll down with the mouse wheel first.
    ImGui::GetIO().MouseWheel = -40.0f;
    h.frames(2);
    REQUIRE(h.click("Discard draft"));
    CHECK(h.visible("Start a draft"));
    CHECK_FALSE(h.visible("Continue your draft"));
    CHECK(history(h).empty());
}

TEST_CASE("agreement draft: the proposal JSON speaks of me and partner and leaves blanks out") {
    ui::AgreementDraft d = ui::blank_draft();
    CHECK(d.review_every_days == 30);
    REQUIRE(d.areas.size() == 4);
    CHECK(d.areas[0].name == "communication");
    CHECK(d.areas[3].name == "substances and spending");
    d.title = "  Ours  ";
    d.mine = {"Call at lunch", "   "};
    d.partner = {"Say when worried"};
    d.areas[1].items = {"Ask before reading messages", ""};
    d.areas.push_back({"work", {"No late meetings on Fridays"}});
    d.breakers = {""};
    d.support = "Listen first\nThen ask";
    const json::Value j = ui::draft_to_json(d);
    CHECK(j.get_string("title") == "Ours");
    const json::Array& c = *j.find("commitments")->if_array();
    REQUIRE(c.size() == 2);
    CHECK(c[0].get_string("by") == "me");
    CHECK(c[1].get_string("by") == "partner");
    const json::Array& b = *j.find("boundaries")->if_array();
    REQUIRE(b.size() == 2);
    CHECK(b[0].get_string("area") == "privacy");
    CHECK(b[1].get_string("area") == "work");
    CHECK(j.find("breakers")->if_array()->empty());
    CHECK(j.get_int("review_every_days") == 30);

    // A draft from a version puts my commitments under mine and keeps the couple's own areas.
    core::AgreementDoc doc;
    core::DeviceId me{}, partner{};
    me[0] = 1;
    partner[0] = 2;
    doc.title = "T";
    doc.commitments = {{partner, "Theirs"}, {me, "Mine"}};
    doc.boundaries = {{"family", "Sunday calls"}, {"privacy", "Knock first"}};
    doc.review_every_days = 14;
    const ui::AgreementDraft back = ui::draft_from(doc, me);
    CHECK(back.mine == std::vector<std::string>{"Mine"});
    CHECK(back.partner == std::vector<std::string>{"Theirs"});
    REQUIRE(back.areas.size() == 5);
    CHECK(back.areas[1].items == std::vector<std::string>{"Knock first"});
    CHECK(back.areas[4].name == "family");
    CHECK(back.review_every_days == 14);
}

TEST_CASE("agreement diff rows: a word for every change, reworded shows before and after") {
    core::DeviceId me{}, sam{};
    me[0] = 1;
    sam[0] = 2;
    core::AgreementDoc old_doc, new_doc;
    old_doc.title = new_doc.title = "Ours";
    old_doc.commitments = {{me, "Call at lunch"}, {sam, "Say when worried"}};
    new_doc.commitments = {{me, "Call at lunch and at six"}, {sam, "Say when worried"}};
    old_doc.boundaries = {{"privacy", "Knock first"}};
    new_doc.breakers = {"Lying"};
    old_doc.review_every_days = 30;
    new_doc.review_every_days = 14;
    const auto name = [&](const core::DeviceId& id) { return std::string(id == me ? "Alex" : "Sam"); };
    const auto rows = ui::change_rows(old_doc, new_doc, name);
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].summary() == "Reworded: every 30 days → every 2 weeks");
    CHECK(rows[0].where == "Review rhythm");
    CHECK(rows[1].summary() == "Reworded: Call at lunch → Call at lunch and at six");
    CHECK(rows[1].where == "Alex's commitment");
    CHECK(rows[2].summary() == "Removed: Knock first");
    CHECK(rows[2].where == "Boundary · privacy");
    CHECK(rows[3].summary() == "Added: Lying");
    CHECK(ui::change_rows(new_doc, new_doc, name).empty());
}

namespace {

// The first label the last frame drew that starts with `prefix` (lines that end in a relative time).
std::string shown_starting(const std::string& prefix) {
    for (const auto& item : ui::probe::items())
        if (item.label.rfind(prefix, 0) == 0) return item.label;
    return "";
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A date `days` from now on this computer's clock, as the until field takes it ("2027-01-31").
std::string date_in(std::int64_t now, int days) {
    const std::int64_t at = now + days * 86'400'000LL;
    return core::format_iso8601(at, node::local_utc_offset_minutes(at)).substr(0, 10);
}

void replace_text(UiHarness& h, const char* field, const std::string& text) {
    REQUIRE(h.scroll_to(field));
    REQUIRE(h.click(field));
    h.select_all();
    h.type(text);
    h.frames(1);  // what it came to is drawn the frame after
}

}  // namespace

TEST_CASE("agreement ui: a plan with two phases and a time to talk, proposed, accepted by Sam, followed on Home") {
    UiHarness h;
    ui::test::Partner sam(h);
    const std::int64_t now = node::system_now_ms();
    open_agreement(h);
    REQUIRE(h.click("Start a draft"));
    REQUIRE(h.click("title"));
    h.type("Our plan");
    REQUIRE(h.scroll_to("add phase"));
    REQUIRE(h.click("add phase"));
    REQUIRE(h.click("an update when leaving or arriving anywhere"));  // a suggestion fills the field
    REQUIRE(h.scroll_to("add phase"));
    REQUIRE(h.click("add phase"));
    CHECK(h.visible("phase 1 until"));          // the first phase now ends (a month by default)
    CHECK_FALSE(h.visible("phase 1 from then on"));
    CHECK(h.visible("phase 2 from then on"));   // the last one runs from then on
    REQUIRE(h.scroll_to("phase 2 expects"));
    REQUIRE(h.click("as we like", 1));          // phase 2's suggestions
    replace_text(h, "phase 1 until", date_in(now, 20));
    REQUIRE(h.scroll_to("retire figures"));
    REQUIRE(h.click("retire figures"));
    // A weekly time to talk, tomorrow's weekday so it is never "now" while the test runs.
    const int offset = node::local_utc_offset_minutes(now);
    const int tomorrow = core::day_of_week(core::local_day(now, offset) + 1);
    REQUIRE(h.scroll_to("add talk time"));
    REQUIRE(h.click("add talk time"));
    REQUIRE(h.scroll_to("time 1 at"));
    REQUIRE(h.click(core::weekday_name(tomorrow)));
    replace_text(h, "time 1 at", "20:30");
    CHECK(shown_starting("Not a date").empty());
    CHECK(shown_starting("Write the time").empty());
    h.press(ui::keys::enter, true);
    h.settle();
    CHECK_FALSE(h.visible("title"));  // proposed: the editor closed

    json::Value shown = ok_result(h.call("agreement.show", json::Object{{"version", 1}}));
    const json::Value& plan = (*shown.find("agreement"))["transparency_plan"];
    REQUIRE(plan["phases"].if_array() != nullptr);
    REQUIRE(plan["phases"].if_array()->size() == 2);
    CHECK(plan["phases"][0].get_string("expects") == "an update when leaving or arriving anywhere");
    CHECK(plan["phases"][0].get_string("until")->substr(0, 16) == date_in(now, 20) + "T00:00");
    CHECK(plan["phases"][1].get_string("expects") == "as we like");
    CHECK(plan["phases"][1]["until"].is_null());
    CHECK(plan["retire_figures"].if_bool() != nullptr);
    CHECK(*plan["retire_figures"].if_bool());
    const json::Value& talk = (*shown.find("agreement"))["talk_times"];
    REQUIRE(talk.if_array() != nullptr);
    REQUIRE(talk.if_array()->size() == 1);
    CHECK(talk[0].get_int("minutes") == 45);
    CHECK(talk[0].get_string("at") == "20:30");

    // Sam accepts on the other computer: the plan is in force, and Home follows it.
    const std::string v1 = *shown.get_string("version");
    REQUIRE(frames_until(h, [&] { return sam.node->snapshot()->state->agreement().versions().size() == 1; }));
    ok_result(ui::test::call(*sam.node, "agreement.accept", json::Object{{"version", v1}}));
    REQUIRE(frames_until(h, [&] { return h.snapshot()->state->agreement().active() != nullptr; }));
    h.ctx.section = ui::Section::home;
    h.frames(3);
    CHECK(h.visible("This phase of your plan asks for an update when leaving or arriving anywhere, " +
                    ui::until_words(date_in(now, 20) + "T00:00") + "."));
    const std::string next = shown_starting("Your next time to talk about it: ");
    CHECK(next.rfind(std::string("Your next time to talk about it: ") + core::weekday_name(tomorrow) + " 20:30 (in ", 0) == 0);

    // The export has the plan and the time in words.
    open_agreement(h);
    REQUIRE(h.click("Export to Markdown"));
    h.settle();
    const std::string md = read_file(std::filesystem::path(h.snapshot()->data_dir) / "agreement.md");
    CHECK(md.find("#### Transparency plan") != std::string::npos);
    CHECK(md.find("- as we like — from then on") != std::string::npos);
    CHECK(md.find(std::string("- ") + core::weekday_name(tomorrow) + " 20:30 for 45 min") != std::string::npos);

    // Sam proposes the last phase in other words: the review names the change in words.
    const json::Object change{
        {"title", "Our plan"},
        {"transparency_plan",
         json::Object{{"phases", json::Array{json::Object{{"expects", "an update when leaving or arriving anywhere"},
                                                          {"until", *plan["phases"][0].get_string("until")}},
                                             json::Object{{"expects", "only when plans change"}, {"until", nullptr}}}},
                      {"retire_figures", true}}},
        {"talk_times", talk}};
    ok_result(ui::test::call(*sam.node, "agreement.propose", json::Object{{"agreement", change}}));
    REQUIRE(frames_until(h, [&] { return h.snapshot()->state->agreement().versions().size() == 2; }));
    h.frames(3);
    CHECK(ui::test::change_labels() ==
          std::vector<std::string>{"Reworded: as we like, from then on → only when plans change, from then on"});
}

TEST_CASE("agreement ui: a date or length the plan cannot take is pointed out, nothing is sent, the text stays") {
    UiHarness h;
    open_agreement(h);
    REQUIRE(h.click("Start a draft"));
    REQUIRE(h.click("title"));
    h.type("Ours");
    REQUIRE(h.scroll_to("add phase"));
    REQUIRE(h.click("add phase"));
    REQUIRE(h.scroll_to("add phase"));
    REQUIRE(h.click("add phase"));
    replace_text(h, "phase 1 until", "31/01/2027");
    CHECK(h.scroll_to("Not a date yet: write it like 2027-01-31."));  // as it is typed
    CHECK_FALSE(h.visible("phase 1 expects problem"));        // a blank is pointed out only once proposing
    REQUIRE(h.scroll_to("add talk time"));
    REQUIRE(h.click("add talk time"));
    replace_text(h, "time 1 minutes", "5");
    CHECK(h.scroll_to("A time to talk lasts 15 to 180 minutes."));
    h.press(ui::keys::enter, true);
    h.settle();
    CHECK(h.visible("title"));  // still editing, nothing proposed
    CHECK(history(h).empty());
    CHECK(h.scroll_to("Say what this phase asks for, or remove it."));
    CHECK(h.scroll_to("Part of the transparency plan or the times to talk needs a look first: see the notes in red above."));
    CHECK(h.scroll_to("Not a date yet: write it like 2027-01-31."));

    // Esc keeps the draft as typed, on this computer too.
    h.press(ui::keys::escape);
    h.settle();
    h.frames(2);
    h.settle();
    const std::string saved = read_file(std::filesystem::path(h.snapshot()->data_dir) / "draft-agreement.json");
    CHECK(saved.find("31/01/2027") != std::string::npos);
    REQUIRE(h.click("Continue your draft"));
    REQUIRE(h.scroll_to("phase 1 until"));
    CHECK(h.scroll_to("Not a date yet: write it like 2027-01-31."));

    // Fixed, it goes: the Node takes what the editor accepted.
    replace_text(h, "phase 1 until", "2027-01-31");
    REQUIRE(h.click("only when plans change"));
    REQUIRE(h.scroll_to("phase 2 expects"));
    REQUIRE(h.click("as we like", 1));
    replace_text(h, "time 1 minutes", "60");
    h.press(ui::keys::enter, true);
    h.settle();
    REQUIRE(history(h).size() == 1);
}
