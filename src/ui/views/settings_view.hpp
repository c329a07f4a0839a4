// The Settings section.
#pragma once

#include "ui/view_context.hpp"

namespace candor::ui {

class SettingsView {
public:
    void draw(ViewContext& ctx);
};

}  // namespace candor::ui
