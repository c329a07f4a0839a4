// Repair in the moment (../shared/spec/cli.md, added in 0.2): reassure ask|answer|settled|facts,
// reassurances, breathe, pause, resume, apology, apology-answer. The same control requests the
// app sends; the Node checks every bound again (a pause of 5 minutes is refused there too).
#include "cli/apology_file.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/repair_kinds.hpp"
#include "node/control_protocol.hpp"

namespace candor::cli {

namespace cmd = node::control::cmd;
namespace arg = node::control::arg;

namespace {

void saved(Invocation& inv, const json::Value& entry) { print_saved_entry(inv.env.out, entry, inv.env.time); }

// An optional --OPTION TEXT into args[key].
bool add_text(Invocation& inv, json::Object& args, std::string_view option, std::string_view key, int& code) {
    auto text = option_text(inv, option);
    if (!text) {
        code = reject(inv, text);
        return false;
    }
    if (*text) args.set(std::string(key), **text);
    return true;
}

// ID [--note TEXT] as {id, note?}: answer, settled and facts start the same way.
bool id_and_note(Invocation& inv, json::Object& args, int& code) {
    auto id = validate_entry_id(inv.args.positionals[0]);
    if (!id) {
        code = reject(inv, id);
        return false;
    }
    args.set(std::string(arg::kId), *id);
    return add_text(inv, args, "note", arg::kNote, code);
}

// ID --text TEXT (required).
int id_and_text(Invocation& inv, std::string_view command, std::string_view missing) {
    json::Object args;
    int code = 0;
    if (!id_and_note(inv, args, code)) return code;
    const auto text = inv.args.value("text");
    if (!text) return reject(inv, missing);
    auto valid = validate_text("--text", *text);
    if (!valid) return reject(inv, valid);
    args.set(std::string(arg::kText), *valid);
    return send_request(inv, command, std::move(args), saved);
}

}  // namespace

int cmd_reassure_ask(Invocation& inv) {
    json::Object args;
    int code = 0;
    if (!add_text(inv, args, "note", arg::kNote, code)) return code;
    return send_request(inv, cmd::kReassureAsk, std::move(args), saved);
}

int cmd_reassure_answer(Invocation& inv) {
    return id_and_text(inv, cmd::kReassureAnswer, "reassure answer needs --text TEXT: a few kind words");
}

int cmd_reassure_facts(Invocation& inv) {
    return id_and_text(inv, cmd::kReassureFacts, "reassure facts needs --text TEXT: what happened, facts not guesses");
}

int cmd_reassure_settled(Invocation& inv) {
    json::Object args;
    int code = 0;
    if (!id_and_note(inv, args, code)) return code;
    return send_request(inv, cmd::kReassureSettled, std::move(args), saved);
}

int cmd_reassurances(Invocation& inv) {
    auto limit = option_int(inv, "limit", 1, 10'000);
    if (!limit) return reject(inv, limit);
    json::Object args;
    if (*limit) args.set(std::string(arg::kLimit), **limit);
    return send_request(inv, cmd::kReassurances, std::move(args),
                        [](Invocation& i, const json::Value& r) { print_reassurances(i.env.out, r, i.env.time); });
}

int cmd_breathe(Invocation& inv) {
    auto seconds = option_int(inv, "seconds", core::kBreatheMinSeconds, core::kBreatheMaxSeconds);
    if (!seconds) return reject(inv, seconds.message() + " (a breathing guide lasts 30 s to 5 min)");
    json::Object args;
    if (*seconds) args.set(std::string(arg::kSeconds), **seconds);
    return send_request(inv, cmd::kBreathe, std::move(args), saved);
}

int cmd_pause(Invocation& inv) {
    const auto until_text = inv.args.value("until");
    if (!until_text) return reject(inv, "pause needs --until TIME, when you will be back (for example --until +1h)");
    auto until = future_time(inv, "--until", *until_text);
    if (!until) return reject(inv, until);
    json::Object args{{std::string(arg::kUntil), *until}};
    int code = 0;
    if (!add_text(inv, args, "note", arg::kNote, code)) return code;
    return send_request(inv, cmd::kPause, std::move(args), saved);
}

int cmd_resume(Invocation& inv) {
    json::Object args;
    int code = 0;
    if (!add_text(inv, args, "note", arg::kNote, code)) return code;
    return send_request(inv, cmd::kResume, std::move(args), saved);
}

int cmd_apology(Invocation& inv) {
    const auto file = inv.args.value("file");
    if (!file) return reject(inv, "apology needs --file FILE with the apology JSON");
    auto apology = load_apology_file(*file, inv.env.time);
    if (!apology) return reject(inv, apology);
    return send_request(inv, cmd::kApology, json::Object{{std::string(arg::kApology), std::move(*apology)}},
                        [](Invocation& i, const json::Value& r) { print_apology_saved(i.env.out, r, i.env.time); });
}

int cmd_apology_answer(Invocation& inv) {
    const std::string& choice = inv.args.positionals[1];
    if (choice != "read" && choice != "not-ready")
        return reject(inv, "apology-answer takes read or not-ready after the id, not '" + choice + "'");
    json::Object args{{std::string(arg::kAnswer), choice == "read" ? "read" : "not_ready"}};
    int code = 0;
    if (!id_and_note(inv, args, code)) return code;
    return send_request(inv, cmd::kApologyAnswer, std::move(args), saved);
}

}  // namespace candor::cli
