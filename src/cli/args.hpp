// Command-line parsing: global options (--data-dir, --json, --help) anywhere, the command words,
// each command's own options and positionals, and validators for the CLI's value types.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"

namespace candor::cli {

struct OptionSpec {
    std::string_view name;  // without the dashes
    bool takes_value;
};

struct ParsedArgs {
    std::vector<std::string> positionals;
    std::map<std::string, std::string, std::less<>> values;
    std::set<std::string, std::less<>> flags;

    [[nodiscard]] std::optional<std::string> value(std::string_view option) const;
    [[nodiscard]] bool flag(std::string_view option) const { return flags.contains(option); }
};

struct GlobalOptions {
    std::optional<std::string> data_dir;
    bool json = false;
    bool help = false;
};

// Takes --data-dir DIR (or --data-dir=DIR), --json and --help/-h out of `args` wherever they
// are (up to a "--"), and returns the rest in order.
[[nodiscard]] Result<std::vector<std::string>> extract_global_options(
    std::span<const std::string> args, GlobalOptions& globals);

// Parses a command's own arguments. `command` names it in messages ("pair join"). Options take
// --name VALUE or --name=VALUE; each may be given once; after "--" everything is positional,
// and "-5" is a positional (so a negative number reaches the validator and is reported as such).
[[nodiscard]] Result<ParsedArgs> parse_command_args(std::span<const std::string> args,
                                                    std::span<const OptionSpec> options,
                                                    std::string_view command);

// The data directory: --data-dir made absolute, else $XDG_DATA_HOME/candor, else
// ~/.local/share/candor (store::default_data_dir).
[[nodiscard]] Result<std::filesystem::path> resolve_data_dir(
    const std::optional<std::string>& flag);

// ---- Validators: each returns a one-line reason naming `what` ------------------------------

// Trimmed, non-empty, valid UTF-8.
[[nodiscard]] Result<std::string> validate_text(std::string_view what, std::string_view value);
// A whole number in [min, max].
[[nodiscard]] Result<std::int64_t> validate_int(std::string_view what, std::string_view value,
                                                std::int64_t min, std::int64_t max);
// An entry id or a prefix of at least 6 hex characters (returned as typed).
[[nodiscard]] Result<std::string> validate_entry_id(std::string_view value);
// HOST:PORT, with [IPv6]:PORT; port 1-65535.
[[nodiscard]] Result<std::string> validate_host_port(std::string_view what, std::string_view value);

}  // namespace candor::cli
