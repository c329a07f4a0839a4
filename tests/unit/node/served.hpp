// Test helper (doctest): one data directory with a running `candor serve`, driven through the
// real CLI, and a raw connection to its control socket as any program of the user could open.
#pragma once

#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "process_helpers.hpp"

namespace candor::node::test {

namespace fs = std::filesystem;

inline fs::path served_binary() { return CANDOR_BINARY; }

// A data directory with a running `candor serve`; the log lives next to it, not inside.
struct Served {
    TempDir tmp;
    fs::path data = tmp.path() / "data";
    std::unique_ptr<ServeProcess> serve;

    explicit Served(std::vector<std::string> extra = {}) {
        REQUIRE(fs::exists(served_binary()));
        serve = std::make_unique<ServeProcess>(served_binary(), data, tmp.path() / "serve.log", std::move(extra));
        REQUIRE_MESSAGE(serve->wait_ready(), serve->process().output());
    }
    ProcessResult cli(std::vector<std::string> args, bool json = true) const {
        return run_cli(served_binary(), data, std::move(args), json);
    }
    json::Value ok_json(std::vector<std::string> args) const {
        const std::string shown = args.empty() ? std::string() : args[0];
        const ProcessResult r = cli(std::move(args));
        INFO(shown << " -> exit " << r.status << ", stderr: " << r.err);
        REQUIRE(r.status == 0);
        CHECK(r.err.empty());
        auto parsed = parse_json_output(r.out);
        REQUIRE_MESSAGE(parsed.has_value(), r.out);
        return std::move(*parsed);
    }
    std::size_t feed_count() const {
        const json::Value feed = ok_json({"feed", "--limit", "100000"});
        REQUIRE(feed.is_array());
        return feed.if_array()->size();
    }
};

// A plain blocking connection to a control socket; REQUIREs that it connects.
inline int connect_control_socket(const fs::path& socket) {
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, socket.c_str(), sizeof addr.sun_path - 1);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    return fd;
}

}  // namespace candor::node::test
