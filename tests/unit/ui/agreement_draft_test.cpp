// The agreement draft is kept on this device (draft-agreement.json) until it is proposed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "ui/keys.hpp"
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
    const auto back = ui::draft_from_state_json(ui::draft_to_state_json(d));
    REQUIRE(back.has_value());
    CHECK(*back == d);
    CHECK_FALSE(ui::draft_from_state_json(json::Value(42)).has_value());
}
