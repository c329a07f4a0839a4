// The Home section.
#pragma once

#include "ui/view_context.hpp"

namespace candor::ui {

class HomeView {
public:
    void draw(ViewContext& ctx);
};

}  // namespace candor::ui
