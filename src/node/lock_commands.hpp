// Control requests for the passphrase lock and backups. Passphrases arrive over the control
// socket (mode 0600, this user only) and are never logged or echoed back.
#pragma once

#include "node/commands.hpp"
#include "node/node_core.hpp"

namespace candor::node {

// "lock.set" {passphrase}, "lock.change" {current, passphrase}, "lock.remove" {current}:
//   answer {"locked": bool}; a wrong current passphrase is bad input (exit 1), nothing changed.
// "backup" {out, passphrase}: with a lock set the passphrase must be the lock's; answers
//   {"file", "entries"} and records the time as settings.last_backup_ms.
void register_lock_commands(Commands& commands, NodeCore& core, Commands::Clock clock);

}  // namespace candor::node
