// A partner that sends forged entries, forks, gaps, garbage or oversized batches: refused
// entries are recorded and the rest go on; broken messages end the session.
#include <doctest/doctest.h>

#include "crypto/hash.hpp"
#include "net/wire.hpp"
#include "sync_helpers.hpp"

using namespace candor;
using namespace candor::sync;
using namespace candor::sync::test;

namespace {

// B's session after the hostile partner's Hello (claiming to hold nothing).
void open_session(SyncSession& s, const Device& b) {
    s.start(b.history);
    (void)s.take_outgoing();
    REQUIRE(s.on_message(encode_hello({}), b.history).ok());
}

Bytes batch(std::uint64_t n, const std::vector<ByteView>& entries) { return encode_entries(n, entries); }

core::Entry signed_by(const crypto::Identity& who, const core::AuthorHead& head, std::uint64_t lamport,
                      const std::string& text) {
    auto e = core::make_entry(who, head, lamport, kT0, 0, core::UpdateBody{text, "", 0});
    REQUIRE(e.ok());
    return *e;
}

const Rejection* rejection_of(const Device& d, const core::EntryId& id) {
    for (const auto& r : d.rejections)
        if (r.id == id) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("forged and malformed entries are refused and recorded; the rest arrive") {
    Device a, b, p, stranger;
    b.allow(a);
    b.allow(p);
    const core::Entry a1 = a.post("real");
    Bytes forged(a1.bytes().begin(), a1.bytes().end());
    forged[core::kEntryHeaderSize] ^= 0x01;  // one body bit: the signature no longer verifies
    const Bytes junk(10, 0x55);
    const core::Entry p1 = p.post("p1"), p2 = p.post("p2");
    const core::Entry s1 = stranger.post("hello?");

    SyncSession sb;
    open_session(sb, b);
    REQUIRE(node_receive(b, sb, batch(1, {p1.bytes(), ByteView{forged}, ByteView{junk}, s1.bytes(),
                                          p2.bytes()}))
                .ok());
    CHECK(b.history.find(p1.id()) != nullptr);
    CHECK(b.history.find(p2.id()) != nullptr);
    CHECK(b.history.size() == 2);
    REQUIRE(b.rejections.size() == 3);

    const Rejection* rf = rejection_of(b, crypto::blake2b_256(forged));
    REQUIRE(rf != nullptr);
    CHECK(rf->reason == core::RejectReason::bad_signature);
    CHECK(!rf->author.has_value());
    CHECK(!rf->message.empty());
    const Rejection* rj = rejection_of(b, crypto::blake2b_256(junk));
    REQUIRE(rj != nullptr);
    CHECK(rj->reason == core::RejectReason::bad_format);
    const Rejection* rs = rejection_of(b, s1.id());
    REQUIRE(rs != nullptr);
    CHECK(rs->reason == core::RejectReason::unknown_author);
    REQUIRE(rs->author.has_value());
    CHECK(*rs->author == stranger.id());
    CHECK(rs->seq == 1);

    // The batch is acknowledged with what B really holds; the session goes on.
    auto ack = sb.take_outgoing();
    REQUIRE(ack.size() == 1);
    auto d = decode_message(ack[0]);
    REQUIRE(d.ok());
    CHECK(std::get<AckMessage>(*d).have == VersionVector{{p.id(), 2}});
    CHECK(!sb.failed());
    REQUIRE(node_receive(b, sb, batch(2, {a1.bytes()})).ok());
    CHECK(b.history.find(a1.id()) != nullptr);
    CHECK(b.history.find(crypto::blake2b_256(forged)) == nullptr);
}

TEST_CASE("a fork, a gap, a broken chain or a clock going back is refused; nothing is overwritten") {
    Device b, p;
    b.allow(p);
    const core::Entry p1 = p.post("p1"), p2 = p.post("p2"), p3 = p.post("p3");
    for (const auto& e : {p1, p2, p3}) b.store(e);

    SyncSession sb;
    open_session(sb, b);
    // Validly signed by p, but a second seq 2: the author's device forked its history.
    const core::Entry fork2 = signed_by(p.identity, p1.as_head(), p1.lamport() + 1, "p2, rewritten");
    REQUIRE(node_receive(b, sb, batch(1, {fork2.bytes()})).ok());
    REQUIRE(b.rejections.size() == 1);
    CHECK(b.rejections[0].reason == core::RejectReason::fork);
    CHECK(b.history.find(p2.id()) != nullptr);
    CHECK(b.history.find(fork2.id()) == nullptr);
    CHECK(b.history.head(p.id()).id == p3.id());

    // Within one batch, checked against the entries before them in the batch.
    const core::Entry p4 = p.sign_next("p4");
    const core::Entry fork4 = signed_by(p.identity, p3.as_head(), p3.lamport() + 5, "p4, other");
    const core::Entry gap6 = signed_by(p.identity, core::AuthorHead{5, p4.id(), p4.lamport()},
                                       p4.lamport() + 2, "p6");
    core::EntryId bogus{};
    bogus.fill(7);
    const core::Entry broken5 = signed_by(p.identity, core::AuthorHead{4, bogus, p4.lamport()},
                                          p4.lamport() + 1, "p5 after nothing");
    const core::Entry backwards5 = signed_by(p.identity, core::AuthorHead{4, p4.id(), 0}, 1, "p5 from the past");
    const core::Entry dup4 = p4;
    REQUIRE(node_receive(b, sb, batch(2, {p4.bytes(), fork4.bytes(), gap6.bytes(), broken5.bytes(),
                                          backwards5.bytes(), dup4.bytes()}))
                .ok());
    CHECK(b.history.head(p.id()).id == p4.id());
    CHECK(b.duplicates == 1);
    REQUIRE(b.rejections.size() == 5);
    CHECK(rejection_of(b, fork4.id())->reason == core::RejectReason::fork);
    CHECK(rejection_of(b, gap6.id())->reason == core::RejectReason::seq_gap);
    CHECK(rejection_of(b, broken5.id())->reason == core::RejectReason::broken_chain);
    CHECK(rejection_of(b, backwards5.id())->reason == core::RejectReason::bad_lamport);

    // The same refusals once p4 is durable (History's own rules answer then).
    b.rejections.clear();
    REQUIRE(node_receive(b, sb, batch(3, {fork4.bytes(), gap6.bytes(), broken5.bytes(),
                                          backwards5.bytes()}))
                .ok());
    REQUIRE(b.rejections.size() == 4);
    CHECK(rejection_of(b, fork4.id())->reason == core::RejectReason::fork);
    CHECK(rejection_of(b, gap6.id())->reason == core::RejectReason::seq_gap);
    CHECK(rejection_of(b, broken5.id())->reason == core::RejectReason::broken_chain);
    CHECK(rejection_of(b, backwards5.id())->reason == core::RejectReason::bad_lamport);
    CHECK(b.history.size() == 4);
    CHECK(b.journal.size() == 4);
    CHECK(!sb.failed());
}

TEST_CASE("garbage, truncated or out-of-order messages end the session") {
    Device b, p;
    b.allow(p);
    const core::Entry p1 = p.post("p1");
    const Bytes good_batch = batch(1, {p1.bytes()});
    SyncSession s;

    SUBCASE("before start") {
        CHECK(!s.on_message(encode_hello({}), b.history).ok());
    }
    SUBCASE("truncated hello") {
        s.start(b.history);
        Bytes h = encode_hello({{p.id(), 1}});
        h.pop_back();
        CHECK(!s.on_message(h, b.history).ok());
    }
    SUBCASE("random bytes") {
        s.start(b.history);
        Bytes g(100);
        for (std::size_t i = 0; i < g.size(); ++i) g[i] = static_cast<std::uint8_t>(i * 37 + 11);
        CHECK(!s.on_message(g, b.history).ok());
    }
    SUBCASE("empty message") {
        s.start(b.history);
        CHECK(!s.on_message(Bytes{}, b.history).ok());
    }
    SUBCASE("entries before hello") {
        s.start(b.history);
        CHECK(!s.on_message(good_batch, b.history).ok());
    }
    SUBCASE("second hello") {
        open_session(s, b);
        CHECK(!s.on_message(encode_hello({}), b.history).ok());
    }
    SUBCASE("batch numbers skip") {
        open_session(s, b);
        CHECK(!s.on_message(batch(2, {p1.bytes()}), b.history).ok());
    }
    SUBCASE("batch repeated") {
        open_session(s, b);
        REQUIRE(node_receive(b, s, good_batch).ok());
        CHECK(!s.on_message(good_batch, b.history).ok());
    }
    SUBCASE("ack of a batch never sent") {
        open_session(s, b);
        CHECK(!s.on_message(encode_ack(1, {}), b.history).ok());
    }
    SUBCASE("ack repeated") {
        b.post("b1");
        open_session(s, b);
        REQUIRE(s.take_outgoing().size() == 1);  // the batch with b1
        REQUIRE(s.on_message(encode_ack(1, {{b.id(), 1}}), b.history).ok());
        CHECK(s.undelivered_count(b.history, b.id()) == 0);
        b.post("b2");
        s.on_local_entries(b.history);  // batch 2 goes out, so the ack below is not "never sent"
        REQUIRE(s.take_outgoing().size() == 1);
        CHECK(!s.on_message(encode_ack(1, {{b.id(), 2}}), b.history).ok());
    }
    SUBCASE("oversized batch by count") {
        open_session(s, b);
        net::Writer w;
        w.u8(static_cast<std::uint8_t>(MessageType::entries));
        w.u64(1);
        w.u16(kMaxBatchEntries + 1);
        for (std::size_t i = 0; i < kMaxBatchEntries + 1; ++i) w.bytes32(p1.bytes());
        CHECK(!s.on_message(w.data(), b.history).ok());
    }
    SUBCASE("oversized batch by bytes") {
        open_session(s, b);
        net::Writer w;
        w.u8(static_cast<std::uint8_t>(MessageType::entries));
        w.u64(1);
        w.u16(4);
        w.bytes32(p1.bytes());
        for (int i = 0; i < 3; ++i) w.bytes32(Bytes(66000, 0));  // 3 x 66000 > 192 KiB
        CHECK(!s.on_message(w.data(), b.history).ok());
    }
    SUBCASE("oversized message") {
        open_session(s, b);
        Bytes huge(kMaxMessageSize + 1, 0);
        huge[0] = static_cast<std::uint8_t>(MessageType::ack);
        CHECK(!s.on_message(huge, b.history).ok());
    }

    // Whatever ended it, nothing more is processed or sent on that session.
    CHECK(s.failed());
    CHECK(!s.on_message(encode_hello({}), b.history).ok());
    p.post("p2");
    b.post("b-later");
    s.on_local_entries(b.history);
    s.entries_durable(b.history);
    CHECK(s.take_outgoing().empty());
}

TEST_CASE("a full batch checked on several cores: one forged signature in the middle is refused alone, in order") {
    Device a, b;
    b.allow(a);
    std::vector<core::Entry> posted;
    for (std::size_t i = 0; i < kMaxBatchEntries; ++i) posted.push_back(a.post("entry " + std::to_string(i)));
    const std::size_t bad = kMaxBatchEntries / 2;
    Bytes forged(posted[bad].bytes().begin(), posted[bad].bytes().end());
    forged[core::kEntryHeaderSize] ^= 0x01;
    std::vector<ByteView> views;
    for (std::size_t i = 0; i < posted.size(); ++i) views.push_back(i == bad ? ByteView{forged} : posted[i].bytes());

    SyncSession sb;
    open_session(sb, b);
    REQUIRE(node_receive(b, sb, batch(1, views)).ok());
    // Everything before the forged entry arrives; after it the chain has a gap, so those wait.
    CHECK(b.history.size() == bad);
    for (std::size_t i = 0; i < bad; ++i) CHECK(b.history.find(posted[i].id()) != nullptr);
    const Rejection* rf = rejection_of(b, crypto::blake2b_256(forged));
    REQUIRE(rf != nullptr);
    CHECK(rf->reason == core::RejectReason::bad_signature);
    for (const Rejection& r : b.rejections) {
        if (&r == rf) continue;
        CHECK(r.reason != core::RejectReason::bad_signature);  // the real ones all verified
    }
}
