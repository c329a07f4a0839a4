// The agreement end to end with two real `candor serve` processes driven through the CLI: A
// proposes from a JSON file, B sees it in `agreement history --json` and accepts, both `agreement
// show --json` agree; a malformed file exits 1 naming its line and field; two proposals made
// while the devices were apart are both shown after reconnecting, and accepting one supersedes
// the other on both sides.
#include <doctest/doctest.h>

#include <csignal>
#include <fstream>
#include <functional>
#include <memory>
#include <thread>

#include "cli_device.hpp"

using namespace candor;
using namespace candor::node::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {


std::size_t versions(const CliDevice& d) { return d.ok({"agreement", "history"}).if_array()->size(); }

const json::Value* version_in(const json::Value& history, const std::string& id) {
    for (const json::Value& v : *history.if_array())
        if (v.get_string("version") == id) return &v;
    return nullptr;
}

}  // namespace

TEST_CASE("e2e agreement: propose from a file, accept on the other device, resolve concurrent proposals") {
    PairedCli pair;
    CliDevice& a = pair.a;
    CliDevice& b = pair.b;
    const TempDir& tmp = pair.tmp;
    const json::Value& joined = pair.joined;
    const std::string id_a = *a.ok({"status"}).get_string("device_id");
    const std::string id_b = *b.ok({"status"}).get_string("device_id");
    CHECK(joined.get_string("device_id") == id_a);

    // A malformed file is refused by the CLI with its line and field; nothing reaches the Node.
    const fs::path bad = write_file(tmp.path() / "bad.json",
                                    "{\n  \"title\": \"ours\",\n  \"commitments\": [\n    {\"by\": \"them\", \"text\": \"x\"}\n  ]\n}\n");
    const ProcessResult refused = a.cli({"agreement", "propose", "--file", bad.string()});
    CHECK(refused.status == 1);
    CHECK(refused.err.find("line 4") != std::string::npos);
    CHECK(refused.err.find("commitments[0].by") != std::string::npos);
    CHECK(versions(a) == 0);

    // A proposes; B sees it and accepts by id prefix; both show the same version in force.
    const fs::path file = write_file(tmp.path() / "agreement.json", R"({
  "title": "Our repair agreement",
  "commitments": [{"by": "me", "text": "Text when running more than 10 minutes late"},
                  {"by": "partner", "text": "Say when something I do makes you anxious"}],
  "support": "Listen before fixing",
  "boundaries": [{"area": "communication", "text": "Reply within a few hours"}],
  "breakers": ["Lying about where I am"],
  "review_every_days": 30
})");
    const json::Value proposed = a.ok({"agreement", "propose", "--file", file.string()});
    const std::string v1 = *proposed.get_string("version");
    REQUIRE(eventually([&] { return versions(b) == 1; }, 10s));
    const json::Value seen = b.ok({"agreement", "history"});
    CHECK(seen[0].get_string("version") == v1);
    CHECK(seen[0].get_string("status") == "proposed");
    CHECK(seen[0]["proposed_by"].get_string("device_id") == id_a);
    CHECK(seen[0]["proposed_by"].get_string("name") == "Alex");
    CHECK(seen[0]["parent"].is_null());
    REQUIRE(seen[0]["accepted_by"].if_array()->size() == 1);

    const json::Value answer = b.ok({"agreement", "accept", v1.substr(0, 8)});
    CHECK(answer.get_string("kind") == "agreement_answer");
    CHECK(answer.get_string("version") == v1);
    REQUIRE(eventually([&] { return a.ok({"agreement", "show"}).get_string("status") == "active"; }, 10s));
    const json::Value show_a = a.ok({"agreement", "show"});
    const json::Value show_b = b.ok({"agreement", "show"});
    CHECK(show_a == show_b);
    CHECK(show_a.get_string("version") == v1);
    REQUIRE(show_a["accepted_by"].if_array()->size() == 2);
    CHECK(show_a["accepted_by"][0].get_string("device_id") == id_a);
    CHECK(show_a["accepted_by"][1].get_string("device_id") == id_b);
    CHECK(show_a["agreement"]["commitments"][1].get_string("by") == id_b);
    CHECK(show_a["agreement"]["commitments"][1].get_string("by_name") == "Sam");
    CHECK(show_a["next_review"].is_string());

    // Apart: B is stopped while A proposes; A is stopped while B proposes.
    REQUIRE(b.stop());
    const json::Value from_a = a.ok({"agreement", "propose", "--file",
                                     write_file(tmp.path() / "a2.json",
                                                R"({"title": "Our repair agreement", "breakers": ["Lying"], "review_every_days": 14})")
                                         .string()});
    REQUIRE(a.stop());
    REQUIRE_MESSAGE(b.start(), b.serve->output());
    const json::Value from_b = b.ok({"agreement", "propose", "--file",
                                     write_file(tmp.path() / "b2.json",
                                                R"({"title": "Our agreement, round two", "support": "Ask first"})")
                                         .string()});
    const std::string v_a = *from_a.get_string("version");
    const std::string v_b = *from_b.get_string("version");
    CHECK(from_a.get_string("parent") == v1);
    CHECK(from_b.get_string("parent") == v1);
    REQUIRE_MESSAGE(a.start(), a.serve->output());
    CHECK(b.cli({"connect", a.endpoint()}).status == 0);

    // Reconnected: both see both proposals, neither in force; v1 still is.
    REQUIRE_MESSAGE(eventually([&] { return versions(a) == 3 && versions(b) == 3; }, 20s),
                    (a.serve->output() + b.serve->output()));
    for (const CliDevice* d : {&a, &b}) {
        const json::Value h = d->ok({"agreement", "history"});
        REQUIRE(version_in(h, v_a) != nullptr);
        REQUIRE(version_in(h, v_b) != nullptr);
        CHECK(version_in(h, v_a)->get_string("status") == "proposed");
        CHECK(version_in(h, v_b)->get_string("status") == "proposed");
        CHECK(version_in(h, v1)->get_string("status") == "active");
    }

    // B accepts A's proposal: it comes into force, B's own becomes superseded, on both sides.
    CHECK(b.ok({"agreement", "accept", v_a}).get_string("version_status") == "active");
    REQUIRE(eventually([&] { return a.ok({"agreement", "show"}).get_string("version") == v_a; }, 10s));
    for (const CliDevice* d : {&a, &b}) {
        const json::Value h = d->ok({"agreement", "history"});
        CHECK(version_in(h, v_a)->get_string("status") == "active");
        CHECK(version_in(h, v_b)->get_string("status") == "superseded");
        CHECK(version_in(h, v_b)->get_string("closed_by") == v_a);
        CHECK(version_in(h, v1)->get_string("status") == "superseded");
    }
    CHECK(a.ok({"agreement", "show"}) == b.ok({"agreement", "show"}));
    // Accepting the superseded one now is refused (exit 3) and stores nothing.
    const ProcessResult late = a.cli({"agreement", "accept", v_b.substr(0, 10)});
    CHECK(late.status == 3);
    CHECK(late.err.find("propose it again") != std::string::npos);

    // Export as Markdown to a file, through the CLI.
    const fs::path md = tmp.path() / "export.md";
    CHECK(a.cli({"export", "--format", "markdown", "--out", md.string()}, false).status == 0);
    std::ifstream in(md);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text.find("## The agreement in force") != std::string::npos);
    CHECK(text.find("## Safety numbers") != std::string::npos);
    CHECK(text.find(*joined.get_string("safety_number")) != std::string::npos);

    CHECK(a.stop());
    CHECK(b.stop());
}
