// udp_fault_proxy: a test tool that stands between two UDP endpoints and forwards datagrams
// both ways with configurable loss, delay ± jitter, duplication and reordering, for a bounded
// time. Single thread, ppoll() with timers. Plain POSIX sockets: this is not part of the app.
//
//   udp_fault_proxy --listen PORT --to HOST:PORT [--bind ADDR] [--loss P] [--delay-ms N]
//                   [--jitter-ms N] [--dup P] [--reorder P] [--seed N] [--duration S]
//
// The first datagram on the listen port fixes the client; replies from the target go to the
// most recent client address. With --listen 0 the chosen port is printed. At exit, counts go
// to stdout as one line of key=value pairs.
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <queue>
#include <random>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using Micros = std::chrono::microseconds;

struct Options {
    std::string bind_address = "127.0.0.1";
    int listen_port = -1;
    std::string target_host;
    int target_port = -1;
    double loss = 0;
    double dup = 0;
    double reorder = 0;
    int delay_ms = 0;
    int jitter_ms = 0;
    double duration_s = 60;
    std::optional<std::uint64_t> seed;
};

enum class Direction { to_target, to_client };

struct Pending {
    Clock::time_point due;
    std::uint64_t order;  // ties keep arrival order
    Direction direction;
    std::vector<std::uint8_t> bytes;
    bool operator>(const Pending& o) const { return due != o.due ? due > o.due : order > o.order; }
};

struct Counts {
    std::uint64_t received = 0, forwarded = 0, dropped = 0, duplicated = 0, reordered = 0;
    std::uint64_t no_client = 0, send_errors = 0, unsent_at_exit = 0;
};

volatile sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

[[noreturn]] void usage(const char* why) {
    std::fprintf(stderr,
                 "udp_fault_proxy: %s\n"
                 "usage: udp_fault_proxy --listen PORT --to HOST:PORT [--bind ADDR] [--loss P]\n"
                 "       [--delay-ms N] [--jitter-ms N] [--dup P] [--reorder P] [--seed N]\n"
                 "       [--duration S]\n",
                 why);
    std::exit(2);
}

double parse_double(const char* s, double lo, double hi, const char* what) {
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(s, &end);
    if (errno != 0 || end == s || *end != '\0' || !(v >= lo && v <= hi)) usage(what);
    return v;
}

Options parse_options(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (i + 1 >= argc) usage(("missing value for " + arg).c_str());
        const char* v = argv[++i];
        if (arg == "--listen") {
            o.listen_port = static_cast<int>(parse_double(v, 0, 65535, "bad --listen port"));
        } else if (arg == "--to") {
            std::string s = v;
            auto colon = s.rfind(':');
            if (colon == std::string::npos || colon == 0) usage("--to wants HOST:PORT");
            o.target_host = s.substr(0, colon);
            o.target_port = static_cast<int>(
                parse_double(s.substr(colon + 1).c_str(), 1, 65535, "bad --to port"));
        } else if (arg == "--bind") {
            o.bind_address = v;
        } else if (arg == "--loss") {
            o.loss = parse_double(v, 0, 1, "--loss wants a probability 0..1");
        } else if (arg == "--dup") {
            o.dup = parse_double(v, 0, 1, "--dup wants a probability 0..1");
        } else if (arg == "--reorder") {
            o.reorder = parse_double(v, 0, 1, "--reorder wants a probability 0..1");
        } else if (arg == "--delay-ms") {
            o.delay_ms = static_cast<int>(parse_double(v, 0, 60000, "bad --delay-ms"));
        } else if (arg == "--jitter-ms") {
            o.jitter_ms = static_cast<int>(parse_double(v, 0, 60000, "bad --jitter-ms"));
        } else if (arg == "--duration") {
            o.duration_s = parse_double(v, 0.001, 86400, "--duration wants seconds (up to a day)");
        } else if (arg == "--seed") {
            o.seed = static_cast<std::uint64_t>(std::strtoull(v, nullptr, 10));
        } else {
            usage(("unknown option " + arg).c_str());
        }
    }
    if (o.listen_port < 0) usage("--listen is required");
    if (o.target_port < 0) usage("--to is required");
    return o;
}

sockaddr_in resolve(const std::string& host, int port) {
    addrinfo hints{};
    hints.ai_family = AF_INET;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo* res = nullptr;
    int rc = getaddrinfo(host.c_str(), nullptr, &hints, &res);
    if (rc != 0 || res == nullptr) {
        std::fprintf(stderr, "udp_fault_proxy: cannot resolve %s: %s\n", host.c_str(),
                     gai_strerror(rc));
        std::exit(1);
    }
    sockaddr_in out{};
    std::memcpy(&out, res->ai_addr, sizeof out);
    out.sin_port = htons(static_cast<std::uint16_t>(port));
    freeaddrinfo(res);
    return out;
}

int udp_socket(const sockaddr_in& bind_to) {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0 || bind(fd, reinterpret_cast<const sockaddr*>(&bind_to), sizeof bind_to) != 0) {
        std::perror("udp_fault_proxy: socket/bind");
        std::exit(1);
    }
    return fd;
}

bool same_address(const sockaddr_in& a, const sockaddr_in& b) {
    return a.sin_addr.s_addr == b.sin_addr.s_addr && a.sin_port == b.sin_port;
}

class Proxy {
public:
    explicit Proxy(const Options& o) : opt_(o), rng_(o.seed ? *o.seed : std::random_device{}()) {
        sockaddr_in front{};
        front.sin_family = AF_INET;
        front.sin_port = htons(static_cast<std::uint16_t>(o.listen_port));
        if (inet_pton(AF_INET, o.bind_address.c_str(), &front.sin_addr) != 1) usage("bad --bind");
        front_ = udp_socket(front);
        sockaddr_in back{};
        back.sin_family = AF_INET;  // any address, ephemeral port: the target answers here
        back_ = udp_socket(back);
        target_ = resolve(o.target_host, o.target_port);

        socklen_t len = sizeof front;
        getsockname(front_, reinterpret_cast<sockaddr*>(&front), &len);
        std::printf("udp_fault_proxy: listening on %s:%u, forwarding to %s:%d\n",
                    o.bind_address.c_str(), ntohs(front.sin_port), o.target_host.c_str(),
                    o.target_port);
        std::fflush(stdout);
    }

    ~Proxy() {
        close(front_);
        close(back_);
    }

    void run(const sigset_t& wait_mask) {
        const auto end = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                            std::chrono::duration<double>(opt_.duration_s));
        while (!g_stop) {
            auto now = Clock::now();
            flush_due(now);
            if (now >= end) break;
            auto next = end;
            if (!queue_.empty() && queue_.top().due < next) next = queue_.top().due;
            for (const auto& h : held_) {
                if (h && h->due < next) next = h->due;
            }
            auto wait = std::chrono::duration_cast<std::chrono::nanoseconds>(next - now);
            timespec ts{static_cast<time_t>(wait.count() / 1000000000),
                        static_cast<long>(wait.count() % 1000000000)};
            pollfd fds[2] = {{front_, POLLIN, 0}, {back_, POLLIN, 0}};
            int n = ppoll(fds, 2, &ts, &wait_mask);
            if (n < 0) {
                if (errno == EINTR) continue;
                std::perror("udp_fault_proxy: ppoll");
                break;
            }
            if (fds[0].revents & POLLIN) drain(front_, Direction::to_target);
            if (fds[1].revents & POLLIN) drain(back_, Direction::to_client);
        }
        counts_.unsent_at_exit = queue_.size();
        for (const auto& h : held_) counts_.unsent_at_exit += h ? 1 : 0;
    }

    void report() const {
        std::printf("forwarded=%llu dropped=%llu duplicated=%llu reordered=%llu received=%llu "
                    "no_client=%llu send_errors=%llu unsent_at_exit=%llu\n",
                    ull(counts_.forwarded), ull(counts_.dropped), ull(counts_.duplicated),
                    ull(counts_.reordered), ull(counts_.received), ull(counts_.no_client),
                    ull(counts_.send_errors), ull(counts_.unsent_at_exit));
        std::fflush(stdout);
    }

private:
    static unsigned long long ull(std::uint64_t v) { return static_cast<unsigned long long>(v); }

    bool chance(double p) { return p > 0 && std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

    Clock::duration delay() {
        long us = static_cast<long>(opt_.delay_ms) * 1000;
        if (opt_.jitter_ms > 0) {
            long j = static_cast<long>(opt_.jitter_ms) * 1000;
            us += std::uniform_int_distribution<long>(-j, j)(rng_);
        }
        return Micros(us < 0 ? 0 : us);
    }

    void drain(int fd, Direction dir) {
        std::uint8_t buf[65536];
        for (;;) {
            sockaddr_in from{};
            socklen_t len = sizeof from;
            ssize_t n = recvfrom(fd, buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &len);
            if (n < 0) return;  // EAGAIN: drained (or a transient error; poll will tell again)
            if (dir == Direction::to_target) {
                client_ = from;
            } else if (!same_address(from, target_)) {
                continue;  // not from our target: not ours to forward
            }
            ++counts_.received;
            if (dir == Direction::to_client && !client_) {
                ++counts_.no_client;
                continue;
            }
            accept(dir, std::vector<std::uint8_t>(buf, buf + n));
        }
    }

    void accept(Direction dir, std::vector<std::uint8_t> bytes) {
        if (chance(opt_.loss)) {
            ++counts_.dropped;
            return;
        }
        const auto now = Clock::now();
        const auto due = now + delay();
        auto& held = held_[static_cast<int>(dir)];
        if (chance(opt_.dup)) {
            ++counts_.duplicated;
            queue_.push(Pending{now + delay(), order_++, dir, bytes});
        }
        if (!held && chance(opt_.reorder)) {
            // Held back until the next datagram in this direction has gone ahead of it (or, on
            // a quiet link, until a timeout, which then is no reordering and is not counted).
            held = Pending{due + std::chrono::milliseconds(50 + 2 * opt_.jitter_ms), order_++, dir,
                           std::move(bytes)};
            return;
        }
        queue_.push(Pending{due, order_++, dir, std::move(bytes)});
        if (held) {
            ++counts_.reordered;
            held->due = due + Micros(1);
            held->order = order_++;
            queue_.push(std::move(*held));
            held.reset();
        }
    }

    void flush_due(Clock::time_point now) {
        for (auto& h : held_) {
            if (h && h->due <= now) {
                queue_.push(std::move(*h));
                h.reset();
            }
        }
        while (!queue_.empty() && queue_.top().due <= now) {
            const Pending& p = queue_.top();
            const bool to_target = p.direction == Direction::to_target;
            int fd = to_target ? back_ : front_;
            const sockaddr_in& to = to_target ? target_ : *client_;
            if (sendto(fd, p.bytes.data(), p.bytes.size(), 0, reinterpret_cast<const sockaddr*>(&to),
                       sizeof to) < 0) {
                ++counts_.send_errors;  // e.g. ECONNREFUSED from an earlier ICMP: keep going
            } else {
                ++counts_.forwarded;
            }
            queue_.pop();
        }
    }

    Options opt_;
    std::mt19937_64 rng_;
    int front_ = -1;
    int back_ = -1;
    sockaddr_in target_{};
    std::optional<sockaddr_in> client_;
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> queue_;
    std::optional<Pending> held_[2];
    std::uint64_t order_ = 0;
    Counts counts_;
};

}  // namespace

int main(int argc, char** argv) {
    Options opt = parse_options(argc, argv);

    // Signals stay blocked except inside ppoll, so a SIGTERM can never slip in between the
    // flag check and the wait.
    sigset_t block, wait_mask;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigprocmask(SIG_BLOCK, &block, &wait_mask);
    sigdelset(&wait_mask, SIGINT);
    sigdelset(&wait_mask, SIGTERM);
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);

    Proxy proxy(opt);
    proxy.run(wait_mask);
    proxy.report();
    return 0;
}
