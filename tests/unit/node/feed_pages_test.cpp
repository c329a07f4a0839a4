// A feed larger than one control message (4 MiB): the Node answers it in pages with a cursor,
// and `candor feed --json --limit N` gives all N, newest first, each once. A real Node with its
// control socket and the real `candor` binary.
#include <doctest/doctest.h>

#include <set>

#include "in_process.hpp"

using namespace candor;
using namespace candor::node;
using namespace candor::node::test;

namespace {

constexpr int kEntries = 2200;  // × ~2.3 KB of JSON each: well over 4 MiB

std::unique_ptr<Node> start_with_socket(const std::filesystem::path& dir) {
    NodeOptions options;
    options.data_dir = dir;
    options.port = 0;
    options.discovery = false;
    options.name = "Alex";
    auto node = Node::start(std::move(options));
    REQUIRE_MESSAGE(node.ok(), (node.ok() ? std::string() : node.message()));
    return std::move(*node);
}

}  // namespace

TEST_CASE("feed pages: beyond one control message, every entry once, newest first, --limit as said") {
    TempDir tmp;
    const auto dir = tmp.path() / "alex";
    auto node = start_with_socket(dir);
    const std::string filler(1900, 'x');
    for (int i = 0; i < kEntries; ++i) {
        REQUIRE(call(*node, control::cmd::kUpdate, {{"text", std::to_string(i) + " " + filler}}).ok);
    }

    // In pages: each well under a control message, the cursor continues where the page ended.
    std::vector<std::string> ids;
    std::optional<std::string> before;
    int pages = 0;
    for (;;) {
        json::Object args{{"page", true}, {"limit", 1'000'000}};
        if (before) args.set("before", *before);
        const auto page = call(*node, control::cmd::kFeed, std::move(args));
        REQUIRE_MESSAGE(page.ok, page.error);
        ++pages;
        const json::Array& entries = *page.result.find("entries")->if_array();
        CHECK(json::write(page.result).size() < (control::kMaxMessageBytes / 2));
        for (const json::Value& e : entries) ids.push_back(e.get_string("id").value_or(""));
        before = page.result.get_string("next");
        if (!before) break;
        CHECK(*before == ids.back());
    }
    CHECK(pages >= 5);
    CHECK(ids.size() == kEntries);
    CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == kEntries);

    // The CLI: all of them with --limit large enough, exactly N with --limit N.
    const ProcessResult all = run_cli(CANDOR_BINARY, dir, {"feed", "--limit", "100000"});
    REQUIRE_MESSAGE(all.status == 0, all.err);
    CHECK(all.out.size() > control::kMaxMessageBytes);
    auto parsed = json::parse(all.out, json::ParseLimits{64u << 20, 64});
    REQUIRE_MESSAGE(parsed.ok(), parsed.message());
    const json::Array& list = *parsed->if_array();
    REQUIRE(list.size() == kEntries);
    CHECK(list.front().get_string("text") == std::to_string(kEntries - 1) + " " + filler);  // newest first
    CHECK(list.back().get_string("text") == "0 " + filler);
    for (std::size_t i = 0; i < list.size(); ++i) CHECK(list[i].get_string("id") == ids[i]);

    const ProcessResult some = run_cli(CANDOR_BINARY, dir, {"feed", "--limit", "1234"});
    REQUIRE(some.status == 0);
    auto few = json::parse(some.out, json::ParseLimits{64u << 20, 64});
    REQUIRE(few.ok());
    CHECK(few->if_array()->size() == 1234);
    const ProcessResult kinds = run_cli(CANDOR_BINARY, dir, {"feed", "--kind", "commitment", "--limit", "100000"});
    REQUIRE(kinds.status == 0);
    CHECK(kinds.out == "[]\n");
    // The table too (it waits for every page).
    const ProcessResult table = run_cli(CANDOR_BINARY, dir, {"feed", "--limit", "3000"}, false);
    REQUIRE(table.status == 0);
    CHECK(std::count(table.out.begin(), table.out.end(), '\n') == kEntries);
}
