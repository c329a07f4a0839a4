// The control socket DIR/control.sock: ControlServer answers requests from the CLI on its own
// threads through one handler function; ControlClient makes one call to a running Node.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "common/result.hpp"
#include "node/json.hpp"

namespace candor::node {

// Exactly the message of the CLI spec; the CLI prints it and exits 2.
[[nodiscard]] std::string not_running_message(const std::filesystem::path& dir);

class ControlServer {
public:
    // Gets a request that passed control::parse_request and returns the whole response
    // (control::make_ok_response / make_error_response). It runs on a connection thread and may
    // block while the Node works, but must return once the Node is stopping, because stop()
    // waits for it. An exception becomes a code-3 response.
    using Handler = std::function<json::Value(const json::Value& request)>;

    struct Options {
        // Connections from any other user are refused (SO_PEERCRED). Default: our own euid.
        std::optional<uid_t> allowed_uid;
        // A connection that sends nothing for this long is closed. When all max_connections
        // are taken, the one idle longest makes room for the newcomer; only when every one is
        // inside a handler does the newcomer get "busy" (code 3).
        std::chrono::milliseconds idle_timeout{10'000};
        std::size_t max_connections = 16;
    };

    // Binds DIR/control.sock with mode 0600 and starts the accept thread. A socket file left by
    // a crashed Node is removed only after checking that nobody answers on it; if someone does,
    // this fails with "another Candor node is already running for DIR".
    [[nodiscard]] static Result<std::unique_ptr<ControlServer>> start(
        const std::filesystem::path& dir, Handler handler, Options options);
    [[nodiscard]] static Result<std::unique_ptr<ControlServer>> start(
        const std::filesystem::path& dir, Handler handler) {
        return start(dir, std::move(handler), Options{});
    }

    ~ControlServer();
    ControlServer(const ControlServer&) = delete;
    ControlServer& operator=(const ControlServer&) = delete;

    // Unblocks accept and every idle connection, waits for running handlers, joins all threads
    // and removes the socket file (if it is still ours). Idempotent.
    void stop();

    [[nodiscard]] const std::filesystem::path& socket_path() const { return path_; }

private:
    struct Connection {
        int fd = -1;  // closed by its thread, under connections_mutex_, just before done is set
        std::thread thread;
        std::atomic<bool> done{false};
        std::atomic<bool> in_handler{false};
        std::atomic<std::int64_t> idle_since_ns{0};  // steady clock, when it last finished a request
    };

    ControlServer(std::filesystem::path path, Handler handler, Options options);
    void accept_loop();
    void serve_connection(Connection& connection);
    void reap_finished_connections();
    // Under connections_mutex_: shuts down the connection idle longest; false if all are busy.
    bool evict_idle_connection();

    std::filesystem::path path_;
    Handler handler_;
    Options options_;
    int listen_fd_ = -1;
    int wake_read_fd_ = -1;
    int wake_write_fd_ = -1;
    dev_t socket_dev_ = 0;
    ino_t socket_ino_ = 0;
    std::atomic<bool> stopped_{false};
    std::thread accept_thread_;
    std::mutex connections_mutex_;
    std::list<std::unique_ptr<Connection>> connections_;
};

class ControlClient {
public:
    // Sends one request to the Node of `dir` and returns its response message (which may itself
    // be an error response: see control::parse_response). A Node that is running but too busy
    // to take the call, or does not answer in time, comes back as an error response with
    // control::kCodeFailed (the CLI's exit 3). The error cases all mean "exit 2": no Node is
    // running (exactly not_running_message(dir)), or it could not be reached.
    [[nodiscard]] static Result<json::Value> call(const std::filesystem::path& dir,
                                                  const json::Value& request,
                                                  std::chrono::milliseconds timeout);
};

}  // namespace candor::node
