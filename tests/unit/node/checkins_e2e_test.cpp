// Check-ins end to end with two real `candor serve` processes paired over loopback, driven through
// the CLI: bad input refused with exit 1 and nothing stored; an answer sealed on the partner's
// side (not in feed, checkins or export) until the partner answers too; a replacement before the
// reveal and a refusal after it; the weekly "State of us" from a file.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>

#include "cli_device.hpp"

using namespace candor;
using namespace candor::node::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {


json::Value first_checkin(const CliDevice& d, const std::string& kind) {
    const json::Value list = d.ok({"checkins", "--kind", kind});
    REQUIRE(list.if_array());
    REQUIRE_FALSE(list.if_array()->empty());
    return (*list.if_array())[0];
}

bool revealed_on(const CliDevice& d, const std::string& kind) {
    const json::Value list = d.ok({"checkins", "--kind", kind});
    return list.if_array() && !list.if_array()->empty() && (*list.if_array())[0].get_bool("revealed") == true;
}

void check_nothing_readable(const CliDevice& d, const std::string& secret) {
    CHECK(d.cli({"feed"}).out.find(secret) == std::string::npos);
    CHECK(d.cli({"checkins"}).out.find(secret) == std::string::npos);
    CHECK(d.cli({"checkins"}, false).out.find(secret) == std::string::npos);
    CHECK(d.cli({"export", "--format", "json"}).out.find(secret) == std::string::npos);
    CHECK(d.cli({"export", "--format", "markdown"}, false).out.find(secret) == std::string::npos);
}

}  // namespace

TEST_CASE("e2e checkins: sealed until both answered, replace before the reveal, refused after, bad input") {
    PairedCli pair;
    CliDevice& a = pair.a;
    CliDevice& b = pair.b;
    const TempDir& tmp = pair.tmp;

    // Bad input: one line on stderr, exit 1, nothing stored.
    const std::int64_t before = a.entries();
    check_refused(a, {"checkin", "daily", "--safe", "0", "--connected", "3", "--trust", "3"}, 1, "--safe");
    check_refused(a, {"checkin", "daily", "--safe", "3", "--connected", "6", "--trust", "3"}, 1, "--connected");
    check_refused(a, {"checkin", "daily", "--safe", "3", "--connected", "3"}, 1, "--trust");
    check_refused(a, {"checkin", "weekly", "--file", write_file(tmp.path() / "empty.json", "{}").string()}, 1,
                  "appreciations");
    check_refused(a, {"checkin", "weekly", "--file",
                      write_file(tmp.path() / "none.json", R"({"appreciations": [], "issue": "x"})").string()},
                  1, "1 to 5");
    check_refused(a, {"checkin", "weekly", "--file", write_file(tmp.path() / "bad.json", "{not json").string()}, 1);
    check_refused(a, {"checkin", "weekly", "--file",
                      write_file(tmp.path() / "extra.json", R"({"appreciations": ["a"], "mood": 3})").string()},
                  1, "mood");
    check_refused(a, {"checkin", "weekly", "--file", (tmp.path() / "missing.json").string()}, 1);
    check_refused(a, {"checkin", "weekly"}, 1, "--file");
    check_refused(a, {"checkins", "--kind", "monthly"}, 1);
    CHECK(a.entries() == before);

    // Alex answers; Sam's computer holds it sealed only.
    const json::Value first = a.ok({"checkin", "daily", "--safe", "2", "--connected", "2", "--trust", "2", "--note",
                                    "FIRST-ALEX-NOTE"});
    CHECK(first.get_string("kind") == "checkin");
    CHECK(first.get_bool("revealed") == false);
    const std::string period = first.get_string("period").value_or("");
    CHECK(period.size() == 10);
    const json::Value second = a.ok({"checkin", "daily", "--safe", "4", "--connected", "3", "--trust", "5", "--note",
                                     "ALEX-SECRET-NOTE"});
    CHECK(second.get_string("replaces") == first.get_string("id"));  // replaced before the reveal, visibly
    const json::Value mine = first_checkin(a, "daily");
    CHECK(mine["mine"].get_int("safe") == 4);
    CHECK(mine["partner"].is_null());
    REQUIRE(eventually([&] { return b.entries() == a.entries(); }));
    const json::Value sealed = first_checkin(b, "daily");
    CHECK(sealed.get_string("period") == period);
    CHECK(sealed["mine"].is_null());
    CHECK(sealed["partner"].get_bool("sealed") == true);
    CHECK_FALSE(sealed["partner"].find("safe"));
    check_nothing_readable(b, "ALEX-SECRET-NOTE");
    check_nothing_readable(b, "FIRST-ALEX-NOTE");

    // Sam answers: both open on both computers.
    (void)b.ok({"checkin", "daily", "--safe", "3", "--connected", "4", "--trust", "4", "--note", "SAM-NOTE"});
    REQUIRE(eventually([&] { return revealed_on(a, "daily") && revealed_on(b, "daily"); }));
    const json::Value on_b = first_checkin(b, "daily");
    CHECK(on_b["partner"].get_int("safe") == 4);
    CHECK(on_b["partner"].get_string("note") == "ALEX-SECRET-NOTE");
    CHECK(on_b["mine"].get_int("connected") == 4);
    CHECK(first_checkin(a, "daily")["partner"].get_string("note") == "SAM-NOTE");
    // After the reveal a new answer for the day is refused, nothing stored.
    const std::int64_t revealed_entries = a.entries();
    check_refused(a, {"checkin", "daily", "--safe", "1", "--connected", "1", "--trust", "1"}, 1, "already open");
    CHECK(a.entries() == revealed_entries);

    // The weekly "State of us".
    const fs::path weekly = write_file(tmp.path() / "week.json",
                                       R"({"appreciations": ["You called when you said you would", "the walk"],
                                           "went_right": "Sunday", "issue": "I feel uneasy about late nights and I need a text",
                                           "request": "Text me when you leave work"})");
    const json::Value w = a.ok({"checkin", "weekly", "--file", weekly.string()});
    CHECK(w.get_string("type") == "weekly");
    CHECK(w.get_string("period").value_or("").find("-W") == 4);
    REQUIRE(eventually([&] { return b.entries() == a.entries(); }));
    CHECK(first_checkin(b, "weekly")["partner"].get_bool("sealed") == true);
    check_nothing_readable(b, "late nights");
    const fs::path sams = write_file(tmp.path() / "sam.json", R"({"appreciations": ["dinner"], "request": "A walk on Sunday"})");
    (void)b.ok({"checkin", "weekly", "--file", sams.string()});
    REQUIRE(eventually([&] { return revealed_on(a, "weekly") && revealed_on(b, "weekly"); }));
    const json::Value wk = first_checkin(b, "weekly");
    CHECK(wk["partner"].get_string("request") == "Text me when you leave work");
    CHECK(wk["partner"]["appreciations"].if_array()->size() == 2);
    CHECK(first_checkin(a, "weekly")["partner"].get_string("request") == "A walk on Sunday");

    CHECK(a.ok({"checkins", "--limit", "1"}).if_array()->size() == 1);
    const ProcessResult human = a.cli({"checkins"}, false);
    CHECK(human.status == 0);
    CHECK(human.out.find("SAM-NOTE") != std::string::npos);
    CHECK(a.cli({"feed", "--kind", "checkin_key"}).status == 0);

    // Nothing of the answers in the serve logs.
    CHECK(a.serve->output().find("SAM-NOTE") == std::string::npos);
    CHECK(b.serve->output().find("ALEX-SECRET-NOTE") == std::string::npos);
    CHECK(a.stop());
    CHECK(b.stop());
}

TEST_CASE("e2e checkins: both answer while apart; both open once the computers meet again") {
    PairedCli pair;
    CliDevice& a = pair.a;
    CliDevice& b = pair.b;
    REQUIRE(b.stop());
    (void)a.ok({"checkin", "daily", "--safe", "5", "--connected", "4", "--trust", "4", "--note", "APART-ALEX"});
    REQUIRE(a.stop());
    REQUIRE(b.start());
    (void)b.ok({"checkin", "daily", "--safe", "2", "--connected", "3", "--trust", "3", "--note", "APART-SAM"});
    CHECK(first_checkin(b, "daily")["partner"].is_null());  // nothing of Alex's here yet
    REQUIRE(a.start());
    REQUIRE(eventually([&] { return revealed_on(a, "daily") && revealed_on(b, "daily"); }, std::chrono::seconds(20)));
    CHECK(first_checkin(a, "daily")["partner"].get_string("note") == "APART-SAM");
    CHECK(first_checkin(b, "daily")["partner"].get_string("note") == "APART-ALEX");
    CHECK(a.stop());
    CHECK(b.stop());
}
