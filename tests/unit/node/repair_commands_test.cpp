// The repair commands on real in-process Nodes: bounds refused with nothing stored (a pause of
// 5 min or 30 h, a guide of 10 s, an apology missing a part), unknown ids failing, the apology's
// commitments linked back, and two paired Nodes with skewed clocks starting a breathing guide
// within 100 ms of each other (the clock offset measured over their session).
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <thread>

#include "in_process.hpp"
#include "node/breathing.hpp"

using namespace candor;
using namespace candor::node;
using namespace candor::node::test;
namespace cmd = candor::node::control::cmd;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t kT0 = 1'773'144'000'000;  // 2026-03-10T12:00:00Z
constexpr std::int64_t kMin = 60'000;

struct FakeClock {
    std::shared_ptr<std::atomic<std::int64_t>> now = std::make_shared<std::atomic<std::int64_t>>(kT0);
    [[nodiscard]] WallClock fn() const {
        return [n = now] { return n->load(); };
    }
};

std::int64_t entries(Node& node) { return call(node, cmd::kStatus).result.get_int("entries").value_or(-1); }

json::Object apology(json::Array plan, std::string did = "I read your messages without asking") {
    return json::Object{{"apology", json::Object{{"did", std::move(did)},
                                                 {"impact", "I see it made you feel watched"},
                                                 {"responsibility", "I take full responsibility"},
                                                 {"plan", std::move(plan)},
                                                 {"ask", "Tell me when it happens again"}}}};
}

template <typename Pred>
bool wait_for(Pred pred) {
    for (int i = 0; i < 400; ++i) {
        if (pred()) return true;
        std::this_thread::sleep_for(25ms);
    }
    return pred();
}

}  // namespace

TEST_CASE("repair commands: pause bounds, extension and resume; nothing stored when refused") {
    TempDir dir;
    FakeClock clock;
    auto node = start_node(dir.path(), "Alex", clock.fn());
    for (std::int64_t minutes : {5LL, 19LL, 30 * 60LL}) {
        const auto r = call(*node, cmd::kPause, {{"until", kT0 + minutes * kMin}});
        CHECK_FALSE(r.ok);
        CHECK(r.code == control::kCodeBadInput);
    }
    CHECK(call(*node, cmd::kResume).code == control::kCodeFailed);  // no pause to end
    CHECK(entries(*node) == 0);

    const auto p = call(*node, cmd::kPause, {{"until", kT0 + 60 * kMin}, {"note", "back after a walk"}});
    REQUIRE_MESSAGE(p.ok, p.error);
    CHECK(p.result.get_string("kind") == "pause");
    CHECK(p.result["extends"].is_null());
    CHECK(call(*node, cmd::kPause, {{"until", kT0 + 30 * kMin}}).code == control::kCodeBadInput);  // earlier
    const auto longer = call(*node, cmd::kPause, {{"until", kT0 + 120 * kMin}});
    REQUIRE(longer.ok);
    CHECK(longer.result.get_string("extends") == p.result.get_string("id"));
    const auto ready = call(*node, cmd::kResume, {{"note", "I'm ready to talk"}});
    REQUIRE(ready.ok);
    CHECK(ready.result.get_string("pause") == p.result.get_string("id"));
    CHECK(entries(*node) == 3);
    const auto state = node->snapshot()->state;
    REQUIRE(state->repair().pauses().size() == 1);
    CHECK(state->repair().pauses()[0].steps.size() == 2);
    CHECK(state->repair().pauses()[0].ended());
}

TEST_CASE("repair commands: breathe starts a little ahead; 30 s to 5 min") {
    TempDir dir;
    FakeClock clock;
    auto node = start_node(dir.path(), "Alex", clock.fn());
    CHECK(call(*node, cmd::kBreathe, {{"seconds", 10}}).code == control::kCodeBadInput);
    CHECK(call(*node, cmd::kBreathe, {{"seconds", 301}}).code == control::kCodeBadInput);
    CHECK(entries(*node) == 0);
    const auto b = call(*node, cmd::kBreathe);
    REQUIRE(b.ok);
    CHECK(b.result.get_int("seconds") == 30);
    CHECK(b.result.get_int("starts_at_ms") == kT0 + core::kBreatheLeadMs);
    const auto snap = node->snapshot();
    const auto now = breathing_now(*snap, kT0 + 5'000, [](const core::EntryId&) { return false; });
    REQUIRE(now);
    CHECK(now->mine);
    CHECK(now->local_start_ms == kT0 + core::kBreatheLeadMs);
    CHECK_FALSE(breathing_now(*snap, kT0 + 40'000, [](const core::EntryId&) { return false; }));
    CHECK_FALSE(breathing_now(*snap, kT0 + 5'000, [](const core::EntryId&) { return true; }));  // closed with Esc
}

TEST_CASE("repair commands: an apology needs its parts; dated steps become linked commitments") {
    TempDir dir;
    FakeClock clock;
    auto node = start_node(dir.path(), "Alex", clock.fn());
    const auto missing = call(*node, cmd::kApology, apology(json::Array{}));
    CHECK(missing.code == control::kCodeBadInput);
    CHECK(missing.error.find("at least one step") != std::string::npos);
    CHECK(call(*node, cmd::kApology, apology(json::Array{json::Object{{"text", "x"}}}, " ")).code ==
          control::kCodeBadInput);
    CHECK(call(*node, cmd::kApology,
               apology(json::Array{json::Object{{"text", "late"}, {"due", kT0 - 1}}})).code == control::kCodeBadInput);
    CHECK(entries(*node) == 0);

    const auto a = call(*node, cmd::kApology,
                        apology(json::Array{json::Object{{"text", "Ask before I look"}, {"due", nullptr}},
                                            json::Object{{"text", "Book the counsellor"}, {"due", kT0 + 60 * kMin}}},
                                "I'm sorry you felt watched, but I was worried"));
    REQUIRE_MESSAGE(a.ok, a.error);
    CHECK(a.result.get_string("kind") == "apology");
    const json::Array* commitments = a.result["commitments"].if_array();
    REQUIRE(commitments != nullptr);
    REQUIRE(commitments->size() == 1);
    CHECK(a.result["hints"].if_array()->size() == 2);  // gentle notes; it was saved all the same
    CHECK(entries(*node) == 2);
    const auto state = node->snapshot()->state;
    const auto id = core::parse_id(*(*commitments)[0].if_string());
    REQUIRE(id);
    const core::Commitment* c = state->commitment(*id);
    REQUIRE(c != nullptr);
    CHECK(c->text == "Book the counsellor");
    REQUIRE(c->apology_id);
    CHECK(core::to_hex(*c->apology_id) == a.result.get_string("id"));
    CHECK(c->apology_step == 1);
    CHECK(call(*node, cmd::kApologyAnswer, {{"id", *a.result.get_string("id")}, {"answer", "read"}}).code ==
          control::kCodeFailed);  // my own apology: my partner answers it
}

TEST_CASE("repair commands: reassurance between two Nodes; only the asker settles; unknown ids fail") {
    TempDir tmp;
    auto alex = start_node(tmp.path() / "alex", "Alex");
    auto sam = start_node(tmp.path() / "sam", "Sam");
    pair_nodes(*alex, *sam);
    CHECK(call(*sam, cmd::kReassureAnswer, {{"id", "abcdef"}, {"text", "hi"}}).code == control::kCodeFailed);
    const auto ask = call(*alex, cmd::kReassureAsk, {{"note", "that comment stung"}});
    REQUIRE(ask.ok);
    const std::string id = *ask.result.get_string("id");
    CHECK(call(*alex, cmd::kReassureAnswer, {{"id", id}, {"text", "me"}}).code == control::kCodeFailed);
    REQUIRE(wait_for([&] { return sam->snapshot()->state->repair().reassurance(*core::parse_id(id)) != nullptr; }));
    CHECK(call(*sam, cmd::kReassureAnswer, {{"id", id}, {"text", " "}}).code == control::kCodeBadInput);
    REQUIRE(call(*sam, cmd::kReassureAnswer, {{"id", id}, {"text", "I'm not going anywhere."}}).ok);
    REQUIRE(call(*sam, cmd::kReassureFacts, {{"id", id}, {"text", "I said it in a hurry"}}).ok);
    CHECK(call(*sam, cmd::kReassureSettled, {{"id", id}}).code == control::kCodeFailed);
    REQUIRE(wait_for([&] { return call(*alex, cmd::kReassurances).result[0]["answers"].if_array()->size() == 1; }));
    REQUIRE(call(*alex, cmd::kReassureSettled, {{"id", id}, {"note", "thank you"}}).ok);
    CHECK(call(*alex, cmd::kReassureSettled, {{"id", id}}).code == control::kCodeFailed);  // once
    const auto list = call(*alex, cmd::kReassurances, {{"limit", 5}});
    REQUIRE(list.ok);
    const json::Value& r = list.result[0];
    CHECK(r.get_string("id") == id);
    CHECK(r.get_string("asked_by_name") == "Alex");
    CHECK(r.get_int("recovery_minutes") == 0);
    CHECK(r["facts"].if_array()->size() == 1);
    CHECK(r["answers"][0].get_string("text") == "I'm not going anywhere.");
}

TEST_CASE("breathe together: skewed clocks, measured offset, start instants within 100 ms") {
    // Alex's computer runs 4 min 10 s fast, Sam's 2 min 10 s slow: 380 s apart.
    constexpr std::int64_t kSkewAlex = 250'000;
    constexpr std::int64_t kSkewSam = -130'000;
    TempDir tmp;
    auto alex = start_node(tmp.path() / "alex", "Alex", [] { return system_now_ms() + kSkewAlex; });
    auto sam = start_node(tmp.path() / "sam", "Sam", [] { return system_now_ms() + kSkewSam; });
    pair_nodes(*alex, *sam);
    const auto offset_known = [](Node& n) {
        const auto snap = n.snapshot();
        return !snap->peers.empty() && snap->peers[0].clock_offset_ms.has_value();
    };
    REQUIRE(wait_for([&] { return offset_known(*alex) && offset_known(*sam); }));
    const std::int64_t sam_seen_by_alex = *alex->snapshot()->peers[0].clock_offset_ms;
    CHECK(std::llabs(sam_seen_by_alex - (kSkewSam - kSkewAlex)) < 100);
    CHECK(std::llabs(*sam->snapshot()->peers[0].clock_offset_ms - (kSkewAlex - kSkewSam)) < 100);

    // Each starts one; on the other computer it starts at the same true instant.
    for (auto [from, to, skew_from, skew_to] : {std::tuple{alex.get(), sam.get(), kSkewAlex, kSkewSam},
                                                std::tuple{sam.get(), alex.get(), kSkewSam, kSkewAlex}}) {
        const auto b = call(*from, cmd::kBreathe, {{"seconds", 60}});
        REQUIRE(b.ok);
        const auto id = core::parse_id(*b.result.get_string("id"));
        const std::int64_t start_from = *b.result.get_int("starts_at_ms");
        REQUIRE(wait_for([&] {
            const auto g = breathing_now(*to->snapshot(), system_now_ms() + skew_to,
                                         [&](const core::EntryId& e) { return e != *id; });
            return g.has_value();
        }));
        const auto g = breathing_now(*to->snapshot(), system_now_ms() + skew_to,
                                     [&](const core::EntryId& e) { return e != *id; });
        CHECK(g->in_step);
        CHECK_FALSE(g->mine);
        const std::int64_t true_from = start_from - skew_from;
        const std::int64_t true_to = g->local_start_ms - skew_to;
        CHECK(std::llabs(true_from - true_to) < 100);
    }
}
