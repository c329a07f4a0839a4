// The Home banner for the agreement: a proposal waiting for my answer, or a review that is due.
#pragma once

#include "ui/view_context.hpp"

namespace candor::ui {

// Draws nothing when there is nothing to say.
void agreement_banner(ViewContext& ctx, const node::Snapshot& snap);

}  // namespace candor::ui
