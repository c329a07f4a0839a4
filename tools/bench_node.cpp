// Prints Node figures: open+fold time of a data directory with 10k and 100k entries (NodeCore::open
// and the whole Node::start), the post round trip through the control socket, p50/p99, both as
// a ControlClient::call and as a full `candor update` process; and what the app shows about the
// partner: how soon my post reads "delivered" on the partner's durable ack alone, and how soon
// "online" turns false after the partner's `candor serve` is SIGKILLed (a computer that stops
// without a word: only ENet's keepalive and timeouts can tell). Figures only; not a test.
// Usage: bench_node [--dir DIR] [--posts N] [--candor PATH]   (DIR: where the data dirs go)
//        bench_node --generate N DIR   (only make a data directory holding N entries)
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/kinds.hpp"
#include "node/control_protocol.hpp"
#include "node/control_socket.hpp"
#include "node/node.hpp"
#include "node/node_core.hpp"
#include "process_helpers.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using candor::node::Node;
using candor::node::NodeCore;

constexpr std::size_t kGenerateBatch = 1000;  // entries per fdatasync while generating
constexpr int kOpenRuns = 3;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Percentiles {
    double p50 = 0, p99 = 0, max = 0;
};

Percentiles percentiles(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    auto at = [&](double q) { return samples[static_cast<std::size_t>(q * static_cast<double>(samples.size() - 1))]; };
    return {at(0.50), at(0.99), samples.back()};
}

// Posts `count` updates through NodeCore, committing every kGenerateBatch (as a busy Node would).
bool generate(const fs::path& dir, std::size_t count) {
    auto core = NodeCore::open({dir, std::string("Bench"), nullptr});
    if (!core) {
        std::fprintf(stderr, "%s\n", core.message().c_str());
        return false;
    }
    std::int64_t now = candor::node::system_now_ms() - static_cast<std::int64_t>(count) * 1000;
    for (std::size_t i = 0; i < count; ++i) {
        candor::core::UpdateBody body;
        body.text = "benchmark update number " + std::to_string(i) + ", about as long as a real one";
        if (i % 3 == 0) body.where = "home";
        auto posted = (*core)->post(body, now += 1000);
        if (!posted) {
            std::fprintf(stderr, "%s\n", posted.message().c_str());
            return false;
        }
        if ((*core)->pending_count() >= kGenerateBatch || i + 1 == count) {
            if (auto saved = (*core)->commit(); !saved) {
                std::fprintf(stderr, "%s\n", saved.message().c_str());
                return false;
            }
        }
    }
    return true;
}

bool open_times(const fs::path& base, std::size_t count) {
    const fs::path dir = base / ("open-" + std::to_string(count));
    const auto gen_start = Clock::now();
    if (!generate(dir, count)) return false;
    const double gen_ms = ms_since(gen_start);
    std::vector<double> core_ms, node_ms;
    for (int run = 0; run < kOpenRuns; ++run) {
        auto start = Clock::now();
        {
            auto core = NodeCore::open({dir, std::nullopt, nullptr});
            if (!core || (*core)->history().size() != count) {
                std::fprintf(stderr, "open failed or lost entries\n");
                return false;
            }
            core_ms.push_back(ms_since(start));
        }
        candor::node::NodeOptions options;
        options.data_dir = dir;
        options.port = 0;
        options.discovery = false;
        start = Clock::now();
        auto node = Node::start(options);
        if (!node || (*node)->snapshot()->entries != count) {
            std::fprintf(stderr, "start failed: %s\n", node ? "wrong entry count" : node.message().c_str());
            return false;
        }
        node_ms.push_back(ms_since(start));
    }
    std::sort(core_ms.begin(), core_ms.end());
    std::sort(node_ms.begin(), node_ms.end());
    std::printf("%7zu entries (%.1f MB journal, generated in %.1f s): NodeCore::open %7.1f ms, Node::start %7.1f ms"
                "  (median of %d)\n",
                count, static_cast<double>(fs::file_size(dir / "journal")) / 1e6, gen_ms / 1000.0,
                core_ms[core_ms.size() / 2], node_ms[node_ms.size() / 2], kOpenRuns);
    return true;
}

void print_row(const char* what, const std::vector<double>& samples) {
    const Percentiles p = percentiles(samples);
    std::printf("%-42s p50 %6.2f ms   p99 %6.2f ms   max %6.2f ms   (%zu)\n", what, p.p50, p.p99, p.max,
                samples.size());
}

bool round_trips(const fs::path& base, int posts, const fs::path& candor) {
    const fs::path dir = base / "socket";
    candor::node::NodeOptions options;
    options.data_dir = dir;
    options.port = 0;
    options.discovery = false;
    auto node = Node::start(options);
    if (!node) {
        std::fprintf(stderr, "%s\n", node.message().c_str());
        return false;
    }
    namespace control = candor::node::control;
    using candor::node::ControlClient;
    const auto timeout = std::chrono::seconds(10);

    std::vector<double> status_ms, post_ms, spawn_ms;
    for (int i = 0; i < posts; ++i) {
        auto start = Clock::now();
        auto reply = ControlClient::call(dir, control::make_request(control::cmd::kStatus), timeout);
        status_ms.push_back(ms_since(start));
        if (!reply) return false;
    }
    for (int i = 0; i < posts; ++i) {
        const auto request = control::make_request(
            control::cmd::kUpdate, candor::json::Object{{"text", "socket post " + std::to_string(i)}});
        const auto start = Clock::now();
        auto reply = ControlClient::call(dir, request, timeout);
        post_ms.push_back(ms_since(start));
        auto parsed = reply ? control::parse_response(*reply) : candor::Result<control::Response>(reply.error());
        if (!parsed || !parsed->ok) {
            std::fprintf(stderr, "post failed\n");
            return false;
        }
    }
    if (!candor.empty()) {
        for (int i = 0; i < posts; ++i) {
            const auto start = Clock::now();
            const auto r = candor::node::test::run_process(
                {candor.string(), "update", "process post " + std::to_string(i), "--data-dir", dir.string(), "--json"});
            spawn_ms.push_back(ms_since(start));
            if (r.status != 0) {
                std::fprintf(stderr, "candor update exited %d: %s\n", r.status, r.err.c_str());
                return false;
            }
        }
    }
    print_row("ControlClient::call status (no write)", status_ms);
    print_row("ControlClient::call update (fdatasync)", post_ms);
    if (!spawn_ms.empty()) print_row("`candor update` process (spawn to exit)", spawn_ms);
    return true;
}

// Polls `pred` every millisecond for at most `limit`; the time it took, or -1.
template <typename Pred>
double time_until(Pred pred, std::chrono::milliseconds limit) {
    const auto start = Clock::now();
    while (!pred()) {
        if (Clock::now() - start > limit) return -1;
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return ms_since(start);
}

bool partner_figures(const fs::path& base, int posts, const fs::path& candor) {
    namespace control = candor::node::control;
    namespace test = candor::node::test;
    using candor::node::ControlClient;
    candor::node::NodeOptions options;
    options.data_dir = base / "partner-A";
    options.name = "Alex";
    options.port = 0;
    options.bind_address = "127.0.0.1";
    options.discovery = false;
    options.control_socket = false;
    auto a = Node::start(options);
    if (!a) {
        std::fprintf(stderr, "%s\n", a.message().c_str());
        return false;
    }
    const fs::path dir_b = base / "partner-B";
    int starts = 0;
    const auto start_b = [&] {
        auto b = std::make_unique<test::ServeProcess>(candor, dir_b, base / ("partner-B-" + std::to_string(++starts) + ".log"),
                                                      std::vector<std::string>{"--name", "Sam", "--no-discovery",
                                                                               "--bind", "127.0.0.1"});
        return b->wait_ready() ? std::move(b) : nullptr;
    };
    auto b = start_b();
    if (!b) return false;
    const auto timeout = std::chrono::seconds(30);
    const std::string code =
        (*a)->call(control::make_request(control::cmd::kPairInvite))["result"].get_string("code").value_or("");
    const std::string peer = "127.0.0.1:" + std::to_string((*a)->snapshot()->port);
    auto joined = ControlClient::call(dir_b, control::make_request(control::cmd::kPairJoin,
                                                                   candor::json::Object{{"code", code}, {"peer", peer}}),
                                      timeout);
    const auto online = [&] {
        const auto s = (*a)->snapshot();
        return !s->peers.empty() && s->peers[0].online;
    };
    if (!joined || time_until(online, std::chrono::seconds(10)) < 0) {
        std::fprintf(stderr, "the partner serve did not pair\n");
        return false;
    }
    std::vector<double> delivered_ms;
    for (int i = 0; i < posts; ++i) {
        const auto start = Clock::now();
        (void)(*a)->call(control::make_request(control::cmd::kUpdate, candor::json::Object{{"text", "delivery " + std::to_string(i)}}));
        const double t = time_until([&] { return (*a)->snapshot()->peers[0].undelivered == 0; }, std::chrono::seconds(5));
        if (t < 0) {
            std::fprintf(stderr, "post %d never read delivered\n", i);
            return false;
        }
        delivered_ms.push_back(ms_since(start));
    }
    print_row("post -> reads delivered (partner silent)", delivered_ms);

    std::vector<double> offline_ms;
    for (int run = 0; run < 3; ++run) {
        if (run > 0 && (!(b = start_b()) || time_until(online, std::chrono::seconds(20)) < 0)) {
            std::fprintf(stderr, "the partner serve did not come back\n");
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // a quiet, settled session
        (void)b->process().signal(SIGKILL);
        const double t = time_until([&] { return !online(); }, std::chrono::seconds(60));
        (void)b->process().wait_for(std::chrono::seconds(5));
        if (t < 0) {
            std::fprintf(stderr, "the partner never read offline\n");
            return false;
        }
        offline_ms.push_back(t);
        b.reset();
    }
    print_row("partner SIGKILLed -> reads offline", offline_ms);
    const double worst = *std::max_element(offline_ms.begin(), offline_ms.end());
    std::printf("    target: offline within ~10 s of the partner stopping: %s\n", worst <= 10'500 ? "ok" : "MISSED");
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path base;
    int posts = 500;
    fs::path candor = CANDOR_BINARY;
    for (int i = 1; i < argc; ++i) {
        const bool has_value = i + 1 < argc;
        if (std::strcmp(argv[i], "--dir") == 0 && has_value) {
            base = argv[++i];
        } else if (std::strcmp(argv[i], "--posts") == 0 && has_value) {
            posts = std::max(1, std::atoi(argv[++i]));
        } else if (std::strcmp(argv[i], "--candor") == 0 && has_value) {
            candor = argv[++i];
        } else if (std::strcmp(argv[i], "--generate") == 0 && i + 2 < argc) {
            // Only make a data directory with N entries (for tools/bench_gui.sh) and stop.
            const long long n = std::atoll(argv[i + 1]);
            return n > 0 && generate(argv[i + 2], static_cast<std::size_t>(n)) ? 0 : 1;
        } else {
            std::fprintf(stderr, "usage: bench_node [--dir DIR] [--posts N] [--candor PATH] | --generate N DIR\n");
            return 1;
        }
    }
    std::string pattern = ((base.empty() ? fs::path("/var/tmp") : base) / "candor-bench-node-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        std::perror("mkdtemp");
        return 1;
    }
    const fs::path work = pattern;
    if (!fs::exists(candor)) {
        std::fprintf(stderr, "no candor binary at %s: skipping the process round trip\n", candor.c_str());
        candor.clear();
    }
    std::printf("bench_node in %s\n", work.c_str());
    bool ok = open_times(work, 10'000) && open_times(work, 100'000) && round_trips(work, posts, candor) &&
              (candor.empty() || partner_figures(work, std::min(posts, 200), candor));
    std::error_code ec;
    fs::remove_all(work, ec);
    return ok ? 0 : 1;
}
