// The Agreement section.
#pragma once

#include "ui/view_context.hpp"

namespace candor::ui {

class AgreementView {
public:
    void draw(ViewContext& ctx);
};

}  // namespace candor::ui
