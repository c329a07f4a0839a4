// InterfaceWatch hears the kernel say an address appeared. In a network namespace of its own
// (a forked child: the test machine's interfaces are never touched), a veth interface gets an
// address; the watch must report it and call back. Needs root and `ip` (as the netns e2e tests do);
// without them it says so and checks nothing.
#include <doctest/doctest.h>

#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "net/interface_watch.hpp"

using namespace std::chrono_literals;

namespace {

// In the child: 0 when the watch saw the change, 1-4 for which step failed, 77 to skip.
int watch_in_own_namespace() {
    if (::unshare(CLONE_NEWNET) != 0) return 77;
    std::atomic<int> calls{0};
    auto watch = candor::net::InterfaceWatch::start([&] { ++calls; });
    if (!watch) return 1;
    if (!watch->take_changed()) return 2;  // the first look is always due
    if (watch->take_changed()) return 2;
    if (std::system("ip link add cw0 type veth peer name cw1 && ip addr add 10.213.0.1/24 dev cw0 && ip link set cw0 up") != 0)
        return 77;
    for (int i = 0; i < 200 && calls.load() == 0; ++i) std::this_thread::sleep_for(10ms);
    if (calls.load() == 0) return 3;
    if (!watch->take_changed()) return 4;
    return 0;
}

}  // namespace

TEST_CASE("interface watch: an address added in this namespace is reported at once") {
    if (::geteuid() != 0 || std::system("command -v ip >/dev/null 2>&1") != 0) {
        MESSAGE("SKIPPED: needs root and ip(8) for a network namespace");
        return;
    }
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) ::_exit(watch_in_own_namespace());
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        MESSAGE("SKIPPED: no network namespace here");
        return;
    }
    CHECK(WEXITSTATUS(status) == 0);
}
