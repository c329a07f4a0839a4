// A request whose time has passed can still be taken on, for the next full hour.
#include "ui/views/request_answer.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "ui/composer.hpp"
#include "ui/entry_text.hpp"

namespace candor::ui {

bool RequestAnswer::draw_decline_form(const Look& look, const std::string& id, const Send& send) {
    if (declining_ != id) return false;
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##note", "A kind word (optional): why not, or what would work", &note_);
    focus::stop(true);
    if (quiet_button(look, "Send decline")) {
        json::Object args{{"id", id}, {"accepted", false}};
        if (!note_.empty()) args.set("note", note_);
        send(std::move(args));
        declining_.clear();
    }
    ImGui::SameLine();
    if (quiet_button(look, "Back")) declining_.clear();
    return true;
}

std::int64_t RequestAnswer::accept_due(const core::CommitmentRequest& r, std::int64_t now_ms) {
    return r.body.due_at_ms <= now_ms ? next_full_hour(now_ms) : r.body.due_at_ms;
}

std::string RequestAnswer::accept_label(const core::CommitmentRequest& r, std::int64_t now_ms) {
    return r.body.due_at_ms <= now_ms ? "Accept for " + local_clock(accept_due(r, now_ms)) : std::string("Accept");
}

}  // namespace candor::ui
