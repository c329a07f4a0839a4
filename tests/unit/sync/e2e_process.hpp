// End-to-end network tests' toolbox: run `candor` CLI commands, keep `candor serve` processes
// (and the UDP fault proxy) running and signal them, read the CLI's --json output, poll with a
// deadline. Self-contained (test_sync does not link the Node), POSIX only.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace candor::e2e {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// ---- A small JSON reader for the CLI's output ------------------------------------------------

struct Json {
    enum class Type { null, boolean, number, string, array, object };
    Type type = Type::null;
    bool b = false;
    double n = 0;
    std::string s;
    std::vector<Json> a;
    std::map<std::string, Json> o;

    // Member access that never throws: a missing member is null.
    [[nodiscard]] const Json& operator[](const std::string& key) const;
    [[nodiscard]] const Json& operator[](std::size_t i) const;
    [[nodiscard]] bool is_null() const { return type == Type::null; }
    [[nodiscard]] std::size_t size() const { return type == Type::array ? a.size() : o.size(); }
    [[nodiscard]] std::int64_t as_int() const { return static_cast<std::int64_t>(n); }
};

// nullopt when `text` is not one JSON value (trailing whitespace allowed).
[[nodiscard]] std::optional<Json> parse_json(const std::string& text);

// ---- Processes -------------------------------------------------------------------------------

// A fresh directory under /tmp, removed afterwards.
class TempDir {
public:
    explicit TempDir(const std::string& tag = "e2e");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const fs::path& path() const { return path_; }
    [[nodiscard]] fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

struct RunResult {
    int status = -1;  // exit code, or -N for signal N
    std::string out;
    std::string err;
};

// Runs argv (argv[0] a path) and captures stdout/stderr; SIGKILLed after `timeout`.
// Safe to call from several threads at once.
[[nodiscard]] RunResult run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout = 30s);

// A child process with stdout+stderr in a log file; SIGKILLed and reaped on destruction.
class Child {
public:
    Child(const std::vector<std::string>& argv, const fs::path& log, const std::vector<std::string>& env = {});
    ~Child();
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;
    [[nodiscard]] pid_t pid() const { return pid_; }
    [[nodiscard]] bool running();
    void signal(int signo);
    // Exit status (run()'s encoding) or nullopt if still running after `timeout`.
    std::optional<int> wait_for(std::chrono::milliseconds timeout);
    [[nodiscard]] std::string log_text() const;

private:
    pid_t pid_ = -1;
    std::optional<int> status_;
    fs::path log_;
};

// The built `candor` next to this test (CANDOR_BINARY) and the fault proxy built beside it.
[[nodiscard]] fs::path candor_binary();
[[nodiscard]] fs::path fault_proxy_binary();  // may not exist

// `candor ARGS --data-dir DIR --json`, parsed when the exit status is 0.
struct CliResult {
    RunResult raw;
    std::optional<Json> json;
    [[nodiscard]] int status() const { return raw.status; }
};
[[nodiscard]] CliResult cli(const fs::path& dir, std::vector<std::string> args, std::chrono::milliseconds timeout = 30s);

// A `candor serve` for one data directory; restartable (same directory, same port).
class Serve {
public:
    Serve(fs::path dir, std::string name, std::vector<std::string> extra = {"--no-discovery"});
    ~Serve();
    Serve(const Serve&) = delete;
    Serve& operator=(const Serve&) = delete;

    // Starts on `port` (0: any free port, then the first real port is kept for restarts) and
    // waits until `status` answers. False with the log in `why()` when it did not come up.
    bool start(int port = -1);
    bool stop(int signo = 15);  // SIGTERM by default; waits for the exit
    void kill9();               // SIGKILL, reaped
    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] const fs::path& dir() const { return dir_; }
    [[nodiscard]] std::string endpoint() const { return "127.0.0.1:" + std::to_string(port_); }
    [[nodiscard]] std::string why() const;
    [[nodiscard]] Child* child() { return child_.get(); }

private:
    fs::path dir_;
    std::string name_;
    std::vector<std::string> extra_;
    int port_ = 0;
    int starts_ = 0;
    std::unique_ptr<Child> child_;
};

// ---- Convenience over the CLI ---------------------------------------------------------------

// Polls `pred` every `step` until it is true or `timeout` passes; true if it became true.
bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds timeout,
                std::chrono::milliseconds step = 50ms);

// `feed --json --limit 100000`: every entry this Node holds (empty when the call failed).
[[nodiscard]] std::vector<Json> feed(const fs::path& dir);
// Entry ids in a feed, and texts.
[[nodiscard]] std::vector<std::string> ids_of(const std::vector<Json>& entries);
// `status --json` .entries (-1 when the call failed).
[[nodiscard]] std::int64_t entry_count(const fs::path& dir);
// `status --json` .paired[0].undelivered: my entries the partner has not confirmed as saved (-1: failed).
[[nodiscard]] std::int64_t undelivered_count(const fs::path& dir);
// `pair invite` on A and `pair join CODE --peer` on B; returns B's join result.
[[nodiscard]] CliResult pair(const Serve& a, const Serve& b, const std::string& peer);
// Posts `count` updates "<prefix> i" using `parallel` concurrent CLI processes. Returns how many
// the CLI reported as saved (exit 0).
int post_updates(const fs::path& dir, const std::string& prefix, int count, int parallel = 4);

// One request straight to DIR/control.sock (u32 little-endian length + JSON), for arguments the
// CLI does not allow (e.g. an invite TTL below its 30 s floor). Returns the response text.
[[nodiscard]] std::optional<std::string> control_request(const fs::path& dir, const std::string& request_json);

}  // namespace candor::e2e
