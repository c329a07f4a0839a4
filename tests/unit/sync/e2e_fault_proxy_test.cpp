// End to end through tools/udp_fault_proxy (20% loss, 10% reordering, 5% duplication, 5±5 ms
// delay): two real `candor serve` processes paired across the proxy converge on 1,000 entries
// posted on each side with nothing lost or doubled; then a serve SIGKILLed mid-sync keeps every
// entry it had acknowledged, and both converge again after it restarts.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "unit/sanitizer.hpp"
#include "unit/sync/e2e_process.hpp"

namespace candor::e2e {
namespace {

// Each entry is one `candor post` process; under the sanitizers (each process ~30x slower to
// start) the same faults are exercised on fewer entries.
constexpr int kEachWay = test::kUnderSanitizer ? 300 : 1000;
constexpr int kBurst = test::kUnderSanitizer ? 150 : 500;

std::string read_file(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The proxy prints "listening on HOST:PORT, ..." first.
int proxy_port(const Child& proxy) {
    const std::string log = proxy.log_text();
    const auto at = log.find("listening on ");
    if (at == std::string::npos) return 0;
    const auto colon = log.find(':', at + 13);
    const auto comma = log.find(',', at);
    if (colon == std::string::npos || comma == std::string::npos || comma < colon) return 0;
    return std::atoi(log.substr(colon + 1, comma - colon - 1).c_str());
}

// key=value from the proxy's closing counts line.
long proxy_count(const std::string& log, const std::string& key) {
    const auto at = log.find(" " + key + "=");
    const auto start = at == std::string::npos ? log.find(key + "=") : at + 1;
    if (start == std::string::npos) return -1;
    return std::atol(log.c_str() + start + key.size() + 1);
}

std::string device_id(const fs::path& dir) {
    CliResult s = cli(dir, {"status"});
    return s.json ? (*s.json)["device_id"].s : std::string();
}

// What `dir`'s Node last stored about its partner: the addresses it dials and the highest seq
// of its own entries that the partner confirmed as durable.
struct PeerRecord {
    std::vector<std::string> addresses;
    std::int64_t delivered_seq = -1;
};
PeerRecord peer_record(const fs::path& dir) {
    PeerRecord r;
    auto j = parse_json(read_file(dir / "peers.json"));
    if (!j) return r;
    const Json& d = (*j)["devices"][0];
    for (const Json& a : d["addresses"].a) r.addresses.push_back(a.s);
    if (d["delivered_seq"].type == Json::Type::number) r.delivered_seq = d["delivered_seq"].as_int();
    return r;
}

std::vector<std::string> sorted_ids(const fs::path& dir) {
    auto ids = ids_of(feed(dir));
    std::sort(ids.begin(), ids.end());
    return ids;
}

}  // namespace

TEST_CASE("e2e: 1,000 entries each way (300 under sanitizers) converge through a lossy, reordering, duplicating proxy; SIGKILL mid-sync loses nothing acknowledged") {
    const fs::path proxy_bin = fault_proxy_binary();
    if (!fs::exists(proxy_bin)) {
        MESSAGE("SKIPPED: " << proxy_bin.string() << " is missing (build the udp_fault_proxy target)");
        return;
    }
    TempDir tmp("faultproxy");
    Serve a(tmp / "A", "Alex");
    Serve b(tmp / "B", "Sam");
    REQUIRE_MESSAGE(a.start(0), a.why());
    REQUIRE_MESSAGE(b.start(0), b.why());

    // B only ever knows A as the proxy's address; A learns B as the proxy's far side, so both
    // directions of every session cross the proxy (no discovery, no `connect`).
    Child proxy({proxy_bin.string(), "--listen", "0", "--to", a.endpoint(), "--loss", "0.2", "--reorder", "0.1",
                 "--dup", "0.05", "--delay-ms", "5", "--jitter-ms", "5", "--duration", "170", "--seed", "4"},
                tmp / "proxy.log");
    int pp = 0;
    REQUIRE(eventually([&] { return (pp = proxy_port(proxy)) > 0; }, 5s, 10ms));
    const std::string via_proxy = "127.0.0.1:" + std::to_string(pp);

    const auto t0 = std::chrono::steady_clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(); };
    CliResult joined = pair(a, b, via_proxy);
    REQUIRE_MESSAGE(joined.status() == 0, (joined.raw.err + a.why() + b.why()));
    MESSAGE("paired through the proxy in " << seconds() << " s");
    const std::string id_a = device_id(a.dir());
    const std::string id_b = device_id(b.dir());

    // Neither side has B's real port to dial around the proxy.
    for (const std::string& addr : peer_record(a.dir()).addresses) CHECK(addr != b.endpoint());
    CHECK(peer_record(b.dir()).addresses == std::vector<std::string>{via_proxy});

    // kEachWay each way, posted concurrently on both sides while the session runs.
    int saved_a = 0, saved_b = 0;
    std::thread post_a([&] { saved_a = post_updates(a.dir(), "from Alex", kEachWay, 4); });
    std::thread post_b([&] { saved_b = post_updates(b.dir(), "from Sam", kEachWay, 4); });
    post_a.join();
    post_b.join();
    REQUIRE(saved_a == kEachWay);
    REQUIRE(saved_b == kEachWay);
    MESSAGE("posted 2 x " << kEachWay << " through the CLI by " << seconds() << " s");

    const bool converged = eventually(
        [&] { return entry_count(a.dir()) == 2 * kEachWay && entry_count(b.dir()) == 2 * kEachWay; }, 120s, 250ms);
    CHECK_MESSAGE(converged, "A has " << entry_count(a.dir()) << ", B has " << entry_count(b.dir()) << "\n"
                                      << a.why() << b.why());
    MESSAGE("converged on " << 2 * kEachWay << " entries by " << seconds() << " s");
    {
        const auto fa = sorted_ids(a.dir());
        const auto fb = sorted_ids(b.dir());
        CHECK(fa.size() == 2 * kEachWay);
        CHECK(std::set<std::string>(fa.begin(), fa.end()).size() == fa.size());  // nothing doubled
        CHECK(fa == fb);                                                          // nothing lost
        std::set<std::string> texts;
        for (const Json& e : feed(b.dir())) texts.insert(e["text"].s);
        CHECK(texts.size() == 2 * kEachWay);
        CHECK(texts.count("from Alex 0") == 1);
        CHECK(texts.count("from Sam " + std::to_string(kEachWay - 1)) == 1);
    }
    REQUIRE(converged);
    // B holding them is not yet A knowing it: B's acknowledgements cross the same lossy proxy.
    CHECK(eventually([&] { return undelivered_count(a.dir()) == 0; }, 60s, 100ms));

    // SIGKILL B while A's burst is flowing to it.
    std::thread burst([&] { (void)post_updates(a.dir(), "burst", kBurst, 4); });
    std::int64_t b_at_kill = 0;
    const bool mid = eventually([&] { return (b_at_kill = entry_count(b.dir())) > 2 * kEachWay; }, 60s, 10ms);
    b.kill9();
    burst.join();
    CHECK(mid);
    CHECK(entry_count(a.dir()) == 2 * kEachWay + kBurst);

    // A stops cleanly and so records what B had confirmed as durable.
    REQUIRE(a.stop());
    const std::int64_t acked = peer_record(a.dir()).delivered_seq;
    MESSAGE("B held " << b_at_kill << " entries when killed; A had " << acked << " of its own confirmed by B");
    CHECK(acked >= kEachWay);
    CHECK(acked <= kEachWay + kBurst);

    // B restarts alone: every entry of A's that B acknowledged is there (and all of B's own).
    REQUIRE_MESSAGE(b.start(), b.why());
    {
        std::set<std::int64_t> seqs_from_a;
        std::int64_t own = 0;
        for (const Json& e : feed(b.dir())) {
            if (e["author"].s == id_a) seqs_from_a.insert(e["seq"].as_int());
            if (e["author"].s == id_b) ++own;
        }
        CHECK(own == kEachWay);
        for (std::int64_t s = 1; s <= acked; ++s) {
            if (!seqs_from_a.count(s)) {
                FAIL_CHECK("B lost entry seq " << s << " of A's after acknowledging up to " << acked);
                break;
            }
        }
    }

    // A comes back on its port (the proxy still forwards there) and both converge again.
    REQUIRE_MESSAGE(a.start(), a.why());
    const std::int64_t total = 2 * kEachWay + kBurst;
    const bool again = eventually([&] { return entry_count(a.dir()) == total && entry_count(b.dir()) == total; },
                                  90s, 250ms);
    CHECK_MESSAGE(again, "A has " << entry_count(a.dir()) << ", B has " << entry_count(b.dir()) << "\n"
                                  << a.why() << b.why());
    const auto fa = sorted_ids(a.dir());
    const auto fb = sorted_ids(b.dir());
    CHECK(std::set<std::string>(fb.begin(), fb.end()).size() == fb.size());
    CHECK(fa == fb);
    MESSAGE("converged again on " << total << " entries by " << seconds() << " s");

    // The faults really happened on this traffic.
    proxy.signal(15);
    REQUIRE(proxy.wait_for(5s));
    const std::string counts = proxy.log_text();
    MESSAGE("proxy: " << counts.substr(counts.find('\n') + 1));
    // Sync batches many entries per datagram, so ~1,000 datagrams carry the 2,500 entries (fewer under sanitizers).
    const double received = static_cast<double>(proxy_count(counts, "received"));
    CHECK(received > 300);
    CHECK(static_cast<double>(proxy_count(counts, "dropped")) > 0.1 * received);   // 20% asked
    CHECK(static_cast<double>(proxy_count(counts, "dropped")) < 0.3 * received);
    CHECK(static_cast<double>(proxy_count(counts, "duplicated")) > 0.01 * received);  // 5% asked
    CHECK(static_cast<double>(proxy_count(counts, "reordered")) > 0.02 * received);   // 10% asked
}

}  // namespace candor::e2e
