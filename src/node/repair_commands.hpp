// Control requests for repair in the moment (`candor reassure|reassurances|breathe|pause|resume|
// apology`, ../shared/spec/cli.md "Repair in the moment"), also what the app sends:
// "reassure.ask" {note?}, "reassure.answer" {id, text}, "reassure.settled" {id, note?},
// "reassure.facts" {id, text}, "reassurances" {limit?}, "breathe" {seconds?},
// "pause" {until, note?} (extends my open pause), "resume" {note?},
// "apology" {apology: {did, impact, responsibility, plan: [{text, due?}], ask?}} (each step
// with a due time also becomes my commitment), "apology.answer" {id, answer: read|not_ready, note?}.
#pragma once

#include "node/commands.hpp"
#include "node/node_core.hpp"

namespace candor::node {

void register_repair_commands(Commands& commands, NodeCore& core, Commands::Clock clock);

}  // namespace candor::node
