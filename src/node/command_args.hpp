// Shared argument checks for the Node's command handlers. A problem throws CommandError inside
// the node layer only; guarded() turns it into the control protocol's error response.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/state.hpp"
#include "node/commands.hpp"
#include "node/control_protocol.hpp"
#include "node/entry_json.hpp"
#include "node/json.hpp"

namespace candor::node {

inline constexpr std::size_t kMaxTextBytes = 2000;

struct CommandError {
    int code;
    std::string message;
};

[[noreturn]] inline void bad_input(std::string message) {
    throw CommandError{control::kCodeBadInput, std::move(message)};
}
[[noreturn]] inline void failed(std::string message) { throw CommandError{control::kCodeFailed, std::move(message)}; }

// Trimmed text, at most kMaxTextBytes of valid UTF-8. `empty_hint` finishes the message for a
// required field left empty ("the update is empty: write what you want to share").
[[nodiscard]] std::string text_arg(const json::Object& args, std::string_view key, bool required, std::string_view what,
                                   std::string_view empty_hint = {});
[[nodiscard]] std::optional<std::int64_t> int_arg(const json::Object& args, std::string_view key);
// The same, refused (bad input) outside min..max: the socket is reachable by any program of the
// user, so every number is range-checked here, not only in the CLI.
[[nodiscard]] std::optional<std::int64_t> int_arg(const json::Object& args, std::string_view key, std::int64_t min,
                                                  std::int64_t max);
// A time (ms since the epoch) no further ahead than kMaxAheadMs from `now`.
inline constexpr std::int64_t kMaxAheadMs = 100LL * 366 * 24 * 3600 * 1000;
[[nodiscard]] std::optional<std::int64_t> time_arg(const json::Object& args, std::string_view key, std::int64_t now);

// An entry id or unique prefix as typed; an unknown or ambiguous one fails (code 3) with a hint
// where the ids are listed.
[[nodiscard]] core::EntryId entry_id(const core::State& state, const std::string& typed);

// Writes `text` to the absolute path in `out` (mode 0600, atomically): {"out","format","bytes"}.
[[nodiscard]] json::Value write_out_file(const json::Value& out, const std::string& text, std::string_view format);

// A posted entry as the CLI prints it, with its effect in the fold.
[[nodiscard]] json::Value posted_entry_json(const NodeCore& core, const core::Entry& entry);

// What a group of entry commands shares: the core, the clock, posting (failing with code 3 and
// the reason) and the entry's JSON.
class EntryCommands {
public:
    EntryCommands(NodeCore& core, Commands::Clock clock) : core_(core), clock_(std::move(clock)) {}

protected:
    template <typename Body>
    core::Entry post(const Body& body) {
        auto entry = core_.post(body, clock_());
        if (!entry) failed(entry.message());
        return *entry;
    }
    [[nodiscard]] json::Value entry_json(const core::Entry& entry) const { return posted_entry_json(core_, entry); }
    [[nodiscard]] NameOf name_of() const {
        return [this](const core::DeviceId& d) { return core_.name_of(d); };
    }

    NodeCore& core_;
    Commands::Clock clock_;
};

// Wraps a handler that returns its result (or throws CommandError) as a Commands::Handler.
template <typename Fn>
[[nodiscard]] Commands::Handler guarded(Fn fn) {
    return [fn = std::move(fn)](const json::Object& args) -> json::Value {
        try {
            return control::make_ok_response(fn(args));
        } catch (const CommandError& e) {
            return control::make_error_response(e.code, e.message);
        }
    };
}

}  // namespace candor::node
