// Helpers shared by the command handlers: option validation, sending a request and mapping the
// Node's answer to output and an exit code.
#include <ostream>

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/text.hpp"
#include "node/control_protocol.hpp"
#include "node/control_socket.hpp"

namespace candor::cli {

void escape_for_terminal(json::Value& v) {
    if (const std::string* s = v.if_string()) {
        v = json::Value(text::escape_for_terminal(*s, text::Lines::multi));
    } else if (json::Array* a = v.if_array()) {
        for (json::Value& e : *a) escape_for_terminal(e);
    } else if (json::Object* o = v.if_object()) {
        for (auto& member : *o) escape_for_terminal(member.second);
    }
}

int reject(Invocation& inv, std::string_view reason) {
    inv.env.err << reason << '\n';
    return kExitBadInput;
}

Result<std::optional<std::string>> option_text(const Invocation& inv, std::string_view option) {
    const auto raw = inv.args.value(option);
    if (!raw) return std::optional<std::string>{};
    auto text = validate_text("--" + std::string(option), *raw);
    if (!text) return text.error();
    return std::optional<std::string>(std::move(*text));
}

Result<std::optional<std::int64_t>> option_time(const Invocation& inv, std::string_view option) {
    const auto raw = inv.args.value(option);
    if (!raw) return std::optional<std::int64_t>{};
    auto t = future_time(inv, "--" + std::string(option), *raw);
    if (!t) return t.error();
    return std::optional<std::int64_t>(*t);
}

Result<std::optional<std::int64_t>> option_int(const Invocation& inv, std::string_view option,
                                               std::int64_t min, std::int64_t max) {
    const auto raw = inv.args.value(option);
    if (!raw) return std::optional<std::int64_t>{};
    auto n = validate_int("--" + std::string(option), *raw, min, max);
    if (!n) return n.error();
    return std::optional<std::int64_t>(*n);
}

Result<std::int64_t> future_time(const Invocation& inv, std::string_view what,
                                 std::string_view text) {
    auto t = parse_time(text, inv.env.time);
    if (!t) return make_error(std::string(what) + ": " + t.message());
    if (*t <= inv.env.time.now_ms)
        return make_error(std::string(what) + " " + text::excerpt(text) +
                          " is in the past; give a time that is still ahead");
    return *t;
}

Result<std::int64_t> required_due(const Invocation& inv, std::string_view missing) {
    const auto text = inv.args.value("due");
    if (!text) return make_error(std::string(missing));
    return future_time(inv, "--due", *text);
}

int call_node(Invocation& inv, std::string_view cmd, json::Object args, json::Value& result,
              std::chrono::milliseconds timeout) {
    auto raw = node::ControlClient::call(inv.data_dir, node::control::make_request(cmd, std::move(args)),
                                         timeout);
    if (!raw) {
        inv.env.err << raw.message() << '\n';
        return kExitNoNode;
    }
    auto response = node::control::parse_response(*raw);
    if (!response) {
        inv.env.err << "the Candor node for " << inv.data_dir.string()
                    << " sent an answer this version cannot read\n";
        return kExitNoNode;
    }
    if (!response->ok) {
        inv.env.err << text::escape_for_terminal(response->error) << '\n';
        return response->code == node::control::kCodeBadInput ? kExitBadInput : kExitFailed;
    }
    result = std::move(response->result);
    return kExitOk;
}

int send_request(Invocation& inv, std::string_view cmd, json::Object args,
                 const HumanPrinter& human, std::chrono::milliseconds timeout) {
    json::Value result;
    if (const int status = call_node(inv, cmd, std::move(args), result, timeout); status != kExitOk) return status;
    if (inv.json) {
        inv.env.out << json::write(result) << '\n';
    } else {
        escape_for_terminal(result);
        human(inv, result);
    }
    return kExitOk;
}

int send_id_with_note(Invocation& inv, std::string_view command) {
    auto id = validate_entry_id(inv.args.positionals[0]);
    if (!id) return reject(inv, id);
    auto note = option_text(inv, "note");
    if (!note) return reject(inv, note);
    json::Object args{{std::string(node::control::arg::kId), *id}};
    if (*note) args.set(std::string(node::control::arg::kNote), **note);
    return send_request(inv, command, std::move(args),
                        [](Invocation& i, const json::Value& r) { print_saved_entry(i.env.out, r, i.env.time); });
}

}  // namespace candor::cli
