// Choices a couple shares, and names that outlive a pairing. Real Nodes paired over loopback:
// hiding the figures on one computer hides them on both, says who chose it, and either can undo
// it; after unpairing, the former partner's entries keep their name (also across a restart).
#include <doctest/doctest.h>

#include <thread>

#include "in_process.hpp"

using namespace candor;
using namespace candor::node;
using namespace candor::node::test;
using namespace std::chrono_literals;

namespace {

bool eventually(const std::function<bool()>& done) {
    for (int i = 0; i < 400; ++i) {
        if (done()) return true;
        std::this_thread::sleep_for(25ms);
    }
    return done();
}

std::string first_author_name(Node& node) {
    const auto feed = call(node, control::cmd::kFeed);
    const json::Array* entries = feed.result.if_array();
    if (!entries || entries->empty()) return "";
    return (*entries)[0].get_string("author_name").value_or("");
}

}  // namespace

TEST_CASE("couple choice: hiding the figures on one computer hides them on both, and either can undo it") {
    TempDir tmp;
    auto alex = start_node(tmp.path() / "alex", "Alex");
    auto sam = start_node(tmp.path() / "sam", "Sam");
    pair_nodes(*alex, *sam);
    CHECK_FALSE(alex->snapshot()->figures_hidden());
    CHECK_FALSE(sam->snapshot()->figures_hidden());

    const auto hid = call(*alex, control::cmd::kSettings, {{"hide_figures", true}});
    REQUIRE_MESSAGE(hid.ok, hid.error);
    CHECK(hid.result.get_bool("hide_figures") == true);
    CHECK(hid.result.get_string("hide_figures_by") == std::optional<std::string>("Alex"));
    CHECK(alex->snapshot()->figures_hidden());
    REQUIRE(eventually([&] { return sam->snapshot()->figures_hidden(); }));
    // Sam's settings answer says so too, and names who chose it.
    const auto sams = call(*sam, control::cmd::kSettings);
    CHECK(sams.result.get_bool("hide_figures") == true);
    CHECK(sams.result.get_string("hide_figures_by") == std::optional<std::string>("Alex"));

    // Asking for what already holds posts nothing.
    const auto entries = alex->snapshot()->entries;
    REQUIRE(call(*alex, control::cmd::kSettings, {{"hide_figures", true}}).ok);
    CHECK(alex->snapshot()->entries == entries);

    // Sam shows them again: on both.
    REQUIRE(call(*sam, control::cmd::kSettings, {{"hide_figures", false}}).ok);
    CHECK_FALSE(sam->snapshot()->figures_hidden());
    REQUIRE(eventually([&] { return !alex->snapshot()->figures_hidden(); }));
    CHECK(call(*alex, control::cmd::kSettings).result.get_string("hide_figures_by") == std::optional<std::string>("Sam"));
}

TEST_CASE("former partner: after unpairing, their entries keep their name, also after a restart") {
    TempDir tmp;
    const auto alex_dir = tmp.path() / "alex";
    auto alex = start_node(alex_dir, "Alex");
    auto sam = start_node(tmp.path() / "sam", "Sam");
    pair_nodes(*alex, *sam);
    REQUIRE(call(*sam, control::cmd::kUpdate, {{"text", "at the gym until 7"}}).ok);
    REQUIRE(eventually([&] { return alex->snapshot()->entries == 1; }));
    CHECK(first_author_name(*alex) == "Sam");

    const std::string sam_id = sam->snapshot()->device_id;
    REQUIRE(call(*alex, control::cmd::kUnpair, {{"device_id", sam_id}}).ok);
    CHECK(alex->snapshot()->peers.empty());
    CHECK(first_author_name(*alex) == "Sam");
    CHECK(alex->snapshot()->name_of(sam->snapshot()->device) == "Sam");

    alex.reset();
    alex = start_node(alex_dir, "Alex");
    CHECK(first_author_name(*alex) == "Sam");
    // Sam's side was told, and keeps Alex's name the same way.
    REQUIRE(eventually([&] { return sam->snapshot()->peers.empty(); }));
    CHECK(sam->snapshot()->name_of(alex->snapshot()->device) == "Alex");
}
