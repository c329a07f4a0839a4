// CLI commands against a fake Node on a real control socket: the exact request each command
// sends, --json and human output, and how the Node's error codes become exit codes.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "cli_test_support.hpp"

using namespace candor;
using namespace candor::cli;
using namespace candor::cli::test;

namespace {

constexpr std::int64_t kT1900Paris = kNow + 30 * kMinute;  // 19:00 local, 18:00Z

// Runs the command, expects success, and returns the request the Node received.
json::Value request_of(FakeNode& node, const std::vector<std::string>& args) {
    const RunResult r = node.run(args);
    INFO("stderr: " << r.err);
    REQUIRE(r.code == 0);
    return node.last_request();
}

// One page of the feed (the CLI asks for the feed page by page).
json::Value feed_page(json::Value entries) {
    return json::Object{{"entries", std::move(entries)}, {"next", nullptr}};
}

json::Value req(std::string_view cmd, json::Object args = {}) {
    return node::control::make_request(cmd, std::move(args));
}

}  // namespace

TEST_CASE("cli commands: each command sends its cmd and args") {
    FakeNode node;
    CHECK(request_of(node, {"status"}) == req("status"));
    CHECK(request_of(node, {"update", "  at the gym ", "--where", "gym", "--until", "19:00"}) ==
          req("update", {{"text", "at the gym"}, {"where", "gym"}, {"until", kT1900Paris}}));
    CHECK(request_of(node, {"update", "home"}) == req("update", {{"text", "home"}}));
    CHECK(request_of(node, {"update", "--", "--weird text"}) == req("update", {{"text", "--weird text"}}));
    CHECK(request_of(node, {"late", "15", "--reason", "traffic", "--for", "abcdef12"}) ==
          req("late", {{"minutes", 15}, {"reason", "traffic"}, {"for", "abcdef12"}}));
    CHECK(request_of(node, {"late", "5"}) == req("late", {{"minutes", 5}}));
    CHECK(request_of(node, {"commit", "call mum", "--due", "+2h"}) ==
          req("commit", {{"text", "call mum"}, {"due", kNow + 2 * kHour}}));
    CHECK(request_of(node, {"commit", "call mum", "--due=2026-11-23T19:00:00+01:00"}) ==
          req("commit", {{"text", "call mum"}, {"due", kT1900Paris}}));
    CHECK(request_of(node, {"keep", "ABCDEF", "--note", "done"}) ==
          req("keep", {{"id", "ABCDEF"}, {"note", "done"}}));
    CHECK(request_of(node, {"miss", "abcdef"}) == req("miss", {{"id", "abcdef"}}));
    CHECK(request_of(node, {"ack", "0123456789abcdef", "--note", "thank you"}) ==
          req("ack", {{"id", "0123456789abcdef"}, {"note", "thank you"}}));
    CHECK(request_of(node, {"renegotiate", "abcdef", "--due", "+1h30m", "--note", "traffic"}) ==
          req("renegotiate", {{"id", "abcdef"}, {"due", kNow + 90 * kMinute}, {"note", "traffic"}}));
    // The feed is asked for page by page (each page one control message).
    const json::Value one_page = json::Object{{"entries", json::Array{}}, {"next", nullptr}};
    node.answer_ok(one_page);
    CHECK(request_of(node, {"feed"}) == req("feed", {{"page", true}, {"limit", 50}}));
    CHECK(request_of(node, {"feed", "--kind", "late", "--limit", "5"}) ==
          req("feed", {{"kind", "late"}, {"page", true}, {"limit", 5}}));
    node.answer_ok(json::Object{});
    CHECK(request_of(node, {"commitments"}) == req("commitments", {{"open", false}}));
    CHECK(request_of(node, {"commitments", "--open"}) == req("commitments", {{"open", true}}));
    CHECK(request_of(node, {"pair", "invite"}) == req("pair.invite"));
    CHECK(request_of(node, {"pair", "invite", "--ttl", "300"}) == req("pair.invite", {{"ttl", 300}}));
    CHECK(request_of(node, {"pair", "join", "1234-5678", "--peer", "127.0.0.1:47600", "--timeout", "5"}) ==
          req("pair.join", {{"code", "1234-5678"}, {"peer", "127.0.0.1:47600"}, {"timeout", 5}}));
    CHECK(request_of(node, {"pair", "list"}) == req("pair.list"));
    CHECK(request_of(node, {"unpair", "DEV1CE"}) == req("unpair", {{"device_id", "DEV1CE"}}));
    CHECK(request_of(node, {"connect", "[::1]:47600"}) == req("connect", {{"peer", "[::1]:47600"}}));
    CHECK(request_of(node, {"agreement", "show"}) == req("agreement.show"));
    CHECK(request_of(node, {"agreement", "show", "--version", "2"}) ==
          req("agreement.show", {{"version", 2}}));
    CHECK(request_of(node, {"agreement", "accept", "3"}) == req("agreement.accept", {{"version", 3}}));
    CHECK(request_of(node, {"agreement", "accept", "123456"}) ==
          req("agreement.accept", {{"version", "123456"}}));  // 6+ characters: an id prefix
    CHECK(request_of(node, {"agreement", "show", "--version", "3f2a9c1d"}) ==
          req("agreement.show", {{"version", "3f2a9c1d"}}));
    node.answer_ok(one_page);
    CHECK(request_of(node, {"feed", "--kind", "late_end"}) ==
          req("feed", {{"kind", "late_end"}, {"page", true}, {"limit", 50}}));
    node.answer_ok(json::Object{});
    CHECK(request_of(node, {"agreement", "decline", "3", "--note", "not yet"}) ==
          req("agreement.decline", {{"version", 3}, {"note", "not yet"}}));
    CHECK(request_of(node, {"agreement", "review", "--note", "went well", "--next", "+30d"}) ==
          req("agreement.review", {{"note", "went well"}, {"next", kNow + 30 * 24 * kHour}}));
    CHECK(request_of(node, {"agreement", "history"}) == req("agreement.history"));
    // Without --out the Node writes it to a private file in the data directory, which is printed.
    node.on_request = [](const json::Value& request) {
        if (const auto out = request["args"].get_string("out")) std::ofstream(*out) << "# export\n";
    };
    const json::Value printed = request_of(node, {"export", "--format", "markdown"});
    CHECK(printed["args"].get_string("format") == "markdown");
    const std::string scratch = printed["args"].get_string("out").value_or("");
    CHECK(scratch.rfind((std::filesystem::absolute(node.dir.path) / "export-").string(), 0) == 0);
    CHECK(scratch.size() > 9);
    CHECK(scratch.substr(scratch.size() - 8) == ".partial");
    const json::Value exported = request_of(node, {"export", "--format", "json", "--out", "out.json"});
    CHECK(exported["args"]["out"] ==
          json::Value((std::filesystem::current_path() / "out.json").string()));
}

TEST_CASE("cli commands: agreement propose sends the parsed file, and a bad file sends nothing") {
    FakeNode node;
    const auto good = node.dir.write("agreement.json", R"({
  "title": "Our repair agreement",
  "commitments": [{"by": "me", "text": "Text when running more than 10 minutes late"}],
  "review_every_days": 30
})");
    node.answer_ok(json::Object{{"version", 1}});
    const RunResult r = node.run({"agreement", "propose", "--file", good.string()});
    REQUIRE(r.code == 0);
    CHECK(r.out == "Proposed version 1. It becomes active when you both accept it.\n");
    const json::Value sent = node.last_request();
    CHECK(sent["cmd"] == json::Value("agreement.propose"));
    CHECK(sent["args"]["agreement"]["title"] == json::Value("Our repair agreement"));
    CHECK(sent["args"]["agreement"]["review_every_days"] == json::Value(30));

    const std::size_t before = node.request_count();
    const auto bad = node.dir.write("bad.json", "{\n  \"title\": \"x\",\n  \"commitments\": [\n"
                                                "    {\"by\": \"them\", \"text\": \"y\"}\n  ]\n}");
    const RunResult b = node.run({"agreement", "propose", "--file", bad.string()});
    CHECK(b.code == 1);
    CHECK(b.err == bad.string() + ": line 4: commitments[0].by must be \"me\" or \"partner\"\n");
    const auto broken = node.dir.write("broken.json", "{\n  \"title\" \"x\"\n}");
    const RunResult s = node.run({"agreement", "propose", "--file", broken.string()});
    CHECK(s.code == 1);
    CHECK(s.err == broken.string() + ": line 2, column 11: expected ':' after the member name\n");
    CHECK(node.request_count() == before);
}

TEST_CASE("cli commands: the Node's error codes become exit codes 1 and 3") {
    FakeNode node;
    node.answer_error(3, "no entry starts with abcdef");
    RunResult r = node.run({"keep", "abcdef"});
    CHECK(r.code == 3);
    CHECK(r.err == "no entry starts with abcdef\n");
    CHECK(r.out.empty());

    node.answer_error(1, "abcdef matches 2 entries; give more characters");
    r = node.run({"keep", "abcdef", "--json"});
    CHECK(r.code == 1);
    CHECK(r.err == "abcdef matches 2 entries; give more characters\n");
    CHECK(r.out.empty());

    node.answer_error(3, "wrong pairing code");
    r = node.run({"pair", "join", "1111-2222", "--peer", "127.0.0.1:1"});
    CHECK(r.code == 3);
    CHECK(r.err == "wrong pairing code\n");
}

TEST_CASE("cli commands: --json prints the result as one line of JSON") {
    FakeNode node;
    const json::Value entry = json::Object{
        {"id", "3f2a9c1d00112233"}, {"kind", "update"}, {"author", "dev"}, {"author_name", "Alex"},
        {"seq", 4}, {"created_at", "2026-11-23T18:30:00+01:00"}, {"text", "at the gym"},
        {"where", nullptr}, {"until", "2026-11-23T19:00:00+01:00"}};
    node.answer_ok(entry);
    RunResult r = node.run({"--json", "update", "at the gym"});
    REQUIRE(r.code == 0);
    CHECK(r.out == json::write(entry) + "\n");
    auto back = json::parse(r.out);
    REQUIRE(back.ok());
    CHECK(*back == entry);

    node.answer_ok(json::Object{{"entries", json::Array{entry, entry}}, {"next", nullptr}});
    r = node.run({"feed", "--json"});
    CHECK(r.out == json::write(json::Array{entry, entry}) + "\n");
}

TEST_CASE("cli commands: human output is short and friendly") {
    FakeNode node;
    node.answer_ok(json::Object{{"id", "3f2a9c1d00112233"}, {"kind", "update"},
                                {"author_name", "Alex"}, {"created_at", "2026-11-23T18:30:00+01:00"},
                                {"text", "at the gym"}, {"where", "Fit Centre"},
                                {"until", "2026-11-23T19:00:00+01:00"}});
    RunResult r = node.run({"update", "at the gym"});
    CHECK(r.out == "Saved update: at the gym · Fit Centre · until 19:00 (in 30 min)  [3f2a9c1d]\n");

    node.answer_ok(json::Array{
        json::Object{{"id", "aaaaaaaa11"}, {"kind", "late"}, {"author_name", "Sam"},
                     {"created_at", "2026-11-23T17:30:00+01:00"}, {"minutes", 15},
                     {"reason", "traffic"}, {"eta", nullptr}, {"for", nullptr}},
        json::Object{{"id", "bbbbbbbb22"}, {"kind", "commitment"}, {"author_name", "Alex"},
                     {"created_at", "2026-11-23T16:30:00+01:00"}, {"text", "call at 7"},
                     {"due_at", "2026-11-23T19:00:00+01:00"}},
        json::Object{{"id", "cccccccc33"}, {"kind", "shiny_new_kind"}, {"author_name", "Sam"},
                     {"created_at", "2026-11-23T16:00:00+01:00"}}});
    node.answer_ok(feed_page(node.last_answer()));
    r = node.run({"feed"});
    CHECK(r.out ==
          "aaaaaaaa  1 h ago         Sam   late: running 15 min late · traffic\n"
          "bbbbbbbb  2 h ago         Alex  commitment: call at 7 · due 19:00 (in 30 min)\n"
          "cccccccc  2 h 30 min ago  Sam   shiny_new_kind: needs a newer Candor to show\n");

    node.answer_ok(feed_page(json::Array{}));
    CHECK(node.run({"feed"}).out == "Nothing shared yet.\n");

    node.answer_ok(json::Object{{"device_id", "ALEXID"}, {"name", "Alex"}, {"port", 47600},
                                {"entries", 12},
                                {"paired", json::Array{json::Object{
                                               {"device_id", "SAMID"}, {"name", "Sam"},
                                               {"online", false},
                                               {"last_seen", "2026-11-23T16:30:00+01:00"},
                                               {"safety_number", "1234 5678"}}}}});
    r = node.run({"status"});
    CHECK(r.out == "This device: Alex · id ALEXID · port 47600 · 12 entries\n"
                   "Partner: Sam · id SAMID · last seen 16:30 (2 h ago)\n"
                   "  safety number 1234 5678\n");

    node.answer_ok(json::Object{{"device_id", "ALEXID"}, {"name", "Alex"}, {"port", 47600},
                                {"entries", 0}, {"paired", json::Array{}}});
    CHECK(node.run({"status"}).out.find("Not paired yet") != std::string::npos);

    node.answer_ok(json::Object{{"code", "4711-0815"}, {"expires_at", "2026-11-23T18:40:00+01:00"}});
    CHECK(node.run({"pair", "invite"}).out ==
          "Pairing code: 4711-0815\nOn the other device run: candor pair join 4711-0815\n"
          "The code works until 18:40 (in 10 min).\n");

    node.answer_ok(json::Array{
        json::Object{{"id", "dddddddd44"}, {"text", "call at 7"}, {"author_name", "Alex"},
                     {"due_at", "2026-11-23T19:00:00+01:00"}, {"status", "open"},
                     {"resolved_at", nullptr}}});
    CHECK(node.run({"commitments"}).out ==
          "dddddddd  open          Alex: call at 7 · due 19:00 (in 30 min)\n");

    node.answer_ok(json::Array{json::Object{{"version", 2}, {"parent", 1}, {"status", "active"},
                                            {"proposed_by", "Alex"},
                                            {"accepted_by", json::Array{"Alex", "Sam"}}}});
    CHECK(node.run({"agreement", "history"}).out ==
          "v2     active      proposed by Alex · amends v1 · accepted by Alex, Sam\n");

    // The export is printed from the file the Node wrote, escaped for the terminal, then removed.
    std::string written;
    node.on_request = [&written](const json::Value& request) {
        written = request["args"].get_string("out").value_or("");
        std::ofstream(written) << "# Candor export\n\nhello \x1b[2J\n";
    };
    node.answer_ok(json::Object{{"out", "ignored"}, {"format", "markdown"}, {"bytes", 1}});
    CHECK(node.run({"export", "--format", "markdown"}).out == "# Candor export\n\nhello \\x1b[2J\n");
    CHECK_FALSE(std::filesystem::exists(written));
    CHECK(node.run({"export", "--format", "markdown", "--json"}).out == "\"# Candor export\\n\\nhello \\u001b[2J\\n\"\n");
}

TEST_CASE("cli commands: every entry kind the Node sends has a readable line") {
    FakeNode node;
    const auto entry = [](std::string_view kind, json::Object fields) {
        json::Object e{{"id", "eeeeeeee55"}, {"kind", kind}, {"author_name", "Sam"},
                       {"created_at", "2026-11-23T18:30:00+01:00"}};
        for (auto& [k, v] : fields) e.set(k, v);
        return json::Value(std::move(e));
    };
    node.answer_ok(json::Array{
        entry("resolution", {{"commitment", "1111111122"}, {"outcome", "renegotiated"},
                             {"new_due_at", "2026-11-23T20:00:00+01:00"}, {"note", "traffic"}}),
        entry("ack", {{"target", "2222222233"}, {"note", nullptr}}),
        entry("late_end", {{"late", "3333333344"}}),
        entry("commitment_request", {{"text", "call me"}, {"due_at", nullptr}}),
        entry("request_answer", {{"request", "4444444455"}, {"accepted", false}, {"note", "busy"}}),
        entry("agreement_proposal", {{"version", "5555555566"}, {"parent", nullptr},
                                     {"agreement", json::Object{{"title", "Ours"}}}}),
        entry("agreement_answer", {{"version", "5555555566"}, {"accepted", true}, {"note", nullptr}}),
        entry("agreement_review", {{"note", "went well"}, {"next_review", "2026-12-23T19:00:00+01:00"}}),
        entry("update", {{"text", "x"}, {"effect", "ignored"}, {"effect_note", "until is in the past"}}),
        entry("unknown_77", {})});
    node.answer_ok(feed_page(node.last_answer()));
    const RunResult r = node.run({"feed"});
    REQUIRE(r.code == 0);
    const std::string prefix = "eeeeeeee  now             Sam   ";
    CHECK(r.out ==
          prefix + "resolution: renegotiated · commitment 11111111 · new due 20:00 (in 1 h 30 min) · traffic\n" +
          prefix + "ack: seen, thank you · for 22222222\n" +
          prefix + "late: arrived · notice 33333333\n" +
          prefix + "asks for a commitment: call me\n" +
          prefix + "request declined: request 44444444 · busy\n" +
          prefix + "agreement: proposed version 55555555 · Ours\n" +
          prefix + "agreement: accepted version 55555555\n" +
          prefix + "agreement review: went well · next review 2026-12-23 19:00 (in 30 days)\n" +
          prefix + "update: x (no effect: until is in the past)\n" +
          prefix + "unknown_77: needs a newer Candor to show\n");

    node.answer_ok(json::Array{json::Object{{"version", "5555555566aa"}, {"parent", "4444444455bb"},
                                            {"status", "proposed"}, {"proposed_by", "Sam"},
                                            {"accepted_by", json::Array{"Sam"}}}});
    CHECK(node.run({"agreement", "history"}).out ==
          "55555555  proposed    proposed by Sam · amends 44444444 · accepted by Sam\n");
}

TEST_CASE("cli commands: agreement show prints the agreement in sections") {
    FakeNode node;
    node.answer_ok(json::Object{
        {"version", 3}, {"status", "active"}, {"title", "Our repair agreement"},
        {"commitments", json::Array{json::Object{{"by", "ALEXID"}, {"by_name", "Alex"}, {"text", "Text when late"}}}},
        {"support", "Ask, do not guess"},
        {"boundaries", json::Array{json::Object{{"area", "privacy"}, {"text", "Phones stay private"}}}},
        {"breakers", json::Array{"Lying about money"}},
        {"review_every_days", 30}});
    const RunResult r = node.run({"agreement", "show"});
    CHECK(r.code == 0);
    CHECK(r.out ==
          "Our repair agreement (version 3, active)\n"
          "\nCommitments\n  - Alex: Text when late\n"
          "\nSupport\n  Ask, do not guess\n"
          "\nBoundaries\n  - privacy: Phones stay private\n"
          "\nWhat breaks it\n  - Lying about money\n"
          "\nReviewed together every 30 days.\n");
}

TEST_CASE("cli commands: a malformed answer from the Node exits 2") {
    TempDir dir;
    auto server = node::ControlServer::start(dir.path, [](const json::Value&) {
        return json::Value(json::Object{{"unexpected", true}});
    });
    REQUIRE(server.ok());
    const RunResult r = run_candor({"--data-dir", dir.str(), "status"});
    CHECK(r.code == 2);
    CHECK(r.err.find("sent an answer this version cannot read") != std::string::npos);
}
