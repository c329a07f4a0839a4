// The breathing guide, over the whole window while it runs: the shape (our shader, or an ImGui
// circle where there is none), the words "breathe in" / "and out" for those who don't watch
// shapes, the time left, whether it is in step with the partner, and "End" (Esc). It asks for a
// frame at display rate only while a guide runs; otherwise it draws nothing and costs nothing.
#pragma once

#include <set>

#include "core/ids.hpp"
#include "ui/view_context.hpp"

namespace candor::ui {

class BreathingView {
public:
    // True when a guide is running (or about to start) and was drawn: the Shell then draws
    // nothing else this frame.
    bool draw(ViewContext& ctx);

private:
    std::set<core::EntryId> closed_;  // ended with Esc here: stays closed
};

}  // namespace candor::ui
