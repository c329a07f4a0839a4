// Helpers shared by the command handlers: option validation, sending a request and mapping the
// Node's answer to output and an exit code.
#include <ostream>

#include "cli/commands.hpp"
#include "node/control_protocol.hpp"
#include "node/control_socket.hpp"

namespace candor::cli {

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
        return make_error(std::string(what) + " " + std::string(text) +
                          " is in the past; give a time that is still ahead");
    return *t;
}

int send_request(Invocation& inv, std::string_view cmd, json::Object args,
                 const HumanPrinter& human, std::chrono::milliseconds timeout) {
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
        inv.env.err << response->error << '\n';
        return response->code == node::control::kCodeBadInput ? kExitBadInput : kExitFailed;
    }
    if (inv.json) {
        inv.env.out << json::write(response->result) << '\n';
    } else {
        human(inv, response->result);
    }
    return kExitOk;
}

}  // namespace candor::cli
