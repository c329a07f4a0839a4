// Catch-up of 10,000 entries: each entry crosses once, in as few messages as the batch size
// allows, and a stale sender stops at the first Ack. The CPU figures are printed for reading
// only; the speed targets live in tools/bench_net (catch-up after reconnect), not here.
#include <doctest/doctest.h>

#include <ctime>

#include "sync_helpers.hpp"

using namespace candor;
using namespace candor::sync;
using namespace candor::sync::test;

namespace {
double cpu_seconds() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }
}  // namespace

TEST_CASE("catch-up of 10,000 entries carries each once, in full batches") {
    Device a, b;
    a.allow(b);
    b.allow(a);
    a.post_many(10000);

    Link link(a, b);
    const double t0 = cpu_seconds();
    link.start();
    link.run();
    const double catch_up = cpu_seconds() - t0;
    CHECK(b.history.size() == 10000);
    CHECK(b.journal.size() == 10000);
    CHECK(link.entries_carried == 10000);
    CHECK(link.entries_messages == (10000 + kMaxBatchEntries - 1) / kMaxBatchEntries);

    // Of that, verifying the signatures (the receiving rules demand it) costs:
    const double t1 = cpu_seconds();
    for (const auto& e : a.journal) REQUIRE(core::decode_entry(e.bytes()).ok());
    const double verify = cpu_seconds() - t1;

    // A sender that resends what the partner already holds stops at the first Ack, which says
    // what the partner holds: acknowledged entries are never sent again.
    SyncSession sa, sb;
    sa.start(a.history);
    sb.start(b.history);
    (void)sb.take_outgoing();
    const Bytes hello_a = sa.take_outgoing().at(0);
    REQUIRE(sa.on_message(encode_hello({}), a.history).ok());  // stale: "I hold nothing"
    REQUIRE(sb.on_message(hello_a, b.history).ok());
    std::size_t duplicates = 0;
    const double t2 = cpu_seconds();
    for (int round = 0; round < 1000; ++round) {
        auto out = sa.take_outgoing();
        if (out.empty()) break;
        for (auto& m : out) {
            auto in = sb.on_message(m, b.history);
            REQUIRE(in.ok());
            CHECK(in->entries.empty());
            duplicates += in->duplicates;
        }
        for (auto& m : sb.take_outgoing()) REQUIRE(sa.on_message(m, a.history).ok());
    }
    const double resend = cpu_seconds() - t2;
    CHECK(duplicates == 4 * kMaxBatchEntries);  // the window in flight before the first Ack
    CHECK(sa.entries_sent() == 4 * kMaxBatchEntries);
    CHECK(sa.undelivered_count(a.history, a.id()) == 0);

    MESSAGE("catch-up of 10,000 entries: ", catch_up * 1000, " ms CPU, of which Ed25519 verify ",
            verify * 1000, " ms; resend of ", duplicates, " duplicates: ", resend * 1000, " ms");
}
