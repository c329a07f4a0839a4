// The Watcher for the repair kinds: a request for reassurance names the couple's code word and
// asks for the window's attention; a pause reaches the partner in kind words; the one pausing is
// reminded once when the time is up (and the Node wakes for it); an apology is announced gently.
#include <doctest/doctest.h>

#include "core/repair_kinds.hpp"
#include "node/notices.hpp"
#include "watcher_world.hpp"

using namespace candor;
using namespace candor::core;
using candor::core::test::kT0;
using candor::node::test::World;

namespace {
constexpr std::int64_t kMin = 60'000;
}  // namespace

TEST_CASE("watcher: the partner's request carries the code word and asks for attention") {
    World w;
    node::Watcher watcher;
    auto snap = w.snapshot();
    CHECK(watcher.observe(snap, kT0).empty());
    w.post(w.sam, ReassuranceRequestBody{"that comment stung"});
    snap = w.snapshot();
    snap.settings.code_word = "lighthouse";
    auto notices = watcher.observe(snap, kT0);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].title == "Sam needs reassurance \u2014 \u201clighthouse\u201d");
    CHECK(notices[0].body == "that comment stung");
    CHECK(notices[0].attention);
    w.post(w.sam, PauseBody{kT0 + 60 * kMin, "", {}});
    w.post(w.sam, ApologyBody{"I did X", "it hurt", "mine", {{"call", 0}}, ""});
    notices = watcher.observe(w.snapshot(), kT0);
    REQUIRE(notices.size() == 2);
    CHECK(notices[0].title.find("Sam needs a pause and will be back by ") == 0);
    CHECK_FALSE(notices[0].attention);
    CHECK(notices[1].title == "Sam wrote you an apology");
}

TEST_CASE("watcher: my pause reminds me once when its time is up") {
    World w;
    node::Watcher watcher;
    auto p = w.post(w.me, PauseBody{kT0 + 30 * kMin, "", {}});
    CHECK(watcher.observe(w.snapshot(), kT0).empty());
    CHECK(watcher.next_reminder_in(w.snapshot(), kT0) == 30 * kMin);  // the Node wakes for it
    CHECK(watcher.observe(w.snapshot(), kT0 + 29 * kMin).empty());
    auto notices = watcher.observe(w.snapshot(), kT0 + 30 * kMin);
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].reminder);
    CHECK(notices[0].title.find("Your pause is up") == 0);
    CHECK(watcher.observe(w.snapshot(), kT0 + 31 * kMin).empty());  // once
    // More time: a new return time, a new reminder when it comes.
    w.post(w.me, PauseBody{kT0 + 50 * kMin, "", p.id()}, kT0 + 32 * kMin);
    CHECK(watcher.observe(w.snapshot(), kT0 + 40 * kMin).empty());
    CHECK(watcher.observe(w.snapshot(), kT0 + 50 * kMin).size() == 1);
    // "I'm ready to talk": nothing more.
    w.post(w.me, PauseEndBody{p.id(), ""}, kT0 + 51 * kMin);
    CHECK(watcher.next_reminder_in(w.snapshot(), kT0 + 52 * kMin) == -1);
}
