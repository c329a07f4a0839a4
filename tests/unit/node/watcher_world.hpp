// Test helper for the Watcher tests: me and Sam with one History, and the snapshot the Watcher
// reads (Sam paired, my settings).
#pragma once

#include <doctest/doctest.h>

#include <memory>

#include "core/milestones.hpp"
#include "core/state.hpp"
#include "node/snapshot.hpp"
#include "unit/core/core_helpers.hpp"

namespace candor::node::test {

using core::test::Author;
using core::test::kT0;

struct World {
    Author me, sam;
    core::History h{std::set<core::DeviceId>{me.id(), sam.id()}};
    std::uint64_t version = 0;

    template <typename T>
    core::Entry post(Author& who, const T& body, std::int64_t at = kT0) {
        who.lamport = std::max(who.lamport, h.next_lamport() - 1);
        auto e = who.post(body, at);
        REQUIRE(h.accept(e).is_new());
        return e;
    }
    node::Snapshot snapshot(int lead_minutes = 15) {
        node::Snapshot s;
        s.version = ++version;
        s.device = me.id();
        s.name = "Alex";
        node::PeerView peer;
        peer.device_id = core::to_hex(sam.id());
        peer.name = "Sam";
        s.peers.push_back(peer);
        s.state = std::make_shared<const core::State>(core::State::fold(h));
        s.milestones = std::make_shared<const std::vector<core::Milestone>>(core::milestones(*s.state));
        s.settings.reminder_lead_minutes = lead_minutes;
        s.settings.checkin_reminder = false;  // their own tests (notices_test.cpp)
        s.settings.weekly_reminder = false;
        return s;
    }
};

}  // namespace candor::node::test
