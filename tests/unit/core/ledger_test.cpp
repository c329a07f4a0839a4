// The promise ledger at an injected clock: each outcome, the warning-in-time rule, renegotiated
// due times, offsets, per-person figures and streaks.
#include <doctest/doctest.h>

#include "core/entry_times.hpp"
#include "core/ledger.hpp"
#include "core/state.hpp"
#include "core_helpers.hpp"

using namespace candor;
using namespace candor::core;
using candor::core::test::Author;
using candor::core::test::kT0;

namespace {
constexpr std::int64_t kMin = 60'000;
constexpr std::int64_t kHour = 60 * kMin;

struct Pair {
    Author a, b;
    History h{std::set<DeviceId>{a.id(), b.id()}};
    template <typename T>
    Entry post(Author& who, const T& body, std::int64_t at) {
        who.lamport = std::max(who.lamport, h.next_lamport() - 1);
        auto e = who.post(body, at);
        REQUIRE(h.accept(e).is_new());
        return e;
    }
    Entry commit(Author& who, const char* text, std::int64_t due, std::int64_t at = kT0) {
        return post(who, CommitmentBody{text, due, std::nullopt}, at);
    }
    Entry late(Author& who, const Entry& c, std::uint32_t minutes, std::int64_t at) {
        return post(who, LateBody{minutes, "traffic", at + minutes * kMin, c.id()}, at);
    }
    Entry resolve(Author& who, const Entry& c, Outcome o, std::int64_t at, std::int64_t new_due = 0) {
        return post(who, ResolutionBody{c.id(), o, new_due, ""}, at);
    }
    [[nodiscard]] Ledger ledger(std::int64_t now) const { return build_ledger(State::fold(h), now); }
};
}  // namespace

TEST_CASE("ledger: open and due follow the clock; nothing resolved has no offset") {
    Pair p;
    auto c = p.commit(p.a, "call at 7", kT0 + kHour);
    auto before = p.ledger(kT0 + kHour - 1);
    REQUIRE(before.item(c.id()) != nullptr);
    CHECK(before.item(c.id())->outcome == LedgerOutcome::open);
    CHECK_FALSE(before.item(c.id())->resolved());
    CHECK(before.figures(p.a.id()).open == 1);
    CHECK(before.figures(p.a.id()).due == 0);
    auto after = p.ledger(kT0 + kHour);
    CHECK(after.item(c.id())->outcome == LedgerOutcome::due);
    CHECK(after.figures(p.a.id()).due == 1);
    CHECK(after.figures(p.a.id()).open == 0);
    CHECK(after.figures(p.b.id()).total() == 0);  // no commitments: zero figures, no crash
}

TEST_CASE("ledger: kept on time, including early and within the grace; late beyond it") {
    Pair p;
    auto early = p.commit(p.a, "early", kT0 + kHour);
    auto grace = p.commit(p.a, "grace", kT0 + kHour);
    auto late = p.commit(p.a, "late", kT0 + kHour);
    p.resolve(p.a, early, Outcome::kept, kT0 + kHour - 10 * kMin);
    p.resolve(p.a, grace, Outcome::kept, kT0 + kHour + kOnTimeGraceMs);
    p.resolve(p.a, late, Outcome::kept, kT0 + kHour + 26 * kMin);
    auto l = p.ledger(kT0 + 5 * kHour);
    CHECK(l.item(early.id())->outcome == LedgerOutcome::kept_on_time);
    CHECK(l.item(early.id())->offset_ms == -10 * kMin);
    CHECK(l.item(grace.id())->outcome == LedgerOutcome::kept_on_time);
    CHECK(l.item(late.id())->outcome == LedgerOutcome::kept_late_unwarned);
    CHECK(l.item(late.id())->offset_ms == 26 * kMin);  // 7:26 is not 7:00
    const PersonFigures f = l.figures(p.a.id());
    CHECK(f.kept_on_time == 2);
    CHECK(f.kept_late_unwarned == 1);
    CHECK(f.kept() == 3);
    CHECK(f.late_ms_total == 26 * kMin);
}

TEST_CASE("ledger: a late notice counts as a warning only when sent before the due time") {
    Pair p;
    auto warned = p.commit(p.a, "dinner", kT0 + kHour);
    auto too_late = p.commit(p.a, "pick up", kT0 + kHour);
    auto warning = p.late(p.a, warned, 15, kT0 + kHour - 5 * kMin);
    p.late(p.a, too_late, 15, kT0 + kHour + 1 * kMin);  // already past due: not a warning in time
    p.resolve(p.a, warned, Outcome::kept, kT0 + kHour + 20 * kMin);
    p.resolve(p.a, too_late, Outcome::kept, kT0 + kHour + 20 * kMin);
    auto l = p.ledger(kT0 + 5 * kHour);
    CHECK(l.item(warned.id())->outcome == LedgerOutcome::kept_late_warned);
    CHECK(l.item(warned.id())->warning_id == warning.id());
    CHECK(l.item(too_late.id())->outcome == LedgerOutcome::kept_late_unwarned);
    CHECK_FALSE(l.item(too_late.id())->warning_id.has_value());
    CHECK(l.figures(p.a.id()).kept_late_warned == 1);
    CHECK(l.figures(p.a.id()).kept_late_unwarned == 1);
}

TEST_CASE("ledger: a late notice without 'for', or for another commitment, warns nothing") {
    Pair p;
    auto c = p.commit(p.a, "call", kT0 + kHour);
    auto other = p.commit(p.a, "other", kT0 + 3 * kHour);
    p.post(p.a, LateBody{15, "bus", kT0 + kHour + 10 * kMin, std::nullopt}, kT0 + kHour - 10 * kMin);
    p.late(p.a, other, 15, kT0 + kHour - 10 * kMin);
    p.resolve(p.a, c, Outcome::kept, kT0 + kHour + 30 * kMin);
    CHECK(p.ledger(kT0 + 5 * kHour).item(c.id())->outcome == LedgerOutcome::kept_late_unwarned);
}

TEST_CASE("ledger: a renegotiated commitment is judged against its new due time") {
    Pair p;
    auto c = p.commit(p.a, "dinner", kT0 + kHour);
    p.resolve(p.a, c, Outcome::renegotiated, kT0 + 30 * kMin, kT0 + 3 * kHour);
    // Kept after the original time but before the new one: on time.
    p.resolve(p.a, c, Outcome::kept, kT0 + 2 * kHour);
    auto l = p.ledger(kT0 + 5 * kHour);
    CHECK(l.item(c.id())->due_ms == kT0 + 3 * kHour);
    CHECK(l.item(c.id())->outcome == LedgerOutcome::kept_on_time);
    CHECK(l.item(c.id())->offset_ms == -kHour);
    CHECK(l.figures(p.a.id()).renegotiated == 1);

    Pair q;
    auto d = q.commit(q.a, "dinner", kT0 + kHour);
    q.resolve(q.a, d, Outcome::renegotiated, kT0 + 30 * kMin, kT0 + 3 * kHour);
    auto open = q.ledger(kT0 + 2 * kHour);  // past the original time, before the new one
    CHECK(open.item(d.id())->outcome == LedgerOutcome::open);
    q.resolve(q.a, d, Outcome::missed, kT0 + 3 * kHour + 5 * kMin);
    auto missed = q.ledger(kT0 + 5 * kHour);
    CHECK(missed.item(d.id())->outcome == LedgerOutcome::missed);
    CHECK(missed.item(d.id())->offset_ms == 5 * kMin);
    CHECK(missed.figures(q.a.id()).missed == 1);
}

TEST_CASE("ledger: a warning sent before a renegotiation does not cover the new time") {
    Pair p;
    auto c = p.commit(p.a, "dinner", kT0 + kHour);
    p.late(p.a, c, 10, kT0 + 50 * kMin);
    p.resolve(p.a, c, Outcome::renegotiated, kT0 + 55 * kMin, kT0 + 2 * kHour);
    p.resolve(p.a, c, Outcome::kept, kT0 + 2 * kHour + 30 * kMin);
    CHECK(p.ledger(kT0 + 5 * kHour).item(c.id())->outcome == LedgerOutcome::kept_late_unwarned);

    Pair q;  // ... but one sent after it, before the new time, does
    auto d = q.commit(q.a, "dinner", kT0 + kHour);
    q.resolve(q.a, d, Outcome::renegotiated, kT0 + 55 * kMin, kT0 + 2 * kHour);
    auto w = q.late(q.a, d, 30, kT0 + 2 * kHour - 10 * kMin);
    q.resolve(q.a, d, Outcome::kept, kT0 + 2 * kHour + 30 * kMin);
    auto l = q.ledger(kT0 + 5 * kHour);
    CHECK(l.item(d.id())->outcome == LedgerOutcome::kept_late_warned);
    CHECK(l.item(d.id())->warning_id == w.id());
}

TEST_CASE("ledger: figures are per person and streaks follow resolution order") {
    Pair p;
    auto a1 = p.commit(p.a, "a1", kT0 + kHour);
    auto a2 = p.commit(p.a, "a2", kT0 + kHour);
    auto a3 = p.commit(p.a, "a3", kT0 + kHour);
    auto b1 = p.commit(p.b, "b1", kT0 + kHour);
    // Resolved out of promise order: a3 (missed) first, then a1 and a2 kept on time.
    p.resolve(p.a, a3, Outcome::missed, kT0 + kHour + kMin);
    p.resolve(p.a, a1, Outcome::kept, kT0 + kHour + 2 * kMin);
    p.resolve(p.a, a2, Outcome::kept, kT0 + kHour + 3 * kMin);
    p.resolve(p.b, b1, Outcome::kept, kT0 + 2 * kHour);  // late, unwarned
    auto l = p.ledger(kT0 + 5 * kHour);
    const PersonFigures fa = l.figures(p.a.id());
    const PersonFigures fb = l.figures(p.b.id());
    CHECK(fa.kept_on_time == 2);
    CHECK(fa.missed == 1);
    CHECK(fa.resolved() == 3);
    CHECK(fa.streak == 2);
    CHECK(fb.kept_late_unwarned == 1);
    CHECK(fb.streak == 0);
    CHECK(fb.kept_on_time == 0);
    CHECK(l.items.size() == 4);
}

TEST_CASE("ledger: a partner's resolution of my commitment is ignored by the fold and the ledger") {
    Pair p;
    auto c = p.commit(p.a, "call", kT0 + kHour);
    p.resolve(p.b, c, Outcome::missed, kT0 + 2 * kHour);
    auto l = p.ledger(kT0 + 3 * kHour);
    CHECK(l.item(c.id())->outcome == LedgerOutcome::due);
    CHECK(l.figures(p.a.id()).missed == 0);
    CHECK(l.figures(p.b.id()).total() == 0);
}

TEST_CASE("ledger: a kept judged late by what this device knows, though its author's clock said on time") {
    Pair p;
    auto c = p.commit(p.a, "call at 7", kT0 + kHour);
    auto warned = p.commit(p.a, "home by 8", kT0 + kHour);
    // Kept at kT0 + 3h by the world's clock on a computer whose clock was set back 3 hours; the
    // partner knew until kT0 + 3h that it had not been made yet.
    auto kept = p.resolve(p.a, c, Outcome::kept, kT0);
    auto late = p.late(p.a, warned, 30, kT0);  // the same clock: "in time" only by its own word
    State s = State::fold(p.h, {{kept.id(), kT0 + 3 * kHour - kClockSkewMs}, {late.id(), kT0 + 2 * kHour}});
    auto resolved_warned = p.resolve(p.a, warned, Outcome::kept, kT0 + 4 * kHour);
    s.insert(resolved_warned);
    const Ledger l = build_ledger(s, kT0 + 5 * kHour);
    const LedgerItem* item = l.item(c.id());
    REQUIRE(item != nullptr);
    CHECK(item->outcome == LedgerOutcome::kept_late_unwarned);
    CHECK(item->resolved_ms == kT0 + 3 * kHour - kClockSkewMs);
    CHECK(item->author_resolved_ms == kT0);  // both times in view
    // The late notice counts when it was judged sent: after the due time, so no warning in time.
    CHECK(l.item(warned.id())->outcome == LedgerOutcome::kept_late_unwarned);
    // Without the evidence the author's times decide.
    const Ledger trusting = p.ledger(kT0 + 5 * kHour);
    CHECK(trusting.item(c.id())->outcome == LedgerOutcome::kept_on_time);
    CHECK(trusting.item(warned.id())->outcome == LedgerOutcome::kept_late_warned);
}

TEST_CASE("ledger: judging an entry already folded refolds to the same result as judging first") {
    Pair p;
    auto c = p.commit(p.a, "call at 7", kT0 + kHour);
    auto kept = p.resolve(p.a, c, Outcome::kept, kT0);
    State later = State::fold(p.h);
    later.judge_at(kept.id(), kT0 + 2 * kHour);
    const State first = State::fold(p.h, {{kept.id(), kT0 + 2 * kHour}});
    CHECK(build_ledger(later, kT0 + 3 * kHour).item(c.id())->outcome == LedgerOutcome::kept_late_unwarned);
    CHECK(build_ledger(first, kT0 + 3 * kHour).item(c.id())->resolved_ms ==
          build_ledger(later, kT0 + 3 * kHour).item(c.id())->resolved_ms);
}
