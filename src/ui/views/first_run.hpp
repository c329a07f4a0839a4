// The first-run step (issue 17 item 8): on a computer with nothing paired and nothing written, Home
// first asks for your name as your partner will see it (prefilled from the login name, never
// "root"), then offers to pair or to try the demo couple.
#pragma once

#include <string>

#include "node/snapshot.hpp"
#include "ui/view_context.hpp"

namespace candor::ui {

// The name to offer: the login name with a capital ("alex" -> "Alex"); empty for "root" and "Me".
[[nodiscard]] std::string suggested_name(const std::string& current);

// Starts `candor demo` (this program) on its own: the demo couple's two windows, in a temporary
// folder of their own, while this window stays as it is.
void launch_demo();

class FirstRun {
public:
    // True while it should show: nothing paired, nothing written, and not put off this session.
    [[nodiscard]] bool wanted(const node::Snapshot& snap) const;
    void draw(ViewContext& ctx, const node::Snapshot& snap);

private:
    void draw_name(ViewContext& ctx, const node::Snapshot& snap);
    void draw_next(ViewContext& ctx, const node::Snapshot& snap);

    bool named_ = false;      // the name step is done
    bool put_off_ = false;    // "Later", "Pair" or the demo: Home as usual from now on
    bool started_ = false;    // the name field was filled in
    bool saving_ = false;
    std::string name_;
    std::string error_;
};

}  // namespace candor::ui
