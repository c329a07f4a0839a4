// Test helper: one device of an end-to-end test — its data directory and, while it runs, its
// `candor serve` (restarted on the same port) — driven through the real CLI.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "process_helpers.hpp"

namespace candor::node::test {

struct CliDevice {
    CliDevice(std::filesystem::path data_dir, std::string device_name, std::filesystem::path log_dir);

    std::filesystem::path dir;
    std::string name;
    std::filesystem::path logs;
    int port = 0;  // chosen by the first start, kept for restarts
    int starts = 0;
    std::unique_ptr<ChildProcess> serve;
    std::string passphrase;  // non-empty: start() gives it to `serve --passphrase-stdin`

    bool start();  // false when the serve did not come up within 10 s
    bool stop();   // SIGTERM; true when it exited 0
    [[nodiscard]] ProcessResult cli(std::vector<std::string> args, bool json = true) const;
    // With `input` on stdin (passphrases for --passphrase-stdin, one per line).
    [[nodiscard]] ProcessResult cli_input(std::vector<std::string> args, const std::string& input) const;
    // Runs a command that must succeed (REQUIRE) and returns its JSON.
    [[nodiscard]] json::Value ok(std::vector<std::string> args) const;
    [[nodiscard]] std::string endpoint() const { return "127.0.0.1:" + std::to_string(port); }
    [[nodiscard]] bool partner_online() const;
    [[nodiscard]] std::int64_t entries() const;
};

// Alex and Sam, each with a running `candor serve` in a fresh temporary folder, paired (REQUIREd).
struct PairedCli {
    TempDir tmp;
    CliDevice a{tmp.path() / "A", "Alex", tmp.path()};
    CliDevice b{tmp.path() / "B", "Sam", tmp.path()};
    json::Value joined;  // `pair join`'s JSON
    PairedCli();
};

// Pairs `joiner` with `inviter` through `pair invite` / `pair join --peer` and waits until both
// say the other is online. Returns `pair join`'s JSON.
json::Value pair_devices(const CliDevice& inviter, const CliDevice& joiner);

// A refusal: exit `code`, nothing on stdout, exactly one non-empty line on stderr (containing
// `says` when given).
void check_refused(const CliDevice& d, std::vector<std::string> args, int code, const std::string& says = {});

// Writes `text` to `path` (a JSON file for --file) and returns the path.
std::filesystem::path write_file(const std::filesystem::path& path, const std::string& text);

// Polls `pred` every 50 ms until it holds or `timeout` passes.
bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace candor::node::test
