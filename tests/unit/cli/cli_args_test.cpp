// CLI argument handling without a Node: bad input exits 1 with a one-line reason before anything
// is sent, a valid command against an empty directory exits 2 with the spec's exact message,
// help, and the command-line split main.cpp relies on.
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "cli_test_support.hpp"

using namespace candor;
using namespace candor::cli;
using namespace candor::cli::test;

namespace {

// Runs against an empty data directory: a bad argument must give 1 (not 2), proving it was
// caught before any connection was attempted.
void expect_rejected(std::vector<std::string> args, std::string_view reason_part) {
    TempDir empty;
    args.insert(args.begin(), {"--data-dir", empty.str()});
    const RunResult r = run_candor(args);
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    INFO("candor " << joined);
    INFO("stderr: " << r.err);
    CHECK(r.code == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find(reason_part) != std::string::npos);
    // One line.
    REQUIRE_FALSE(r.err.empty());
    CHECK(r.err.find('\n') == r.err.size() - 1);
}

}  // namespace

TEST_CASE("cli: no Node gives exit 2 and exactly the spec's message, for every command") {
    TempDir empty;
    const std::string expected = "no Candor node is running for " + empty.str() +
                                 " (start it with 'candor' or 'candor serve')\n";
    const std::vector<std::vector<std::string>> commands = {
        {"status"}, {"pair", "invite"}, {"pair", "join", "1234-5678"}, {"pair", "list"},
        {"unpair", "abcdef"}, {"connect", "127.0.0.1:47600"}, {"update", "at the gym"},
        {"late", "15"}, {"commit", "call mum", "--due", "+2h"}, {"keep", "abcdef"},
        {"miss", "abcdef"}, {"renegotiate", "abcdef", "--due", "19:00"}, {"ack", "abcdef"},
        {"feed"}, {"commitments", "--open"}, {"agreement", "show"}, {"agreement", "accept", "2"},
        {"agreement", "decline", "2"}, {"agreement", "review", "--note", "went well"},
        {"agreement", "history"}, {"export", "--format", "json"}};
    for (auto args : commands) {
        args.insert(args.begin(), {"--data-dir", empty.str()});
        const RunResult r = run_candor(args);
        INFO(args[2]);
        CHECK(r.code == 2);
        CHECK(r.err == expected);
        CHECK(r.out.empty());
    }
    // --json does not change the error path.
    const RunResult j = run_candor({"status", "--json", "--data-dir", empty.str()});
    CHECK(j.code == 2);
    CHECK(j.err == expected);
}

TEST_CASE("cli: bad text, numbers, times and ids exit 1 with a reason") {
    expect_rejected({"update", ""}, "the update text must not be empty");
    expect_rejected({"update", "   "}, "the update text must not be empty");
    expect_rejected({"update", "at", "the", "gym"}, "unexpected argument 'the' (put text with spaces in quotes)");
    expect_rejected({"update", std::string("caf\xC3")}, "not valid UTF-8");
    expect_rejected({"update", "x", "--where", ""}, "--where must not be empty");
    expect_rejected({"update", "x", "--until", "25:00"}, "--until: invalid time '25:00': the hour must be 0 to 23");
    expect_rejected({"update", "x", "--until", ""}, "--until: invalid time '': it is empty");
    expect_rejected({"update", "x", "--until", "+m"}, "invalid time '+m'");
    expect_rejected({"update", "x", "--until", "2020-01-01T10:00Z"}, "is in the past");
    expect_rejected({"late", "0"}, "the number of minutes must be 1 to 1440, not 0");
    expect_rejected({"late", "-5"}, "the number of minutes must be 1 to 1440, not -5");
    expect_rejected({"late", "ten"}, "the number of minutes must be a whole number");
    expect_rejected({"late", "15m"}, "whole number");
    expect_rejected({"late", "99999999999999999999"}, "must be 1 to 1440");
    expect_rejected({"late", "15", "--for", "abc12"}, "--for: 'abc12' is not an entry id");
    expect_rejected({"late", "15", "--for", "xyzxyz"}, "is not an entry id");
    expect_rejected({"late", "15", "--reason", " "}, "--reason must not be empty");
    expect_rejected({"commit", "call mum"}, "commit needs --due TIME");
    expect_rejected({"commit", "", "--due", "+1h"}, "the commitment text must not be empty");
    expect_rejected({"commit", "call", "--due", "19:60"}, "the minutes must be 0 to 59");
    expect_rejected({"keep", "12345"}, "'12345' is not an entry id: give at least 6 hex characters");
    expect_rejected({"miss", "ghijkl"}, "is not an entry id");
    expect_rejected({"ack", std::string(65, 'a')}, "is not an entry id");
    expect_rejected({"keep", "abcdef", "--note", ""}, "--note must not be empty");
    expect_rejected({"renegotiate", "abcdef"}, "renegotiate needs --due TIME");
    expect_rejected({"renegotiate", "abcdef", "--due", "yesterday"}, "not a time");
    expect_rejected({"feed", "--limit", "abc"}, "--limit must be a whole number");
    expect_rejected({"feed", "--limit", "0"}, "--limit must be 1 to 1000000000, not 0");
    expect_rejected({"feed", "--limit", "-3"}, "--limit must be 1 to 1000000000, not -3");
    expect_rejected({"feed", "--kind", "gossip"}, "--kind must be one of update, late");
    expect_rejected({"pair", "invite", "--ttl", "5"}, "--ttl must be 30 to 3600");
    expect_rejected({"pair", "join"}, "missing arguments; usage: candor pair join CODE");
    expect_rejected({"pair", "join", " "}, "the pairing code must not be empty");
    expect_rejected({"pair", "join", "1234", "--peer", "localhost"}, "--peer must be HOST:PORT (the port is missing)");
    expect_rejected({"pair", "join", "1234", "--timeout", "0"}, "--timeout must be 1 to 3600");
    expect_rejected({"connect", "host:99999"}, "the port must be 1 to 65535");
    expect_rejected({"connect", ":47600"}, "the host is missing");
    expect_rejected({"connect", "::1:47600"}, "in brackets");
    expect_rejected({"unpair"}, "missing arguments; usage: candor unpair DEVICE_ID");
    expect_rejected({"agreement", "accept", "two"},
                    "the version must be a version number such as 3, or at least 6 hex characters of its id, not 'two'");
    expect_rejected({"agreement", "accept", "3f2a9"}, "or at least 6 hex characters");
    expect_rejected({"agreement", "decline", "0"}, "the version must be 1 to 99999, not 0");
    expect_rejected({"agreement", "show", "--version", "x"}, "--version must be a version number");
    expect_rejected({"agreement", "review"}, "agreement review needs --note TEXT");
    expect_rejected({"agreement", "review", "--note", "ok", "--next", "+0m"}, "more than zero");
    expect_rejected({"agreement", "propose"}, "agreement propose needs --file FILE");
    expect_rejected({"agreement", "propose", "--file", "/nonexistent/agreement.json"},
                    "cannot read /nonexistent/agreement.json");
    expect_rejected({"export"}, "export needs --format json or --format markdown");
    expect_rejected({"export", "--format", "pdf"}, "--format must be json or markdown, not 'pdf'");
}

TEST_CASE("cli: unknown commands and malformed options exit 1") {
    expect_rejected({"frobnicate"}, "unknown command 'frobnicate' (see 'candor --help')");
    expect_rejected({"pair"}, "'candor pair' needs one of: invite, join, list");
    expect_rejected({"pair", "start"}, "unknown command 'candor pair start'");
    expect_rejected({"agreement"}, "needs one of: show, propose, accept, decline, review, history");
    expect_rejected({"status", "--bogus"}, "unknown option '--bogus' for 'candor status'");
    expect_rejected({"status", "-x"}, "unknown option '-x'");
    expect_rejected({"status", "extra"}, "unexpected argument 'extra'");
    expect_rejected({"update", "x", "--where"}, "--where needs a value");
    expect_rejected({"update", "x", "--where", "a", "--where", "b"}, "--where is given twice");
    expect_rejected({"commitments", "--open=yes"}, "--open takes no value");
    expect_rejected({"--verbose", "status"}, "unknown option '--verbose'");

    const RunResult no_dir = run_candor({"status", "--data-dir"});
    CHECK(no_dir.code == 1);
    CHECK(no_dir.err == "--data-dir needs a directory\n");
    const RunResult twice = run_candor({"--data-dir", "/a", "status", "--data-dir", "/b"});
    CHECK(twice.code == 1);
    CHECK(twice.err == "--data-dir is given twice\n");
}

TEST_CASE("cli: help works without a Node, for the program and each command") {
    const RunResult all = run_candor({"--help"});
    CHECK(all.code == 0);
    CHECK(all.err.empty());
    for (const auto& c : commands()) {
        INFO(c.name);
        CHECK(all.out.find("candor " + std::string(c.name)) != std::string::npos);
    }
    const RunResult update = run_candor({"update", "--help"});
    CHECK(update.code == 0);
    CHECK(update.out.find("Usage: candor update TEXT [--where PLACE] [--until TIME]") == 0);
    CHECK(update.out.find("TIME: 19:00") != std::string::npos);
    // --help wins over otherwise invalid arguments, and works for two-word commands.
    CHECK(run_candor({"late", "-5", "--help"}).code == 0);
    const RunResult join = run_candor({"pair", "join", "-h"});
    CHECK(join.out.find("Usage: candor pair join CODE [--peer HOST:PORT] [--timeout S]") == 0);
    CHECK(run_candor({"pair", "--help"}).out.find("candor pair invite") != std::string::npos);
    CHECK(run_candor({"serve", "--help"}).out.find("Usage: candor serve [--name NAME]") == 0);
    // No command at all is not something run_cli runs (main.cpp opens the app).
    CHECK(run_candor({}).code == 1);
}

TEST_CASE("cli: parse_command_line splits what main.cpp needs") {
    const std::vector<std::string> serve = {"--data-dir", "/tmp/x", "serve", "--port", "0",
                                            "--no-discovery", "--name=Alex"};
    auto p = parse_command_line(serve);
    REQUIRE(p.ok());
    REQUIRE(p->command != nullptr);
    CHECK(p->command->name == "serve");
    const bool handled_by_main = p->command->handler == nullptr;
    CHECK(handled_by_main);
    CHECK(p->globals.data_dir == "/tmp/x");
    CHECK(p->args.value("port") == "0");
    CHECK(p->args.value("name") == "Alex");
    CHECK(p->args.flag("no-discovery"));
    CHECK_FALSE(p->args.value("bind").has_value());

    auto none = parse_command_line(std::vector<std::string>{"--data-dir", "/tmp/x"});
    REQUIRE(none.ok());
    CHECK(none->command == nullptr);
    CHECK(none->globals.data_dir == "/tmp/x");

    CHECK_FALSE(parse_command_line(std::vector<std::string>{"serve", "--port"}).ok());
    CHECK_FALSE(parse_command_line(std::vector<std::string>{"serve", "--colour"}).ok());

    auto two = parse_command_line(std::vector<std::string>{"agreement", "decline", "3", "--json",
                                                           "--note", "not yet"});
    REQUIRE(two.ok());
    CHECK(two->command->name == "agreement decline");
    CHECK(two->globals.json);
    CHECK(two->args.positionals == std::vector<std::string>{"3"});
    CHECK(two->args.value("note") == "not yet");

    // After "--" nothing is an option, global or not.
    auto dashes = parse_command_line(std::vector<std::string>{"update", "--", "--json"});
    REQUIRE(dashes.ok());
    CHECK_FALSE(dashes->globals.json);
    CHECK(dashes->args.positionals == std::vector<std::string>{"--json"});
}

TEST_CASE("cli: data directory resolution") {
    auto relative = resolve_data_dir(std::string("some/dir"));
    REQUIRE(relative.ok());
    CHECK(relative->is_absolute());
    CHECK(*relative == std::filesystem::current_path() / "some/dir");
    CHECK(resolve_data_dir(std::string("/abs/dir")).value() == "/abs/dir");

    const char* old_xdg = std::getenv("XDG_DATA_HOME");
    const std::string saved = old_xdg ? old_xdg : "";
    ::setenv("XDG_DATA_HOME", "/xdg/data", 1);
    CHECK(resolve_data_dir(std::nullopt).value() == "/xdg/data/candor");
    ::setenv("XDG_DATA_HOME", "relative/ignored", 1);
    auto fallback = resolve_data_dir(std::nullopt);
    REQUIRE(fallback.ok());
    CHECK(fallback->string().ends_with(".local/share/candor"));
    if (old_xdg) ::setenv("XDG_DATA_HOME", saved.c_str(), 1);
    else ::unsetenv("XDG_DATA_HOME");
}

TEST_CASE("cli: validators") {
    CHECK(validate_entry_id("abcdef").value() == "abcdef");
    CHECK(validate_entry_id("ABCDEF0123").value() == "ABCDEF0123");  // passed as typed
    CHECK(validate_entry_id(std::string(64, 'f')).ok());
    CHECK_FALSE(validate_entry_id("abcde").ok());
    CHECK_FALSE(validate_entry_id("abcdeg").ok());
    CHECK_FALSE(validate_entry_id("").ok());
    CHECK(validate_host_port("x", "192.168.1.20:47600").ok());
    CHECK(validate_host_port("x", "[fe80::1]:47600").ok());
    CHECK(validate_host_port("x", "alex-laptop.local:1").ok());
    CHECK_FALSE(validate_host_port("x", "[fe80::1:47600").ok());
    CHECK_FALSE(validate_host_port("x", "host:0").ok());
    CHECK_FALSE(validate_host_port("x", "host:").ok());
    CHECK_FALSE(validate_host_port("x", "a b:1").ok());
    CHECK(validate_text("t", "  hi  ").value() == "hi");
    CHECK(validate_int("n", "1440", 1, 1440).value() == 1440);
    CHECK_FALSE(validate_int("n", "1441", 1, 1440).ok());
    CHECK_FALSE(validate_int("n", "", 1, 1440).ok());
    CHECK_FALSE(validate_int("n", " 5", 1, 1440).ok());
}
