// Control requests for check-ins, and the rule that releases my keys.
//   "checkin" {type:"daily", safe, connected, trust, note?} or {type:"weekly", appreciations:[…],
//     went_right?, issue?, request?}: today's / this week's answer, sealed; a second one for the
//     same period replaces the first while nothing of that period has been opened, else refused.
//   "checkins" {kind?, limit?}: per period, newest first (node/checkin_views.hpp).
//   "checkin.withdraw" {id, note?}: takes back my unopened answer.
//   "checkin.reveal" {id}: opens my answer after its period although the partner never answered.
#pragma once

#include <cstddef>
#include <cstdint>

#include "node/commands.hpp"
#include "node/node_core.hpp"

namespace candor::node {

void register_checkin_commands(Commands& commands, NodeCore& core, Commands::Clock clock);

// Posts the key of each of my sealed answers whose period already holds the partner's sealed
// answer (nothing else ever releases a key, except "checkin.reveal"). Returns how many it posted;
// they count once commit() has synced them. Nothing while the Node may not post (recovery).
std::size_t release_checkin_keys(NodeCore& core, std::int64_t now_ms);

}  // namespace candor::node
