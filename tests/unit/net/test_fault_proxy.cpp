// Runs the real tools/udp_fault_proxy between a UDP client and an echo server on loopback.
// The binary comes from $CANDOR_UDP_FAULT_PROXY, else ../tools/udp_fault_proxy next to this
// test's build directory; without it the test is skipped with a message.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

extern char** environ;

namespace {

std::string proxy_binary() {
    if (const char* env = std::getenv("CANDOR_UDP_FAULT_PROXY")) return env;
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    auto candidate = self.parent_path().parent_path() / "tools" / "udp_fault_proxy";
    return std::filesystem::exists(candidate) ? candidate.string() : std::string{};
}

int udp_bound() {
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    return fd;
}

std::uint16_t port_of(int fd) {
    sockaddr_in a{};
    socklen_t len = sizeof a;
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    return ntohs(a.sin_port);
}

// A running proxy whose stdout we read; stopped with SIGTERM, which makes it print its counts.
struct ProxyProcess {
    pid_t pid = -1;
    int out = -1;
    std::string text;

    ProxyProcess(const std::string& binary, std::vector<std::string> args) {
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        std::vector<char*> argv;
        args.insert(args.begin(), binary);
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        REQUIRE(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        out = fds[0];
    }
    ~ProxyProcess() {
        if (pid > 0) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
        if (out >= 0) close(out);
    }
    // Reads until a newline or the deadline; returns the first line.
    std::string first_line() {
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (text.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
            pollfd p{out, POLLIN, 0};
            if (poll(&p, 1, 100) > 0) {
                char buf[256];
                ssize_t n = read(out, buf, sizeof buf);
                if (n <= 0) break;
                text.append(buf, static_cast<std::size_t>(n));
            }
        }
        return text.substr(0, text.find('\n'));
    }
    std::map<std::string, long> stop_and_count() {
        kill(pid, SIGTERM);
        char buf[512];
        ssize_t n;
        while ((n = read(out, buf, sizeof buf)) > 0) text.append(buf, static_cast<std::size_t>(n));
        int status = 0;
        waitpid(pid, &status, 0);
        pid = -1;
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
        std::map<std::string, long> counts;
        std::istringstream last(text.substr(text.find('\n') + 1));
        std::string kv;
        while (last >> kv) {
            auto eq = kv.find('=');
            if (eq != std::string::npos) counts[kv.substr(0, eq)] = std::stol(kv.substr(eq + 1));
        }
        return counts;
    }
};

struct EchoRun {
    std::vector<std::uint32_t> replies;
    std::map<std::string, long> counts;
};

// Sends `count` numbered datagrams through the proxy to an echo server, collects the echoes
// until `count` arrived or the line was quiet for a second.
EchoRun echo_through_proxy(const std::string& binary, std::vector<std::string> fault_args,
                           std::uint32_t count) {
    int server = udp_bound();
    int client = udp_bound();
    std::vector<std::string> args{"--listen", "0", "--to",
                                  "127.0.0.1:" + std::to_string(port_of(server)), "--duration",
                                  "20"};
    args.insert(args.end(), fault_args.begin(), fault_args.end());
    ProxyProcess proxy(binary, args);
    std::string line = proxy.first_line();
    auto colon = line.find("127.0.0.1:");
    REQUIRE(colon != std::string::npos);
    int proxy_port = std::stoi(line.substr(colon + 10));
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    to.sin_port = htons(static_cast<std::uint16_t>(proxy_port));

    // Sent in small bursts between echo service: a burst of hundreds would overflow a default
    // socket buffer, which would be loss the proxy did not cause.
    // Bursts also wait while 32 are outstanding, so a slow proxy (a loaded machine, a sanitizer
    // build) never sees its buffer overflow; after a quiet poll the next burst goes regardless,
    // since with faults some replies never come.
    EchoRun run;
    std::uint32_t next = 0;
    bool quiet = false;
    while (run.replies.size() < count) {
        const bool window_open = next - std::min<std::uint32_t>(next, static_cast<std::uint32_t>(run.replies.size())) < 32;
        for (int burst = 0; burst < 16 && next < count && (window_open || quiet); ++burst, ++next) {
            REQUIRE(sendto(client, &next, sizeof next, 0, reinterpret_cast<sockaddr*>(&to),
                           sizeof to) == sizeof next);
        }
        pollfd fds[2] = {{server, POLLIN, 0}, {client, POLLIN, 0}};
        int ready = poll(fds, 2, next < count ? 2 : 1000);
        if (ready < 0) break;
        quiet = ready == 0;
        if (ready == 0 && next >= count) break;  // quiet: whatever was coming has come
        std::uint32_t v = 0;
        sockaddr_in from{};
        socklen_t len = sizeof from;
        while (recvfrom(server, &v, sizeof v, MSG_DONTWAIT, reinterpret_cast<sockaddr*>(&from),
                        &len) == sizeof v) {
            sendto(server, &v, sizeof v, 0, reinterpret_cast<sockaddr*>(&from), len);
        }
        while (recv(client, &v, sizeof v, MSG_DONTWAIT) == sizeof v) run.replies.push_back(v);
    }
    run.counts = proxy.stop_and_count();
    close(server);
    close(client);
    return run;
}

}  // namespace

TEST_CASE("udp_fault_proxy: without faults every datagram goes through once, in order") {
    std::string binary = proxy_binary();
    if (binary.empty()) {
        MESSAGE("skipped: udp_fault_proxy not built (set CANDOR_UDP_FAULT_PROXY to its path)");
        return;
    }
    EchoRun run = echo_through_proxy(binary, {}, 300);
    REQUIRE(run.replies.size() == 300);
    for (std::uint32_t i = 0; i < 300; ++i) CHECK(run.replies[i] == i);
    CHECK(run.counts["forwarded"] == 600);
    CHECK(run.counts["dropped"] == 0);
    CHECK(run.counts["duplicated"] == 0);
    CHECK(run.counts["reordered"] == 0);
}

TEST_CASE("udp_fault_proxy: loss, duplication and reordering happen and are counted") {
    std::string binary = proxy_binary();
    if (binary.empty()) {
        MESSAGE("skipped: udp_fault_proxy not built (set CANDOR_UDP_FAULT_PROXY to its path)");
        return;
    }
    EchoRun run = echo_through_proxy(binary,
                                     {"--loss", "0.2", "--dup", "0.1", "--reorder", "0.2",
                                      "--delay-ms", "2", "--jitter-ms", "1", "--seed", "42"},
                                     300);
    std::set<std::uint32_t> unique(run.replies.begin(), run.replies.end());
    int inversions = 0;
    for (std::size_t k = 1; k < run.replies.size(); ++k) inversions += run.replies[k] < run.replies[k - 1];
    CHECK(unique.size() < 300);                    // some were lost (each way 20%)
    CHECK(unique.size() > 100);                    // most got through
    CHECK(run.replies.size() > unique.size());     // some arrived twice
    CHECK(inversions > 0);                         // some arrived out of order
    CHECK(run.counts["dropped"] > 0);
    CHECK(run.counts["duplicated"] > 0);
    CHECK(run.counts["reordered"] > 0);
    // Every datagram the proxy took in was dropped, forwarded (plus its copies) or still queued.
    CHECK(run.counts["received"] + run.counts["duplicated"] ==
          run.counts["forwarded"] + run.counts["dropped"] + run.counts["unsent_at_exit"] +
              run.counts["send_errors"]);
}
