// The Devices section: pairing with the partner's computer (show a code / enter a code), the
// paired device's card with its safety number, and help when the two don't find each other.
#pragma once

#include <string>

#include "ui/view_context.hpp"

namespace candor::ui {

class DevicesView {
public:
    void draw(ViewContext& ctx);

    // Test hooks: the form's contents.
    std::string code;
    std::string address;

private:
    enum class Mode { choose, showing, entering };
    void draw_unpaired(ViewContext& ctx, const node::Snapshot& snap);
    void draw_showing(ViewContext& ctx, const node::Snapshot& snap);
    void draw_entering(ViewContext& ctx, const node::Snapshot& snap);
    void draw_paired(ViewContext& ctx, const node::Snapshot& snap, const node::PeerView& peer);
    void draw_troubleshooting(ViewContext& ctx, const node::Snapshot& snap);
    void join(ViewContext& ctx, const std::string& peer);

    Mode mode_ = Mode::choose;
    bool busy_ = false;
    std::string error_;
    std::string result_;      // "Paired with Sam" + safety number
    std::string connect_address_;
    std::string connect_message_;
    bool confirm_unpair_ = false;
};

}  // namespace candor::ui
