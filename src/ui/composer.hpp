// The three quick-action forms (Share an update, Running late, Make a commitment), each one short
// form in a modal: sensible defaults, Ctrl+Enter sends, Esc closes, errors say what to do.
#pragma once

#include <string>
#include <vector>

#include "ui/time_field.hpp"
#include "ui/view_context.hpp"

namespace candor::ui {

class Composer {
public:
    // `for_id`: a commitment (hex id) the late form starts on.
    void open(ComposerKind kind, std::int64_t now_ms, std::string for_id = {});
    void draw(ViewContext& ctx);
    [[nodiscard]] bool is_open() const { return kind_ != ComposerKind::none; }

    // Test hooks: what the form currently holds.
    std::string text, where, reason, note;
    int until_choice = 0;    // 0: no end, then +30m, +1h, +2h, next full hour
    int minutes = 10;
    TimeField due;           // Make a commitment: by when, typed or chosen
    int for_commitment = -1; // index into my open commitments, -1: none

private:
    void draw_update(ViewContext& ctx);
    void draw_late(ViewContext& ctx);
    void draw_commitment(ViewContext& ctx);
    bool draw_buttons(ViewContext& ctx, const char* send_label);
    void send(ViewContext& ctx, json::Value request);
    // True when the form's first field should take the keyboard: on opening, and after a refusal.
    bool take_focus();

    ComposerKind kind_ = ComposerKind::none;
    bool just_opened_ = false;
    bool sending_ = false;
    bool refocus_ = false;
    std::string error_;
    std::int64_t opened_at_ = 0;
    std::vector<std::string> open_commitment_ids_;
    std::string preselect_for_;
};

// Shared by the app's forms (the composer, the repair forms): Ctrl+Enter pressed this frame, a
// bold field label, and the centred modal every form opens in (EndPopup when it returns true).
[[nodiscard]] bool ctrl_enter();
void form_label(const Look& look, const char* text);
[[nodiscard]] bool begin_form_modal(const ViewContext& ctx, const char* id, float width);

// Due-time choices relative to `now_ms`, in local time ("19:00 (next full hour)").
[[nodiscard]] std::int64_t next_full_hour(std::int64_t now_ms);

}  // namespace candor::ui
