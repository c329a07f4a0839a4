// The agreement's control requests (agreement.show / propose / accept / decline / review /
// history) and export, added to the Node's Commands table by the Node at start.
#pragma once

#include <cstdint>
#include <functional>

#include "node/commands.hpp"
#include "node/node_core.hpp"

namespace candor::node {

// `clock` gives "now" in ms since the epoch (the Node's injectable clock). The handlers run on
// the Node thread and answer with control responses (code 1: bad input, 3: failed / unknown id).
void register_agreement_commands(Commands& commands, NodeCore& core, std::function<std::int64_t()> clock);

}  // namespace candor::node
