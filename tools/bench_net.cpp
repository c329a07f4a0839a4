// Prints network figures in one run: the floor (bare ENet reliable round trip on loopback through
// net::Host, fdatasync of a small write), then Candor end to end with two in-process Nodes paired
// over loopback: delivery posted-on-A → in B's snapshot (durable on both) p50/p99 over 1,000
// updates, and catch-up of 10,000 entries after B reconnects. Targets are printed beside the
// figures. Figures only; not a test.
// Usage: bench_net [--dir DIR] [--posts N] [--catchup N]   (DIR on the disk you care about)
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "net/host.hpp"
#include "node/control_protocol.hpp"
#include "node/node.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using candor::node::Node;
namespace control = candor::node::control;
namespace json = candor::json;

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

struct Percentiles {
    double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> samples) {
    if (samples.empty()) return {};
    std::sort(samples.begin(), samples.end());
    auto at = [&](double q) { return samples[static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1))]; };
    return {at(0.50), at(0.99), samples.back()};
}

const char* verdict(bool ok) { return ok ? "ok" : "MISSED"; }

// ---- The floor ------------------------------------------------------------------------------

// Round trips of a small reliable packet between two Hosts on loopback, each serviced by its own
// thread as in a Node (blocking service(), no polling).
std::optional<Percentiles> enet_round_trip(int pings) {
    candor::net::HostConfig config;
    config.bind = candor::net::Endpoint::loopback(0);
    config.allow_broadcast = false;
    auto client = candor::net::Host::create(config);
    auto server = candor::net::Host::create(config);
    if (!client || !server) {
        std::fprintf(stderr, "cannot create ENet hosts: %s\n", (!client ? client.message() : server.message()).c_str());
        return std::nullopt;
    }
    std::atomic<bool> stop{false};
    std::thread echo([&] {
        while (!stop) {
            auto event = (*server)->service(std::chrono::milliseconds(50));
            if (!event || !*event) continue;
            if ((*event)->kind == candor::net::HostEventKind::received) {
                (void)(*server)->send((*event)->peer, 0, (*event)->data);
                (*server)->flush();
            }
        }
    });
    auto peer = (*client)->connect(candor::net::Endpoint::loopback((*server)->port()));
    std::optional<Percentiles> out;
    bool connected = false;
    const auto deadline = Clock::now() + std::chrono::seconds(5);
    while (peer && !connected && Clock::now() < deadline) {
        auto event = (*client)->service(std::chrono::milliseconds(100));
        connected = event && *event && (*event)->kind == candor::net::HostEventKind::connected;
    }
    if (connected) {
        std::vector<double> samples;
        const candor::crypto::Bytes ping(64, 0x5a);
        for (int i = 0; i < pings; ++i) {
            const auto start = Clock::now();
            (void)(*client)->send(*peer, 0, ping);
            (*client)->flush();
            for (;;) {
                auto event = (*client)->service(std::chrono::milliseconds(1000));
                if (!event) break;
                if (*event && (*event)->kind == candor::net::HostEventKind::received) break;
            }
            samples.push_back(ms_since(start));
        }
        out = percentiles(samples);
    } else {
        std::fprintf(stderr, "ENet hosts did not connect on loopback\n");
    }
    stop = true;
    echo.join();
    return out;
}

// fdatasync after a small append, as the journal does for every saved entry (or batch).
// Back to back, each sync also waits for the file system's previous journal commit; `pause`
// spaces the writes out as one-at-a-time posts are.
std::optional<Percentiles> fdatasync_latency(const fs::path& dir, int writes, std::chrono::microseconds pause) {
    const fs::path file = dir / "fdatasync.bin";
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return std::nullopt;
    std::vector<double> samples;
    char record[256];
    std::memset(record, 0x42, sizeof record);
    for (int i = 0; i < writes; ++i) {
        if (pause.count() > 0) std::this_thread::sleep_for(pause);
        const auto start = Clock::now();
        if (::write(fd, record, sizeof record) != static_cast<ssize_t>(sizeof record) || ::fdatasync(fd) != 0) {
            ::close(fd);
            return std::nullopt;
        }
        samples.push_back(ms_since(start));
    }
    ::close(fd);
    fs::remove(file);
    return percentiles(samples);
}

// ---- Two Nodes ------------------------------------------------------------------------------

// Wakes the bench thread whenever B publishes a new snapshot.
struct ChangeSignal {
    std::mutex mutex;
    std::condition_variable cv;
    std::uint64_t changes = 0;
    void notify() {
        {
            std::lock_guard lock(mutex);
            ++changes;
        }
        cv.notify_all();
    }
    // Waits until `done()` or the timeout; false on timeout.
    template <typename Pred>
    bool wait(Pred done, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mutex);
        const auto deadline = Clock::now() + timeout;
        while (!done()) {
            if (cv.wait_until(lock, deadline) == std::cv_status::timeout && !done()) return false;
        }
        return true;
    }
};

std::unique_ptr<Node> start_node(const fs::path& dir, const char* name, std::uint16_t port) {
    candor::node::NodeOptions options;
    options.data_dir = dir;
    options.name = name;
    options.port = port;
    options.bind_address = "127.0.0.1";
    options.discovery = false;
    options.control_socket = false;
    auto node = Node::start(options);
    if (!node) {
        std::fprintf(stderr, "cannot start %s: %s\n", name, node.message().c_str());
        return nullptr;
    }
    return std::move(*node);
}

bool ok(const json::Value& response, const char* what) {
    if (response.get_bool("ok").value_or(false)) return true;
    std::fprintf(stderr, "%s failed: %s\n", what, response.get_string("error").value_or("?").c_str());
    return false;
}

bool both_online(const Node& a, const Node& b) {
    auto sa = a.snapshot();
    auto sb = b.snapshot();
    return !sa->peers.empty() && sa->peers[0].online && !sb->peers.empty() && sb->peers[0].online;
}

json::Value update_request(const std::string& text) {
    return control::make_request(control::cmd::kUpdate, json::Object{{std::string(control::arg::kText), text}});
}

int run(const fs::path& base, int posts, int catchup) {
    std::printf("Floor\n");
    auto rtt = enet_round_trip(1000);
    auto busy_sync = fdatasync_latency(base, 1000, std::chrono::microseconds(0));
    auto sync = fdatasync_latency(base, 1000, std::chrono::microseconds(2000));
    if (!rtt || !sync || !busy_sync) return 1;
    std::printf("  ENet reliable round trip, loopback (1,000 pings):  p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms\n",
                rtt->p50, rtt->p99, rtt->max);
    std::printf("  fdatasync of a 256-byte append, back to back:      p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms\n",
                busy_sync->p50, busy_sync->p99, busy_sync->max);
    std::printf("  fdatasync of a 256-byte append, 2 ms apart:        p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms\n",
                sync->p50, sync->p99, sync->max);

    // Pair two Nodes over loopback the way the CLI does: invite on A, join on B with --peer.
    auto a = start_node(base / "A", "Alex", 0);
    auto b = start_node(base / "B", "Sam", 0);
    if (!a || !b) return 1;
    const std::uint16_t port_a = a->snapshot()->port;
    const std::uint16_t port_b = b->snapshot()->port;
    const json::Value invite = a->call(control::make_request(control::cmd::kPairInvite));
    if (!ok(invite, "pair.invite")) return 1;
    const std::string code = invite["result"].get_string("code").value_or("");
    const json::Value joined = b->call(control::make_request(
        control::cmd::kPairJoin, json::Object{{std::string(control::arg::kCode), code},
                                              {std::string(control::arg::kPeer), "127.0.0.1:" + std::to_string(port_a)},
                                              {std::string(control::arg::kTimeout), 10}}));
    if (!ok(joined, "pair.join")) return 1;

    ChangeSignal changed;
    b->set_on_change([&] { changed.notify(); });
    a->set_on_change([&] { changed.notify(); });
    if (!changed.wait([&] { return both_online(*a, *b); }, std::chrono::seconds(10))) {
        std::fprintf(stderr, "the paired Nodes did not connect\n");
        return 1;
    }

    // Delivery: one update at a time, from the post request on A to the entry in B's snapshot
    // (B has verified it, written it and fdatasync'd it before it publishes).
    std::vector<double> delivery, local;
    for (int i = 0; i < posts; ++i) {
        const std::size_t want = b->snapshot()->entries + 1;
        const auto start = Clock::now();
        if (!ok(a->call(update_request("delivery " + std::to_string(i))), "update")) return 1;
        local.push_back(ms_since(start));
        if (!changed.wait([&] { return b->snapshot()->entries >= want; }, std::chrono::seconds(10))) {
            std::fprintf(stderr, "update %d never reached B\n", i);
            return 1;
        }
        delivery.push_back(ms_since(start));
    }
    const Percentiles d = percentiles(delivery);
    const Percentiles l = percentiles(local);
    const double p50_target = 3 * (rtt->p50 + 2 * sync->p50);
    std::printf("Candor end to end (two Nodes, loopback)\n");
    std::printf("  post on A, durable on A (%d updates):             p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms\n", posts,
                l.p50, l.p99, l.max);
    std::printf("  delivery A → in B's State, durable (%d updates):  p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms\n", posts,
                d.p50, d.p99, d.max);
    std::printf("    target p50 <= 3 x (RTT + 2 fdatasync 2 ms apart) = %.3f ms: %s;  target p99 <= 10 ms: %s\n", p50_target,
                verdict(d.p50 <= p50_target), verdict(d.p99 <= 10.0));

    // Catch-up: B goes away, A posts `catchup` entries (submitted together, so the Node groups
    // their fdatasyncs), B comes back on its port.
    b->set_on_change(nullptr);
    b.reset();
    const std::size_t before = a->snapshot()->entries;
    std::atomic<int> replies{0}, failures{0};
    const auto post_start = Clock::now();
    for (int i = 0; i < catchup; ++i) {
        a->submit(update_request("catch-up " + std::to_string(i)), [&](json::Value r) {
            if (!r.get_bool("ok").value_or(false)) ++failures;
            ++replies;
            changed.notify();
        });
    }
    changed.wait([&] { return replies.load() == catchup; }, std::chrono::seconds(120));
    const double post_ms = ms_since(post_start);
    if (failures > 0 || a->snapshot()->entries != before + static_cast<std::size_t>(catchup)) {
        std::fprintf(stderr, "posting %d entries on A failed (%d errors)\n", catchup, failures.load());
        return 1;
    }
    const std::size_t total = a->snapshot()->entries;

    const auto restart = Clock::now();
    b = start_node(base / "B", "Sam", port_b);
    if (!b) return 1;
    b->set_on_change([&] { changed.notify(); });
    // Ask both to dial now, so the figure is not the reconnect backoff left from B's absence.
    (void)a->call(control::make_request(control::cmd::kConnect,
                                        json::Object{{std::string(control::arg::kPeer), "127.0.0.1:" + std::to_string(port_b)}}));
    (void)b->call(control::make_request(control::cmd::kConnect,
                                        json::Object{{std::string(control::arg::kPeer), "127.0.0.1:" + std::to_string(port_a)}}));
    double online_ms = -1;
    const bool caught_up = changed.wait(
        [&] {
            if (online_ms < 0 && both_online(*a, *b)) online_ms = ms_since(restart);
            return b->snapshot()->entries >= total;
        },
        std::chrono::seconds(60));
    const double total_ms = ms_since(restart);
    if (!caught_up) {
        std::fprintf(stderr, "B did not catch up (%zu of %zu entries)\n", b->snapshot()->entries, total);
        return 1;
    }
    const double catchup_ms = total_ms - std::max(online_ms, 0.0);
    std::printf("  %d entries posted on A while B was away in %.0f ms (%.0f entries/s)\n", catchup, post_ms,
                1000.0 * catchup / post_ms);
    std::printf("  catch-up of %d entries: B restart → session up %.0f ms, session up → all in B's State %.0f ms "
                "(total %.0f ms)\n",
                catchup, online_ms, catchup_ms, total_ms);
    std::printf("    target catch-up of 10,000 <= 1 s (session up → all present): %s\n", verdict(catchup_ms <= 1000.0));

    // Reconnect as at home: one side restarts and nobody asks anyone to dial, in both id orders.
    for (const bool restart_a : {true, false}) {
        std::unique_ptr<Node>& node = restart_a ? a : b;
        const bool larger = restart_a ? node->snapshot()->device > b->snapshot()->device
                                      : node->snapshot()->device > a->snapshot()->device;
        node->set_on_change(nullptr);
        node.reset();
        const auto again = Clock::now();
        node = restart_a ? start_node(base / "A", "Alex", port_a) : start_node(base / "B", "Sam", port_b);
        if (!node) return 1;
        node->set_on_change([&] { changed.notify(); });
        const bool up = changed.wait(
            [&] {
                const auto snap = node->snapshot();
                return !snap->peers.empty() && snap->peers[0].online;
            },
            std::chrono::seconds(30));
        const double up_ms = ms_since(again);
        std::printf("  reconnect, %s restarts (the %s id), nobody asked to dial: restart → session up %.0f ms  "
                    "target < 500 ms: %s\n",
                    restart_a ? "A" : "B", larger ? "larger" : "smaller", up_ms, verdict(up && up_ms < 500.0));
    }
    a->set_on_change(nullptr);
    b->set_on_change(nullptr);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path dir;
    int posts = 1000;
    int catchup = 10000;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--dir" && i + 1 < argc) {
            dir = argv[++i];
        } else if (arg == "--posts" && i + 1 < argc) {
            posts = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--catchup" && i + 1 < argc) {
            catchup = std::max(1, std::atoi(argv[++i]));
        } else {
            std::fprintf(stderr, "usage: bench_net [--dir DIR] [--posts N] [--catchup N]\n");
            return 2;
        }
    }
    const bool own_dir = dir.empty();
    if (own_dir) dir = fs::path("/var/tmp") / ("candor-bench-net-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        std::fprintf(stderr, "cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
        return 1;
    }
    std::printf("bench_net in %s\n", dir.c_str());
    const int rc = run(dir, posts, catchup);
    if (own_dir) fs::remove_all(dir, ec);
    return rc;
}
