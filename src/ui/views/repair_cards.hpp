// Home's repair cards, first on the page: the partner's request for reassurance (the most
// prominent thing until it is answered), my own request with "I feel settled", both "what
// happened" notes side by side, a pause with its kind countdown on both sides, and an apology
// as the partner reads it.
#pragma once

#include "node/snapshot.hpp"
#include "ui/view_context.hpp"

namespace candor::ui {

// Draws what applies now; true when anything was drawn.
bool repair_cards(ViewContext& ctx, const node::Snapshot& snap);

}  // namespace candor::ui
