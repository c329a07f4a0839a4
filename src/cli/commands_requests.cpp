// Asking each other for a commitment and "I'm here" (../shared/spec/cli.md, added in 0.2):
// ask, answer, arrived. The same control requests the app sends.
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "node/control_protocol.hpp"

namespace candor::cli {

namespace cmd = node::control::cmd;
namespace arg = node::control::arg;

namespace {

void saved(Invocation& inv, const json::Value& entry) {
    print_saved_entry(inv.env.out, entry, inv.env.time);
    // Accepting also made the commitment: say so, with its id for keep / miss later.
    if (const json::Value& made = entry["commitment"]; made.if_object()) print_saved_entry(inv.env.out, made, inv.env.time);
}

}  // namespace

int cmd_ask(Invocation& inv) {
    auto text = validate_text("what you ask for", inv.args.positionals[0]);
    if (!text) return reject(inv, text);
    auto due = required_due(inv, "ask needs --due TIME, by when you'd like it (for example --due 18:00)");
    if (!due) return reject(inv, due);
    return send_request(inv, cmd::kRequest,
                        json::Object{{std::string(arg::kText), *text}, {std::string(arg::kDue), *due}}, saved);
}

int cmd_answer(Invocation& inv) {
    auto id = validate_entry_id(inv.args.positionals[0]);
    if (!id) return reject(inv, id);
    const std::string& choice = inv.args.positionals[1];
    if (choice != "accept" && choice != "decline")
        return reject(inv, "answer takes accept or decline after the id, not '" + choice + "'");
    auto note = option_text(inv, "note");
    if (!note) return reject(inv, note);
    auto due = option_time(inv, "due");
    if (!due) return reject(inv, due);
    if (*due && choice == "decline") return reject(inv, "--due goes with accept: the time you will do it by");
    json::Object args{{std::string(arg::kId), *id}, {std::string(arg::kAccepted), choice == "accept"}};
    if (*note) args.set(std::string(arg::kNote), **note);
    if (*due) args.set(std::string(arg::kDue), **due);
    return send_request(inv, cmd::kRequestAnswer, std::move(args), saved);
}

int cmd_arrived(Invocation& inv) {
    json::Object args;
    if (const auto for_id = inv.args.value("for")) {
        auto id = validate_entry_id(*for_id);
        if (!id) return reject(inv, "--for: " + id.message());
        args.set(std::string(arg::kId), *id);
    }
    return send_request(inv, cmd::kLateEnd, std::move(args), saved);
}

}  // namespace candor::cli
