// Helpers for the sync tests: a device (identity + History + a "journal" of what its Node made
// durable) and a link that wires two SyncSessions back to back in memory and plays the Node.
#pragma once

#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <vector>

#include "core/entry.hpp"
#include "core/history.hpp"
#include "core/kinds.hpp"
#include "crypto/sign.hpp"
#include "sync/messages.hpp"
#include "sync/sync_session.hpp"

namespace candor::sync::test {

inline constexpr std::int64_t kT0 = 1'790'000'000'000;

struct Device {
    crypto::Identity identity = crypto::Identity::generate();
    core::History history;
    std::vector<core::Entry> journal;  // every entry this device's Node appended, in order
    std::vector<Rejection> rejections;
    std::size_t duplicates = 0;

    Device() { history.allow_author(id()); }
    [[nodiscard]] const core::DeviceId& id() const { return identity.public_key(); }
    void allow(const Device& other) { history.allow_author(other.id()); }

    // Signs the next entry of this device's own chain; not stored anywhere.
    core::Entry sign_next(const std::string& text, std::size_t pad = 0) {
        auto e = core::make_entry(identity, history.head(id()), history.next_lamport(), kT0, 60,
                                  core::UpdateBody{text + std::string(pad, 'x'), "", 0});
        REQUIRE(e.ok());
        return *e;
    }
    // Writes an entry locally: durable, then accepted (what the Node does for a post).
    core::Entry post(const std::string& text, std::size_t pad = 0) {
        core::Entry e = sign_next(text, pad);
        store(e);
        return e;
    }
    void post_many(std::size_t n, const std::string& prefix = "e") {
        for (std::size_t i = 0; i < n; ++i) post(prefix + std::to_string(i));
    }
    // An entry received some other way (e.g. from a third device).
    void store(const core::Entry& e) {
        journal.push_back(e);
        REQUIRE(history.accept(e).is_new());
    }
};

// Each device accepts the other's entries (what pairing does).
inline void pair(Device& a, Device& b) {
    a.allow(b);
    b.allow(a);
}

// Plays the Node for one received message: append all in one batch, accept, acknowledge, and
// tell the device's other sessions (the relay path).
inline Status node_receive(Device& d, SyncSession& s, ByteView message,
                           const std::vector<SyncSession*>& others = {}) {
    auto in = s.on_message(message, d.history);
    if (!in) return in.error();
    for (const auto& e : in->entries) d.journal.push_back(e);
    for (const auto& e : in->entries) REQUIRE(d.history.accept(e).is_new());
    d.rejections.insert(d.rejections.end(), in->rejected.begin(), in->rejected.end());
    d.duplicates += in->duplicates;
    if (!in->entries.empty()) {
        s.entries_durable(d.history);
        for (auto* o : others) o->on_local_entries(d.history);
    }
    return {};
}

struct Link {
    Device& a;
    Device& b;
    SyncLimits limits;
    SyncSession sa{limits};
    SyncSession sb{limits};
    std::deque<Bytes> to_a, to_b;
    std::vector<SyncSession*> a_others, b_others;
    // What went over the wire.
    std::size_t messages = 0, entries_messages = 0, entries_carried = 0;
    std::size_t max_batch_entries = 0, max_batch_bytes = 0, max_message = 0, max_in_flight = 0;

    Link(Device& a_, Device& b_, SyncLimits limits_ = {}) : a(a_), b(b_), limits(limits_) {}

    void start() {
        sa.start(a.history);
        sb.start(b.history);
        collect();
    }
    void observe(const Bytes& m) {
        ++messages;
        max_message = std::max(max_message, m.size());
        auto d = decode_message(m);
        REQUIRE(d.ok());
        if (auto* e = std::get_if<EntriesMessage>(&*d)) {
            ++entries_messages;
            entries_carried += e->entries.size();
            std::size_t bytes = 0;
            for (auto v : e->entries) bytes += v.size();
            max_batch_entries = std::max(max_batch_entries, e->entries.size());
            max_batch_bytes = std::max(max_batch_bytes, bytes);
        }
    }
    void collect() {
        for (auto& m : sa.take_outgoing()) observe(m), to_b.push_back(std::move(m));
        for (auto& m : sb.take_outgoing()) observe(m), to_a.push_back(std::move(m));
        max_in_flight = std::max({max_in_flight, sa.in_flight(), sb.in_flight()});
    }
    // Delivers one queued message in each direction; false when both queues were empty.
    bool step() {
        bool any = false;
        if (!to_b.empty()) {
            Bytes m = std::move(to_b.front());
            to_b.pop_front();
            REQUIRE(node_receive(b, sb, m, b_others).ok());
            any = true;
        }
        if (!to_a.empty()) {
            Bytes m = std::move(to_a.front());
            to_a.pop_front();
            REQUIRE(node_receive(a, sa, m, a_others).ok());
            any = true;
        }
        collect();
        return any;
    }
    void run(std::size_t max_steps = 100000) {
        for (std::size_t i = 0; i < max_steps && step(); ++i) {}
        REQUIRE(to_a.empty());
        REQUIRE(to_b.empty());
    }
    // A local post on `d` pushed live over this link.
    void local_change() {
        sa.on_local_entries(a.history);
        sb.on_local_entries(b.history);
        collect();
    }
};

}  // namespace candor::sync::test
