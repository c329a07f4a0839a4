// End to end over loopback with real `candor serve` processes driven through the CLI: pairing
// with `pair invite` / `pair join --peer`, live sync both ways, online/last seen in `status`, and
// catch-up of 50 entries after one side was stopped.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "unit/sync/e2e_process.hpp"

namespace candor::e2e {
namespace {

bool has_text(const fs::path& dir, const std::string& text) {
    for (const Json& e : feed(dir)) {
        if (e["text"].s == text) return true;
    }
    return false;
}

const Json* partner(const CliResult& status) {
    if (!status.json) return nullptr;
    const Json& paired = (*status.json)["paired"];
    return paired.size() == 1 ? &paired.a[0] : nullptr;
}

bool partner_online(const fs::path& dir, bool online) {
    CliResult s = cli(dir, {"status"});
    const Json* p = partner(s);
    return p != nullptr && p->operator[]("online").type == Json::Type::boolean && p->operator[]("online").b == online;
}

}  // namespace

TEST_CASE("e2e: two serves pair through the CLI, sync both ways and catch up after a stop") {
    TempDir tmp("pairsync");
    Serve a(tmp / "A", "Alex");
    Serve b(tmp / "B", "Sam");
    REQUIRE_MESSAGE(a.start(0), a.why());
    REQUIRE_MESSAGE(b.start(0), b.why());

    // Pairing: both sides pin each other and show the same safety number.
    CliResult joined = pair(a, b, a.endpoint());
    REQUIRE_MESSAGE(joined.status() == 0, joined.raw.err);
    REQUIRE(joined.json);
    CliResult status_a = cli(a.dir(), {"status"});
    CliResult status_b = cli(b.dir(), {"status"});
    REQUIRE(status_a.json);
    REQUIRE(status_b.json);
    CHECK((*joined.json)["device_id"].s == (*status_a.json)["device_id"].s);
    CHECK((*joined.json)["name"].s == "Alex");
    const std::string safety = (*joined.json)["safety_number"].s;
    CHECK(safety.size() == 60 + 11);  // 12 groups of 5 digits
    CliResult list_a = cli(a.dir(), {"pair", "list"});
    REQUIRE(list_a.json);
    REQUIRE(list_a.json->size() == 1);
    CHECK((*list_a.json)[0]["device_id"].s == (*status_b.json)["device_id"].s);
    CHECK((*list_a.json)[0]["name"].s == "Sam");
    CHECK((*list_a.json)[0]["safety_number"].s == safety);

    // The session comes up on its own (within a few seconds) on both sides.
    CHECK(eventually([&] { return partner_online(a.dir(), true); }, 10s));
    CHECK(eventually([&] { return partner_online(b.dir(), true); }, 10s));

    // Live sync both ways.
    REQUIRE(cli(a.dir(), {"update", "hello from Alex", "--where", "home"}).status() == 0);
    REQUIRE(cli(b.dir(), {"update", "hello from Sam"}).status() == 0);
    CHECK(eventually([&] { return has_text(b.dir(), "hello from Alex"); }, 5s));
    CHECK(eventually([&] { return has_text(a.dir(), "hello from Sam"); }, 5s));
    {
        // The received entry keeps its author, name and fields.
        auto entries = feed(b.dir());
        auto it = std::find_if(entries.begin(), entries.end(), [](const Json& e) { return e["text"].s == "hello from Alex"; });
        REQUIRE(it != entries.end());
        CHECK((*it)["author"].s == (*status_a.json)["device_id"].s);
        CHECK((*it)["author_name"].s == "Alex");
        CHECK((*it)["where"].s == "home");
        CHECK((*it)["seq"].as_int() == 1);
    }

    // B goes away (clean stop): A shows it offline with a last-seen time.
    REQUIRE(b.stop());
    CHECK(eventually([&] { return partner_online(a.dir(), false); }, 10s));
    {
        CliResult s = cli(a.dir(), {"status"});
        const Json* p = partner(s);
        REQUIRE(p != nullptr);
        CHECK_FALSE((*p)["last_seen"].s.empty());
        CHECK((*p)["last_seen"].s.substr(0, 2) == "20");  // ISO 8601
    }

    // A posts 50 while B is away; B restarts and catches up, without duplicates.
    CHECK(post_updates(a.dir(), "while you were away", 50, 4) == 50);
    REQUIRE(entry_count(a.dir()) == 52);
    REQUIRE_MESSAGE(b.start(), b.why());
    CHECK_MESSAGE(eventually([&] { return entry_count(b.dir()) == 52; }, 20s, 100ms), (a.why() + b.why()));
    CHECK(eventually([&] { return partner_online(a.dir(), true) && partner_online(b.dir(), true); }, 10s));
    auto fa = ids_of(feed(a.dir()));
    auto fb = ids_of(feed(b.dir()));
    std::sort(fa.begin(), fa.end());
    std::sort(fb.begin(), fb.end());
    CHECK(fa.size() == 52);
    CHECK(std::set<std::string>(fb.begin(), fb.end()).size() == fb.size());
    CHECK(fa == fb);

    // And it is live again afterwards, both ways.
    REQUIRE(cli(b.dir(), {"update", "back again"}).status() == 0);
    CHECK(eventually([&] { return has_text(a.dir(), "back again"); }, 5s));
    REQUIRE(cli(a.dir(), {"late", "10", "--reason", "traffic"}).status() == 0);
    CHECK_MESSAGE(eventually([&] { return entry_count(b.dir()) == 54; }, 5s), (a.why() + b.why()));
}

}  // namespace candor::e2e
