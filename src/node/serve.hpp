// `candor serve`: the Node without a window, in the foreground, until SIGINT or SIGTERM.
#pragma once

#include "node/node.hpp"

namespace candor::node {

// Returns the process exit code: 0 after a clean shutdown, 2 when the Node could not start.
[[nodiscard]] int run_serve(NodeOptions options);

}  // namespace candor::node
