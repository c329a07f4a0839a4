// The receiving rules: each rejection with its reason, nothing replaced, duplicates idempotent.
#include <doctest/doctest.h>

#include "core/history.hpp"
#include "core_helpers.hpp"

using namespace candor;
using namespace candor::core;
using candor::core::test::Author;

namespace {
UpdateBody upd(const char* t) { return UpdateBody{t, "", 0}; }
}  // namespace

TEST_CASE("a chain is accepted, queried and synced from") {
    Author a, b;
    History h({a.id(), b.id()});
    auto a1 = a.post(upd("a1"));
    auto a2 = a.post(upd("a2"));
    auto b1 = b.post(upd("b1"));
    CHECK(h.accept(a1).is_new());
    CHECK(h.accept(b1).is_new());
    CHECK(h.accept(a2).is_new());
    CHECK(h.size() == 3);
    CHECK(h.head(a.id()).seq == 2);
    CHECK(h.head(a.id()).id == a2.id());
    CHECK(h.head(Author{}.id()).seq == 0);
    auto vv = h.version_vector();
    CHECK(vv.size() == 2);
    CHECK(vv[a.id()] == 2);
    CHECK(vv[b.id()] == 1);
    auto after = h.entries_after(a.id(), 1);
    REQUIRE(after.size() == 1);
    CHECK(after[0].id() == a2.id());
    CHECK(h.entries_after(a.id(), 0).size() == 2);
    CHECK(h.entries_after(a.id(), 0, 1).size() == 1);
    CHECK(h.entries_after(a.id(), 2).empty());
    CHECK(h.entries_after(a.id(), 99).empty());
    CHECK(h.next_lamport() == std::max(a2.lamport(), b1.lamport()) + 1);
    REQUIRE(h.find(a2.id()) != nullptr);
    CHECK(h.find(a2.id())->seq() == 2);
}

TEST_CASE("duplicate is idempotent") {
    Author a;
    History h({a.id()});
    auto a1 = a.post(upd("a1"));
    CHECK(h.accept(a1).outcome == AcceptOutcome::accepted);
    auto again = h.accept(a1);
    CHECK(again.outcome == AcceptOutcome::duplicate);
    CHECK(again.ok());
    CHECK(h.accept_bytes(a1.bytes()).outcome == AcceptOutcome::duplicate);
    CHECK(h.size() == 1);
}

TEST_CASE("unknown author is rejected") {
    Author a, stranger;
    History h({a.id()});
    auto r = h.accept(stranger.post(upd("hi")));
    CHECK(r.outcome == AcceptOutcome::rejected);
    CHECK(r.reason == RejectReason::unknown_author);
    CHECK_FALSE(r.message.empty());
    CHECK(h.size() == 0);
    h.allow_author(stranger.id());
    Author s2;
    CHECK(h.accept(s2.post(upd("x"))).reason == RejectReason::unknown_author);
}

TEST_CASE("seq gap is rejected, and accepted once the gap is filled") {
    Author a;
    History h({a.id()});
    auto a1 = a.post(upd("1"));
    auto a2 = a.post(upd("2"));
    auto a3 = a.post(upd("3"));
    CHECK(h.accept(a1).is_new());
    auto r = h.accept(a3);
    CHECK(r.reason == RejectReason::seq_gap);
    CHECK(h.head(a.id()).seq == 1);
    CHECK(h.accept(a2).is_new());
    CHECK(h.accept(a3).is_new());
}

TEST_CASE("a first entry with seq 2 is a gap") {
    Author a;
    History h({a.id()});
    a.post(upd("1"));
    CHECK(h.accept(a.post(upd("2"))).reason == RejectReason::seq_gap);
}

TEST_CASE("fork is rejected and nothing is replaced") {
    Author a;
    History h({a.id()});
    auto a1 = a.post(upd("1"));
    const AuthorHead after1 = a.head;
    const auto lamport_after1 = a.lamport;
    auto a2 = a.post(upd("2"));
    CHECK(h.accept(a1).is_new());
    CHECK(h.accept(a2).is_new());
    // The same device signs another seq 2 after a1: a fork.
    a.head = after1;
    a.lamport = lamport_after1;
    auto fork = a.post(upd("2 but different"));
    REQUIRE(fork.seq() == 2);
    REQUIRE(fork.id() != a2.id());
    auto r = h.accept(fork);
    CHECK(r.reason == RejectReason::fork);
    CHECK(h.find(fork.id()) == nullptr);
    REQUIRE(h.find(a2.id()) != nullptr);
    CHECK(h.head(a.id()).id == a2.id());
    // A different seq 1 is a fork too.
    a.head = {};
    a.lamport = 0;
    CHECK(h.accept(a.post(upd("other first"))).reason == RejectReason::fork);
    CHECK(h.size() == 2);
}

TEST_CASE("broken chain is rejected") {
    Author a;
    History h({a.id()});
    auto a1 = a.post(upd("1"));
    CHECK(h.accept(a1).is_new());
    EntryId wrong{};
    wrong.fill(0x42);
    auto e = make_entry(a.identity, AuthorHead{1, wrong, a1.lamport()}, a1.lamport() + 1, 0, 0, Kind::update,
                        encode_body(upd("2")));
    REQUIRE(e.ok());
    auto r = h.accept(*e);
    CHECK(r.reason == RejectReason::broken_chain);
    CHECK(h.size() == 1);
}

TEST_CASE("a clock that goes backwards is rejected") {
    Author a;
    History h({a.id()});
    auto a1 = make_entry(a.identity, {}, 10, 0, 0, Kind::update, encode_body(upd("1")));
    REQUIRE(a1.ok());
    CHECK(h.accept(*a1).is_new());
    auto a2 = make_entry(a.identity, AuthorHead{1, a1->id(), 0}, 10, 0, 0, Kind::update, encode_body(upd("2")));
    REQUIRE(a2.ok());
    CHECK(h.accept(*a2).reason == RejectReason::bad_lamport);
}

TEST_CASE("tampered bytes are rejected as bad signature or bad format") {
    Author a;
    History h({a.id()});
    auto a1 = a.post(upd("hello"));
    crypto::Bytes t(a1.bytes().begin(), a1.bytes().end());
    t[t.size() - 1] ^= 1;  // signature
    CHECK(h.accept_bytes(t).reason == RejectReason::bad_signature);
    t = crypto::Bytes(a1.bytes().begin(), a1.bytes().end());
    t[0] ^= 1;  // magic
    CHECK(h.accept_bytes(t).reason == RejectReason::bad_format);
    t = crypto::Bytes(a1.bytes().begin(), a1.bytes().end());
    t[kEntryHeaderSize] ^= 1;  // body
    CHECK(h.accept_bytes(t).reason == RejectReason::bad_signature);
    CHECK(h.size() == 0);
    CHECK(h.accept_bytes(a1.bytes()).is_new());
}

TEST_CASE("check() answers like accept() without storing") {
    Author a;
    History h({a.id()});
    auto a1 = a.post(upd("1"));
    CHECK(h.check(a1).outcome == AcceptOutcome::accepted);
    CHECK(h.size() == 0);
    CHECK(h.accept(a1).is_new());
    CHECK(h.check(a1).outcome == AcceptOutcome::duplicate);
}
