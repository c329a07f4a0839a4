// The History section: one timeline of everything both of you shared, newest first.
#pragma once

#include <string>

#include "ui/view_context.hpp"

namespace candor::ui {

class HistoryView {
public:
    void draw(ViewContext& ctx);

private:
    std::string search_;
    int who_ = 0;  // 0 everyone, 1 me, 2 partner
};

}  // namespace candor::ui
