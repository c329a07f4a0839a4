// Drafts: what someone is still writing (an agreement change) is saved on this device only, so
// closing the app never loses it, and it is never sent anywhere until it is proposed.
#pragma once

#include "node/commands.hpp"
#include "node/node_core.hpp"

namespace candor::node {

// draft.save {name, content: object}, draft.load {name} → {content: object|null}, draft.discard {name}.
void register_draft_commands(Commands& commands, NodeCore& core);

}  // namespace candor::node
