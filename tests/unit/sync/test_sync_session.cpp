// Two sessions back to back in memory: catch-up, concurrent writes, live push, reconnects,
// relay through a third device, flow control and what the partner holds durably.
#include <doctest/doctest.h>

#include "sync_helpers.hpp"

using namespace candor;
using namespace candor::sync;
using namespace candor::sync::test;

namespace {

// Same entries, and every one appended exactly once.
void check_converged(const Device& a, const Device& b) {
    CHECK(a.history.version_vector() == b.history.version_vector());
    CHECK(a.history.size() == b.history.size());
    CHECK(a.journal.size() == a.history.size());
    CHECK(b.journal.size() == b.history.size());
    for (const auto& e : a.journal) CHECK(b.history.find(e.id()) != nullptr);
}

}  // namespace

TEST_CASE("both empty: hellos only") {
    Device a, b;
    pair(a, b);
    Link link(a, b);
    link.start();
    link.run();
    CHECK(link.messages == 2);
    CHECK(link.entries_messages == 0);
    CHECK(link.sa.partner_hello_received());
    CHECK(link.sb.partner_hello_received());
    CHECK(link.sa.partner_durable().empty());
    CHECK(link.sa.undelivered_count(a.history, a.id()) == 0);
    CHECK(a.history.size() == 0);
    CHECK(b.history.size() == 0);
}

TEST_CASE("1,000 entries reach an empty partner in bounded batches with a bounded window") {
    Device a, b;
    pair(a, b);
    a.post_many(1000);

    SUBCASE("default limits") {
        Link link(a, b);
        link.start();
        link.run();
        check_converged(a, b);
        CHECK(link.max_batch_entries == kMaxBatchEntries);
        CHECK(link.entries_messages == 4);  // 256 + 256 + 256 + 232
        CHECK(link.entries_carried == 1000);  // nothing sent twice
        CHECK(link.max_in_flight <= 4);
        CHECK(link.max_message <= kMaxMessageSize);
    }
    SUBCASE("small batches, window of 2") {
        Link link(a, b, SyncLimits{50, kMaxBatchBytes, 2});
        link.start();
        // Before any Ack arrives, exactly two batches go out.
        link.step();  // hellos delivered; each side answers
        CHECK(link.sa.in_flight() == 2);
        CHECK(link.to_b.size() == 2);
        link.run();
        check_converged(a, b);
        CHECK(link.max_batch_entries == 50);
        CHECK(link.entries_messages == 20);
        CHECK(link.entries_carried == 1000);
        CHECK(link.max_in_flight == 2);
        CHECK(link.sa.in_flight() == 0);
        CHECK(link.sa.entries_sent() == 1000);
        CHECK(link.sb.entries_received() == 1000);
    }
    CHECK(b.rejections.empty());
    CHECK(b.duplicates == 0);
}

TEST_CASE("batches are bounded by bytes as well as by count") {
    Device a, b;
    pair(a, b);
    for (int i = 0; i < 40; ++i) a.post("big" + std::to_string(i), 20 * 1024);  // ~20 KiB each
    Link link(a, b);
    link.start();
    link.run();
    check_converged(a, b);
    CHECK(link.max_batch_bytes <= kMaxBatchBytes);
    CHECK(link.max_batch_bytes > kMaxBatchBytes - 21 * 1024);  // batches are filled, not tiny
    CHECK(link.entries_messages == 5);                           // 9 per batch
    CHECK(link.entries_carried == 40);

    // A configured byte limit below one entry still sends it, one per batch.
    Device c, d;
    pair(c, d);
    for (int i = 0; i < 3; ++i) c.post("big" + std::to_string(i), 4096);
    Link small(c, d, SyncLimits{kMaxBatchEntries, 1000, 4});
    small.start();
    small.run();
    check_converged(c, d);
    CHECK(small.entries_messages == 3);
}

TEST_CASE("concurrent writes on both sides converge to the same version vector") {
    Device a, b;
    pair(a, b);
    a.post_many(300, "a");
    b.post_many(200, "b");
    Link link(a, b, SyncLimits{64, kMaxBatchBytes, 2});
    link.start();
    // Both keep writing while the sync runs.
    for (int i = 0; i < 5; ++i) {
        link.step();
        a.post("a-live" + std::to_string(i));
        b.post("b-live" + std::to_string(i));
        link.local_change();
    }
    link.run();
    check_converged(a, b);
    CHECK(a.history.size() == 510);
    CHECK(link.sa.entries_sent() == 305);
    CHECK(link.sb.entries_sent() == 205);
    CHECK(a.rejections.empty());
    CHECK(b.rejections.empty());
    CHECK(a.duplicates == 0);
    CHECK(b.duplicates == 0);
}

TEST_CASE("live push after sync, held back while the window is full") {
    Device a, b;
    pair(a, b);
    a.post_many(3);
    Link link(a, b, SyncLimits{1, kMaxBatchBytes, 1});
    link.start();
    link.run();
    check_converged(a, b);

    auto e = a.post("running late");
    CHECK(link.sa.undelivered_count(a.history, a.id()) == 1);
    link.local_change();
    CHECK(link.to_b.size() == 1);
    // The window (1 batch) is full: a second post waits for the Ack.
    a.post("ten minutes");
    link.local_change();
    CHECK(link.to_b.size() == 1);
    CHECK(link.sa.in_flight() == 1);
    link.step();  // B receives and acks
    CHECK(b.history.find(e.id()) != nullptr);
    link.step();  // A gets the Ack and sends the waiting entry
    CHECK(link.to_b.size() == 1);
    link.run();
    check_converged(a, b);
    CHECK(link.sa.undelivered_count(a.history, a.id()) == 0);
    // Nothing is echoed back: B's session knows A sent those.
    b.post("ok");
    link.local_change();
    link.run();
    check_converged(a, b);
    CHECK(link.sb.entries_sent() == 1);
}

TEST_CASE("reconnect mid-sync drops what was in flight and converges without doubles") {
    Device a, b;
    pair(a, b);
    a.post_many(1000, "a");
    b.post_many(400, "b");
    const SyncLimits limits{50, kMaxBatchBytes, 3};
    {
        Link first(a, b, limits);
        first.start();
        for (int i = 0; i < 4; ++i) first.step();
        CHECK(b.history.size() > 400);
        CHECK(b.history.size() < 1400);
        // The connection dies: queued messages vanish with it.
    }
    const std::size_t b_before = b.history.size();
    Link second(a, b, limits);
    second.start();
    second.run();
    check_converged(a, b);
    CHECK(a.history.size() == 1400);
    // The Hellos said what each side held durably: nothing already held was sent again.
    CHECK(second.sa.entries_sent() == 1400 - b_before);
    CHECK(a.rejections.empty());
    CHECK(b.rejections.empty());
}

TEST_CASE("entries the receiver already holds are harmless duplicates, acknowledged at once") {
    Device a, b;
    pair(a, b);
    a.post_many(100);
    {
        Link first(a, b, SyncLimits{25, kMaxBatchBytes, 4});
        first.start();
        first.run();
        check_converged(a, b);
    }
    // A sender with a stale idea of B (here: B's Hello from before it had anything) resends
    // everything; B appends nothing twice and its Acks still move A's window.
    SyncSession sa(SyncLimits{25, kMaxBatchBytes, 4}), sb;
    sa.start(a.history);
    sb.start(b.history);
    const Bytes hello_a = sa.take_outgoing().at(0);
    REQUIRE(sa.on_message(encode_hello({}), a.history).ok());
    REQUIRE(sb.on_message(hello_a, b.history).ok());
    CHECK(sb.take_outgoing().size() == 1);  // B's own Hello, nothing for A to get
    std::size_t batches = 0;
    for (int round = 0; round < 50; ++round) {
        auto out = sa.take_outgoing();
        if (out.empty()) break;
        for (auto& m : out) {
            ++batches;
            auto in = sb.on_message(m, b.history);
            REQUIRE(in.ok());
            CHECK(in->entries.empty());
            CHECK(in->duplicates == 25);
            CHECK(in->rejected.empty());
        }
        for (auto& m : sb.take_outgoing()) REQUIRE(sa.on_message(m, a.history).ok());
    }
    CHECK(batches == 4);
    CHECK(b.journal.size() == 100);
    CHECK(b.history.size() == 100);
    CHECK(sa.in_flight() == 0);
    CHECK(sa.undelivered_count(a.history, a.id()) == 0);
}

TEST_CASE("a third device's entries are relayed like the partner's own") {
    Device a, b, c;
    for (Device* x : {&a, &b, &c})
        for (Device* y : {&a, &b, &c}) x->allow(*y);
    c.post_many(30, "c");
    for (const auto& e : c.journal) a.store(e);  // A got them from C earlier
    a.post_many(5, "a");

    Link link(a, b);
    link.start();
    link.run();
    check_converged(a, b);
    CHECK(b.history.head(c.id()).seq == 30);
    CHECK(link.sa.entries_sent() == 35);
    CHECK(link.sb.entries_sent() == 0);

    // A partner that does not accept C's device: refused and recorded, A's own still arrive.
    Device d;
    d.allow(a);
    a.allow(d);
    Link other(a, d);
    other.start();
    other.run();
    CHECK(d.history.head(a.id()).seq == 5);
    CHECK(d.history.head(c.id()).seq == 0);
    REQUIRE(!d.rejections.empty());
    CHECK(d.rejections.front().reason == core::RejectReason::unknown_author);
    // D never acknowledged C's entries: they still count as undelivered.
    CHECK(other.sa.undelivered_count(a.history, c.id()) == 30);
    CHECK(other.sa.undelivered_count(a.history, a.id()) == 0);
}

TEST_CASE("a long catch-up of one author does not hold back another's new entry") {
    Device x, y, b;
    // The relayed author sorts first, so without rotation its 600 entries would all go first.
    Device& a = x.id() > y.id() ? x : y;
    Device& c = x.id() > y.id() ? y : x;
    for (Device* p : {&a, &b, &c})
        for (Device* q : {&a, &b, &c}) p->allow(*q);
    c.post_many(600, "c");
    for (const auto& e : c.journal) a.store(e);
    const core::Entry mine = a.post("on my way");

    Link link(a, b, SyncLimits{50, kMaxBatchBytes, 1});
    link.start();
    for (int i = 0; i < 4; ++i) link.step();  // hellos, then two batches, one at a time
    CHECK(link.entries_messages == 2);
    CHECK(b.history.find(mine.id()) != nullptr);
    CHECK(b.history.head(c.id()).seq == 99);
    link.run();
    check_converged(a, b);
    CHECK(link.entries_carried == 601);
}

TEST_CASE("entries arriving from two partners at once are appended once") {
    Device a, b, c;
    for (Device* x : {&a, &b, &c})
        for (Device* y : {&a, &b, &c}) x->allow(*y);
    c.post_many(500, "c");
    for (const auto& e : c.journal) a.store(e);

    const SyncLimits limits{40, kMaxBatchBytes, 2};
    Link ab(a, b, limits), cb(c, b, limits);
    // B relays what it receives from one to the other.
    ab.b_others = {&cb.sb};
    cb.b_others = {&ab.sb};
    ab.start();
    cb.start();
    for (int i = 0; i < 10000; ++i) {
        const bool moved = ab.step() | cb.step();
        cb.collect();
        ab.collect();
        if (!moved && ab.to_a.empty() && ab.to_b.empty() && cb.to_a.empty() && cb.to_b.empty()) break;
    }
    CHECK(b.history.head(c.id()).seq == 500);
    CHECK(b.journal.size() == 500);
    CHECK(b.duplicates > 0);  // both sent some of the same entries
    CHECK(b.rejections.empty());
}

TEST_CASE("the Node may handle several batches before making them durable") {
    Device a, b;
    pair(a, b);
    a.post_many(30);
    SyncSession sa(SyncLimits{10, kMaxBatchBytes, 3}), sb;
    sa.start(a.history);
    sb.start(b.history);
    REQUIRE(sb.on_message(sa.take_outgoing()[0], b.history).ok());
    REQUIRE(sa.on_message(sb.take_outgoing()[0], a.history).ok());
    auto batches = sa.take_outgoing();
    REQUIRE(batches.size() == 3);
    std::vector<core::Entry> pending;
    for (auto& m : batches) {
        auto in = sb.on_message(m, b.history);  // History not updated in between
        REQUIRE(in.ok());
        CHECK(in->entries.size() == 10);
        CHECK(in->rejected.empty());
        pending.insert(pending.end(), in->entries.begin(), in->entries.end());
    }
    CHECK(sb.take_outgoing().empty());  // no Ack before the entries are durable
    for (auto& e : pending) CHECK(b.history.accept(e).is_new());
    sb.entries_durable(b.history);
    auto acks = sb.take_outgoing();
    REQUIRE(acks.size() == 1);
    auto ack = decode_message(acks[0]);
    REQUIRE(ack.ok());
    CHECK(std::get<AckMessage>(*ack).through_batch == 3);
    CHECK(std::get<AckMessage>(*ack).have == a.history.version_vector());
    REQUIRE(sa.on_message(acks[0], a.history).ok());
    CHECK(sa.in_flight() == 0);
    CHECK(sa.undelivered_count(a.history, a.id()) == 0);
}

TEST_CASE("the acknowledged vector drives the undelivered count") {
    Device a, b;
    pair(a, b);
    a.post_many(5);
    SyncSession sa, sb;
    CHECK(sa.undelivered_count(a.history, a.id()) == 5);  // nothing known about B yet
    sa.start(a.history);
    sb.start(b.history);
    const Bytes hello_a = sa.take_outgoing().at(0);
    REQUIRE(sa.on_message(sb.take_outgoing().at(0), a.history).ok());
    REQUIRE(sb.on_message(hello_a, b.history).ok());
    auto batch = sa.take_outgoing();
    REQUIRE(batch.size() == 1);
    // Sent is not delivered: only B's Ack (after its journal append) counts.
    CHECK(sa.partner_has().at(a.id()) == 5);
    CHECK(sa.undelivered_count(a.history, a.id()) == 5);
    REQUIRE(node_receive(b, sb, batch[0]).ok());
    auto ack = sb.take_outgoing();
    REQUIRE(ack.size() == 1);
    REQUIRE(sa.on_message(ack[0], a.history).ok());
    CHECK(sa.undelivered_count(a.history, a.id()) == 0);
    CHECK(sa.partner_durable().at(a.id()) == 5);

    // B goes away; the Node keeps the last acknowledged vector and counts new posts against it.
    const VersionVector remembered = sa.partner_durable();
    a.post("one");
    a.post("two");
    CHECK(undelivered_count(a.history, remembered, a.id()) == 2);
    CHECK(undelivered_count(a.history, {}, a.id()) == 7);
    CHECK(undelivered_count(a.history, remembered, b.id()) == 0);
}
