// Progress end to end with two real `candor serve` processes paired over loopback, driven through
// the CLI: bad --weeks refused (exit 1, one line, nothing asked of the Node), the JSON shape of
// ../shared/spec/cli.md "Progress" with real figures from commitments, late notices, check-ins and
// a reassurance, and the same progress on both computers (me and partner swapped), milestones too.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <set>

#include "cli_device.hpp"

using namespace candor;
using namespace candor::node::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// The progress JSON seen from the other side: every {"me","partner"} swapped; texts dropped
// (they say "you" on one side and "Sam" on the other).
json::Value swapped(const json::Value& v) {
    if (const json::Object* o = v.if_object()) {
        if (o->find("me") && o->find("partner") && o->size() == 2) {
            return json::Object{{"me", *o->find("partner")}, {"partner", *o->find("me")}};
        }
        json::Object out;
        for (const auto& [key, value] : *o) {
            if (key != "text") out.set(key, swapped(value));
        }
        return out;
    }
    if (const json::Array* a = v.if_array()) {
        json::Array out;
        for (const json::Value& x : *a) out.push_back(swapped(x));
        return out;
    }
    return v;
}

json::Value without_texts(const json::Value& v) { return swapped(swapped(v)); }

std::int64_t figure(const json::Value& pair, const char* who) { return pair[who].if_int() ? *pair[who].if_int() : -1; }

}  // namespace

TEST_CASE("e2e progress: figures per person per week, milestones, the same on both computers") {
    PairedCli pair;
    CliDevice& a = pair.a;
    CliDevice& b = pair.b;

    check_refused(a, {"progress", "--weeks", "3"}, 1, "--weeks");
    check_refused(a, {"progress", "--weeks", "53"}, 1, "--weeks");
    check_refused(a, {"progress", "--weeks", "twelve"}, 1, "--weeks");

    const json::Value empty = a.ok({"progress"});
    REQUIRE(empty["weeks"].if_array());
    CHECK(empty["weeks"].if_array()->size() == 12);
    CHECK(empty["milestones"].if_array()->empty());
    CHECK(a.ok({"progress", "--weeks", "4"})["weeks"].if_array()->size() == 4);
    CHECK(a.ok({"progress", "--weeks", "52"})["weeks"].if_array()->size() == 52);

    // Alex: one kept on time, one missed after a late notice sent before its due time.
    const std::string c1 = *a.ok({"commit", "call the bank", "--due", "+2h"}).get_string("id");
    const std::string c2 = *a.ok({"commit", "pick up the parcel", "--due", "+3h"}).get_string("id");
    (void)a.ok({"keep", c1.substr(0, 8)});
    (void)a.ok({"late", "20", "--for", c2.substr(0, 8)});
    (void)a.ok({"miss", c2.substr(0, 8)});
    // Sam asks for reassurance and feels settled again; both check in, daily and weekly.
    const std::string r = *b.ok({"reassure", "ask"}).get_string("id");
    (void)b.ok({"reassure", "settled", r.substr(0, 8)});
    (void)a.ok({"checkin", "daily", "--safe", "4", "--connected", "4", "--trust", "4"});
    (void)b.ok({"checkin", "daily", "--safe", "3", "--connected", "4", "--trust", "5"});
    (void)a.ok({"checkin", "weekly", "--file",
          write_file(pair.tmp.path() / "a.json", R"({"appreciations": ["the soup", "the walk"]})").string()});
    (void)b.ok({"checkin", "weekly", "--file",
          write_file(pair.tmp.path() / "b.json", R"({"appreciations": ["listening"]})").string()});
    // An agreement both accept, and its first review.
    const std::string v1 = *a.ok({"agreement", "propose", "--file",
                                  write_file(pair.tmp.path() / "ag.json", R"({"title": "Ours", "transparency_plan": {"phases": [
            {"expects": "an update when leaving work", "until": "2099-01-31T00:00+01:00"},
            {"expects": "as we like", "until": null}], "retire_figures": true}})").string()})
                                .get_string("version");
    REQUIRE(eventually([&] { return b.cli({"agreement", "accept", v1.substr(0, 8)}).status == 0; }, 10s));
    REQUIRE(eventually([&] { return a.ok({"agreement", "show"}).get_string("status") == "active"; }, 10s));
    (void)a.ok({"agreement", "review", "--note", "going well"});
    // The plan is part of the version both accepted: the same on both computers.
    const json::Value plan = b.ok({"agreement", "show"})["agreement"]["transparency_plan"];
    CHECK(plan == a.ok({"agreement", "show"})["agreement"]["transparency_plan"]);
    CHECK(plan["phases"][0].get_string("until") == "2099-01-31T00:00:00+01:00");
    CHECK(plan["phases"][1]["until"].is_null());
    CHECK(plan.get_bool("retire_figures") == true);

    // Both computers hold everything, check-ins opened.
    REQUIRE(eventually([&] {
        const json::Value pa = a.ok({"progress"}), pb = b.ok({"progress"});
        return a.entries() == b.entries() && pa["milestones"].if_array()->size() == 3 &&
               without_texts(pa) == swapped(pb) && figure(pa["weeks"][11]["appreciations"], "partner") == 1;
    }, 15s));

    const json::Value p = a.ok({"progress"});
    const json::Value& week = p["weeks"][11];
    CHECK(week["week"].is_string());
    const json::Value& c = week["commitments"];
    CHECK(figure(c["made"], "me") == 2);
    CHECK(figure(c["made"], "partner") == 0);
    CHECK(figure(c["kept_on_time"], "me") == 1);  // counted in the week it is due (in two hours)
    CHECK(figure(c["missed"], "me") == 1);
    CHECK(figure(c["kept_late_warned"], "me") == 0);
    CHECK(figure(c["kept_late"], "me") == 0);
    CHECK(figure(week["late_warned_in_time"], "me") == 1);
    CHECK(figure(week["recovery_minutes_median"], "partner") == 0);
    CHECK(week["recovery_minutes_median"]["me"].is_null());
    CHECK(figure(week["checkin_days"], "me") == 1);
    CHECK(figure(week["checkin_days"], "partner") == 1);
    CHECK(figure(week["appreciations"], "me") == 2);
    CHECK(figure(week["appreciations"], "partner") == 1);
    std::set<std::string> ids;
    for (const json::Value& m : *p["milestones"].if_array()) {
        ids.insert(m.get_string("id").value_or(""));
        CHECK(m.get_string("reached_at")->size() >= 19);
        if (m.get_string("id") == "first_review") CHECK(m.get_string("text") == "Your first review of the agreement together");
    }
    CHECK(ids == std::set<std::string>{"agreement_in_force", "first_review", "weekly_together"});
    CHECK(p["weeks"][0]["commitments"]["made"]["me"].if_int());

    const ProcessResult text = a.cli({"progress", "--weeks", "4"}, false);
    CHECK(text.status == 0);
    CHECK(text.out.find(*week.get_string("week")) != std::string::npos);
    CHECK(text.out.find("Your first review of the agreement together") != std::string::npos);
    CHECK(text.out.find("2/0") != std::string::npos);
}
