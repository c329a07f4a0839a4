// The fold: its rules one by one, unknown kinds, hostile bodies, and determinism over 50
// delivery orders of the same ~200 entries.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <random>

#include "core/state.hpp"
#include "core_helpers.hpp"

using namespace candor;
using namespace candor::core;
using candor::core::test::Author;
using candor::core::test::kT0;

namespace {
constexpr std::int64_t kHour = 3'600'000;

struct Pair {
    Author a, b;
    History h{std::set<DeviceId>{a.id(), b.id()}};
    // Posts as `who`, after seeing everything held; accepts it.
    template <typename T>
    Entry post(Author& who, const T& body, std::int64_t at = kT0) {
        who.lamport = std::max(who.lamport, h.next_lamport() - 1);
        auto e = who.post(body, at);
        REQUIRE(h.accept(e).is_new());
        return e;
    }
    State state() const { return State::fold(h); }
};
}  // namespace

TEST_CASE("commitment status: open, due, kept; only the author resolves; first resolution wins") {
    Pair p;
    auto c = p.post(p.a, CommitmentBody{"call at 7", kT0 + kHour, std::nullopt});
    auto s = p.state();
    REQUIRE(s.commitment(c.id()) != nullptr);
    CHECK(s.commitment(c.id())->status(kT0) == CommitmentStatus::open);
    CHECK(s.commitment(c.id())->status(kT0 + kHour) == CommitmentStatus::due);

    auto by_partner = p.post(p.b, ResolutionBody{c.id(), Outcome::kept, 0, ""});
    s = p.state();
    CHECK(s.commitment(c.id())->status(kT0) == CommitmentStatus::open);
    CHECK(s.find(by_partner.id())->effect == EntryEffect::ignored);

    auto kept = p.post(p.a, ResolutionBody{c.id(), Outcome::kept, 0, "done"});
    auto missed = p.post(p.a, ResolutionBody{c.id(), Outcome::missed, 0, "second thoughts"});
    s = p.state();
    const Commitment* cm = s.commitment(c.id());
    CHECK(cm->status(kT0 + 10 * kHour) == CommitmentStatus::kept);
    CHECK(cm->resolution_id == kept.id());
    CHECK(s.find(missed.id())->effect == EntryEffect::ignored);
    CHECK(s.find(kept.id())->effect == EntryEffect::counted);
    REQUIRE(cm->story.size() == 2);
    CHECK(cm->story[1].type == StoryEvent::Type::resolved);
    CHECK(s.entries().size() == 4);  // ignored entries stay in the history list
}

TEST_CASE("renegotiation moves the due time and is not final") {
    Pair p;
    auto c = p.post(p.a, CommitmentBody{"dinner", kT0 + kHour, std::nullopt});
    p.post(p.a, ResolutionBody{c.id(), Outcome::renegotiated, kT0 + 3 * kHour, "late meeting"});
    auto s = p.state();
    const Commitment* cm = s.commitment(c.id());
    CHECK(cm->due_at_ms == kT0 + 3 * kHour);
    CHECK(cm->original_due_ms == kT0 + kHour);
    CHECK(cm->status(kT0 + 2 * kHour) == CommitmentStatus::renegotiated);
    CHECK(cm->status(kT0 + 3 * kHour) == CommitmentStatus::due);
    p.post(p.a, ResolutionBody{c.id(), Outcome::missed, 0, ""});
    s = p.state();
    CHECK(s.commitment(c.id())->status(kT0) == CommitmentStatus::missed);
    CHECK(s.commitment(c.id())->story.size() == 3);
}

TEST_CASE("references to entries that do not exist are ignored") {
    Pair p;
    EntryId nowhere{};
    nowhere.fill(0x77);
    auto r = p.post(p.a, ResolutionBody{nowhere, Outcome::kept, 0, ""});
    auto ack = p.post(p.b, AckBody{nowhere, ""});
    auto end = p.post(p.a, LateEndBody{nowhere});
    auto s = p.state();
    CHECK(s.find(r.id())->effect == EntryEffect::ignored);
    CHECK(s.find(ack.id())->effect == EntryEffect::ignored);
    CHECK(s.find(end.id())->effect == EntryEffect::ignored);
    CHECK(s.acks_for(nowhere).empty());
    // A resolution pointing at an entry that is not a commitment.
    auto u = p.post(p.a, UpdateBody{"x", "", 0});
    auto r2 = p.post(p.a, ResolutionBody{u.id(), Outcome::kept, 0, ""});
    CHECK(p.state().find(r2.id())->effect == EntryEffect::ignored);
}

TEST_CASE("acks: from the partner, with who, when and note") {
    Pair p;
    auto u = p.post(p.a, UpdateBody{"at the gym", "gym", kT0 + kHour});
    auto ack = p.post(p.b, AckBody{u.id(), "thank you"}, kT0 + 5);
    auto self = p.post(p.a, AckBody{u.id(), "me"});
    auto s = p.state();
    auto acks = s.acks_for(u.id());
    REQUIRE(acks.size() == 1);
    CHECK(acks[0].id == ack.id());
    CHECK(acks[0].by == p.b.id());
    CHECK(acks[0].at_ms == kT0 + 5);
    CHECK(acks[0].note == "thank you");
    CHECK(s.find(self.id())->effect == EntryEffect::ignored);
}

TEST_CASE("latest update per author and its until") {
    Pair p;
    p.post(p.a, UpdateBody{"work", "office", 0});
    auto gym = p.post(p.a, UpdateBody{"gym", "gym", kT0 + kHour});
    auto s = p.state();
    auto cur = s.current_update(p.a.id(), kT0);
    REQUIRE(cur);
    CHECK(cur->id == gym.id());
    CHECK_FALSE(s.current_update(p.a.id(), kT0 + kHour));
    CHECK_FALSE(s.current_update(p.b.id(), kT0));
}

TEST_CASE("late notices: active until eta, ended, superseded, or their commitment resolved") {
    Pair p;
    auto c = p.post(p.a, CommitmentBody{"pick up", kT0 + kHour, std::nullopt});
    auto late = p.post(p.a, LateBody{15, "traffic", kT0 + kHour + 15 * 60'000, c.id()});
    auto s = p.state();
    auto active = s.active_late_notices(kT0);
    REQUIRE(active.size() == 1);
    CHECK(active[0].id == late.id());
    CHECK(active[0].for_known_commitment);
    CHECK(s.commitment(c.id())->story.size() == 2);
    CHECK(s.active_late_notices(kT0 + 2 * kHour).empty());

    auto other_end = p.post(p.b, LateEndBody{late.id()});  // not the author's
    CHECK(p.state().find(other_end.id())->effect == EntryEffect::ignored);
    CHECK(p.state().active_late_notices(kT0).size() == 1);
    p.post(p.a, ResolutionBody{c.id(), Outcome::kept, 0, ""});
    CHECK(p.state().active_late_notices(kT0).empty());

    auto late2 = p.post(p.a, LateBody{5, "", kT0 + kHour, std::nullopt});
    auto late3 = p.post(p.a, LateBody{20, "", kT0 + kHour, std::nullopt});
    active = p.state().active_late_notices(kT0);
    REQUIRE(active.size() == 1);
    CHECK(active[0].id == late3.id());
    p.post(p.a, LateEndBody{late3.id()});
    CHECK(p.state().active_late_notices(kT0).empty());
    (void)late2;

    // A late "for" a partner's commitment stays a late notice but not in that story.
    auto cb = p.post(p.b, CommitmentBody{"b's", kT0 + kHour, std::nullopt});
    auto odd = p.post(p.a, LateBody{5, "", kT0 + kHour, cb.id()});
    s = p.state();
    CHECK(s.commitment(cb.id())->story.size() == 1);
    CHECK(s.find(odd.id())->effect == EntryEffect::ignored);
}

TEST_CASE("commitment requests: answered by the partner, linked to the commitment") {
    Pair p;
    auto req = p.post(p.a, CommitmentRequestBody{"text when late", kT0 + kHour});
    auto self_answer = p.post(p.a, RequestAnswerBody{req.id(), true, ""});
    auto answer = p.post(p.b, RequestAnswerBody{req.id(), true, "yes"});
    auto c = p.post(p.b, CommitmentBody{"text when late", kT0 + kHour, req.id()});
    auto s = p.state();
    const CommitmentRequest* r = s.request(req.id());
    REQUIRE(r != nullptr);
    CHECK(r->answer_id == answer.id());
    CHECK(r->accepted);
    CHECK(r->commitment_id == c.id());
    CHECK(s.commitment(c.id())->request_id == req.id());
    CHECK(s.find(self_answer.id())->effect == EntryEffect::ignored);
}

TEST_CASE("unknown kinds are kept and flagged; unreadable bodies too") {
    Pair p;
    p.a.lamport = p.h.next_lamport() - 1;
    auto future = p.a.post_raw(Kind{4242}, crypto::Bytes{1, 2, 3});
    REQUIRE(p.h.accept(future).is_new());
    // Correctly signed, but the body declares a 2^40-byte string.
    auto body = encode_body(UpdateBody{"abc", "", 0});
    const std::uint64_t huge = std::uint64_t{1} << 40;
    std::memcpy(body.data() + 5, &huge, 8);
    auto hostile = p.a.post_raw(Kind::update, body);
    REQUIRE(p.h.accept(hostile).is_new());
    auto s = p.state();
    REQUIRE(s.entries().size() == 2);
    CHECK(s.find(future.id())->effect == EntryEffect::unknown_kind);
    CHECK(s.find(future.id())->note.find("needs a newer Candor") != std::string::npos);
    CHECK(s.find(hostile.id())->effect == EntryEffect::unreadable);
    CHECK(s.latest_updates().empty());
    auto back = decode_entry(future.bytes());
    REQUIRE(back.ok());
    CHECK(back->kind() == Kind{4242});
    CHECK_FALSE(back->known_kind());
}

TEST_CASE("resolve_prefix") {
    Pair p;
    auto u = p.post(p.a, UpdateBody{"x", "", 0});
    auto s = p.state();
    const auto hex = to_hex(u.id());
    CHECK(s.resolve_prefix(hex.substr(0, 6)).value() == u.id());
    CHECK(s.resolve_prefix(hex).value() == u.id());
    CHECK_FALSE(s.resolve_prefix(hex.substr(0, 5)).ok());
    std::string other = hex.substr(0, 8);
    other[7] = other[7] == 'f' ? '0' : 'f';
    CHECK_FALSE(s.resolve_prefix(other).ok());
}

namespace {
// Two authors writing concurrently: each sees the other's entries only at random "syncs", so
// lamports interleave and some references point at entries the fold will not have yet.
std::vector<Entry> simulate(std::mt19937& rng, Author& a, Author& b, int count) {
    std::vector<Entry> all, seen_by_a, seen_by_b;
    std::vector<EntryId> ids;
    auto pick = [&](const std::vector<Entry>& pool) -> EntryId {
        if (pool.empty() || rng() % 10 == 0) {
            EntryId junk{};
            junk.fill(static_cast<std::uint8_t>(rng()));
            return junk;
        }
        return pool[rng() % pool.size()].id();
    };
    for (int i = 0; i < count; ++i) {
        const bool is_a = rng() % 2 == 0;
        Author& w = is_a ? a : b;
        auto& seen = is_a ? seen_by_a : seen_by_b;
        if (rng() % 4 == 0) {  // sync: this author catches up with everything
            seen = all;
            for (const auto& e : all) w.saw(e);
        }
        const std::int64_t at = kT0 + i * 60'000;
        Entry e = [&] {
            switch (rng() % 9) {
                case 0: return w.post(UpdateBody{"u" + std::to_string(i), "here", rng() % 2 ? at + kHour : 0}, at);
                case 1: return w.post(CommitmentBody{"c" + std::to_string(i), at + static_cast<int>(rng() % 5) * kHour, std::nullopt}, at);
                case 2: return w.post(ResolutionBody{pick(seen), static_cast<Outcome>(1 + rng() % 3), at + kHour, "r"}, at);
                case 3: return w.post(AckBody{pick(seen), "seen"}, at);
                case 4: return w.post(LateBody{10, "bus", at + 600'000, rng() % 2 ? std::optional<EntryId>(pick(seen)) : std::nullopt}, at);
                case 5: return w.post(LateEndBody{pick(seen)}, at);
                case 6: return w.post(CommitmentRequestBody{"req", at + kHour}, at);
                case 7: return w.post(CoupleChoiceBody{rng() % 3 ? "hide_figures" : "a_later_choice", rng() % 2 == 0}, at);
                default: return w.post(RequestAnswerBody{pick(seen), rng() % 2 == 0, ""}, at);
            }
        }();
        seen.push_back(e);
        all.push_back(e);
    }
    auto future = a.post_raw(Kind{300}, crypto::Bytes{9, 9});
    all.push_back(future);
    return all;
}
}  // namespace

TEST_CASE("fold determinism: 50 delivery orders give the same State") {
    std::mt19937 rng(20240601);
    Author a, b;
    const auto all = simulate(rng, a, b, 200);
    std::vector<Entry> from_a, from_b;
    for (const auto& e : all) (e.author() == a.id() ? from_a : from_b).push_back(e);
    REQUIRE(from_a.size() > 50);
    REQUIRE(from_b.size() > 50);

    History reference({a.id(), b.id()});
    for (const auto& e : all) REQUIRE(reference.accept(e).is_new());
    const std::int64_t now = kT0 + 100 * 60'000;
    const State ref_state = State::fold(reference);
    const std::string ref = ref_state.dump(now);
    // The simulation must exercise the rules, or equal dumps prove little.
    std::size_t ignored = 0, counted = 0;
    for (const auto& fe : ref_state.entries()) (fe.effect == EntryEffect::ignored ? ignored : counted)++;
    CHECK(ignored > 10);
    CHECK(counted > 100);
    CHECK_FALSE(ref_state.commitments().empty());

    for (int round = 0; round < 50; ++round) {
        // A random interleaving of the two authors' chains (each chain stays in seq order).
        std::vector<bool> take_a(from_a.size(), true);
        take_a.resize(from_a.size() + from_b.size(), false);
        std::shuffle(take_a.begin(), take_a.end(), rng);
        History h({a.id(), b.id()});
        State incremental;
        std::size_t ia = 0, ib = 0;
        for (bool t : take_a) {
            const Entry& e = t ? from_a[ia++] : from_b[ib++];
            REQUIRE(h.accept(e).is_new());
            incremental.insert(e);
            if (round == 0) incremental.insert(e);  // duplicates change nothing
        }
        CAPTURE(round);
        CHECK(State::fold(h).dump(now) == ref);
        CHECK(incremental.dump(now) == ref);
        // The same delivery in a few batches (catch-up), including an already-held entry.
        State batched;
        std::vector<Entry> delivered;
        ia = ib = 0;
        for (bool t : take_a) delivered.push_back(t ? from_a[ia++] : from_b[ib++]);
        const std::size_t cut = delivered.size() / 3;
        batched.insert(std::span<const Entry>(delivered.data(), cut));
        batched.insert(std::span<const Entry>(delivered.data() + cut - 1, delivered.size() - cut + 1));
        CHECK(batched.dump(now) == ref);
    }
}

TEST_CASE("couple choice: the last in fold order stands for both; unknown names are kept; bad names refused") {
    Author a, b;
    History h({a.id(), b.id()});
    CHECK(State::fold(h).choice(kChoiceHideFigures) == nullptr);
    const Entry hide = a.post(CoupleChoiceBody{std::string(kChoiceHideFigures), true}, kT0);
    REQUIRE(h.accept(hide).is_new());
    State s = State::fold(h);
    REQUIRE(s.choice(kChoiceHideFigures) != nullptr);
    CHECK(s.choice(kChoiceHideFigures)->on);
    CHECK(s.choice(kChoiceHideFigures)->by == a.id());
    CHECK(s.choice(kChoiceHideFigures)->entry == hide.id());

    // B saw it and shows the figures again: B's comes later in fold order, whatever arrives first.
    b.saw(hide);
    const Entry show = b.post(CoupleChoiceBody{std::string(kChoiceHideFigures), false}, kT0 + 60'000);
    const Entry later = b.post(CoupleChoiceBody{"a_later_choice", true}, kT0 + 120'000);
    for (const bool show_first : {true, false}) {
        History h2({a.id(), b.id()});
        if (show_first) {
            REQUIRE(h2.accept(show).is_new());
            REQUIRE(h2.accept(later).is_new());
            REQUIRE(h2.accept(hide).is_new());
        } else {
            REQUIRE(h2.accept(hide).is_new());
            REQUIRE(h2.accept(show).is_new());
            REQUIRE(h2.accept(later).is_new());
        }
        const State s2 = State::fold(h2);
        REQUIRE(s2.choice(kChoiceHideFigures) != nullptr);
        CHECK_FALSE(s2.choice(kChoiceHideFigures)->on);
        CHECK(s2.choice(kChoiceHideFigures)->by == b.id());
        REQUIRE(s2.choice("a_later_choice") != nullptr);  // a newer Candor's choice is kept, not acted on
        CHECK(s2.find(later.id())->effect == EntryEffect::counted);
    }

    for (const char* bad : {"", "Hide", "hide figures", "hide-figures", "a_name_that_is_longer_than_32_chars"}) {
        CAPTURE(bad);
        CHECK_FALSE(decode_body<CoupleChoiceBody>(encode_body(CoupleChoiceBody{bad, true})).ok());
        CHECK_FALSE(check_body(Kind::couple_choice, encode_body(CoupleChoiceBody{bad, true})).ok());
    }
    CHECK(check_body(Kind::couple_choice, encode_body(CoupleChoiceBody{"hide_figures", true})).ok());
}
