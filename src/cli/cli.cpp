// The command table, command-line resolution, help, and run_cli (cli.hpp).
#include "cli/cli.hpp"
#include "common/text.hpp"

#include <cctype>
#include <iostream>
#include <ostream>

#include "cli/commands.hpp"
#include "node/control_protocol.hpp"

namespace candor::cli {

namespace {

constexpr OptionSpec kServeOptions[] = {
    {"name", true}, {"port", true}, {"bind", true}, {"no-discovery", false}, {"passphrase-stdin", false}};
constexpr OptionSpec kPassphraseOptions[] = {{"passphrase-stdin", false}};
constexpr OptionSpec kBackupOptions[] = {{"out", true}, {"passphrase-stdin", false}};
constexpr OptionSpec kInviteOptions[] = {{"ttl", true}};
constexpr OptionSpec kJoinOptions[] = {{"peer", true}, {"timeout", true}};
constexpr OptionSpec kUpdateOptions[] = {{"where", true}, {"until", true}};
constexpr OptionSpec kLateOptions[] = {{"reason", true}, {"for", true}};
constexpr OptionSpec kDueOptions[] = {{"due", true}};
constexpr OptionSpec kNoteOptions[] = {{"note", true}};
constexpr OptionSpec kRenegotiateOptions[] = {{"due", true}, {"note", true}};
constexpr OptionSpec kFeedOptions[] = {{"kind", true}, {"limit", true}};
constexpr OptionSpec kOpenOptions[] = {{"open", false}};
constexpr OptionSpec kVersionOptions[] = {{"version", true}};
constexpr OptionSpec kFileOptions[] = {{"file", true}};
constexpr OptionSpec kReviewOptions[] = {{"note", true}, {"next", true}};
constexpr OptionSpec kAnswerOptions[] = {{"note", true}, {"due", true}};
constexpr OptionSpec kForOptions[] = {{"for", true}};
constexpr OptionSpec kExportOptions[] = {{"format", true}, {"out", true}};
constexpr OptionSpec kReasonOptions[] = {{"reason", true}};
constexpr OptionSpec kDailyOptions[] = {{"safe", true}, {"connected", true}, {"trust", true}, {"note", true}};
constexpr OptionSpec kCheckinsOptions[] = {{"kind", true}, {"limit", true}};
constexpr OptionSpec kTextNoteOptions[] = {{"text", true}, {"note", true}};
constexpr OptionSpec kLimitOptions[] = {{"limit", true}};
constexpr OptionSpec kSecondsOptions[] = {{"seconds", true}};
constexpr OptionSpec kPauseOptions[] = {{"until", true}, {"note", true}};
constexpr OptionSpec kWeeksOptions[] = {{"weeks", true}};

// Pairing, unpairing and connect need the network layer: flip `available` when it lands.
constexpr CommandSpec kCommands[] = {
    {"serve", "[--name NAME] [--port PORT] [--bind ADDR] [--no-discovery] [--passphrase-stdin]",
     "run the Node without a window until Ctrl+C", kServeOptions, 0, 0, nullptr, true},
    {"demo", "", "two Nodes (Alex and Sam) paired over loopback, each with a window", {}, 0, 0,
     nullptr, true},
    {"status", "", "this device and its partner", {}, 0, 0, cmd_status, true},
    {"pair invite", "[--ttl SECONDS]", "start pairing and show a code", kInviteOptions, 0, 0,
     cmd_pair_invite, true},
    {"pair join", "CODE [--peer HOST:PORT] [--timeout S]", "pair with the device showing CODE",
     kJoinOptions, 1, 1, cmd_pair_join, true},
    {"pair list", "", "paired devices", {}, 0, 0, cmd_pair_list, true},
    {"unpair", "DEVICE_ID", "forget a device; it can no longer connect", {}, 1, 1, cmd_unpair, true},
    {"connect", "HOST:PORT", "remember an address for the paired device", {}, 1, 1, cmd_connect,
     true},
    {"update", "TEXT [--where PLACE] [--until TIME]", "post a transparency update", kUpdateOptions,
     1, 1, cmd_update, true},
    {"late", "MINUTES [--reason TEXT] [--for ID]", "say you are running late", kLateOptions, 1, 1,
     cmd_late, true},
    {"commit", "TEXT --due TIME", "make a commitment", kDueOptions, 1, 1, cmd_commit, true},
    {"keep", "ID [--note TEXT]", "resolve a commitment as kept", kNoteOptions, 1, 1, cmd_keep, true},
    {"miss", "ID [--note TEXT]", "resolve a commitment as missed", kNoteOptions, 1, 1, cmd_miss, true},
    {"renegotiate", "ID --due TIME [--note TEXT]", "move a commitment's due time, visibly",
     kRenegotiateOptions, 1, 1, cmd_renegotiate, true},
    {"ack", "ID [--note TEXT]", "acknowledge your partner's entry (\"seen, thank you\")",
     kNoteOptions, 1, 1, cmd_ack, true},
    {"ask", "TEXT --due TIME", "ask your partner for a commitment (\"text me when you leave?\")",
     kDueOptions, 1, 1, cmd_ask, true},
    {"answer", "ID accept|decline [--note TEXT] [--due TIME]",
     "answer your partner's request; accepting makes it your commitment", kAnswerOptions, 2, 2,
     cmd_answer, true},
    {"arrived", "[--for ID]", "end your running-late notice (\"I'm here\")", kForOptions, 0, 0,
     cmd_arrived, true},
    {"checkin daily", "--safe N --connected N --trust N [--note TEXT]",
     "today's one-minute check-in (each 1-5), sealed until your partner has answered too", kDailyOptions, 0, 0,
     cmd_checkin_daily, true},
    {"checkin weekly", "--file FILE",
     "this week's \"State of us\"; FILE: {\"appreciations\": [\"...\"], \"went_right\", \"issue\", \"request\"}",
     kFileOptions, 0, 0, cmd_checkin_weekly, true},
    {"checkin withdraw", "ID [--note TEXT]", "take back your check-in before anything of it was opened",
     kNoteOptions, 1, 1, cmd_checkin_withdraw, true},
    {"checkin reveal", "ID", "open your check-in after its day or week, though your partner never answered", {}, 1, 1,
     cmd_checkin_reveal, true},
    {"checkins", "[--kind daily|weekly] [--limit N]", "check-ins, newest first; your partner's once both answered",
     kCheckinsOptions, 0, 0, cmd_checkins, true},
    {"progress", "[--weeks N]", "week by week, oldest first (4-52 weeks, default 12), and the milestones reached",
     kWeeksOptions, 0, 0, cmd_progress, true},
    {"reassure ask", "[--note TEXT]", "ask your partner for reassurance (your code word)", kNoteOptions,
     0, 0, cmd_reassure_ask, true},
    {"reassure answer", "ID --text TEXT", "answer your partner's request for reassurance",
     kTextNoteOptions, 1, 1, cmd_reassure_answer, true},
    {"reassure settled", "ID [--note TEXT]", "say you feel settled again (only the one who asked)",
     kNoteOptions, 1, 1, cmd_reassure_settled, true},
    {"reassure facts", "ID --text TEXT", "add what happened, facts not guesses, to a request",
     kTextNoteOptions, 1, 1, cmd_reassure_facts, true},
    {"reassurances", "[--limit N]", "requests for reassurance with their answers", kLimitOptions, 0, 0,
     cmd_reassurances, true},
    {"breathe", "[--seconds N]", "breathe together: a guide on both computers at once (30-300 s)",
     kSecondsOptions, 0, 0, cmd_breathe, true},
    {"pause", "--until TIME [--note TEXT]",
     "a time-out: you need a pause and will be back by TIME (20 min to 24 h; again: extends it)",
     kPauseOptions, 0, 0, cmd_pause, true},
    {"resume", "[--note TEXT]", "you're ready to talk again; ends your pause", kNoteOptions, 0, 0,
     cmd_resume, true},
    {"apology", "--file FILE", "a real apology; each plan step with a due time becomes your commitment",
     kFileOptions, 0, 0, cmd_apology, true},
    {"apology-answer", "ID read|not-ready [--note TEXT]", "answer your partner's apology",
     kNoteOptions, 2, 2, cmd_apology_answer, true},
    {"feed", "[--kind KIND] [--limit N]", "the shared history, newest first", kFeedOptions, 0, 0,
     cmd_feed, true},
    {"commitments", "[--open]", "commitments with their current status", kOpenOptions, 0, 0,
     cmd_commitments, true},
    {"agreement show", "[--version V]", "the active agreement (or version V)", kVersionOptions, 0,
     0, cmd_agreement_show, true},
    {"agreement propose", "--file FILE", "propose a new version from an agreement JSON file",
     kFileOptions, 0, 0, cmd_agreement_propose, true},
    {"agreement accept", "V", "accept proposed version V", {}, 1, 1, cmd_agreement_accept, true},
    {"agreement decline", "V [--note TEXT]", "decline proposed version V", kNoteOptions, 1, 1,
     cmd_agreement_decline, true},
    {"agreement review", "--note TEXT [--next TIME]",
     "record a review together and the next review date", kReviewOptions, 0, 0,
     cmd_agreement_review, true},
    {"agreement history", "", "every version with its status", {}, 0, 0, cmd_agreement_history,
     true},
    {"new-chain", "[--reason TEXT]",
     "while getting your history back: give up waiting for your partner's computer and start a new chain",
     kReasonOptions, 0, 0, cmd_new_chain, true},
    {"export", "--format json|markdown [--out FILE]", "everything this device holds, readable",
     kExportOptions, 0, 0, cmd_export, true},
    {"lock set", "[--passphrase-stdin]", "protect the keys on this computer with a passphrase",
     kPassphraseOptions, 0, 0, cmd_lock_set, true},
    {"lock change", "[--passphrase-stdin]", "change the passphrase (stdin: the current one, then the new one)",
     kPassphraseOptions, 0, 0, cmd_lock_change, true},
    {"lock remove", "[--passphrase-stdin]", "remove the passphrase (the keys are then only as safe as the folder)",
     kPassphraseOptions, 0, 0, cmd_lock_remove, true},
    {"backup", "--out FILE [--passphrase-stdin]", "an encrypted backup of everything, in one file",
     kBackupOptions, 0, 0, cmd_backup, true},
    {"restore", "FILE [--passphrase-stdin]", "restore a backup into an empty data directory (no Node running)",
     kPassphraseOptions, 1, 1, cmd_restore, true},
    {"show", "", "show the running Candor's window", {}, 0, 0, cmd_show, true},
    {"quit", "", "stop the running Candor, window and all", {}, 0, 0, cmd_quit, true},
    {"autostart", "on|off|status", "start Candor in the background when you log in", {}, 1, 1,
     cmd_autostart, true},
};

const CommandSpec* find_command(std::string_view name) {
    for (const auto& c : kCommands)
        if (c.name == name) return &c;
    return nullptr;
}

bool is_group(std::string_view word) {
    for (const auto& c : kCommands) {
        const std::string_view n = c.name;
        if (n.size() > word.size() && n.starts_with(word) && n[word.size()] == ' ') return true;
    }
    return false;
}

std::string subcommands_of(std::string_view group) {
    std::string list;
    for (const auto& c : kCommands) {
        const std::string_view n = c.name;
        if (n.starts_with(group) && n.size() > group.size() && n[group.size()] == ' ')
            list += (list.empty() ? "" : ", ") + std::string(n.substr(group.size() + 1));
    }
    return list;
}

std::string usage_line(const CommandSpec& c) {
    std::string line = "candor " + std::string(c.name);
    if (!c.usage.empty()) line += " " + std::string(c.usage);
    return line;
}

}  // namespace

std::span<const CommandSpec> commands() { return kCommands; }

Result<ParsedCommandLine> parse_command_line(std::span<const std::string> args) {
    ParsedCommandLine parsed;
    auto rest = extract_global_options(args, parsed.globals);
    if (!rest) return rest.error();
    if (rest->empty()) return parsed;
    const std::string& word = (*rest)[0];
    if (word.size() > 1 && word[0] == '-') {
        if (parsed.globals.help) return parsed;
        return make_error("unknown option '" + word + "' (see 'candor --help')");
    }
    std::size_t consumed = 1;
    parsed.command = find_command(word);
    if (parsed.command == nullptr && is_group(word)) {
        if (rest->size() > 1) parsed.command = find_command(word + " " + (*rest)[1]);
        if (parsed.command == nullptr) {
            if (parsed.globals.help) return parsed;  // the general help lists the group
            if (rest->size() > 1 && (*rest)[1].rfind('-', 0) != 0)
                return make_error("unknown command " + text::excerpt("candor " + word + " " + (*rest)[1]) +
                                  "; 'candor " + word + "' takes one of: " + subcommands_of(word));
            return make_error("'candor " + word + "' needs one of: " + subcommands_of(word) +
                              " (see 'candor " + word + " --help')");
        }
        consumed = 2;
    }
    if (parsed.command == nullptr)
        return make_error("unknown command " + text::excerpt(word) + " (see 'candor --help')");
    if (parsed.globals.help) return parsed;  // help needs no valid arguments

    const std::span<const std::string> own(rest->begin() + static_cast<std::ptrdiff_t>(consumed),
                                           rest->end());
    auto command_args = parse_command_args(own, parsed.command->options, parsed.command->name);
    if (!command_args) return command_args.error();
    const std::size_t n = command_args->positionals.size();
    if (n < parsed.command->min_positionals)
        return make_error("missing arguments; usage: " + usage_line(*parsed.command));
    if (n > parsed.command->max_positionals)
        return make_error("unexpected argument '" +
                          command_args->positionals[parsed.command->max_positionals] +
                          "' (put text with spaces in quotes); usage: " +
                          usage_line(*parsed.command));
    parsed.args = std::move(*command_args);
    return parsed;
}

void print_usage(std::ostream& out) {
    out << "candor: a shared, end-to-end encrypted history for two partners\n\n"
           "Usage: candor [COMMAND] [ARGUMENTS] [--data-dir DIR] [--json]\n\n"
           "  candor                   open the desktop app\n";
    for (const auto& c : kCommands) {
        std::string left = std::string(c.name);
        out << "  candor " << left;
        if (left.size() < 17) out << std::string(17 - left.size(), ' ');
        out << " " << c.summary << (c.available ? "" : " (coming soon)") << '\n';
    }
    out << "\nEvery command takes --data-dir DIR (default $XDG_DATA_HOME/candor or\n"
           "~/.local/share/candor) and --help; commands that talk to the Node take --json.\n"
           "TIME: 19:00 (its next occurrence), +45m, +2h, or 2026-11-23T19:00[+01:00].\n"
           "ID: an entry id or a unique prefix of at least 6 hex characters.\n"
           "Exit codes: 0 done, 1 bad arguments, 2 no Node running, 3 the operation failed.\n";
}

void print_command_help(std::ostream& out, const CommandSpec& c) {
    out << "Usage: " << usage_line(c) << " [--data-dir DIR]" << (c.handler ? " [--json]" : "")
        << "\n\n"
        << char(std::toupper(static_cast<unsigned char>(c.summary[0]))) << c.summary.substr(1)
        << (c.available ? "." : " (coming soon).") << '\n';
    const std::string_view u = c.usage;
    if (u.find("TIME") != std::string_view::npos)
        out << "\nTIME: 19:00 (its next occurrence), +45m, +2h, +1h30m, or ISO 8601 such as\n"
               "2026-11-23T19:00 or 2026-11-23T19:00:00+01:00.\n";
    if (u.find("ID") != std::string_view::npos && u.find("DEVICE_ID") == std::string_view::npos)
        out << "\nID: an entry id or a unique prefix of at least 6 hex characters.\n";
    if (c.name == "feed") {
        out << "\nKIND:";
        for (const auto kind : node::control::kEntryKinds) out << ' ' << kind;
        out << '\n';
    }
}

int run_cli(std::span<const std::string> args, CliEnvironment& env) {
    auto parsed = parse_command_line(args);
    if (!parsed) {
        env.err << parsed.message() << '\n';
        return kExitBadInput;
    }
    if (parsed->globals.help) {
        if (parsed->command != nullptr) {
            print_command_help(env.out, *parsed->command);
        } else {
            print_usage(env.out);
        }
        return kExitOk;
    }
    if (parsed->command == nullptr) {
        print_usage(env.err);
        return kExitBadInput;
    }
    if (parsed->command->handler == nullptr) {
        env.err << "'candor " << parsed->command->name << "' is started by the candor program itself\n";
        return kExitBadInput;
    }
    auto dir = resolve_data_dir(parsed->globals.data_dir);
    if (!dir) {
        env.err << dir.message() << '\n';
        return kExitBadInput;
    }
    Invocation inv{*parsed->command, parsed->args, *dir, parsed->globals.json, env};
    return parsed->command->handler(inv);
}

int run_cli(std::span<char* const> args) {
    std::vector<std::string> words(args.begin(), args.end());
    CliEnvironment env{std::cout, std::cerr, local_time_context()};
    const int code = run_cli(words, env);
    std::cout.flush();
    return code;
}

}  // namespace candor::cli
