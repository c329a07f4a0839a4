// The Devices section.
#pragma once

#include "ui/view_context.hpp"

namespace candor::ui {

class DevicesView {
public:
    void draw(ViewContext& ctx);
};

}  // namespace candor::ui
