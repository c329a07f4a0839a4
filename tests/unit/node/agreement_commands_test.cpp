// The agreement commands on in-process Nodes (no control socket, port 0): propose from JSON,
// the show / history fields, malformed agreements refused with code 1 naming the field (and
// nothing stored), answers that would not count refused with code 3, and two paired Nodes
// over loopback agreeing on the version in force, its review date and the export.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <thread>

#include "core/ids.hpp"
#include "node/agreement_json.hpp"
#include "node/control_protocol.hpp"
#include "node/entry_json.hpp"
#include "node/node.hpp"
#include "process_helpers.hpp"

using namespace candor;
using namespace candor::node;
namespace fs = std::filesystem;
namespace cmd = control::cmd;

namespace {

constexpr std::int64_t kDayMs = 24LL * 3'600'000;

std::unique_ptr<Node> start_node(const fs::path& dir, std::string name) {
    NodeOptions options;
    options.data_dir = dir;
    options.port = 0;
    options.control_socket = false;
    options.discovery = false;
    options.name = std::move(name);
    auto node = Node::start(std::move(options));
    REQUIRE_MESSAGE(node.ok(), (node.ok() ? std::string() : node.message()));
    return std::move(*node);
}

control::Response call(Node& node, std::string_view command, json::Object args = {}) {
    auto parsed = control::parse_response(node.call(control::make_request(command, std::move(args))));
    REQUIRE(parsed.ok());
    return std::move(*parsed);
}

json::Value call_ok(Node& node, std::string_view command, json::Object args = {}) {
    control::Response r = call(node, command, std::move(args));
    INFO(command << ": " << r.error);
    REQUIRE(r.ok);
    return std::move(r.result);
}

json::Value parse(std::string_view text) {
    auto v = json::parse(text);
    REQUIRE_MESSAGE(v.ok(), (v.ok() ? std::string() : v.message()));
    return *v;
}

const char* const kAgreement = R"({
  "title": "Our repair agreement",
  "commitments": [{"by": "me", "text": "  Text when running more than 10 minutes late "}],
  "support": "Listen first",
  "boundaries": [{"area": "communication", "text": "Reply within a few hours"}],
  "breakers": ["Lying about where I am"],
  "review_every_days": 14
})";

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return true;
}

std::size_t entries(Node& node) { return static_cast<std::size_t>(*call_ok(node, cmd::kStatus).get_int("entries")); }

}  // namespace

TEST_CASE("agreement commands: propose from JSON, then show and history fields") {
    test::TempDir dir;
    auto node = start_node(dir.path(), "Alex");
    const std::string me = *call_ok(*node, cmd::kStatus).get_string("device_id");

    CHECK(call_ok(*node, cmd::kAgreementShow) == json::Value(json::Object{}));  // nothing yet
    CHECK(call_ok(*node, cmd::kAgreementHistory) == json::Value(json::Array{}));

    const json::Value proposed = call_ok(*node, cmd::kAgreementPropose, {{"agreement", parse(kAgreement)}});
    const std::string version = proposed.get_string("version").value_or("");
    CHECK(core::parse_id(version).has_value());
    CHECK(proposed.get_int("number") == 1);
    CHECK(proposed.get_string("status") == "proposed");
    CHECK(proposed["parent"].is_null());
    CHECK(proposed["proposed_by"].get_string("device_id") == me);
    CHECK(proposed["proposed_by"].get_string("name") == "Alex");
    REQUIRE(proposed["accepted_by"].if_array() != nullptr);
    REQUIRE(proposed["accepted_by"].if_array()->size() == 1);  // proposing is accepting
    CHECK(proposed["accepted_by"][0].get_string("device_id") == me);
    const json::Value& doc = proposed["agreement"];
    CHECK(doc.get_string("title") == "Our repair agreement");
    CHECK(doc["commitments"][0].get_string("by") == me);  // "me" resolved to the device id
    CHECK(doc["commitments"][0].get_string("by_name") == "Alex");
    CHECK(doc["commitments"][0].get_string("text") == "Text when running more than 10 minutes late");
    CHECK(doc["boundaries"][0].get_string("area") == "communication");
    CHECK(doc["breakers"][0] == json::Value("Lying about where I am"));
    CHECK(doc.get_int("review_every_days") == 14);
    // Against nothing in force, everything is added: title, interval, support, 1+1+1 items.
    REQUIRE(proposed["changes"].if_array() != nullptr);
    CHECK(proposed["changes"].if_array()->size() == 6);
    CHECK(proposed["changes"][0].get_string("change") == "added");

    // Nothing is in force until both accept: show stays empty, the version is in the history.
    CHECK(call_ok(*node, cmd::kAgreementShow) == json::Value(json::Object{}));
    const json::Value history = call_ok(*node, cmd::kAgreementHistory);
    REQUIRE(history.if_array() != nullptr);
    REQUIRE(history.if_array()->size() == 1);
    for (std::string_view field : {"version", "parent", "status", "proposed_by", "accepted_by"})
        CHECK_MESSAGE(history[0].find(field) != nullptr, field);
    CHECK(history[0].get_string("version") == version);
    CHECK(history[0].get_string("status") == "proposed");
    CHECK(history[0].get_string("title") == "Our repair agreement");

    // show --version by number and by id prefix give the same version.
    const json::Value by_number = call_ok(*node, cmd::kAgreementShow, {{"version", 1}});
    const json::Value by_prefix = call_ok(*node, cmd::kAgreementShow, {{"version", version.substr(0, 8)}});
    CHECK(by_number.get_string("version") == version);
    CHECK(by_number == by_prefix);

    // The canonical text in the entry is compact JSON with every field, in a fixed order.
    const json::Value feed = call_ok(*node, cmd::kFeed);
    REQUIRE(feed.if_array()->size() == 1);
    CHECK(feed[0].get_string("kind") == "agreement_proposal");
    CHECK(feed[0]["agreement"].get_string("support") == "Listen first");
}

TEST_CASE("agreement commands: malformed agreements exit 1 naming the field and store nothing") {
    test::TempDir dir;
    auto node = start_node(dir.path(), "Alex");
    struct Bad {
        const char* json;
        const char* names;  // what the error must mention
    };
    const Bad cases[] = {
        {R"({"commitments": []})", "title"},
        {R"({"title": "   "})", "title"},
        {R"({"title": 5})", "title"},
        {R"({"title": "t", "colour": "red"})", "colour"},
        {R"({"title": "t", "commitments": {}})", "commitments"},
        {R"({"title": "t", "commitments": [{"by": "me", "text": "a"}, {"by": "them", "text": "b"}]})",
         "commitments[1].by"},
        {R"({"title": "t", "commitments": [{"by": "me"}]})", "commitments[0]"},
        {R"({"title": "t", "commitments": [{"by": "me", "text": ""}]})", "commitments[0].text"},
        {R"({"title": "t", "commitments": [{"by": "partner", "text": "x"}]})", "commitments[0].by"},  // not paired
        {R"({"title": "t", "boundaries": [{"text": "x"}]})", "boundaries[0]"},
        {R"({"title": "t", "boundaries": [{"area": "privacy", "text": "x", "why": "y"}]})", "boundaries[0].why"},
        {R"({"title": "t", "breakers": ["ok", 3]})", "breakers[1]"},
        {R"({"title": "t", "support": ["a"]})", "support"},
        {R"({"title": "t", "review_every_days": 0})", "review_every_days"},
        {R"({"title": "t", "review_every_days": 366})", "review_every_days"},
        {R"({"title": "t", "review_every_days": 7.5})", "review_every_days"},
        {R"(["title"])", "agreement"},
    };
    for (const Bad& bad : cases) {
        INFO(bad.json);
        const control::Response r = call(*node, cmd::kAgreementPropose, {{"agreement", parse(bad.json)}});
        CHECK_FALSE(r.ok);
        CHECK(r.code == control::kCodeBadInput);
        CHECK_MESSAGE(r.error.find(bad.names) != std::string::npos, r.error);
        CHECK(r.error.find('\n') == std::string::npos);
    }
    const std::string long_text(2001, 'x');
    const control::Response too_long = call(
        *node, cmd::kAgreementPropose,
        {{"agreement", json::Object{{"title", "t"}, {"breakers", json::Array{json::Value(long_text)}}}}});
    CHECK(too_long.code == control::kCodeBadInput);
    CHECK(too_long.error.find("breakers[0]") != std::string::npos);
    CHECK(call(*node, cmd::kAgreementPropose, {}).code == control::kCodeBadInput);
    CHECK(entries(*node) == 0);

    // A valid one after all that is stored as version 1.
    CHECK(call_ok(*node, cmd::kAgreementPropose, {{"agreement", parse(R"({"title":"t"})")}}).get_int("number") == 1);
    CHECK(entries(*node) == 1);
}

TEST_CASE("agreement commands: answers and reviews that would not count are refused with code 3") {
    test::TempDir dir;
    auto node = start_node(dir.path(), "Alex");
    const json::Value v1 = call_ok(*node, cmd::kAgreementPropose, {{"agreement", parse(R"({"title":"one"})")}});
    const std::string id = *v1.get_string("version");

    const control::Response own = call(*node, cmd::kAgreementAccept, {{"version", 1}});
    CHECK(own.code == control::kCodeFailed);
    CHECK(own.error.find("counts as your acceptance") != std::string::npos);
    CHECK(call(*node, cmd::kAgreementAccept, {{"version", 9}}).code == control::kCodeFailed);
    CHECK(call(*node, cmd::kAgreementAccept, {{"version", "abcdef0123"}}).code == control::kCodeFailed);
    CHECK(call(*node, cmd::kAgreementAccept, {}).code == control::kCodeBadInput);
    CHECK(call(*node, cmd::kAgreementAccept, {{"version", true}}).code == control::kCodeBadInput);
    const control::Response review = call(*node, cmd::kAgreementReview, {{"note", "talked"}});
    CHECK(review.code == control::kCodeFailed);
    CHECK(review.error.find("nothing to review") != std::string::npos);
    CHECK(call(*node, cmd::kAgreementReview, {}).code == control::kCodeBadInput);
    // Identical to nothing in force is a real proposal; identical to a given parent is not.
    const control::Response same = call(*node, cmd::kAgreementPropose,
                                        {{"agreement", parse(R"({"title":"one"})")}, {"parent", id}});
    CHECK(same.code == control::kCodeBadInput);
    CHECK(entries(*node) == 1);

    // Withdrawing one's own proposal is a decline with a note.
    const json::Value declined = call_ok(*node, cmd::kAgreementDecline, {{"version", id.substr(0, 6)}, {"note", "wrong file"}});
    CHECK(declined.get_string("kind") == "agreement_answer");
    CHECK(declined.get_bool("accepted") == false);
    CHECK(declined.get_string("note") == "wrong file");
    CHECK(declined.get_string("version_status") == "declined");
    CHECK(call(*node, cmd::kAgreementDecline, {{"version", 1}}).code == control::kCodeFailed);  // already declined
    const json::Value history = call_ok(*node, cmd::kAgreementHistory);
    CHECK(history[0].get_string("status") == "declined");
    CHECK(history[0]["declined_by"][0].get_string("note") == "wrong file");
    CHECK(entries(*node) == 2);
}

TEST_CASE("agreement commands: two paired Nodes agree on the version in force, its review date and the export") {
    test::TempDir dir;
    auto a = start_node(dir.path() / "a", "Alex");
    auto b = start_node(dir.path() / "b", "Sam");
    const std::string id_a = *call_ok(*a, cmd::kStatus).get_string("device_id");
    const std::string id_b = *call_ok(*b, cmd::kStatus).get_string("device_id");
    const std::int64_t port_a = *call_ok(*a, cmd::kStatus).get_int("port");
    const json::Value invite = call_ok(*a, cmd::kPairInvite);
    call_ok(*b, cmd::kPairJoin, {{"code", *invite.get_string("code")},
                                 {"peer", "127.0.0.1:" + std::to_string(port_a)},
                                 {"timeout", 20}});

    // A's "partner" is B's device.
    json::Value doc = parse(kAgreement);
    doc.if_object()->find("commitments")->if_array()->push_back(json::Object{{"by", "partner"}, {"text", "Say when anxious"}});
    const json::Value proposed = call_ok(*a, cmd::kAgreementPropose, {{"agreement", doc}});
    const std::string version = *proposed.get_string("version");
    CHECK(proposed["agreement"]["commitments"][1].get_string("by") == id_b);
    CHECK(proposed["agreement"]["commitments"][1].get_string("by_name") == "Sam");

    REQUIRE(eventually([&] { return call_ok(*b, cmd::kAgreementHistory).if_array()->size() == 1; }));
    const json::Value accepted = call_ok(*b, cmd::kAgreementAccept, {{"version", version.substr(0, 10)}, {"note", "yes"}});
    CHECK(accepted.get_string("version_status") == "active");
    REQUIRE(eventually([&] { return call_ok(*a, cmd::kAgreementShow).get_string("status") == "active"; }));

    const json::Value show_a = call_ok(*a, cmd::kAgreementShow);
    const json::Value show_b = call_ok(*b, cmd::kAgreementShow);
    CHECK(show_a.get_string("version") == version);
    CHECK(show_a == show_b);  // the same names on both sides, the same fold
    REQUIRE(show_a["accepted_by"].if_array()->size() == 2);
    CHECK(show_a["accepted_by"][0].get_string("device_id") == id_a);
    CHECK(show_a["accepted_by"][1].get_string("device_id") == id_b);
    const auto snap = a->snapshot();
    const core::AgreementVersion* in_force = snap->state->agreement().active();
    REQUIRE(in_force != nullptr);
    CHECK(show_a["next_review"] == time_json(in_force->activated_at_ms + 14 * kDayMs));
    CHECK(show_a["active_since"] == time_json(in_force->activated_at_ms));

    // A review with a date moves the next review on both sides.
    const std::int64_t next = in_force->activated_at_ms + 3 * kDayMs;
    const json::Value review = call_ok(*b, cmd::kAgreementReview, {{"note", "went fine"}, {"next", next}});
    CHECK(review.get_string("kind") == "agreement_review");
    CHECK(review["agreement_next_review"] == time_json(next));
    REQUIRE(eventually([&] { return call_ok(*a, cmd::kAgreementShow)["next_review"] == time_json(next); }));
    CHECK(call_ok(*a, cmd::kAgreementShow)["reviews"][0].get_string("note") == "went fine");

    // The version in force cannot be declined or accepted again: propose a revision instead.
    CHECK(call(*a, cmd::kAgreementDecline, {{"version", 1}}).code == control::kCodeFailed);
    CHECK(call(*b, cmd::kAgreementAccept, {{"version", 1}}).code == control::kCodeFailed);

    // A revision from B: parent is the version in force, and A sees what changed.
    json::Value revised = parse(kAgreement);
    revised.if_object()->set("review_every_days", 30);
    const json::Value v2 = call_ok(*b, cmd::kAgreementPropose, {{"agreement", revised}});
    CHECK(v2.get_string("parent") == version);
    REQUIRE(eventually([&] { return call_ok(*a, cmd::kAgreementHistory).if_array()->size() == 2; }));
    const json::Value v2_on_a = call_ok(*a, cmd::kAgreementShow, {{"version", 2}});
    CHECK(v2_on_a.get_string("changes_against") == version);
    // In B's file "me" is B: A's commitment is removed, and B's one commitment reads differently
    // (the same person's k-th unmatched item is "reworded"). Nothing else changed.
    std::vector<std::string> changes;
    for (const json::Value& c : *v2_on_a["changes"].if_array()) {
        changes.push_back(c.get_string("part").value_or("") + " " + c.get_string("change").value_or("") + " " +
                          c.get_string("by_name").value_or("") + " " + c.get_string("before").value_or("") + "->" +
                          c.get_string("after").value_or(""));
    }
    const std::vector<std::string> expected = {
        "review_every_days reworded  14->30",
        "commitment removed Alex Text when running more than 10 minutes late->",
        "commitment reworded Sam Say when anxious->Text when running more than 10 minutes late",
    };
    CHECK(changes == expected);

    // Export: Markdown with the agreement, history and safety number; JSON to a file.
    const json::Value md = call_ok(*a, cmd::kExport, {{"format", "markdown"}});
    REQUIRE(md.if_string() != nullptr);
    const std::string& text = *md.if_string();
    CHECK(text.find("Our repair agreement") != std::string::npos);
    CHECK(text.find("Version 1") != std::string::npos);
    CHECK(text.find("Open proposals") != std::string::npos);
    CHECK(text.find("went fine") != std::string::npos);
    const std::string safety = *call_ok(*a, cmd::kPairList)[0].get_string("safety_number");
    CHECK(text.find(safety) != std::string::npos);

    const fs::path out = dir.path() / "export.json";
    const json::Value written = call_ok(*a, cmd::kExport, {{"format", "json"}, {"out", out.string()}});
    CHECK(written.get_string("out") == out.string());
    std::ifstream in(out);
    const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const json::Value exported = parse(file);
    CHECK(exported.get_string("format") == "candor-export");
    CHECK(exported["entries"].if_array()->size() == entries(*a));
    CHECK(exported["agreement"].get_string("in_force") == version);
    CHECK(exported["peers"][0].get_string("device_id") == id_b);
    CHECK(exported["peers"][0].find("pair_key") == nullptr);
    CHECK(file.find("pair_key") == std::string::npos);
    CHECK((fs::status(out).permissions() & fs::perms::others_read) == fs::perms::none);
    CHECK(call(*a, cmd::kExport, {{"format", "json"}, {"out", "relative.json"}}).code == control::kCodeBadInput);
    CHECK(call(*a, cmd::kExport, {{"format", "pdf"}}).code == control::kCodeBadInput);
    CHECK(call(*a, cmd::kExport, {{"format", "json"}, {"out", (dir.path() / "no/such/dir/x.json").string()}}).code ==
          control::kCodeFailed);
}
