// The `candor` command line: a table of subcommands (ImHex-style handlers returning exit codes)
// that talk to the running Node over the control socket. main.cpp runs the app, `serve` and
// `demo` itself and hands every other command to run_cli().
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli/args.hpp"
#include "cli/time_parse.hpp"

namespace candor::cli {

// Exit codes of the spec.
inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 1;
inline constexpr int kExitNoNode = 2;
inline constexpr int kExitFailed = 3;

struct Invocation;
using CommandHandler = int (*)(Invocation&);

struct CommandSpec {
    std::string_view name;     // "status", "pair join"
    std::string_view usage;    // arguments after the name, for help
    std::string_view summary;  // one line for `candor --help`
    std::span<const OptionSpec> options;
    std::size_t min_positionals;
    std::size_t max_positionals;
    CommandHandler handler;  // nullptr: handled by main.cpp (the app, serve, demo)
    bool available;          // false: listed in help as "coming soon"
};

// Every command, including serve and demo (without handlers), in help order.
[[nodiscard]] std::span<const CommandSpec> commands();

struct ParsedCommandLine {
    const CommandSpec* command = nullptr;  // nullptr: no command words (plain `candor`)
    GlobalOptions globals;
    ParsedArgs args;
};
// Splits global options, finds the command ("pair join" takes two words) and parses its
// arguments against its table entry. Errors are the one line to print before exiting 1.
[[nodiscard]] Result<ParsedCommandLine> parse_command_line(std::span<const std::string> args);

struct CliEnvironment {
    std::ostream& out;
    std::ostream& err;
    TimeContext time;
};

// Runs one CLI command; `args` are the words after the program name. Prints the spec's human
// or --json output and returns its exit code. Also answers --help for every command, including
// `candor --help` and `candor serve --help`.
[[nodiscard]] int run_cli(std::span<const std::string> args, CliEnvironment& env);
// Same with std::cout, std::cerr and the local clock; argv without the program name.
[[nodiscard]] int run_cli(std::span<char* const> args);

void print_usage(std::ostream& out);
void print_command_help(std::ostream& out, const CommandSpec& command);

}  // namespace candor::cli
