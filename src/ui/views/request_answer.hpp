// Answering a partner's request for a commitment, shared by Home and Commitments: Accept (for
// the next full hour when the asked-for time has passed) or Decline with an optional kind note.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/state.hpp"
#include "node/json.hpp"
#include "ui/view_context.hpp"

namespace candor::ui {

class RequestAnswer {
public:
    using Send = std::function<void(json::Object args)>;  // sends a "request.answer"

    // While the decline note for `id` is being written, draws it and returns true (the caller
    // then draws nothing else for that request).
    bool draw_decline_form(const Look& look, const std::string& id, const Send& send);
    void start_decline(const std::string& id) {
        declining_ = id;
        note_.clear();
    }

    // When the request would be taken on, and the Accept button's words for it.
    [[nodiscard]] static std::int64_t accept_due(const core::CommitmentRequest& r, std::int64_t now_ms);
    [[nodiscard]] static std::string accept_label(const core::CommitmentRequest& r, std::int64_t now_ms);

private:
    std::string declining_;  // the request whose decline note is being written
    std::string note_;
};

}  // namespace candor::ui
