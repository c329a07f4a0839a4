// Reading passphrases for `lock`, `backup`, `restore` and a locked `serve`: from the terminal
// with echo off (each new one typed twice), or one line per passphrase on stdin with
// --passphrase-stdin. Also the start of a Node on a locked directory.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "common/result.hpp"
#include "crypto/pwhash.hpp"
#include "store/keys.hpp"

namespace candor::cli {

enum class Confirm { once, twice };  // twice: a new passphrase, typed again to catch typos

// The next passphrase: one line of stdin (without its line ending) when `from_stdin`, else asked
// on the terminal after `prompt`. Fails when stdin ends, or there is no terminal to ask on.
[[nodiscard]] Result<crypto::Passphrase> read_passphrase(bool from_stdin, const std::string& prompt,
                                                         Confirm confirm = Confirm::once);

// Waits out the delay after wrong passphrases for `dir` (store::unlock_delay), if any.
void wait_unlock_delay(const std::filesystem::path& dir);

// For `serve` and `candor --background`: nothing to do (keys null, exit 0) when `dir` is not
// locked; else reads the passphrase from stdin and unlocks. Without --passphrase-stdin: exit 2,
// "this data directory is locked"; a wrong passphrase: exit 1. Prints the reason on stderr.
struct StartKeys {
    int exit_code = 0;
    std::shared_ptr<const store::DeviceKeys> keys;
};
[[nodiscard]] StartKeys unlock_for_start(const std::filesystem::path& dir, bool passphrase_stdin);

}  // namespace candor::cli
