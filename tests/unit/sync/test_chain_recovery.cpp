// ChainRecovery: a device that lost part of its own chain gets it back from the partner through
// the ordinary Hello/Entries exchange, and knows when it may post again.
#include <doctest/doctest.h>

#include <utility>

#include "sync/chain_recovery.hpp"
#include "sync_helpers.hpp"

using namespace candor;
using namespace candor::sync;
using namespace candor::sync::test;

namespace {

// `a` after losing its journal: the same identity, holding only the first `kept` own entries.
void lose_tail(Device& a, Device& fresh, std::size_t kept) {
    std::vector<core::Entry> own;
    for (const auto& e : a.journal)
        if (e.author() == a.id()) own.push_back(e);
    std::swap(a.identity, fresh.identity);
    fresh.history.allow_author(fresh.id());
    for (std::size_t i = 0; i < kept && i < own.size(); ++i) fresh.store(own[i]);
}

}  // namespace

TEST_CASE("recovery: the partner sends back the whole chain before posting may resume") {
    Device a, b;
    pair(a, b);
    a.post_many(10);
    {
        Link link(a, b);
        link.start();
        link.run();
    }
    REQUIRE(b.history.head(a.id()).seq == 10);

    Device a2;
    lose_tail(a, a2, 3);
    pair(a2, b);
    ChainRecovery recovery(a2.id(), 10);
    Link link(a2, b, SyncLimits{2, kMaxBatchBytes, 1});  // small batches: several rounds
    link.start();
    CHECK_FALSE(recovery.check(link.sa, a2.history));  // no Hello from the partner yet
    link.step();
    link.step();
    CHECK_FALSE(recovery.check(link.sa, a2.history));  // Hello in, entries 4..10 not yet
    link.run();
    auto done = recovery.check(link.sa, a2.history);
    REQUIRE(done);
    CHECK(done->held == 10);
    CHECK(done->lost() == 0);
    // The next entry continues the chain: seq 11, and the partner accepts it.
    a2.post("after recovery");
    link.local_change();
    link.run();
    CHECK(b.history.head(a2.id()).seq == 11);
    CHECK(b.rejections.empty());
}

TEST_CASE("recovery: entries the partner never got are reported lost, their seqs are free") {
    Device a, b;
    pair(a, b);
    a.post_many(5);
    {
        Link link(a, b);
        link.start();
        link.run();
    }
    a.post_many(2, "never sent");  // saved on a, never delivered
    Device a2;
    lose_tail(a, a2, 0);  // the journal is gone entirely
    pair(a2, b);
    ChainRecovery recovery(a2.id(), 7);
    Link link(a2, b);
    link.start();
    link.run();
    auto done = recovery.check(link.sa, a2.history);
    REQUIRE(done);
    CHECK(done->held == 5);
    CHECK(done->lost() == 2);
    a2.post("continues at 6");
    link.local_change();
    link.run();
    CHECK(b.history.head(a2.id()).seq == 6);
    CHECK(b.rejections.empty());
}

TEST_CASE("recovery: a failed session never counts as recovered") {
    Device a, b;
    pair(a, b);
    ChainRecovery recovery(a.id(), 3);
    SyncSession s;
    s.start(a.history);
    CHECK_FALSE(recovery.check(s, a.history));
    CHECK_FALSE(s.on_message(Bytes{0xFF}, a.history).ok());
    CHECK_FALSE(recovery.check(s, a.history));
}
