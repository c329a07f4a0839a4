// Daily use end to end (issue 5) with two real `candor serve` processes paired over loopback and
// driven through the CLI: a late notice for a commitment shows on the partner's `commitments
// --json` with the right status and whether it was a warning in time; kept and renegotiated reach
// the partner; bad input exits 1 (unknown id 3) with a one-line reason and stores nothing on
// either side; an acknowledgement reaches the author's feed with its target.
#include <doctest/doctest.h>

#include <chrono>
#include <csignal>
#include <ctime>
#include <functional>
#include <memory>
#include <thread>

#include "cli_device.hpp"

using namespace candor;
using namespace candor::node::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const fs::path kBinary = CANDOR_BINARY;

// This device's view of one commitment; null when it does not have it.
json::Value commitment_on(const CliDevice& d, const std::string& id) {
    const json::Value list = d.ok({"commitments"});
    for (const json::Value& c : *list.if_array())
        if (c.get_string("id") == id) return c;
    return nullptr;
}

// "2026-11-23T19:00:05Z" for a whole second since the epoch.
std::string iso_utc(std::time_t seconds) {
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

}  // namespace

TEST_CASE("e2e daily: late notice, commitments, bad input and acks between two paired serves") {
    REQUIRE(fs::exists(kBinary));
    TempDir tmp;
    CliDevice a{tmp.path() / "A", "Alex", tmp.path()};
    CliDevice b{tmp.path() / "B", "Sam", tmp.path()};
    REQUIRE_MESSAGE(a.start(), a.serve->output());
    REQUIRE_MESSAGE(b.start(), b.serve->output());
    (void)pair_devices(a, b);
    const std::string id_a = *a.ok({"status"}).get_string("device_id");
    const std::string id_b = *b.ok({"status"}).get_string("device_id");

    // A commitment two hours ahead, then a late notice for it sent well before it is due.
    const json::Value call = a.ok({"commit", "Call at 7", "--due", "+2h"});
    const std::string call_id = *call.get_string("id");
    CHECK(call.get_string("kind") == "commitment");
    const json::Value late = a.ok({"late", "15", "--reason", "traffic", "--for", call_id.substr(0, 8)});
    const std::string late_id = *late.get_string("id");
    CHECK(late.get_string("kind") == "late");
    CHECK(late.get_string("for") == call_id);
    CHECK(late.get_int("minutes") == 15);

    REQUIRE(eventually([&] { return !commitment_on(b, call_id)["late"].is_null(); }));
    {
        const json::Value c = commitment_on(b, call_id);
        for (const char* field : {"id", "text", "author", "due_at", "status", "resolved_at"})
            CHECK_MESSAGE(c.if_object()->find(field) != nullptr, field);
        CHECK(c.get_string("text") == "Call at 7");
        CHECK(c.get_string("author") == id_a);
        CHECK(c.get_string("author_name") == "Alex");
        CHECK(c.get_string("due_at") == call.get_string("due_at"));
        CHECK(c.get_string("status") == "open");
        CHECK(c["resolved_at"].is_null());
        const json::Value& l = c["late"];
        CHECK(l.get_string("id") == late_id);
        CHECK(l.get_int("minutes") == 15);
        CHECK(l.get_string("reason") == "traffic");
        CHECK(l.get_string("eta") == late.get_string("eta"));
        CHECK(l.get_bool("warned_in_time") == true);
    }
    const json::Value lates_b = b.ok({"feed", "--kind", "late"});
    REQUIRE(lates_b.if_array()->size() == 1);
    CHECK(lates_b[0].get_string("id") == late_id);
    CHECK(lates_b[0].get_string("for") == call_id);
    CHECK(lates_b[0].get_string("reason") == "traffic");
    CHECK(lates_b[0].get_string("author") == id_a);

    // A commitment due in a moment, and a late notice only after that: due, not a warning in time.
    const auto due_s = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch()).count() + 2;
    const json::Value soon = a.ok({"commit", "Text when parked", "--due", iso_utc(static_cast<std::time_t>(due_s))});
    const std::string soon_id = *soon.get_string("id");
    REQUIRE(eventually([&] { return commitment_on(a, soon_id).get_string("status") == "due"; }, 5s));
    const json::Value late2 = a.ok({"late", "5", "--for", soon_id.substr(0, 10)});
    REQUIRE(eventually([&] { return !commitment_on(b, soon_id)["late"].is_null(); }));
    {
        const json::Value c = commitment_on(b, soon_id);
        CHECK(c.get_string("status") == "due");
        CHECK(c["late"].get_string("id") == late2.get_string("id"));
        CHECK(c["late"].get_bool("warned_in_time") == false);
        CHECK(c["late"]["reason"].is_null());
        CHECK(commitment_on(b, call_id)["late"].get_string("id") == late_id);  // each its own notice
    }

    // Kept and renegotiated reach B with their times.
    const json::Value dinner = a.ok({"commit", "Dinner together", "--due", "+3h"});
    const std::string dinner_id = *dinner.get_string("id");
    const json::Value kept = a.ok({"keep", call_id.substr(0, 12)});
    CHECK(kept.get_string("outcome") == "kept");
    const json::Value moved = a.ok({"renegotiate", dinner_id.substr(0, 8), "--due", "+5h", "--note", "late meeting"});
    CHECK(moved.get_string("outcome") == "renegotiated");
    REQUIRE(moved.get_string("new_due_at").has_value());
    CHECK(moved.get_string("new_due_at") != dinner.get_string("due_at"));
    REQUIRE(eventually([&] {
        return commitment_on(b, call_id).get_string("status") == "kept" &&
               commitment_on(b, dinner_id).get_string("status") == "renegotiated";
    }));
    {
        const json::Value c = commitment_on(b, call_id);
        CHECK(c.get_string("resolved_at") == kept.get_string("created_at"));
        CHECK(c["late"].get_string("id") == late_id);  // the story keeps the notice after keeping
        const json::Value d = commitment_on(b, dinner_id);
        CHECK(d.get_string("due_at") == moved.get_string("new_due_at"));
        CHECK(d["resolved_at"].is_null());
        CHECK(d["late"].is_null());
        CHECK(d.get_int("renegotiations") == 1);
    }
    // The human listing reads the same JSON; the new field must not break it.
    const ProcessResult human = b.cli({"commitments"}, false);
    CHECK(human.status == 0);
    CHECK(human.out.find("kept") != std::string::npos);
    CHECK(human.out.find("Call at 7") != std::string::npos);
    CHECK(human.out.find("renegotiated") != std::string::npos);

    // Bad input: refused with one line and nothing stored on either side.
    const std::int64_t entries_a = a.entries();
    REQUIRE(eventually([&] { return b.entries() == entries_a; }));
    check_refused(a, {"late", "-5"}, 1);
    check_refused(a, {"late", "0"}, 1);
    check_refused(a, {"late", "-5", "--for", dinner_id.substr(0, 8)}, 1);
    check_refused(a, {"commit", "x", "--due", "2020-01-01T10:00"}, 1);
    check_refused(a, {"commit", "", "--due", "+1h"}, 1);
    check_refused(a, {"commit", "x"}, 1);
    check_refused(a, {"update", ""}, 1);
    check_refused(a, {"keep", "abcdef123456"}, 3);
    check_refused(a, {"late", "10", "--for", "abcdef123456"}, 3);
    check_refused(b, {"keep", dinner_id.substr(0, 8)}, 3);  // only the author resolves it
    check_refused(b, {"ack", "abcdef123456"}, 3);
    CHECK(a.entries() == entries_a);
    CHECK(b.entries() == entries_a);
    CHECK(commitment_on(b, dinner_id).get_string("status") == "renegotiated");

    // B acknowledges A's update; A's feed has the ack pointing at it.
    const json::Value update = a.ok({"update", "Leaving work", "--where", "office"});
    const std::string update_id = *update.get_string("id");
    REQUIRE(eventually([&] { return b.ok({"feed", "--kind", "update"}).if_array()->size() == 1; }));
    const json::Value ack = b.ok({"ack", update_id.substr(0, 8), "--note", "seen, thank you"});
    CHECK(ack.get_string("target") == update_id);
    REQUIRE(eventually([&] { return a.ok({"feed", "--kind", "ack"}).if_array()->size() == 1; }));
    const json::Value acks_a = a.ok({"feed", "--kind", "ack"});
    CHECK(acks_a[0].get_string("id") == ack.get_string("id"));
    CHECK(acks_a[0].get_string("target") == update_id);
    CHECK(acks_a[0].get_string("author") == id_b);
    CHECK(acks_a[0].get_string("note") == "seen, thank you");
    // Everything that was accepted, and nothing else, is on both sides.
    CHECK(a.entries() == entries_a + 2);
    REQUIRE(eventually([&] { return b.entries() == entries_a + 2; }));

    CHECK(a.stop());  // both exit 0 on SIGTERM
    CHECK(b.stop());
}
