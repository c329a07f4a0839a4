// The Node in-process on a temporary data directory (no control socket): control requests through
// call(), the entry JSON they return, snapshots, restarts, the directory lock, rejected requests
// that must change nothing, and an injected clock driving commitment status.
#include <doctest/doctest.h>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "core/ids.hpp"
#include "core/time_format.hpp"
#include "node/control_protocol.hpp"
#include "node/node.hpp"
#include "process_helpers.hpp"

using namespace candor;
using namespace candor::node;
namespace fs = std::filesystem;

namespace {

// 2026-03-10T12:00:00Z: a fixed "now" so the expected times are exact.
constexpr std::int64_t kT0 = 1'773'144'000'000;
constexpr std::int64_t kMinute = 60'000;
constexpr std::int64_t kHour = 60 * kMinute;

struct FakeClock {
    std::shared_ptr<std::atomic<std::int64_t>> now = std::make_shared<std::atomic<std::int64_t>>(kT0);
    void set(std::int64_t ms) { now->store(ms); }
    [[nodiscard]] WallClock fn() const {
        return [n = now] { return n->load(); };
    }
};

std::unique_ptr<Node> start_node(const fs::path& dir, const FakeClock& clock, std::optional<std::string> name = {}) {
    NodeOptions options;
    options.data_dir = dir;
    options.port = 0;
    options.control_socket = false;
    options.discovery = false;
    options.clock = clock.fn();
    options.name = std::move(name);
    auto node = Node::start(std::move(options));
    REQUIRE_MESSAGE(node.ok(), (node.ok() ? std::string() : node.message()));
    return std::move(*node);
}

control::Response call(Node& node, std::string_view cmd, json::Object args = {}) {
    auto parsed = control::parse_response(node.call(control::make_request(cmd, std::move(args))));
    REQUIRE(parsed.ok());
    return std::move(*parsed);
}

json::Value call_ok(Node& node, std::string_view cmd, json::Object args = {}) {
    control::Response r = call(node, cmd, std::move(args));
    INFO(cmd << ": " << r.error);
    REQUIRE(r.ok);
    return std::move(r.result);
}

std::string iso(std::int64_t ms) { return core::format_iso8601(ms, local_utc_offset_minutes(ms)); }

bool is_hex64(const json::Value& v) {
    const std::string* s = v.if_string();
    return s && s->size() == 64 && s->find_first_not_of("0123456789abcdef") == std::string::npos;
}

std::size_t feed_size(Node& node) {
    const json::Value feed = call_ok(node, control::cmd::kFeed, {{"limit", 100000}});
    REQUIRE(feed.is_array());
    return feed.if_array()->size();
}

// The Node publishes its snapshot on its own thread; wait (bounded) until it shows `entries`.
std::shared_ptr<const Snapshot> wait_snapshot(Node& node, std::size_t entries) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    auto snap = node.snapshot();
    while (snap->entries != entries && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        snap = node.snapshot();
    }
    return snap;
}

core::EntryId id_of(const json::Value& entry) {
    auto id = core::parse_id(entry.get_string("id").value_or(""));
    REQUIRE(id.has_value());
    return *id;
}

const json::Value* find_commitment(const json::Value& list, const std::string& id) {
    for (const json::Value& c : *list.if_array()) {
        if (c.get_string("id") == id) return &c;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("node: status and an update through call(), with the snapshot showing it") {
    test::TempDir dir;
    FakeClock clock;
    auto node = start_node(dir.path(), clock, "Alex");
    auto snap = node->snapshot();
    REQUIRE(snap);
    CHECK(snap->name == "Alex");
    CHECK(snap->entries == 0);
    CHECK(snap->port != 0);

    const json::Value status = call_ok(*node, control::cmd::kStatus);
    CHECK(is_hex64(status["device_id"]));
    CHECK(status.get_string("device_id") == snap->device_id);
    CHECK(status.get_string("name") == "Alex");
    CHECK(status.get_int("port") == snap->port);
    CHECK(status.get_int("entries") == 0);
    REQUIRE(status["paired"].is_array());
    CHECK(status["paired"].if_array()->empty());
    CHECK_FALSE(status.find("warnings"));

    const json::Value e = call_ok(*node, control::cmd::kUpdate,
                                  {{"text", "  at the gym \n"}, {"where", "gym"}, {"until", kT0 + 2 * kHour}});
    CHECK(is_hex64(e["id"]));
    CHECK(e.get_string("kind") == "update");
    CHECK(e.get_string("author") == snap->device_id);
    CHECK(e.get_string("author_name") == "Alex");
    CHECK(e.get_int("seq") == 1);
    CHECK(e.get_string("created_at") == iso(kT0));
    CHECK(e.get_string("text") == "at the gym");  // trimmed
    CHECK(e.get_string("where") == "gym");
    CHECK(e.get_string("until") == iso(kT0 + 2 * kHour));

    snap = wait_snapshot(*node, 1);
    CHECK(snap->entries == 1);
    REQUIRE(snap->state);
    const core::FeedEntry* fe = snap->state->find(id_of(e));
    REQUIRE(fe != nullptr);
    CHECK(fe->entry.seq() == 1);
    auto current = snap->state->current_update(snap->device, kT0 + kHour);
    REQUIRE(current.has_value());
    CHECK(current->body.text == "at the gym");
    CHECK_FALSE(snap->state->current_update(snap->device, kT0 + 2 * kHour).has_value());

    clock.set(kT0 + 5 * kMinute);
    const json::Value e2 = call_ok(*node, control::cmd::kUpdate, {{"text", "home"}});
    CHECK(e2.get_int("seq") == 2);
    CHECK(e2["where"].is_null());
    CHECK(e2["until"].is_null());
    CHECK(e2.get_string("created_at") == iso(kT0 + 5 * kMinute));

    const json::Value feed = call_ok(*node, control::cmd::kFeed);
    REQUIRE(feed.if_array()->size() == 2);
    CHECK(feed[0].get_string("text") == "home");  // newest first
    CHECK(feed[1].get_string("text") == "at the gym");
    CHECK(call_ok(*node, control::cmd::kFeed, {{"limit", 1}}).if_array()->size() == 1);
    CHECK(call_ok(*node, control::cmd::kFeed, {{"kind", "commitment"}}).if_array()->empty());
    CHECK(call_ok(*node, control::cmd::kFeed, {{"kind", "update"}}).if_array()->size() == 2);
    CHECK(call_ok(*node, control::cmd::kStatus).get_int("entries") == 2);
}

// Node::Impl::drain() publishes before it replies; replying first left the old snapshot visible.
TEST_CASE("node: the snapshot shows an entry as soon as call() has returned") {
    test::TempDir dir;
    FakeClock clock;
    auto node = start_node(dir.path(), clock);
    for (int i = 1; i <= 20; ++i) {
        const json::Value e = call_ok(*node, control::cmd::kUpdate, {{"text", "u" + std::to_string(i)}});
        const auto snap = node->snapshot();
        REQUIRE(snap->entries == static_cast<std::size_t>(i));
        REQUIRE(snap->state->find(id_of(e)) != nullptr);
    }
}

TEST_CASE("node: rejected requests answer with a code and store nothing") {
    test::TempDir dir;
    FakeClock clock;
    auto node = start_node(dir.path(), clock);
    const json::Value own = call_ok(*node, control::cmd::kUpdate, {{"text", "first"}});
    const std::string own_id = *own.get_string("id");

    struct Bad {
        std::string_view cmd;
        json::Object args;
        int code;
    };
    const Bad cases[] = {
        {control::cmd::kUpdate, {{"text", ""}}, control::kCodeBadInput},
        {control::cmd::kUpdate, {{"text", " \t\n"}}, control::kCodeBadInput},
        {control::cmd::kUpdate, {}, control::kCodeBadInput},
        {control::cmd::kUpdate, {{"text", 42}}, control::kCodeBadInput},
        {control::cmd::kUpdate, {{"text", std::string(2001, 'x')}}, control::kCodeBadInput},
        {control::cmd::kUpdate, {{"text", std::string("bad \xC3\x28 utf8")}}, control::kCodeBadInput},
        {control::cmd::kUpdate, {{"text", "x"}, {"until", kT0}}, control::kCodeBadInput},
        {control::cmd::kUpdate, {{"text", "x"}, {"until", "19:00"}}, control::kCodeBadInput},
        {control::cmd::kLate, {{"minutes", 0}}, control::kCodeBadInput},
        {control::cmd::kLate, {{"minutes", -5}}, control::kCodeBadInput},
        {control::cmd::kLate, {{"minutes", 1441}}, control::kCodeBadInput},
        {control::cmd::kLate, {}, control::kCodeBadInput},
        {control::cmd::kCommit, {{"text", "x"}}, control::kCodeBadInput},
        {control::cmd::kCommit, {{"text", "x"}, {"due", kT0}}, control::kCodeBadInput},
        {control::cmd::kCommit, {{"text", ""}, {"due", kT0 + kHour}}, control::kCodeBadInput},
        {control::cmd::kKeep, {{"id", "abcdef"}}, control::kCodeFailed},
        {control::cmd::kKeep, {{"id", std::string(64, '0')}}, control::kCodeFailed},
        {control::cmd::kKeep, {{"id", own_id}}, control::kCodeFailed},  // not a commitment
        {control::cmd::kMiss, {{"id", own_id.substr(0, 10)}}, control::kCodeFailed},
        {control::cmd::kAck, {{"id", own_id}}, control::kCodeFailed},  // one's own entry
        {control::cmd::kRenegotiate, {{"id", own_id}}, control::kCodeBadInput},  // no due
        {control::cmd::kFeed, {{"kind", "bogus"}}, control::kCodeBadInput},
        {control::cmd::kFeed, {{"limit", 0}}, control::kCodeBadInput},
        {"frobnicate", {}, control::kCodeBadInput},
    };
    for (const Bad& bad : cases) {
        INFO(bad.cmd << " " << json::write(json::Value(bad.args)));
        const control::Response r = call(*node, bad.cmd, bad.args);
        CHECK_FALSE(r.ok);
        CHECK(r.code == bad.code);
        CHECK_FALSE(r.error.empty());
        CHECK(r.error.find('\n') == std::string::npos);
        CHECK(call_ok(*node, control::cmd::kStatus).get_int("entries") == 1);
    }
    CHECK(wait_snapshot(*node, 1)->entries == 1);
    // An id prefix shorter than 6 characters is refused (the CLI checks it first, with code 1).
    CHECK_FALSE(call(*node, control::cmd::kKeep, {{"id", own_id.substr(0, 5)}}).ok);

    // Not a request at all.
    auto raw = control::parse_response(node->call(json::Object{{"args", json::Object{}}}));
    REQUIRE(raw.ok());
    CHECK_FALSE(raw->ok);
    CHECK(raw->code == control::kCodeBadInput);

    CHECK(feed_size(*node) == 1);
    CHECK(call_ok(*node, control::cmd::kStatus).get_int("entries") == 1);
}

TEST_CASE("node: a restart on the same directory keeps everything") {
    test::TempDir dir;
    FakeClock clock;
    std::string device_id;
    std::string feed_before;
    std::string commitments_before;
    std::string commitment_id;
    {
        auto node = start_node(dir.path(), clock, "Sam");
        device_id = node->snapshot()->device_id;
        call_ok(*node, control::cmd::kUpdate, {{"text", "at work"}, {"where", "office"}});
        const json::Value c = call_ok(*node, control::cmd::kCommit, {{"text", "pick up Mia"}, {"due", kT0 + kHour}});
        commitment_id = *c.get_string("id");
        call_ok(*node, control::cmd::kLate, {{"minutes", 10}, {"reason", "traffic"}, {"for", commitment_id.substr(0, 8)}});
        call_ok(*node, control::cmd::kKeep, {{"id", commitment_id.substr(0, 6)}, {"note", "done"}});
        feed_before = json::write(call_ok(*node, control::cmd::kFeed, {{"limit", 1000}}));
        commitments_before = json::write(call_ok(*node, control::cmd::kCommitments));
        CHECK(wait_snapshot(*node, 4)->entries == 4);
    }  // destroyed: stopped, lock released

    auto node = start_node(dir.path(), clock);  // no name given: the stored one stays
    auto snap = node->snapshot();
    CHECK(snap->device_id == device_id);
    CHECK(snap->name == "Sam");
    CHECK(snap->entries == 4);
    CHECK(snap->warnings.empty());
    CHECK_FALSE(snap->read_only.has_value());
    CHECK(json::write(call_ok(*node, control::cmd::kFeed, {{"limit", 1000}})) == feed_before);
    const json::Value commitments = call_ok(*node, control::cmd::kCommitments);
    CHECK(json::write(commitments) == commitments_before);
    const json::Value* c = find_commitment(commitments, commitment_id);
    REQUIRE(c != nullptr);
    CHECK(c->get_string("status") == "kept");

    // The chain continues where it stopped.
    const json::Value next = call_ok(*node, control::cmd::kUpdate, {{"text", "back"}});
    CHECK(next.get_int("seq") == 5);
    CHECK(next.get_string("author") == device_id);
}

TEST_CASE("node: a second Node on the same directory is refused by the lock") {
    test::TempDir dir;
    FakeClock clock;
    auto first = start_node(dir.path(), clock);
    call_ok(*first, control::cmd::kUpdate, {{"text", "one"}});

    NodeOptions options;
    options.data_dir = dir.path();
    options.port = 0;
    options.control_socket = false;
    options.clock = clock.fn();
    auto second = Node::start(options);
    REQUIRE_FALSE(second.ok());
    CHECK(second.message().find("another Candor node is already using " + dir.path().string()) != std::string::npos);
    // The refused start must not have disturbed the running Node.
    CHECK(call_ok(*first, control::cmd::kUpdate, {{"text", "two"}}).get_int("seq") == 2);

    first.reset();
    auto third = Node::start(options);
    REQUIRE(third.ok());
    CHECK((*third)->snapshot()->entries == 2);
}

TEST_CASE("node: the injected clock drives commitment status") {
    test::TempDir dir;
    FakeClock clock;
    auto node = start_node(dir.path(), clock, "Alex");
    const std::string me = node->snapshot()->device_id;

    const json::Value made = call_ok(*node, control::cmd::kCommit, {{"text", "call mum"}, {"due", kT0 + kHour}});
    CHECK(made.get_string("kind") == "commitment");
    CHECK(made.get_string("text") == "call mum");
    CHECK(made.get_string("due_at") == iso(kT0 + kHour));
    const std::string id = *made.get_string("id");

    auto status_at = [&](std::int64_t now) {
        clock.set(now);
        const json::Value list = call_ok(*node, control::cmd::kCommitments);
        const json::Value* c = find_commitment(list, id);
        REQUIRE(c != nullptr);
        // The snapshot's State agrees with the JSON at the same instant.
        const core::Commitment* sc = node->snapshot()->state->commitment(*core::parse_id(id));
        REQUIRE(sc != nullptr);
        CHECK(core::status_name(sc->status(now)) == c->get_string("status").value_or(""));
        return *c;
    };

    json::Value c = status_at(kT0);
    CHECK(c.get_string("id") == id);
    CHECK(c.get_string("text") == "call mum");
    CHECK(c.get_string("author") == me);
    CHECK(c.get_string("due_at") == iso(kT0 + kHour));
    CHECK(c.get_string("status") == "open");
    CHECK(c["resolved_at"].is_null());
    CHECK(status_at(kT0 + kHour - 1).get_string("status") == "open");
    CHECK(status_at(kT0 + kHour).get_string("status") == "due");

    // A late notice for it: eta counts from the due time once that has passed.
    clock.set(kT0 + kHour + 5 * kMinute);
    const json::Value late = call_ok(*node, control::cmd::kLate, {{"minutes", 15}, {"for", id.substr(0, 6)}});
    CHECK(late.get_int("minutes") == 15);
    CHECK(late.get_string("for") == id);
    CHECK(late.get_string("eta") == iso(kT0 + kHour + 5 * kMinute + 15 * kMinute));

    // Renegotiating needs a due time still to come, by the injected clock.
    CHECK(call(*node, control::cmd::kRenegotiate, {{"id", id}, {"due", kT0 + kHour + 5 * kMinute}}).code ==
          control::kCodeBadInput);
    call_ok(*node, control::cmd::kRenegotiate, {{"id", id}, {"due", kT0 + 2 * kHour}, {"note", "stuck at work"}});
    c = status_at(kT0 + kHour + 6 * kMinute);
    CHECK(c.get_string("status") == "renegotiated");
    CHECK(c.get_string("due_at") == iso(kT0 + 2 * kHour));
    CHECK(c.get_int("renegotiations") == 1);
    CHECK(status_at(kT0 + 2 * kHour).get_string("status") == "due");

    clock.set(kT0 + 2 * kHour + kMinute);
    const json::Value kept = call_ok(*node, control::cmd::kKeep, {{"id", id}, {"note", "called"}});
    CHECK(kept.get_string("kind") == "resolution");
    CHECK(kept.get_string("commitment") == id);
    CHECK(kept.get_string("outcome") == "kept");
    c = status_at(kT0 + 3 * kHour);
    CHECK(c.get_string("status") == "kept");
    CHECK(c.get_string("resolved_at") == iso(kT0 + 2 * kHour + kMinute));
    CHECK(call(*node, control::cmd::kMiss, {{"id", id}}).code == control::kCodeFailed);  // already resolved

    const json::Value other = call_ok(*node, control::cmd::kCommit, {{"text", "gym"}, {"due", kT0 + 4 * kHour}});
    const std::string other_id = *other.get_string("id");
    const json::Value open_only = call_ok(*node, control::cmd::kCommitments, {{"open", true}});
    CHECK(open_only.if_array()->size() == 1);
    CHECK(find_commitment(open_only, other_id) != nullptr);
    call_ok(*node, control::cmd::kMiss, {{"id", other_id}});
    const json::Value all = call_ok(*node, control::cmd::kCommitments);
    CHECK(all.if_array()->size() == 2);
    CHECK(find_commitment(all, other_id)->get_string("status") == "missed");
    CHECK(call_ok(*node, control::cmd::kCommitments, {{"open", true}}).if_array()->empty());
}
