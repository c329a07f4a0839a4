// The Commitments section.
#pragma once

#include "ui/view_context.hpp"

namespace candor::ui {

class CommitmentsView {
public:
    void draw(ViewContext& ctx);
};

}  // namespace candor::ui
