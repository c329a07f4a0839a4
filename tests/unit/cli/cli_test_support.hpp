// Test helpers for the CLI: a temporary data directory, a fake Node answering on a real control
// socket and recording each request, and a runner that captures output and the exit code.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <functional>
#include <mutex>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "node/control_protocol.hpp"
#include "node/control_socket.hpp"

namespace candor::cli::test {

// Monday 2026-11-23 17:30 UTC, 18:30 in Paris (+01:00).
inline constexpr std::int64_t kNow = 1'795'455'000'000;
inline constexpr std::int64_t kMinute = 60'000;
inline constexpr std::int64_t kHour = 60 * kMinute;

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "candor-cli-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    [[nodiscard]] std::string str() const { return path.string(); }
    std::filesystem::path write(const std::string& name, const std::string& content) const {
        std::ofstream(path / name, std::ios::binary) << content;
        return path / name;
    }
};

struct RunResult {
    int code = -1;
    std::string out;
    std::string err;
};

inline RunResult run_candor(const std::vector<std::string>& args,
                            const TimeContext& time = fixed_time_context(kNow, 60)) {
    std::ostringstream out;
    std::ostringstream err;
    CliEnvironment env{out, err, time};
    RunResult r;
    r.code = run_cli(args, env);
    r.out = out.str();
    r.err = err.str();
    return r;
}

class FakeNode {
public:
    FakeNode() {
        auto server = node::ControlServer::start(dir.path, [this](const json::Value& request) {
            std::lock_guard lock(mutex_);
            requests_.push_back(request);
            if (on_request) on_request(request);
            return response_;
        });
        REQUIRE_MESSAGE(server.ok(), (server.ok() ? "" : server.message()));
        server_ = std::move(*server);
    }

    // Runs candor with --data-dir pointing at this Node.
    RunResult run(std::vector<std::string> args) {
        args.insert(args.begin(), {"--data-dir", dir.str()});
        return run_candor(args);
    }
    void answer_ok(json::Value result) {
        std::lock_guard lock(mutex_);
        response_ = node::control::make_ok_response(std::move(result));
    }
    // The result of the answer set last (to wrap it, e.g. into a feed page).
    json::Value last_answer() {
        std::lock_guard lock(mutex_);
        return response_["result"];
    }
    void answer_error(int code, std::string_view message) {
        std::lock_guard lock(mutex_);
        response_ = node::control::make_error_response(code, message);
    }
    std::size_t request_count() {
        std::lock_guard lock(mutex_);
        return requests_.size();
    }
    json::Value last_request() {
        std::lock_guard lock(mutex_);
        REQUIRE_FALSE(requests_.empty());
        return requests_.back();
    }

    TempDir dir;
    // Runs on the server's thread before each answer (what a real Node would do besides answering).
    std::function<void(const json::Value&)> on_request;

private:
    std::mutex mutex_;
    std::vector<json::Value> requests_;
    json::Value response_ = node::control::make_ok_response(json::Object{});
    std::unique_ptr<node::ControlServer> server_;
};

}  // namespace candor::cli::test
