// The agreement fold: propose / accept / decline / revise, concurrent proposals, answers that
// may not count (unknown version, version in force, closed version, non-partner), the review
// rhythm, and the same State for every delivery order of one story.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>

#include "core/state.hpp"
#include "core_helpers.hpp"

using namespace candor;
using namespace candor::core;
using candor::core::test::Author;
using candor::core::test::kT0;

namespace {

constexpr std::int64_t kDay = 24LL * 3'600'000;

struct Couple {
    Author a, b;
    History h{std::set<DeviceId>{a.id(), b.id()}};
    std::vector<Entry> all;

    // Posts as `who`; `seen` false models a device that is offline: it has not seen the
    // other's latest entries, so its lamport does not move past them.
    template <typename T>
    Entry post(Author& who, const T& body, std::int64_t at = kT0, bool seen = true) {
        if (seen) who.lamport = std::max(who.lamport, h.next_lamport() - 1);
        auto e = who.post(body, at);
        REQUIRE(h.accept(e).is_new());
        all.push_back(e);
        return e;
    }
    Entry propose(Author& who, std::string doc, std::optional<EntryId> parent = {}, std::int64_t at = kT0,
                  bool seen = true) {
        return post(who, AgreementProposalBody{parent, std::move(doc)}, at, seen);
    }
    Entry answer(Author& who, const Entry& version, bool accepted, std::string note = {}, std::int64_t at = kT0,
                 bool seen = true) {
        return post(who, AgreementAnswerBody{version.id(), accepted, std::move(note)}, at, seen);
    }
    [[nodiscard]] State state() const { return State::fold(h); }
};

const AgreementVersion& version(const State& s, const Entry& proposal) {
    const AgreementVersion* v = s.agreement().version(proposal.id());
    REQUIRE(v != nullptr);
    return *v;
}

std::string full_dump(const State& s) { return s.dump(kT0) + s.agreement().dump(); }

}  // namespace

TEST_CASE("agreement: a proposal is the proposer's acceptance; in force once the partner accepts") {
    Couple c;
    auto v1 = c.propose(c.a, R"({"title":"ours"})", {}, kT0);
    State s = c.state();
    CHECK(version(s, v1).status == VersionStatus::proposed);
    CHECK(version(s, v1).number == 1);
    REQUIRE(version(s, v1).accepted_by.size() == 1);
    CHECK(version(s, v1).accepted_by[0].by == c.a.id());
    CHECK(version(s, v1).agreement_json == R"({"title":"ours"})");
    CHECK(s.agreement().active() == nullptr);
    CHECK(version(s, v1).open());

    auto yes = c.answer(c.b, v1, true, "gladly", kT0 + kDay);
    s = c.state();
    const AgreementVersion& v = version(s, v1);
    CHECK(v.status == VersionStatus::active);
    CHECK(v.activated_at_ms == kT0 + kDay);
    CHECK(v.activated_by == yes.id());
    CHECK(v.accepted(c.a.id()));
    CHECK(v.accepted(c.b.id()));
    CHECK_FALSE(v.open());
    REQUIRE(s.agreement().active() != nullptr);
    CHECK(s.agreement().active()->id == v1.id());
    CHECK(s.find(yes.id())->effect == EntryEffect::counted);
}

TEST_CASE("agreement: the proposer alone never makes a version active, however often they accept") {
    Couple c;
    auto v1 = c.propose(c.a, "{}");
    auto again = c.answer(c.a, v1, true);
    State s = c.state();
    CHECK(version(s, v1).status == VersionStatus::proposed);
    CHECK(s.find(again.id())->effect == EntryEffect::ignored);
    CHECK(s.find(again.id())->note.find("already accepted") != std::string::npos);
}

TEST_CASE("agreement: decline with a note, revise, accept the revision") {
    Couple c;
    auto v1 = c.propose(c.a, "{\"title\":\"v1\"}");
    auto no = c.answer(c.b, v1, false, "too vague about phones");
    State s = c.state();
    CHECK(version(s, v1).status == VersionStatus::declined);
    REQUIRE(version(s, v1).declined_by.size() == 1);
    CHECK(version(s, v1).declined_by[0].note == "too vague about phones");
    CHECK(version(s, v1).declined_by[0].entry_id == no.id());
    CHECK(version(s, v1).open());

    auto twice = c.answer(c.b, v1, false, "still no");
    auto v2 = c.propose(c.a, "{\"title\":\"v2\"}", v1.id());
    c.answer(c.b, v2, true);
    s = c.state();
    CHECK(s.find(twice.id())->effect == EntryEffect::ignored);
    CHECK(version(s, v2).status == VersionStatus::active);
    CHECK(version(s, v2).parent == v1.id());
    CHECK(version(s, v2).parent_known);
    // The declined version keeps its status and note, and is closed by the one in force.
    CHECK(version(s, v1).status == VersionStatus::declined);
    CHECK(version(s, v1).closed_by == v2.id());
    CHECK(version(s, v1).declined_by[0].note == "too vague about phones");
}

TEST_CASE("agreement: a decline can be taken back by accepting") {
    Couple c;
    auto v1 = c.propose(c.a, "{}");
    c.answer(c.b, v1, false, "let me think");
    c.answer(c.b, v1, true, "ok, yes");
    State s = c.state();
    CHECK(version(s, v1).status == VersionStatus::active);
    CHECK(version(s, v1).declined_by.empty());
    CHECK(version(s, v1).answers.size() == 2);  // both answers stay in its story
}

TEST_CASE("agreement: accepting a version that is not the one in force replaces it") {
    Couple c;
    auto v1 = c.propose(c.a, "{\"title\":\"v1\"}");
    c.answer(c.b, v1, true);
    auto v2 = c.propose(c.b, "{\"title\":\"v2\"}", v1.id());
    State s = c.state();
    CHECK(s.agreement().active()->id == v1.id());  // v1 stays in force while v2 is open
    CHECK(version(s, v2).status == VersionStatus::proposed);

    auto decline_in_force = c.answer(c.a, v1, false, "hmm");
    c.answer(c.a, v2, true);
    auto back_to_v1 = c.answer(c.b, v1, true);
    s = c.state();
    CHECK(s.agreement().active()->id == v2.id());
    CHECK(version(s, v1).status == VersionStatus::superseded);
    CHECK(version(s, v1).closed_by == v2.id());
    CHECK(s.find(decline_in_force.id())->effect == EntryEffect::ignored);
    CHECK(s.find(decline_in_force.id())->note.find("already in force") != std::string::npos);
    CHECK(s.find(back_to_v1.id())->effect == EntryEffect::ignored);
    CHECK(s.find(back_to_v1.id())->note.find("propose it again") != std::string::npos);
}

TEST_CASE("agreement: concurrent proposals are both shown; accepting one supersedes the other") {
    Couple c;
    auto v1 = c.propose(c.a, "{\"title\":\"v1\"}");
    c.answer(c.b, v1, true);
    // Offline: each proposes a revision of v1 without seeing the other's.
    auto mine = c.propose(c.a, "{\"title\":\"A's\"}", v1.id(), kT0 + kDay);
    auto theirs = c.propose(c.b, "{\"title\":\"B's\"}", v1.id(), kT0 + kDay, false);
    CHECK(mine.lamport() == theirs.lamport());
    State s = c.state();
    CHECK(s.agreement().open_versions().size() == 2);
    CHECK(s.agreement().active()->id == v1.id());

    // B revises its own proposal before anyone answers; then A accepts B's first version.
    auto theirs_v2 = c.propose(c.b, "{\"title\":\"B's, better\"}", theirs.id());
    c.answer(c.a, theirs, true, "", kT0 + 2 * kDay);
    s = c.state();
    CHECK(s.agreement().active()->id == theirs.id());
    CHECK(version(s, mine).status == VersionStatus::superseded);
    CHECK(version(s, mine).closed_by == theirs.id());
    CHECK(version(s, v1).status == VersionStatus::superseded);
    CHECK(version(s, theirs_v2).status == VersionStatus::proposed);  // a revision of the new one
    CHECK(version(s, theirs_v2).open());
    // Nothing is lost: A's proposal is still there with its text.
    CHECK(version(s, mine).agreement_json == "{\"title\":\"A's\"}");
    CHECK(s.agreement().versions().size() == 4);
}

TEST_CASE("agreement: crossing acceptances of two concurrent proposals: the first in fold order wins") {
    Couple c;
    auto pa = c.propose(c.a, "{\"title\":\"A\"}");
    auto pb = c.propose(c.b, "{\"title\":\"B\"}", {}, kT0, false);
    auto a_accepts_b = c.answer(c.a, pb, true, "", kT0, false);
    auto b_accepts_a = c.answer(c.b, pa, true, "", kT0, false);
    State s = c.state();
    const bool a_first = fold_before(a_accepts_b, b_accepts_a);
    const Entry& winner = a_first ? pb : pa;
    const Entry& loser = a_first ? pa : pb;
    const Entry& late_answer = a_first ? b_accepts_a : a_accepts_b;
    CHECK(s.agreement().active()->id == winner.id());
    CHECK(version(s, loser).status == VersionStatus::superseded);
    CHECK(s.find(late_answer.id())->effect == EntryEffect::ignored);
}

TEST_CASE("agreement: answers to what is not a version are kept with a note") {
    Couple c;
    EntryId nowhere{};
    nowhere.fill(0x5a);
    auto lost = c.post(c.b, AgreementAnswerBody{nowhere, true, ""});
    auto update = c.post(c.a, UpdateBody{"home", "", 0});
    auto odd = c.post(c.b, AgreementAnswerBody{update.id(), true, ""});
    State s = c.state();
    CHECK(s.find(lost.id())->effect == EntryEffect::ignored);
    CHECK(s.find(lost.id())->note == "answers an agreement version this device does not have");
    CHECK(s.find(odd.id())->effect == EntryEffect::ignored);
    CHECK(s.find(odd.id())->note == "answers an entry that is not an agreement version");
    CHECK(s.agreement().versions().empty());
}

TEST_CASE("agreement: a revision of a version this device lacks is still kept") {
    Couple c;
    EntryId nowhere{};
    nowhere.fill(0x11);
    auto v = c.propose(c.a, "{}", nowhere);
    State s = c.state();
    CHECK(s.find(v.id())->effect == EntryEffect::counted);
    CHECK(version(s, v).parent == nowhere);
    CHECK_FALSE(version(s, v).parent_known);
}

TEST_CASE("agreement: an answer from a device that is not a partner never enters History") {
    Couple c;
    auto v1 = c.propose(c.a, "{}");
    Author stranger;
    stranger.saw(v1);
    auto e = stranger.post(AgreementAnswerBody{v1.id(), true, "me too"});
    const AcceptResult r = c.h.accept(e);
    CHECK(r.outcome == AcceptOutcome::rejected);
    CHECK(r.reason == RejectReason::unknown_author);
    State s = c.state();
    CHECK(version(s, v1).status == VersionStatus::proposed);
    CHECK(s.find(e.id()) == nullptr);
}

TEST_CASE("agreement: the next review date follows the rhythm and each review") {
    Couple c;
    auto v1 = c.propose(c.a, "{}");
    CHECK_FALSE(c.state().agreement().next_review_ms(30).has_value());  // nothing in force
    c.answer(c.b, v1, true, "", kT0 + kDay);
    State s = c.state();
    CHECK(s.agreement().next_review_ms(30) == kT0 + 31 * kDay);
    CHECK_FALSE(s.agreement().next_review_ms(0).has_value());

    auto r1 = c.post(c.a, AgreementReviewBody{"went well", kT0 + 10 * kDay}, kT0 + 5 * kDay);
    s = c.state();
    CHECK(s.agreement().next_review_ms(30) == kT0 + 10 * kDay);
    REQUIRE(s.agreement().reviews().size() == 1);
    CHECK(s.agreement().reviews()[0].by == c.a.id());
    CHECK(s.agreement().reviews()[0].note == "went well");
    CHECK(s.agreement().reviews()[0].version_in_force == v1.id());
    CHECK(s.agreement().reviews_of(v1.id()).size() == 1);
    CHECK(s.find(r1.id())->effect == EntryEffect::counted);

    c.post(c.b, AgreementReviewBody{"no date this time", 0}, kT0 + 12 * kDay);
    CHECK(c.state().agreement().next_review_ms(30) == kT0 + 42 * kDay);

    // A new version in force restarts the rhythm from its acceptance.
    auto v2 = c.propose(c.b, "{\"title\":\"2\"}", v1.id(), kT0 + 20 * kDay);
    c.answer(c.a, v2, true, "", kT0 + 21 * kDay);
    CHECK(c.state().agreement().next_review_ms(7) == kT0 + 28 * kDay);
}

TEST_CASE("agreement: a review with nothing in force is recorded") {
    Couple c;
    auto r = c.post(c.a, AgreementReviewBody{"talked anyway", 0});
    State s = c.state();
    REQUIRE(s.agreement().reviews().size() == 1);
    CHECK_FALSE(s.agreement().reviews()[0].version_in_force.has_value());
    CHECK(s.find(r.id())->effect == EntryEffect::counted);
}

TEST_CASE("agreement: every delivery order of one story gives the same State") {
    Couple c;
    auto v1 = c.propose(c.a, "{\"title\":\"v1\"}", {}, kT0);
    c.answer(c.b, v1, false, "not yet", kT0 + 1);
    auto v2 = c.propose(c.a, "{\"title\":\"v2\"}", v1.id(), kT0 + 2);
    auto v3 = c.propose(c.b, "{\"title\":\"v3\"}", v1.id(), kT0 + 3, false);  // concurrent with v2
    c.answer(c.b, v2, true, "", kT0 + 4);
    c.answer(c.a, v3, true, "", kT0 + 5, false);  // crosses with B's acceptance of v2
    c.post(c.a, AgreementReviewBody{"first review", kT0 + 30 * kDay}, kT0 + 6);
    c.post(c.b, AgreementAnswerBody{v1.id(), true, "late yes"}, kT0 + 7);
    REQUIRE(c.all.size() == 8);

    const State reference = c.state();
    const std::string ref = full_dump(reference);
    REQUIRE(reference.agreement().active() != nullptr);

    std::vector<std::size_t> order(c.all.size());
    std::iota(order.begin(), order.end(), 0);
    std::size_t orders = 0;
    do {
        ++orders;
        if ((orders - 1) % candor::core::test::kOrderStride != 0) continue;
        State s;
        for (std::size_t i : order) s.insert(c.all[i]);
        if (full_dump(s) != ref) {
            FAIL("a delivery order changed the State (order #" << orders << ")");
            break;
        }
    } while (std::next_permutation(order.begin(), order.end()));
    CHECK(orders == 40320);

    // And the opposite: a story with different answers gives a different dump (the test can fail).
    Couple other;
    auto w = other.propose(other.a, "{\"title\":\"v1\"}");
    other.answer(other.b, w, true);
    CHECK(full_dump(other.state()) != ref);
}
