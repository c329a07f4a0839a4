// Keeps the agreement draft on this device between runs (the Node's draft.save / draft.load):
// nothing someone is writing is lost when the app closes, and nothing is sent until proposed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "node/json.hpp"
#include "ui/views/agreement_editor.hpp"

namespace candor::ui {

[[nodiscard]] json::Value draft_to_state_json(const AgreementDraft& draft);
[[nodiscard]] std::optional<AgreementDraft> draft_from_state_json(const json::Value& value);

class DraftStore {
public:
    // Call every frame the Agreement section is drawn: loads once, then saves at most once a
    // second while the draft changes, and at once when the editor closes or the draft is gone.
    void sync(ViewContext& ctx, AgreementEditor& editor);

private:
    bool load_sent_ = false;
    bool loaded_ = false;
    std::string last_saved_;  // what is on disk, as written
    std::int64_t last_save_ms_ = 0;
};

}  // namespace candor::ui
