// The Settings section: display name, theme, update presets, reminder lead time, hiding the
// ledger's figures, notifications, the data folder and export. Changes go through the Node's
// "settings" command, so the CLI and the app share one settings file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "node/json.hpp"
#include "ui/view_context.hpp"
#include "ui/views/privacy_settings.hpp"

namespace candor::ui {

class SettingsView {
public:
    void draw(ViewContext& ctx);
    [[nodiscard]] PrivacySettings& privacy() { return privacy_; }

private:
    void load(const node::Snapshot& snap);
    void save(ViewContext& ctx, json::Object args, std::string done);
    void export_data(ViewContext& ctx);
    void draw_reassurance(ViewContext& ctx);

    std::uint64_t loaded_version_ = 0;  // the snapshot the edit buffers were filled from
    std::string name_;
    std::vector<std::string> presets_;
    bool presets_dirty_ = false;
    std::string new_preset_;
    int lead_ = 15;
    PrivacySettings privacy_;
    std::string code_word_;
    std::string answers_;  // the reassurance answers, one per line
    bool reassurance_dirty_ = false;
    std::string message_;  // last save's result, in words
    bool message_is_error_ = false;
};

}  // namespace candor::ui
