// The Commitments section: the promise ledger. Open / Resolved / Requests, each commitment
// unfolding into its story, and per-person figures framed as progress (hidden by a setting).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/ledger.hpp"
#include "node/json.hpp"
#include "ui/time_field.hpp"
#include "ui/view_context.hpp"
#include "ui/views/request_answer.hpp"

namespace candor::ui {

class CommitmentsView {
public:
    void draw(ViewContext& ctx);

private:
    void figures(ViewContext& ctx, const node::Snapshot& snap, const core::Ledger& ledger);
    void list(ViewContext& ctx, const node::Snapshot& snap, const core::Ledger& ledger, bool open);
    void commitment_card(ViewContext& ctx, const node::Snapshot& snap, const core::Commitment& c,
                         const core::LedgerItem& item);
    void recently_resolved(ViewContext& ctx, const node::Snapshot& snap, const core::Ledger& ledger);
    void requests(ViewContext& ctx, const node::Snapshot& snap);
    void send(ViewContext& ctx, std::string_view cmd, json::Object args);
    void ask(ViewContext& ctx, const node::Snapshot& snap);

    int who_ = 0;                   // 0 everyone, 1 me, 2 partner
    std::map<std::string, bool> unfolded_;  // commitment id → story shown, once the user chose
    RequestAnswer request_answer_;
    std::string ask_text_;
    TimeField ask_due_;
    std::string error_;
    std::string ask_error_;         // why the last ask was refused, under its button
};

}  // namespace candor::ui
