// The `candor` CLI end to end against a real `candor serve` process: each command's --json fields
// (../shared/spec/cli.md), exit codes 0/1/2/3, bad input that must store nothing, the exact
// "no node" message, and serve's own exit codes on SIGTERM, SIGINT and a second serve.
#include <doctest/doctest.h>

#include <csignal>
#include <regex>
#include <string>
#include <vector>

#include "served.hpp"

using namespace candor;
using namespace candor::node::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const fs::path kBinary = CANDOR_BINARY;


bool is_hex64(const json::Value& v) {
    const std::string* s = v.if_string();
    return s && s->size() == 64 && s->find_first_not_of("0123456789abcdef") == std::string::npos;
}

bool is_iso8601(const json::Value& v) {
    static const std::regex re(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d)");
    const std::string* s = v.if_string();
    return s && std::regex_match(*s, re);
}

// The fields every entry printed as JSON has (spec: "Every entry printed as JSON has at least").
void check_entry(const json::Value& e, std::string_view kind, const std::string& author, const std::string& name) {
    CHECK(is_hex64(e["id"]));
    CHECK(e.get_string("kind") == kind);
    CHECK(e.get_string("author") == author);
    CHECK(e.get_string("author_name") == name);
    CHECK(e.get_int("seq").value_or(0) >= 1);
    CHECK(is_iso8601(e["created_at"]));
}

std::string not_running(const fs::path& dir) {
    return "no Candor node is running for " + dir.string() + " (start it with 'candor' or 'candor serve')\n";
}

}  // namespace

TEST_CASE("cli: every entry command's --json output against a running serve") {
    Served s({"--name", "Alex"});

    const json::Value status = s.ok_json({"status"});
    CHECK(is_hex64(status["device_id"]));
    CHECK(status.get_string("name") == "Alex");
    CHECK(status.get_int("port").value_or(0) > 0);
    CHECK(status.get_int("entries") == 0);
    REQUIRE(status["paired"].is_array());
    CHECK(status["paired"].if_array()->empty());
    const std::string me = *status.get_string("device_id");
    // The real UDP port, the same that serve printed.
    CHECK(s.serve->process().output().find("UDP port " + std::to_string(*status.get_int("port")) + " ") !=
          std::string::npos);

    const json::Value update = s.ok_json({"update", "at the gym", "--where", "gym", "--until", "+2h"});
    check_entry(update, "update", me, "Alex");
    CHECK(update.get_int("seq") == 1);
    CHECK(update.get_string("text") == "at the gym");
    CHECK(update.get_string("where") == "gym");
    CHECK(is_iso8601(update["until"]));

    const json::Value plain = s.ok_json({"update", "home again"});
    CHECK(plain.get_int("seq") == 2);
    CHECK(plain["where"].is_null());
    CHECK(plain["until"].is_null());

    const json::Value commit = s.ok_json({"commit", "call mum", "--due", "+1h"});
    check_entry(commit, "commitment", me, "Alex");
    CHECK(commit.get_string("text") == "call mum");
    CHECK(is_iso8601(commit["due_at"]));
    const std::string cid = *commit.get_string("id");

    const json::Value late = s.ok_json({"late", "10", "--reason", "traffic", "--for", cid.substr(0, 8)});
    check_entry(late, "late", me, "Alex");
    CHECK(late.get_int("minutes") == 10);
    CHECK(late.get_string("reason") == "traffic");
    CHECK(is_iso8601(late["eta"]));
    CHECK(late.get_string("for") == cid);

    const json::Value moved = s.ok_json({"renegotiate", cid.substr(0, 6), "--due", "+3h", "--note", "stuck"});
    check_entry(moved, "resolution", me, "Alex");
    CHECK(moved.get_string("commitment") == cid);
    CHECK(moved.get_string("outcome") == "renegotiated");

    json::Value list = s.ok_json({"commitments"});
    REQUIRE(list.if_array()->size() == 1);
    const json::Value& c = list[0];
    CHECK(c.get_string("id") == cid);
    CHECK(c.get_string("text") == "call mum");
    CHECK(c.get_string("author") == me);
    CHECK(is_iso8601(c["due_at"]));
    CHECK(c["due_at"] != commit["due_at"]);  // moved
    CHECK(c.get_string("status") == "renegotiated");
    CHECK(c["resolved_at"].is_null());

    const json::Value kept = s.ok_json({"keep", cid.substr(0, 12), "--note", "called her"});
    check_entry(kept, "resolution", me, "Alex");
    CHECK(kept.get_string("outcome") == "kept");
    CHECK(kept.get_string("note") == "called her");

    const json::Value other = s.ok_json({"commit", "gym", "--due", "+1h"});
    const json::Value missed = s.ok_json({"miss", *other.get_string("id")});
    CHECK(missed.get_string("outcome") == "missed");

    list = s.ok_json({"commitments"});
    REQUIRE(list.if_array()->size() == 2);
    for (const json::Value& each : *list.if_array()) {
        CHECK(is_iso8601(each["resolved_at"]));
        CHECK(each.get_string("status") == (each.get_string("id") == cid ? "kept" : "missed"));
    }
    CHECK(s.ok_json({"commitments", "--open"}).if_array()->empty());

    // Acknowledging one's own entry ran and failed: exit 3, nothing stored.
    const ProcessResult own_ack = s.cli({"ack", cid});
    CHECK(own_ack.status == 3);
    CHECK(own_ack.out.empty());

    const json::Value feed = s.ok_json({"feed"});
    REQUIRE(feed.if_array()->size() == 8);
    std::int64_t expected_seq = 8;
    for (const json::Value& e : *feed.if_array()) {
        CHECK(e.get_int("seq") == expected_seq--);  // newest first, one device
        CHECK(e.get_string("author") == me);
        CHECK(is_iso8601(e["created_at"]));
    }
    CHECK(feed[0].get_string("kind") == "resolution");
    CHECK(feed[7].get_string("text") == "at the gym");
    CHECK(s.ok_json({"feed", "--kind", "update"}).if_array()->size() == 2);
    CHECK(s.ok_json({"feed", "--kind", "commitment"}).if_array()->size() == 2);
    CHECK(s.ok_json({"feed", "--limit", "3"}).if_array()->size() == 3);
    CHECK(s.ok_json({"status"}).get_int("entries") == 8);

    // Without --json the same commands print for people, and still exit 0.
    const ProcessResult human = s.cli({"status"}, false);
    CHECK(human.status == 0);
    CHECK(human.out.find("Alex") != std::string::npos);
    CHECK_FALSE(parse_json_output(human.out).has_value());
}

TEST_CASE("cli: rejected input exits 1 or 3 with one line and stores nothing") {
    Served s;
    const json::Value update = s.ok_json({"update", "first"});
    const std::string uid = *update.get_string("id");
    REQUIRE(s.feed_count() == 1);

    struct Bad {
        std::vector<std::string> args;
        int exit;
    };
    const std::vector<Bad> cases = {
        {{"update", ""}, 1},
        {{"update", "   "}, 1},
        {{"update", "x", "--until", "25:00"}, 1},
        {{"update", "x", "--until", "+m"}, 1},
        {{"update", "x", "--until", "2020-01-01T10:00"}, 1},
        {{"update", "x", "--where", ""}, 1},
        {{"update", "x", "--no-such-option", "y"}, 1},
        {{"update"}, 1},
        {{"late", "-5"}, 1},
        {{"late", "0"}, 1},
        {{"late", "1441"}, 1},
        {{"late", "ten"}, 1},
        {{"commit", "x"}, 1},
        {{"commit", "x", "--due", "2000-01-01T10:00"}, 1},
        {{"commit", "x", "--due", "+0m"}, 1},
        {{"commit", "", "--due", "+1h"}, 1},
        {{"keep", "abcde"}, 1},           // prefix shorter than 6
        {{"keep", "xyzxyz"}, 1},          // not hex
        {{"keep", "abcdef1234"}, 3},      // unknown id
        {{"miss", std::string(64, '0')}, 3},
        {{"keep", uid.substr(0, 6)}, 3},  // not a commitment
        {{"renegotiate", "abcdef", "--due", "+1h"}, 3},
        {{"renegotiate", uid, "--due", "25:00"}, 1},
        {{"ack", "123456"}, 3},
        {{"ack", uid}, 3},                // one's own entry
        {{"feed", "--limit", "0"}, 1},
        {{"feed", "--kind", "bogus"}, 1},
    };
    for (const Bad& bad : cases) {
        std::string shown;
        for (const std::string& a : bad.args) shown += "'" + a + "' ";
        INFO(shown);
        const ProcessResult r = s.cli(bad.args);
        INFO("stderr: " << r.err);
        CHECK(r.status == bad.exit);
        CHECK(r.out.empty());
        REQUIRE_FALSE(r.err.empty());
        CHECK(r.err.find('\n') == r.err.size() - 1);  // exactly one line
        CHECK(s.ok_json({"status"}).get_int("entries") == 1);
    }
    CHECK(s.feed_count() == 1);
}

TEST_CASE("cli: no node running exits 2 with exactly the spec's message") {
    TempDir tmp;
    const fs::path empty = tmp.path() / "empty";
    fs::create_directories(empty);
    const fs::path missing = tmp.path() / "never-created";

    const std::vector<std::vector<std::string>> commands = {
        {"status"}, {"update", "hello"}, {"feed"}, {"commitments"}, {"keep", "abcdef"}, {"commit", "x", "--due", "+1h"},
    };
    for (const fs::path& dir : {empty, missing}) {
        for (const auto& args : commands) {
            INFO(dir.string() << " " << args[0]);
            const ProcessResult r = run_cli(kBinary, dir, args);
            CHECK(r.status == 2);
            CHECK(r.err == not_running(dir));
            CHECK(r.out.empty());
        }
    }
    // Bad arguments are refused before looking for a Node.
    CHECK(run_cli(kBinary, empty, {"update", ""}).status == 1);

    // A Node that was killed leaves control.sock behind: still "not running", not a hang.
    {
        ServeProcess serve(kBinary, tmp.path() / "killed", tmp.path() / "killed.log");
        REQUIRE(serve.wait_ready());
        REQUIRE(serve.process().signal(SIGKILL));
        REQUIRE(serve.process().wait_for(5s) == -SIGKILL);
    }
    CHECK(fs::exists(tmp.path() / "killed" / "control.sock"));
    const ProcessResult r = run_cli(kBinary, tmp.path() / "killed", {"status"});
    CHECK(r.status == 2);
    CHECK(r.err == not_running(tmp.path() / "killed"));
}

TEST_CASE("serve: exits 0 on SIGTERM and SIGINT; a second serve on the same directory exits 2") {
    TempDir tmp;
    const fs::path data = tmp.path() / "data";
    for (const int signo : {SIGTERM, SIGINT}) {
        INFO("signal " << signo);
        ServeProcess serve(kBinary, data, tmp.path() / ("serve-" + std::to_string(signo) + ".log"));
        REQUIRE(serve.wait_ready());
        REQUIRE(run_cli(kBinary, data, {"update", "before " + std::to_string(signo)}).status == 0);

        ServeProcess second(kBinary, data, tmp.path() / ("second-" + std::to_string(signo) + ".log"));
        CHECK(second.process().wait_for(10s) == 2);
        CHECK(second.process().output().find("another Candor node is already using " + data.string()) !=
              std::string::npos);
        // The refused second serve disturbed nothing.
        CHECK(serve.process().running());
        CHECK(run_cli(kBinary, data, {"status"}).status == 0);

        REQUIRE(serve.process().signal(signo));
        CHECK(serve.process().wait_for(10s) == 0);
        CHECK_FALSE(fs::exists(data / "control.sock"));
        CHECK(serve.process().output().find(signo == SIGINT ? "SIGINT" : "SIGTERM") != std::string::npos);
        const ProcessResult after = run_cli(kBinary, data, {"status"});
        CHECK(after.status == 2);
        CHECK(after.err == not_running(data));
    }
    // Both clean shutdowns kept what was posted.
    ServeProcess serve(kBinary, data, tmp.path() / "last.log");
    REQUIRE(serve.wait_ready());
    const ProcessResult feed = run_cli(kBinary, data, {"feed"});
    REQUIRE(feed.status == 0);
    auto entries = parse_json_output(feed.out);
    REQUIRE(entries.has_value());
    REQUIRE(entries->if_array()->size() == 2);
    CHECK((*entries)[0].get_string("text") == "before " + std::to_string(SIGINT));
    CHECK((*entries)[1].get_string("text") == "before " + std::to_string(SIGTERM));
}
