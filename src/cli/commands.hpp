// Internal to src/cli: what a command handler gets, the helpers they share to validate, send and
// print, and the handlers the command table in cli.cpp points at.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "cli/cli.hpp"
#include "node/json.hpp"

namespace candor::cli {

struct Invocation {
    const CommandSpec& command;
    const ParsedArgs& args;
    std::filesystem::path data_dir;
    bool json = false;
    CliEnvironment& env;
};

inline constexpr std::chrono::seconds kDefaultCallTimeout{30};

// Prints the reason on stderr and returns exit code 1.
int reject(Invocation& inv, std::string_view reason);
template <typename T>
int reject(Invocation& inv, const Result<T>& failed) {
    return reject(inv, failed.message());
}

// Optional options, validated when present: a Result holding nullopt when absent.
[[nodiscard]] Result<std::optional<std::string>> option_text(const Invocation& inv,
                                                             std::string_view option);
[[nodiscard]] Result<std::optional<std::int64_t>> option_time(const Invocation& inv,
                                                              std::string_view option);
[[nodiscard]] Result<std::optional<std::int64_t>> option_int(const Invocation& inv,
                                                             std::string_view option,
                                                             std::int64_t min, std::int64_t max);
// TIME that must lie in the future ("--due is in the past").
[[nodiscard]] Result<std::int64_t> future_time(const Invocation& inv, std::string_view what,
                                               std::string_view text);

// The required --due TIME, in the future; `missing` is the message when it is absent.
[[nodiscard]] Result<std::int64_t> required_due(const Invocation& inv, std::string_view missing);

// `COMMAND ID [--note TEXT]` (keep, miss, ack, checkin withdraw): sends {id, note?} to `command`
// and prints the saved entry.
int send_id_with_note(Invocation& inv, std::string_view command);

// What the Node sends can hold the partner's words; older entries may hold control characters
// from before they were refused. Every text reaches the terminal with those shown as escapes
// (lines and tabs stay: an exported document or a multi-line note reads as written).
void escape_for_terminal(json::Value& v);

using HumanPrinter = std::function<void(Invocation& inv, const json::Value& result)>;

// Sends {"cmd", "args"} to the Node and prints the result: compact JSON with --json, else
// `human`. Returns 0, 1 or 3 from the Node's answer, 2 when no Node answers.
int send_request(Invocation& inv, std::string_view cmd, json::Object args,
                 const HumanPrinter& human,
                 std::chrono::milliseconds timeout = kDefaultCallTimeout);
// The same exchange without printing a result: `result` is the Node's answer when 0 is returned;
// otherwise the error was printed and the exit status is returned.
int call_node(Invocation& inv, std::string_view cmd, json::Object args, json::Value& result,
              std::chrono::milliseconds timeout = kDefaultCallTimeout);

// Handlers (commands_devices.cpp, commands_entries.cpp, commands_agreement.cpp).
int cmd_status(Invocation& inv);
int cmd_pair_invite(Invocation& inv);
int cmd_pair_join(Invocation& inv);
int cmd_pair_list(Invocation& inv);
int cmd_unpair(Invocation& inv);
int cmd_connect(Invocation& inv);
int cmd_update(Invocation& inv);
int cmd_late(Invocation& inv);
int cmd_commit(Invocation& inv);
int cmd_keep(Invocation& inv);
int cmd_miss(Invocation& inv);
int cmd_renegotiate(Invocation& inv);
int cmd_ack(Invocation& inv);
int cmd_new_chain(Invocation& inv);
int cmd_feed(Invocation& inv);
int cmd_commitments(Invocation& inv);
int cmd_agreement_show(Invocation& inv);
int cmd_agreement_propose(Invocation& inv);
int cmd_agreement_accept(Invocation& inv);
int cmd_agreement_decline(Invocation& inv);
int cmd_agreement_review(Invocation& inv);
int cmd_agreement_history(Invocation& inv);
int cmd_export(Invocation& inv);
// commands_app.cpp
int cmd_show(Invocation& inv);
int cmd_quit(Invocation& inv);
int cmd_autostart(Invocation& inv);
int cmd_lock_set(Invocation& inv);  // commands_lock.cpp
int cmd_lock_change(Invocation& inv);
int cmd_lock_remove(Invocation& inv);
int cmd_backup(Invocation& inv);
int cmd_restore(Invocation& inv);
int cmd_ask(Invocation& inv);       // commands_requests.cpp
int cmd_answer(Invocation& inv);
int cmd_arrived(Invocation& inv);
int cmd_checkin_daily(Invocation& inv);  // commands_checkins.cpp
int cmd_checkin_weekly(Invocation& inv);
int cmd_checkins(Invocation& inv);
int cmd_progress(Invocation& inv);
int cmd_checkin_withdraw(Invocation& inv);
int cmd_checkin_reveal(Invocation& inv);
int cmd_reassure_ask(Invocation& inv);  // commands_repair.cpp
int cmd_reassure_answer(Invocation& inv);
int cmd_reassure_settled(Invocation& inv);
int cmd_reassure_facts(Invocation& inv);
int cmd_reassurances(Invocation& inv);
int cmd_breathe(Invocation& inv);
int cmd_pause(Invocation& inv);
int cmd_resume(Invocation& inv);
int cmd_apology(Invocation& inv);
int cmd_apology_answer(Invocation& inv);

}  // namespace candor::cli
