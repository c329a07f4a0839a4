// Control request for progress (`candor progress`, ../shared/spec/cli.md "Progress"):
//   "progress" {weeks?}: 4..52 weeks (default 12), oldest first, ending with this week at this
//   computer's UTC offset, and the milestones reached (core/progress.hpp, core/milestones.hpp).
//   With {out: PATH} (the app's export) it writes them as Markdown to PATH instead.
#pragma once

#include "node/commands.hpp"
#include "node/node_core.hpp"
#include "node/progress_json.hpp"

namespace candor::node {

void register_progress_commands(Commands& commands, NodeCore& core, Commands::Clock clock);

// Me, the partner (the paired device, else the other author in the journal) and its name.
[[nodiscard]] ProgressPeople progress_people(const NodeCore& core);

}  // namespace candor::node
