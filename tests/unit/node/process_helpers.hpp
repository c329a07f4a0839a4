// Spawning real `candor` processes for the node tests and the node benchmark: run a command and
// capture its output and exit code, or keep a `candor serve` running and signal or kill it.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "node/json.hpp"

namespace candor::node::test {

// A fresh directory, removed with everything in it afterwards.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// How a process ended: its exit code, or -N when signal N killed it.
struct ProcessResult {
    int status = -1;
    std::string out;
    std::string err;
    bool timed_out = false;  // it was SIGKILLed after the timeout
};

// Runs argv[0] (a path) with argv, waits for it and captures stdout and stderr separately.
// Safe to call from several threads at once (close-on-exec pipes, posix_spawn).
[[nodiscard]] ProcessResult run_process(const std::vector<std::string>& argv,
                                        std::chrono::milliseconds timeout = std::chrono::seconds(20));

// A child process whose stdout and stderr go to a file. The destructor SIGKILLs and reaps it if
// it is still running, so a failing test never leaves a Node behind.
class ChildProcess {
public:
    // Empty `pid()` (-1) when the spawn failed.
    ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& output_file);
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    [[nodiscard]] pid_t pid() const { return pid_; }
    [[nodiscard]] bool running();
    bool signal(int signo);
    // The ProcessResult::status encoding, or nullopt if it is still running after `timeout`.
    [[nodiscard]] std::optional<int> wait_for(std::chrono::milliseconds timeout);
    [[nodiscard]] std::string output() const;  // what it wrote so far

private:
    pid_t pid_ = -1;
    std::optional<int> status_;
    std::filesystem::path output_file_;
};

// `candor serve --data-dir DIR --port 0 [extra…]`, logging to LOG.
class ServeProcess {
public:
    ServeProcess(const std::filesystem::path& binary, const std::filesystem::path& data_dir,
                 const std::filesystem::path& log, std::vector<std::string> extra = {});
    // Waits for the "is running" line (the control socket is up by then). False if the process
    // exited or did not get there in time.
    [[nodiscard]] bool wait_ready(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    [[nodiscard]] ChildProcess& process() { return process_; }

private:
    ChildProcess process_;
};

// `binary args… --data-dir DIR`; when `json`, also --json.
[[nodiscard]] ProcessResult run_cli(const std::filesystem::path& binary, const std::filesystem::path& data_dir,
                                    std::vector<std::string> args, bool json = true);

// The same with `input` on its stdin (through /bin/sh: `exec … < FILE`, the file in `scratch`).
[[nodiscard]] ProcessResult run_cli_with_input(const std::filesystem::path& binary, const std::filesystem::path& data_dir,
                                               std::vector<std::string> args, const std::string& input,
                                               const std::filesystem::path& scratch, bool json = true);
// argv as one /bin/sh command that execs it with stdin from `input_file`.
[[nodiscard]] std::vector<std::string> with_stdin(const std::vector<std::string>& argv,
                                                  const std::filesystem::path& input_file);

// Parses a command's --json stdout (one JSON value and a newline); nullopt when it is not JSON.
[[nodiscard]] std::optional<json::Value> parse_json_output(const std::string& out);

}  // namespace candor::node::test
