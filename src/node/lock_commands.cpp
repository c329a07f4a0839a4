// The lock and backup handlers. Argon2id runs here on the Node thread (one to a few seconds per
// derivation, two for `lock change`): other commands wait meanwhile, and a partner's session that
// times out in that time reconnects by itself. The window reads snapshots and never waits on it.
#include "node/lock_commands.hpp"

#include <filesystem>

#include "node/command_args.hpp"
#include "node/control_protocol.hpp"
#include "store/backup.hpp"
#include "store/key_lock.hpp"
#include "store/key_rewrap.hpp"

namespace candor::node {
namespace {

namespace cmd = control::cmd;

// A passphrase exactly as typed (no trimming: spaces are part of it).
crypto::Passphrase passphrase_arg(const json::Object& args, std::string_view key, std::string_view what) {
    const json::Value* v = args.find(key);
    const std::string* s = v ? v->if_string() : nullptr;
    if (!s || s->empty()) bad_input(std::string(what) + " is missing");
    if (s->size() >= crypto::Passphrase::kMaxBytes) bad_input(std::string(what) + " is too long");
    return crypto::Passphrase(*s);
}

crypto::Passphrase new_passphrase(const json::Object& args) {
    crypto::Passphrase next = passphrase_arg(args, "passphrase", "the new passphrase");
    if (Status ok = store::check_new_passphrase(next); !ok) bad_input(ok.message());
    return next;
}

// Checks `current` against keys.lock (a wrong one counts towards the growing delay).
void check_current(const NodeCore& core, const crypto::Passphrase& current) {
    if (!core.locked()) bad_input("no passphrase is set for this data directory");
    const store::UnwrappedKeys opened = store::unlock_keys(core.data_dir(), current);
    if (opened.failure == store::BoxFailure::wrong_passphrase) bad_input(opened.message);
    if (opened.failure != store::BoxFailure::none) failed(opened.message);
}

json::Value locked_json(bool locked) { return json::Object{{"locked", locked}}; }

class LockCommands {
public:
    LockCommands(NodeCore& core, Commands::Clock clock) : core_(core), clock_(std::move(clock)) {}

    json::Value set(const json::Object& args) {
        if (core_.locked()) bad_input("a passphrase is already set; change it with 'candor lock change'");
        const crypto::Passphrase next = new_passphrase(args);
        if (Status ok = store::set_passphrase(core_.data_dir(), core_.keys(), next); !ok) failed(ok.message());
        core_.set_locked(true);
        return locked_json(true);
    }

    json::Value change(const json::Object& args) {
        check_current(core_, passphrase_arg(args, "current", "the current passphrase"));
        const crypto::Passphrase next = new_passphrase(args);
        if (Status ok = store::change_passphrase(core_.data_dir(), core_.keys(), next); !ok) failed(ok.message());
        return locked_json(true);
    }

    json::Value remove(const json::Object& args) {
        check_current(core_, passphrase_arg(args, "current", "the current passphrase"));
        if (Status ok = store::remove_passphrase(core_.data_dir(), core_.keys()); !ok) failed(ok.message());
        core_.set_locked(false);
        return locked_json(false);
    }

    json::Value backup(const json::Object& args) {
        const std::string out_text = text_arg(args, "out", true, "the backup file");
        std::filesystem::path out(out_text);
        if (out.is_relative()) bad_input("the backup file must be an absolute path");
        const crypto::Passphrase pass = passphrase_arg(args, "passphrase", "the passphrase");
        if (core_.locked()) {
            check_current(core_, pass);
        } else if (Status ok = store::check_new_passphrase(pass); !ok) {
            bad_input(ok.message());
        }
        const std::uint64_t entries = core_.history().size();
        if (Status ok = store::write_backup(core_.data_dir(), core_.keys(), entries, pass, out); !ok) failed(ok.message());
        store::Settings s = core_.settings();
        s.last_backup_ms = clock_();
        if (Status saved = core_.update_settings(s); !saved) core_.add_warning(saved.message());
        return json::Object{{"file", out.string()}, {"entries", static_cast<std::int64_t>(entries)}};
    }

private:
    NodeCore& core_;
    Commands::Clock clock_;
};

}  // namespace

void register_lock_commands(Commands& commands, NodeCore& core, Commands::Clock clock) {
    auto lock = std::make_shared<LockCommands>(core, std::move(clock));
    auto add = [&](std::string_view name, json::Value (LockCommands::*handler)(const json::Object&)) {
        commands.add(std::string(name), [lock, handler](const json::Object& a) {
            return control::make_ok_response(((*lock).*handler)(a));
        });
    };
    add(cmd::kLockSet, &LockCommands::set);
    add(cmd::kLockChange, &LockCommands::change);
    add(cmd::kLockRemove, &LockCommands::remove);
    add(cmd::kBackup, &LockCommands::backup);
}

}  // namespace candor::node
