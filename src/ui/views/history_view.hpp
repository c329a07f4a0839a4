// The History section.
#pragma once

#include "ui/view_context.hpp"

namespace candor::ui {

class HistoryView {
public:
    void draw(ViewContext& ctx);
};

}  // namespace candor::ui
