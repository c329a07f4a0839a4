// The journal damage matrix (issue 15) with two real `candor serve` processes paired over
// loopback: A's journal is flipped, truncated, deleted or emptied — at its last record and in the
// middle — while A is stopped. A starts in recovery (status says so, a post exits 3 with
// "getting your history back from Sam's computer first"), gets its chain back from Sam once Sam is
// online, and its next entry takes the next seq: Sam accepts it and refuses nothing. Also the
// clock cases under libfaketime: set back 3 h and 2 days, 2 h ahead, then right again.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <vector>

#include "cli_device.hpp"

using namespace candor;
using namespace candor::node::test;
namespace fs = std::filesystem;

namespace {

constexpr int kPosts = 5;

enum class Damage { flip, truncate, remove, empty };

struct Case {
    const char* name;
    Damage damage;
    int record;  // 1-based record of A's own posts that is hit
};

void flip_byte(const fs::path& file, std::uintmax_t offset) {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(f);
    f.seekg(static_cast<std::streamoff>(offset));
    char c = 0;
    f.get(c);
    f.seekp(static_cast<std::streamoff>(offset));
    f.put(static_cast<char>(c ^ 0x10));
}

// `ends[i]`: the journal's size once post i + 1 was saved; ends[0] of the header only.
void apply(const Case& c, const fs::path& journal, const std::vector<std::uintmax_t>& ends) {
    const std::uintmax_t start = ends[static_cast<std::size_t>(c.record) - 1];
    const std::uintmax_t end = ends[static_cast<std::size_t>(c.record)];
    switch (c.damage) {
        case Damage::flip: flip_byte(journal, start + (end - start) / 2); break;
        case Damage::truncate: fs::resize_file(journal, start + (end - start) / 2); break;
        case Damage::remove: fs::remove(journal); break;
        case Damage::empty: fs::resize_file(journal, 0); break;
    }
}

// Alex and Sam, each with a running serve, paired.
struct Couple {
    TempDir tmp;
    CliDevice a{tmp.path() / "A", "Alex", tmp.path()};
    CliDevice b{tmp.path() / "B", "Sam", tmp.path()};
    Couple() {
        REQUIRE_MESSAGE(a.start(), a.serve->output());
        REQUIRE_MESSAGE(b.start(), b.serve->output());
        (void)pair_devices(a, b);
    }
};

// Restarts `d`'s serve with its clock moved by `offset` ("-3h"; empty: the real time).
void restart_at(CliDevice& d, const char* offset) {
    REQUIRE(d.stop());
    if (*offset) {
        ::setenv("LD_PRELOAD", "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1", 1);
        ::setenv("FAKETIME", offset, 1);
        ::setenv("FAKETIME_DONT_FAKE_MONOTONIC", "1", 1);
        // In a sanitizer build libfaketime comes before the ASan runtime; ASan must not refuse that.
        ::setenv("ASAN_OPTIONS", "verify_asan_link_order=0", 1);
    }
    const bool started = d.start();
    ::unsetenv("LD_PRELOAD");
    ::unsetenv("FAKETIME");
    ::unsetenv("ASAN_OPTIONS");
    REQUIRE_MESSAGE(started, d.serve->output());
}

const json::Value* recovering(const json::Value& status) { return status.find("recovering"); }

}  // namespace

TEST_CASE("journal damage: A gets its chain back from its partner and never reuses a seq") {
    const Case cases[] = {
        {"flip the last record", Damage::flip, kPosts},
        {"flip a middle record", Damage::flip, 3},
        {"truncate the last record", Damage::truncate, kPosts},
        {"truncate in the middle", Damage::truncate, 3},
        {"delete the journal", Damage::remove, kPosts},
        {"empty the journal", Damage::empty, kPosts},
    };
    for (const Case& c : cases) {
        SUBCASE(c.name) {
            Couple couple;
            CliDevice& a = couple.a;
            CliDevice& b = couple.b;
            const fs::path journal = a.dir / "journal";
            std::vector<std::uintmax_t> ends{fs::file_size(journal)};
            for (int i = 1; i <= kPosts; ++i) {
                (void)a.ok({"update", "saved " + std::to_string(i)});
                ends.push_back(fs::file_size(journal));
            }
            REQUIRE(eventually([&] { return b.entries() == kPosts; }));

            // Sam's computer is off while A starts with the damaged journal: A must wait.
            REQUIRE(b.stop());
            REQUIRE(a.stop());
            apply(c, journal, ends);
            REQUIRE_MESSAGE(a.start(), a.serve->output());
            const json::Value status = a.ok({"status"});
            const json::Value* rec = recovering(status);
            REQUIRE_MESSAGE(rec, a.serve->output());
            CHECK((*rec).get_string("message") == "Getting your history back from Sam's computer…");
            const ProcessResult refused = a.cli({"update", "too early"});
            CHECK(refused.status == 3);
            CHECK(refused.out.empty());
            CHECK(refused.err.find("getting your history back from Sam's computer first") != std::string::npos);

            // Sam comes back: A holds its whole chain again and posts at seq kPosts + 1.
            REQUIRE_MESSAGE(b.start(), b.serve->output());
            REQUIRE_MESSAGE(eventually([&] { return !recovering(a.ok({"status"})); }, std::chrono::seconds(20)),
                            a.serve->output());
            CHECK(a.entries() == kPosts);
            const json::Value next = a.ok({"update", "after recovery"});
            CHECK(next.get_int("seq") == kPosts + 1);
            REQUIRE(eventually([&] { return b.entries() == kPosts + 1; }));
            const json::Value sam = b.ok({"status"});
            REQUIRE(sam["paired"].if_array());
            CHECK_FALSE(sam["paired"][0].find("refusing"));

            // A restart afterwards is clean: not recovering, every entry there.
            REQUIRE(a.stop());
            REQUIRE_MESSAGE(a.start(), a.serve->output());
            CHECK_FALSE(recovering(a.ok({"status"})));
            CHECK(a.entries() == kPosts + 1);
            REQUIRE(a.stop());
            REQUIRE(b.stop());
        }
    }
}

TEST_CASE("journal damage: unpaired, a missing journal beside identity.key refuses to start and says why") {
    TempDir tmp;
    CliDevice a{tmp.path() / "A", "Alex", tmp.path()};
    REQUIRE_MESSAGE(a.start(), a.serve->output());
    (void)a.ok({"update", "one"});
    REQUIRE(a.stop());
    fs::remove(a.dir / "journal");
    CHECK_FALSE(a.start());
    CHECK(a.serve->output().find("is missing or empty") != std::string::npos);
    CHECK(fs::exists(a.dir / "identity.key"));
}

TEST_CASE("journal damage: with the partner's computer gone, a new chain continues above every seq given out") {
    Couple couple;
    CliDevice& a = couple.a;
    CliDevice& b = couple.b;
    for (int i = 1; i <= 3; ++i) (void)a.ok({"update", "saved " + std::to_string(i)});
    REQUIRE(eventually([&] { return b.entries() == 3; }));
    REQUIRE(b.stop());
    REQUIRE(a.stop());
    fs::remove(a.dir / "journal");
    REQUIRE_MESSAGE(a.start(), a.serve->output());
    REQUIRE(recovering(a.ok({"status"})));

    const json::Value fresh = a.ok({"new-chain", "--reason", "the old computer broke"});
    CHECK(fresh.get_string("kind") == "new_chain");
    CHECK(fresh.get_int("seq") == 4);
    CHECK(fresh.get_int("resumes_after") == 0);
    CHECK(fresh.get_int("skipped_through") == 3);
    CHECK_FALSE(recovering(a.ok({"status"})));
    CHECK(a.ok({"update", "after the new chain"}).get_int("seq") == 5);
    CHECK(a.cli({"new-chain"}).status == 3);  // not recovering any more

    // Sam's computer comes back after all: it records the new chain and the entry after it.
    REQUIRE_MESSAGE(b.start(), b.serve->output());
    REQUIRE(eventually([&] { return b.entries() == 5; }, std::chrono::seconds(20)));
    const json::Value sam = b.ok({"status"});
    CHECK_FALSE(sam["paired"][0].find("refusing"));
    REQUIRE(a.stop());
    REQUIRE(b.stop());
}

TEST_CASE("clock skew (faketime): a clock set back never dates an entry before what it follows; one ahead is flagged") {
    if (!fs::exists("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")) return;  // apt install faketime
    Couple couple;
    CliDevice& a = couple.a;
    CliDevice& b = couple.b;
    const json::Value call = a.ok({"commit", "Call at 7", "--due", "+2h"});
    const std::string made = *call.get_string("created_at");
    REQUIRE(eventually([&] { return b.entries() == 1; }));

    // Three hours back (the reported "resolved 13:22 before made 16:22"), then two days back.
    restart_at(a, "-3h");
    const json::Value kept = a.ok({"keep", call.get_string("id")->substr(0, 8)});
    CHECK(*kept.get_string("created_at") >= made);
    restart_at(a, "-2d");
    const json::Value back = a.ok({"update", "two days back"});
    CHECK(*back.get_string("created_at") >= *kept.get_string("created_at"));
    REQUIRE(eventually([&] { return b.entries() == 3; }, std::chrono::seconds(20)));
    CHECK_FALSE(b.ok({"status"})["paired"][0].find("refusing"));

    // Two hours ahead: kept, and Sam's status says how far ahead Alex's clock runs.
    restart_at(a, "+2h");
    (void)a.ok({"update", "from the future"});
    REQUIRE(eventually([&] { return b.entries() == 4; }, std::chrono::seconds(20)));
    const auto ahead = b.ok({"status"})["paired"][0].get_int("clock_ahead_minutes");
    REQUIRE(ahead);
    CHECK(*ahead >= 100);
    CHECK(*ahead <= 121);

    // The clock set right again: Alex posts at once and Sam keeps it.
    restart_at(a, "");
    CHECK(a.ok({"update", "clock right"}).get_int("seq") == 5);
    REQUIRE(eventually([&] { return b.entries() == 5; }, std::chrono::seconds(20)));
    CHECK_FALSE(b.ok({"status"})["paired"][0].find("refusing"));
    REQUIRE(a.stop());
    REQUIRE(b.stop());
}

TEST_CASE("clock skew (faketime): a kept dated on time by a slow clock is judged late by the partner who knew better") {
    if (!fs::exists("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1")) return;  // apt install faketime
    Couple couple;
    CliDevice& a = couple.a;
    CliDevice& b = couple.b;
    // Sam's computer runs 3 h ahead of Alex's: to Sam, Alex's clock is 3 h slow. Alex makes a
    // commitment due in an hour by Alex's clock and keeps it "on time" by that clock, while
    // Sam's computer knew (Alex's sync Hello, 3 h later by Sam's clock) that it was not made yet.
    restart_at(b, "+3h");
    REQUIRE(eventually([&] { return b.partner_online(); }, std::chrono::seconds(20)));
    const json::Value call = a.ok({"commit", "Call at 7", "--due", "+1h"});
    const std::string id = *call.get_string("id");
    (void)a.ok({"keep", id.substr(0, 8)});
    REQUIRE(eventually([&] { return b.entries() == 2; }, std::chrono::seconds(20)));
    const auto outcome_on = [&](CliDevice& d) {
        const json::Value list = d.ok({"commitments"});
        for (const json::Value& c : *list.if_array()) {
            if (c.get_string("id") == id) return c.get_string("outcome").value_or("missing");
        }
        return std::string("none");
    };
    CHECK(outcome_on(a) == "kept_on_time");
    CHECK(outcome_on(b) == "kept_late_unwarned");
    // Both times in view, and the same after Sam's Node reads its journal again.
    restart_at(b, "+3h");
    CHECK(outcome_on(b) == "kept_late_unwarned");
    const json::Value list = b.ok({"commitments"});
    for (const json::Value& c : *list.if_array()) {
        if (c.get_string("id") == id) CHECK(c.find("judged_resolved_at") != nullptr);
    }
    REQUIRE(a.stop());
    REQUIRE(b.stop());
}
