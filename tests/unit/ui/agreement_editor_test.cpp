// The agreement editor driven like a person would (click a field, type, Ctrl+Enter) against a
// real Node, plus the draft's conversion to the proposal JSON and the change rows' words.
#include <doctest/doctest.h>
#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/agreement.hpp"
#include "ui/keys.hpp"
#include "ui/views/agreement_diff.hpp"
#include "ui/views/agreement_editor.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::test::ok_result;
using candor::ui::test::UiHarness;

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
