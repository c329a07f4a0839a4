// `lock set|change|remove` and `backup` talk to the running Node (it holds the open keys);
// `restore` runs with no Node at all, into an empty data directory.
#include <filesystem>
#include <ostream>

#include "cli/commands.hpp"
#include "cli/passphrase.hpp"
#include "node/control_protocol.hpp"
#include "store/backup.hpp"
#include "store/key_lock.hpp"

namespace candor::cli {
namespace {

namespace cmd = node::control::cmd;

bool from_stdin(const Invocation& inv) { return inv.args.flag("passphrase-stdin"); }

std::string text_of(const crypto::Passphrase& p) { return std::string(p.view()); }

std::string entries_text(std::int64_t n) { return std::to_string(n) + (n == 1 ? " entry" : " entries"); }

int print_locked(Invocation& inv, std::string_view cmd_name, json::Object args) {
    return send_request(inv, cmd_name, std::move(args), [](Invocation& i, const json::Value& r) {
        if (r.get_bool("locked").value_or(false)) {
            i.env.out << "The passphrase is set. Candor asks for it each time it starts.\n";
        } else {
            i.env.out << "The passphrase is removed. Anyone who can open this data folder can read it.\n";
        }
    });
}

}  // namespace

int cmd_lock_set(Invocation& inv) {
    auto next = read_passphrase(from_stdin(inv), "New passphrase", Confirm::twice);
    if (!next) return reject(inv, next);
    if (Status ok = store::check_new_passphrase(*next); !ok) return reject(inv, ok.message());
    return print_locked(inv, cmd::kLockSet, json::Object{{"passphrase", text_of(*next)}});
}

int cmd_lock_change(Invocation& inv) {
    auto current = read_passphrase(from_stdin(inv), "Current passphrase");
    if (!current) return reject(inv, current);
    auto next = read_passphrase(from_stdin(inv), "New passphrase", Confirm::twice);
    if (!next) return reject(inv, next);
    if (Status ok = store::check_new_passphrase(*next); !ok) return reject(inv, ok.message());
    wait_unlock_delay(inv.data_dir);
    return print_locked(inv, cmd::kLockChange,
                        json::Object{{"current", text_of(*current)}, {"passphrase", text_of(*next)}});
}

int cmd_lock_remove(Invocation& inv) {
    auto current = read_passphrase(from_stdin(inv), "Current passphrase");
    if (!current) return reject(inv, current);
    wait_unlock_delay(inv.data_dir);
    return print_locked(inv, cmd::kLockRemove, json::Object{{"current", text_of(*current)}});
}

int cmd_backup(Invocation& inv) {
    const auto out = inv.args.value("out");
    if (!out || out->empty()) return reject(inv, "backup needs --out FILE: where to write the backup");
    std::error_code ec;
    const std::filesystem::path file = std::filesystem::absolute(*out, ec);
    if (ec) return reject(inv, "cannot use " + *out + " as the backup file: " + ec.message());
    const bool locked = store::is_locked(inv.data_dir);
    auto pass = read_passphrase(from_stdin(inv), locked ? "Passphrase" : "A passphrase for this backup",
                                locked ? Confirm::once : Confirm::twice);
    if (!pass) return reject(inv, pass);
    if (locked) wait_unlock_delay(inv.data_dir);
    return send_request(inv, cmd::kBackup, json::Object{{"out", file.string()}, {"passphrase", text_of(*pass)}},
                        [](Invocation& i, const json::Value& r) {
                            i.env.out << "Backed up " << entries_text(r.get_int("entries").value_or(0)) << " to "
                                      << r.get_string("file").value_or("?")
                                      << ". Keep it somewhere safe; it opens only with its passphrase.\n";
                        });
}

int cmd_restore(Invocation& inv) {
    const std::filesystem::path file = inv.args.positionals[0];
    auto pass = read_passphrase(from_stdin(inv), "The backup's passphrase");
    if (!pass) return reject(inv, pass);
    const store::RestoreResult r = store::restore_backup(file, inv.data_dir, *pass);
    if (!r.ok()) return reject(inv, r.message + "; nothing was written");
    if (inv.json) {
        inv.env.out << json::write(json::Object{{"entries", static_cast<std::int64_t>(r.entries)}}) << '\n';
    } else {
        inv.env.out << "Restored " << entries_text(static_cast<std::int64_t>(r.entries)) << " into " << inv.data_dir.string()
                    << ". When Candor starts it first gets back what happened since the backup from your "
                       "partner's computer, then you can post again.\n";
    }
    return kExitOk;
}

}  // namespace candor::cli
