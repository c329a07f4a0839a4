// The repair fold at an injected clock: reassurance (only the asker settles, recovery time,
// facts), breathing guides, pause bounds and extension, apology validation and the links of its
// commitments, body round trips and hostile bodies, and the same State for every delivery order.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>

#include "core/entry_times.hpp"
#include "core/state.hpp"
#include "core_helpers.hpp"

using namespace candor;
using namespace candor::core;
using candor::core::test::Author;
using candor::core::test::kT0;

namespace {

constexpr std::int64_t kMin = 60'000;

struct Couple {
    Author a, b;
    History h{std::set<DeviceId>{a.id(), b.id()}};
    std::vector<Entry> all;

    template <typename T>
    Entry post(Author& who, const T& body, std::int64_t at = kT0, bool seen = true) {
        if (seen) who.lamport = std::max(who.lamport, h.next_lamport() - 1);
        auto e = who.post(body, at);
        REQUIRE(h.accept(e).is_new());
        all.push_back(e);
        return e;
    }
    [[nodiscard]] State state() const { return State::fold(h); }
};

EntryEffect effect(const State& s, const Entry& e) { return s.find(e.id())->effect; }

ApologyBody full_apology(std::int64_t due) {
    ApologyBody a;
    a.did = "I checked your phone while you slept";
    a.impact = "I see it made you feel watched and not trusted";
    a.responsibility = "I take full responsibility; it was my choice";
    a.plan = {{"Tell you when I feel the urge instead", 0}, {"See the counsellor on Thursday", due}};
    a.ask = "Tell me when you feel watched";
    return a;
}

}  // namespace

TEST_CASE("repair: request, answers, facts from both, and only the asker settles") {
    Couple c;
    auto ask = c.post(c.a, ReassuranceRequestBody{"that comment made me anxious"}, kT0);
    auto own = c.post(c.a, ReassuranceAnswerBody{ask.id(), "answering myself"}, kT0 + kMin);
    auto ans = c.post(c.b, ReassuranceAnswerBody{ask.id(), "I'm here. You matter to me."}, kT0 + 2 * kMin);
    auto fa = c.post(c.a, ReassuranceFactsBody{ask.id(), "you said 'whatever' and left"}, kT0 + 3 * kMin);
    auto fb = c.post(c.b, ReassuranceFactsBody{ask.id(), "I was late for the bus"}, kT0 + 4 * kMin);
    auto by_b = c.post(c.b, ReassuranceSettledBody{ask.id(), "settled for you"}, kT0 + 5 * kMin);
    State s = c.state();
    const Reassurance* r = s.repair().reassurance(ask.id());
    REQUIRE(r != nullptr);
    CHECK(r->asked_by == c.a.id());
    CHECK(r->note == "that comment made me anxious");
    CHECK(effect(s, own) == EntryEffect::ignored);
    CHECK(effect(s, by_b) == EntryEffect::ignored);
    CHECK(s.find(by_b.id())->note == "only the one who asked can say they feel settled");
    REQUIRE(r->answers.size() == 1);
    CHECK(r->answers[0].id == ans.id());
    CHECK(r->answered_at_ms() == kT0 + 2 * kMin);
    CHECK_FALSE(r->settled());
    CHECK_FALSE(r->recovery_ms());
    REQUIRE(r->facts_by(c.a.id()) != nullptr);
    CHECK(r->facts_by(c.a.id())->id == fa.id());
    CHECK(r->facts_by(c.b.id())->id == fb.id());

    auto settled = c.post(c.a, ReassuranceSettledBody{ask.id(), "thank you"}, kT0 + 17 * kMin);
    auto again = c.post(c.a, ReassuranceSettledBody{ask.id(), ""}, kT0 + 18 * kMin);
    s = c.state();
    r = s.repair().reassurance(ask.id());
    CHECK(effect(s, settled) == EntryEffect::counted);
    CHECK(effect(s, again) == EntryEffect::ignored);
    CHECK(r->settled_id == settled.id());
    CHECK(r->recovery_ms() == 17 * kMin);
    CHECK(r->settled_note == "thank you");
}

TEST_CASE("repair: answers and settling of an unknown request are ignored with a reason") {
    Couple c;
    auto ghost = c.post(c.b, ReassuranceAnswerBody{EntryId{}, "hi"});
    auto ghost_settle = c.post(c.a, ReassuranceSettledBody{EntryId{}, ""});
    State s = c.state();
    CHECK(effect(s, ghost) == EntryEffect::ignored);
    CHECK(effect(s, ghost_settle) == EntryEffect::ignored);
    CHECK(s.repair().reassurances().empty());
}

TEST_CASE("repair: breathing guides last 30 s to 5 min and start when they were made") {
    Couple c;
    auto ok = c.post(c.a, BreatheBody{kT0 + kBreatheLeadMs, 30}, kT0);
    auto five = c.post(c.b, BreatheBody{kT0 + 10 * kMin + kBreatheLeadMs, 300}, kT0 + 10 * kMin);
    auto too_short = c.post(c.a, BreatheBody{kT0 + 11 * kMin, 29}, kT0 + 11 * kMin);
    auto too_long = c.post(c.a, BreatheBody{kT0 + 12 * kMin, 301}, kT0 + 12 * kMin);
    auto before = c.post(c.a, BreatheBody{kT0 + 13 * kMin - 1, 60}, kT0 + 13 * kMin);
    auto far = c.post(c.a, BreatheBody{kT0 + 14 * kMin + kBreatheMaxLeadMs + 1, 60}, kT0 + 14 * kMin);
    State s = c.state();
    CHECK(effect(s, ok) == EntryEffect::counted);
    CHECK(effect(s, five) == EntryEffect::counted);
    for (const Entry* e : {&too_short, &too_long, &before, &far}) CHECK(effect(s, *e) == EntryEffect::ignored);
    REQUIRE(s.repair().guides().size() == 2);
    CHECK(s.repair().guides()[0].starts_at_ms == kT0 + kBreatheLeadMs);
    CHECK(s.repair().guides()[0].ends_at_ms() == kT0 + kBreatheLeadMs + 30'000);
    CHECK(s.repair().guides()[1].author == c.b.id());
}

TEST_CASE("repair: a pause is 20 min to 24 h, extends only later, and only its author ends it") {
    Couple c;
    auto short_p = c.post(c.a, PauseBody{kT0 + 19 * kMin, "", {}}, kT0);
    auto long_p = c.post(c.a, PauseBody{kT0 + 24 * 60 * kMin + 1, "", {}}, kT0);
    auto p = c.post(c.a, PauseBody{kT0 + 20 * kMin, "I need to cool down", {}}, kT0);
    State s = c.state();
    CHECK(effect(s, short_p) == EntryEffect::ignored);
    CHECK(effect(s, long_p) == EntryEffect::ignored);
    REQUIRE(s.repair().open_pause(c.a.id()) != nullptr);
    CHECK(s.repair().open_pause(c.a.id())->id == p.id());
    CHECK(s.repair().open_pause(c.b.id()) == nullptr);
    const Pause* pause = s.repair().pause(p.id());
    CHECK(pause->running(kT0 + 19 * kMin));
    CHECK(pause->over_time(kT0 + 20 * kMin));

    auto earlier = c.post(c.a, PauseBody{kT0 + 15 * kMin, "", p.id()}, kT0 + 5 * kMin);
    auto by_b = c.post(c.b, PauseBody{kT0 + 60 * kMin, "", p.id()}, kT0 + 5 * kMin);
    auto later = c.post(c.a, PauseBody{kT0 + 60 * kMin, "a little longer", p.id()}, kT0 + 10 * kMin);
    auto b_ends = c.post(c.b, PauseEndBody{p.id(), ""}, kT0 + 11 * kMin);
    s = c.state();
    pause = s.repair().pause(p.id());
    CHECK(effect(s, earlier) == EntryEffect::ignored);
    CHECK(effect(s, by_b) == EntryEffect::ignored);
    CHECK(effect(s, later) == EntryEffect::counted);
    CHECK(effect(s, b_ends) == EntryEffect::ignored);
    CHECK(pause->extended());
    CHECK(pause->until_ms() == kT0 + 60 * kMin);
    REQUIRE(pause->steps.size() == 2);
    CHECK(pause->steps[0].until_ms == kT0 + 20 * kMin);  // the first return time stays visible
    CHECK(pause->running(kT0 + 30 * kMin));

    auto ready = c.post(c.a, PauseEndBody{p.id(), "I'm ready to talk"}, kT0 + 25 * kMin);
    auto after = c.post(c.a, PauseBody{kT0 + 90 * kMin, "", p.id()}, kT0 + 26 * kMin);
    s = c.state();
    CHECK(effect(s, ready) == EntryEffect::counted);
    CHECK(effect(s, after) == EntryEffect::ignored);
    CHECK(s.repair().pause(p.id())->ended_by == ready.id());
    CHECK_FALSE(s.repair().pause(p.id())->running(kT0 + 30 * kMin));
    CHECK(s.repair().open_pause(c.a.id()) == nullptr);
}

TEST_CASE("repair: an apology needs its four parts; hints are gentle notes, not a block") {
    ApologyBody a = full_apology(kT0 + 60 * kMin);
    CHECK_FALSE(apology_problem(a));
    CHECK(apology_hints(a).empty());
    for (std::string ApologyBody::*part : {&ApologyBody::did, &ApologyBody::impact, &ApologyBody::responsibility}) {
        ApologyBody missing = a;
        missing.*part = "  ";
        CHECK(apology_problem(missing));
    }
    ApologyBody no_plan = a;
    no_plan.plan.clear();
    CHECK(apology_problem(no_plan));
    ApologyBody empty_step = a;
    empty_step.plan[0].text = "";
    CHECK(apology_problem(empty_step));
    ApologyBody no_ask = a;
    no_ask.ask.clear();
    CHECK_FALSE(apology_problem(no_ask));  // "What I'm asking of you" may be empty

    ApologyBody non = a;
    non.did = "I'm sorry you felt hurt, but I was tired";
    non.impact = "if you were upset";
    const auto hints = apology_hints(non);
    CHECK(hints.size() == 3);
    ApologyBody butter = a;
    butter.did = "I ate the butter";  // "but" only as a whole word
    CHECK(apology_hints(butter).empty());

    Couple c;
    auto bad = c.post(c.a, no_plan);
    auto good = c.post(c.a, a);
    State s = c.state();
    CHECK(effect(s, bad) == EntryEffect::ignored);
    CHECK(effect(s, good) == EntryEffect::counted);
    CHECK(s.repair().apologies().size() == 1);
}

TEST_CASE("repair: the plan's commitments link back to their apology; answers by the partner") {
    Couple c;
    const std::int64_t due = kT0 + 60 * kMin;
    auto apology = c.post(c.a, full_apology(due), kT0);
    CommitmentBody step;
    step.text = "See the counsellor on Thursday";
    step.due_at_ms = due;
    step.apology_id = apology.id();
    step.apology_step = 1;
    auto linked = c.post(c.a, step, kT0 + 1);
    auto twice = c.post(c.a, step, kT0 + 2);
    CommitmentBody no_due = step;
    no_due.apology_step = 0;  // the first step has no due time
    auto undated = c.post(c.a, no_due, kT0 + 3);
    CommitmentBody by_b = step;
    auto partners = c.post(c.b, by_b, kT0 + 4);
    CommitmentBody out_of_range = step;
    out_of_range.apology_step = 7;
    auto missing_step = c.post(c.a, out_of_range, kT0 + 5);
    auto own_answer = c.post(c.a, ApologyAnswerBody{apology.id(), true, ""}, kT0 + 6);
    auto not_yet = c.post(c.b, ApologyAnswerBody{apology.id(), false, ""}, kT0 + 7);
    auto read = c.post(c.b, ApologyAnswerBody{apology.id(), true, "Thank you for writing it"}, kT0 + 8);

    State s = c.state();
    const Apology* a = s.repair().apology(apology.id());
    REQUIRE(a != nullptr);
    REQUIRE(a->step_commitments.size() == 2);
    CHECK_FALSE(a->step_commitments[0]);
    CHECK(a->step_commitments[1] == linked.id());
    CHECK(s.commitment(linked.id())->apology_id == apology.id());
    CHECK(s.commitment(linked.id())->apology_step == 1);
    for (const Entry* e : {&twice, &undated, &partners, &missing_step}) {
        CHECK(effect(s, *e) == EntryEffect::ignored);  // still a commitment, not linked
        CHECK(s.commitment(e->id()) != nullptr);
        CHECK_FALSE(s.commitment(e->id())->apology_id);
    }
    CHECK(effect(s, own_answer) == EntryEffect::ignored);
    CHECK(effect(s, not_yet) == EntryEffect::counted);
    REQUIRE(a->latest_answer() != nullptr);
    CHECK(a->latest_answer()->id == read.id());
    CHECK(a->latest_answer()->read);
    CHECK(a->answers.size() == 2);
    // The commitment refers to its apology: it may not be dated before it.
    CHECK(std::ranges::count(referenced_ids(linked), apology.id()) == 1);
}

TEST_CASE("repair: bodies round trip; hostile step counts and truncations are refused") {
    ApologyBody a = full_apology(kT0);
    auto back = decode_body<ApologyBody>(encode_body(a));
    REQUIRE(back.ok());
    CHECK(back->plan.size() == 2);
    CHECK(back->plan[1].due_ms == kT0);
    CHECK(back->ask == a.ask);
    PauseBody p{kT0, "back soon", EntryId{}};
    auto pb = decode_body<PauseBody>(encode_body(p));
    REQUIRE(pb.ok());
    CHECK(pb->extends == EntryId{});
    CHECK(check_body(Kind::breathe, encode_body(BreatheBody{kT0, 60})).ok());

    Bytes bytes = encode_body(a);
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {
        CHECK_FALSE(check_body(Kind::apology, ByteView(bytes).first(cut)).ok());
    }
    ApologyBody many = a;
    many.plan.assign(kMaxApologySteps + 1, ApologyStep{"x", 0});
    CHECK_FALSE(check_body(Kind::apology, encode_body(many)).ok());
    Bytes bad_flag = encode_body(ApologyAnswerBody{EntryId{}, true, ""});
    bad_flag[bad_flag.size() - 9] = 2;  // the read byte: before the 8-byte size of the empty note
    CHECK_FALSE(check_body(Kind::apology_answer, bad_flag).ok());
    CHECK(kind_name(Kind::reassurance_request) == "reassurance_request");
    CHECK(kind_from_name("pause_end") == Kind::pause_end);
}

TEST_CASE("repair: every delivery order of one story gives the same State") {
    Couple c;
    auto ask = c.post(c.a, ReassuranceRequestBody{"code word"}, kT0);
    c.post(c.b, ReassuranceAnswerBody{ask.id(), "I'm not going anywhere."}, kT0 + kMin);
    c.post(c.a, ReassuranceSettledBody{ask.id(), ""}, kT0 + 2 * kMin);
    auto p = c.post(c.b, PauseBody{kT0 + 30 * kMin, "", {}}, kT0 + 3 * kMin, false);
    c.post(c.b, PauseBody{kT0 + 90 * kMin, "", p.id()}, kT0 + 4 * kMin);
    auto apology = c.post(c.a, full_apology(kT0 + 60 * kMin), kT0 + 5 * kMin);
    CommitmentBody step{"See the counsellor on Thursday", kT0 + 60 * kMin, {}, apology.id(), 1};
    c.post(c.a, step, kT0 + 6 * kMin);
    c.post(c.b, ApologyAnswerBody{apology.id(), true, "read"}, kT0 + 7 * kMin);
    REQUIRE(c.all.size() == 8);

    const std::string ref = c.state().dump(kT0 + 8 * kMin);
    std::vector<std::size_t> order(c.all.size());
    std::iota(order.begin(), order.end(), 0);
    std::size_t orders = 0;
    do {
        ++orders;
        if ((orders - 1) % candor::core::test::kOrderStride != 0) continue;
        State s;
        for (std::size_t i : order) s.insert(c.all[i]);
        if (s.dump(kT0 + 8 * kMin) != ref) {
            FAIL("a delivery order changed the State (order #" << orders << ")");
            break;
        }
    } while (std::next_permutation(order.begin(), order.end()));
    CHECK(orders == 40320);
    const State s = c.state();
    CHECK(s.repair().reassurance(ask.id())->recovery_ms() == 2 * kMin);
    CHECK(s.repair().apology(apology.id())->step_commitments[1].has_value());
    CHECK(s.repair().pause(p.id())->until_ms() == kT0 + 90 * kMin);
}
