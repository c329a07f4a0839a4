// Control requests for asking each other for a commitment ("request", "request.answer") and for
// ending one's own running-late notice ("late.end": "I'm here").
#pragma once

#include "node/commands.hpp"
#include "node/node_core.hpp"

namespace candor::node {

// "request" {text, due}: asks the partner for a commitment.
// "request.answer" {id, accepted, note, due?}: answers a partner's request; accepting also posts
//   the CommitmentBody with request_id (due: the request's time, or `due` when given).
// "late.end" {id}: ends my own late notice.
void register_request_commands(Commands& commands, NodeCore& core, Commands::Clock clock);

}  // namespace candor::node
