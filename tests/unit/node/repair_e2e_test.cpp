// Repair in the moment end to end (issue 12), with two real `candor serve` processes paired over
// loopback and driven through the CLI exactly as ../shared/spec/cli.md "Repair in the moment"
// says: reassure ask/answer/settled (and facts), reassurances, breathe, pause/resume, apology;
// bad input (a pause of 5 min or 30 h, an apology missing a part, an answer to an unknown id)
// exits 1 or 3 with one line and nothing stored.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "cli_device.hpp"

using namespace candor;
using namespace candor::node::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const fs::path kBinary = CANDOR_BINARY;

bool has_entry(const CliDevice& d, const std::string& kind, const std::string& id) {
    const json::Value list = d.ok({"feed", "--kind", kind});
    for (const json::Value& e : *list.if_array())
        if (e.get_string("id") == id) return true;
    return false;
}

}  // namespace

TEST_CASE("e2e repair: reassurance, breathing, a pause and an apology through the CLI of two serves") {
    REQUIRE(fs::exists(kBinary));
    TempDir tmp;
    CliDevice a{tmp.path() / "A", "Alex", tmp.path()};
    CliDevice b{tmp.path() / "B", "Sam", tmp.path()};
    REQUIRE_MESSAGE(a.start(), a.serve->output());
    REQUIRE_MESSAGE(b.start(), b.serve->output());
    (void)pair_devices(a, b);

    // Reassurance: A asks, B answers, only A settles; the list shows the recovery time.
    const json::Value asked = a.ok({"reassure", "ask", "--note", "that comment made me anxious"});
    CHECK(asked.get_string("kind") == "reassurance_request");
    CHECK(asked.get_string("note") == "that comment made me anxious");
    const std::string rid = *asked.get_string("id");
    REQUIRE(eventually([&] { return has_entry(b, "reassurance_request", rid); }));
    const std::int64_t before = b.entries();
    check_refused(b, {"reassure", "answer", "abcdef123456", "--text", "I'm here"}, 3);
    check_refused(b, {"reassure", "answer", rid.substr(0, 8)}, 1, "--text");
    check_refused(b, {"reassure", "settled", rid.substr(0, 8)}, 3, "only the one who asked");
    CHECK(b.entries() == before);
    const json::Value answer = b.ok({"reassure", "answer", rid.substr(0, 8), "--text", "I'm here. You matter to me."});
    CHECK(answer.get_string("kind") == "reassurance_answer");
    CHECK(answer.get_string("request") == rid);
    (void)b.ok({"reassure", "facts", rid.substr(0, 8), "--text", "I said it as I left for the bus"});
    REQUIRE(eventually([&] { return has_entry(a, "reassurance_answer", *answer.get_string("id")); }));
    const json::Value settled = a.ok({"reassure", "settled", rid.substr(0, 8), "--note", "thank you"});
    CHECK(settled.get_string("kind") == "reassurance_settled");
    check_refused(a, {"reassure", "settled", rid.substr(0, 8)}, 3, "already");
    const json::Value list = a.ok({"reassurances", "--limit", "5"});
    REQUIRE(list.if_array()->size() == 1);
    const json::Value& r = list[0];
    for (const char* key : {"id", "asked_by", "asked_at", "answered_at", "settled_at", "recovery_minutes", "answers"})
        CHECK_MESSAGE(r.find(key) != nullptr, key);
    CHECK(r.get_string("asked_by") == asked.get_string("author"));
    CHECK(r.get_int("recovery_minutes") == 0);
    CHECK(r["answers"][0].get_string("text") == "I'm here. You matter to me.");
    check_refused(a, {"reassurances", "--limit", "0"}, 1);

    // Breathe: starts_at a moment ahead; bounds refused.
    check_refused(a, {"breathe", "--seconds", "10"}, 1);
    check_refused(a, {"breathe", "--seconds", "600"}, 1);
    const json::Value breathe = a.ok({"breathe"});
    CHECK(breathe.get_string("kind") == "breathe");
    CHECK(breathe.get_int("seconds") == 30);
    REQUIRE(breathe.get_string("starts_at"));
    CHECK(*breathe.get_int("starts_at_ms") > 0);
    REQUIRE(eventually([&] { return has_entry(b, "breathe", *breathe.get_string("id")); }));
    // The two serves measured each other's clock (the same clock here: about 0).
    REQUIRE(eventually([&] { return b.ok({"status"})["paired"][0].find("clock_offset_ms") != nullptr; }));
    CHECK(std::llabs(*b.ok({"status"})["paired"][0].get_int("clock_offset_ms")) < 100);

    // Pause: 20 min to 24 h; again extends; resume ends it.
    const std::int64_t a_before = a.entries();
    check_refused(a, {"pause", "--until", "+5m"}, 1, "at least 20 minutes");
    check_refused(a, {"pause", "--until", "+30h"}, 1, "at most 24 hours");
    check_refused(a, {"pause"}, 1, "--until");
    check_refused(a, {"resume"}, 3, "no pause");
    CHECK(a.entries() == a_before);
    const json::Value pause = a.ok({"pause", "--until", "+1h", "--note", "I need to cool down"});
    CHECK(pause.get_string("kind") == "pause");
    CHECK(pause.get_string("note") == "I need to cool down");
    const json::Value longer = a.ok({"pause", "--until", "+2h"});
    CHECK(longer.get_string("extends") == pause.get_string("id"));
    const json::Value resumed = a.ok({"resume", "--note", "I'm ready to talk"});
    CHECK(resumed.get_string("kind") == "pause_end");
    CHECK(resumed.get_string("pause") == pause.get_string("id"));
    REQUIRE(eventually([&] { return has_entry(b, "pause_end", *resumed.get_string("id")); }));

    // Apology: a missing part is exit 1 with nothing stored; steps with a due time become commitments.
    const std::int64_t b_before = b.entries();
    const fs::path no_plan = write_file(tmp.path() / "no_plan.json",
                                        R"({"did": "I looked at your phone", "impact": "You felt watched",
                                            "responsibility": "It was my choice", "plan": [], "ask": ""})");
    check_refused(b, {"apology", "--file", no_plan.string()}, 1, "plan");
    const fs::path no_impact = write_file(tmp.path() / "no_impact.json",
                                          R"({"did": "I looked at your phone", "responsibility": "Mine",
                                              "plan": [{"text": "Ask first", "due": null}]})");
    check_refused(b, {"apology", "--file", no_impact.string()}, 1, "impact");
    check_refused(b, {"apology"}, 1, "--file");
    CHECK(b.entries() == b_before);
    const fs::path good = write_file(tmp.path() / "apology.json",
                                     R"({"did": "I looked at your phone while you slept",
                                         "impact": "I see it made you feel watched and not trusted",
                                         "responsibility": "I take full responsibility",
                                         "plan": [{"text": "Ask before I look at anything of yours", "due": null},
                                                  {"text": "Book the counsellor", "due": "+3h"}],
                                         "ask": "Tell me when you feel watched"})");
    const json::Value apology = b.ok({"apology", "--file", good.string()});
    CHECK(apology.get_string("kind") == "apology");
    CHECK(apology.get_string("did") == "I looked at your phone while you slept");
    REQUIRE(apology["commitments"].if_array());
    REQUIRE(apology["commitments"].if_array()->size() == 1);
    const std::string commitment = *apology["commitments"][0].if_string();
    const json::Value mine = b.ok({"commitments", "--open"});
    bool found = false;
    for (const json::Value& c : *mine.if_array())
        if (c.get_string("id") == commitment) found = c.get_string("text") == "Book the counsellor";
    CHECK(found);
    REQUIRE(eventually([&] { return has_entry(a, "apology", *apology.get_string("id")); }));
    check_refused(a, {"apology-answer", apology.get_string("id")->substr(0, 8), "maybe"}, 1);
    const json::Value read = a.ok({"apology-answer", apology.get_string("id")->substr(0, 8), "read", "--note", "Thank you"});
    CHECK(read.get_string("kind") == "apology_answer");
    CHECK(read.get_string("answer") == "read");

    // The human output of an apology with a non-apology phrase: saved, with a gentle thought.
    const fs::path but = write_file(tmp.path() / "but.json",
                                    R"({"did": "I'm sorry you felt ignored, but I was busy", "impact": "You felt alone",
                                        "responsibility": "That is on me", "plan": [{"text": "Call at lunch"}]})");
    const ProcessResult human = b.cli({"apology", "--file", but.string()}, false);
    CHECK(human.status == 0);
    CHECK(human.out.find("Saved apology") == 0);
    CHECK(human.out.find("A thought:") != std::string::npos);

    CHECK(a.stop());
    CHECK(b.stop());
}
