// The Privacy card of Settings. Passphrase fields are password fields, wiped once sent.
#include "ui/views/privacy_settings.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdlib>
#include <ctime>

#include "crypto/bytes.hpp"
#include "node/control_protocol.hpp"

namespace candor::ui {

namespace {

constexpr int kIdleChoices[] = {0, 5, 15, 30, 60};

void wipe_text(std::string& text) {
    crypto::wipe({reinterpret_cast<std::uint8_t*>(text.data()), text.size()});
    text.clear();
}

bool password_field(const Look& look, const char* label, std::string& text) {
    ImGui::SetNextItemWidth(320 * look.scale);
    const bool changed = ImGui::InputText(label, &text, ImGuiInputTextFlags_Password);
    probe::note(label);
    return changed;
}

std::string default_backup_name(std::int64_t now_ms) {
    const std::time_t t = static_cast<std::time_t>(now_ms / 1000);
    std::tm local{};
    localtime_r(&t, &local);
    char day[32];
    std::strftime(day, sizeof day, "%Y-%m-%d", &local);
    return std::string("candor-") + day + ".candor-backup";
}

}  // namespace

std::string backup_date(std::int64_t ms) {
    if (ms <= 0) return "never";
    const std::time_t t = static_cast<std::time_t>(ms / 1000);
    std::tm local{};
    localtime_r(&t, &local);
    char text[64];
    std::strftime(text, sizeof text, "%e %B %Y, %H:%M", &local);
    return text[0] == ' ' ? std::string(text + 1) : std::string(text);
}

void PrivacySettings::clear_fields() {
    wipe_text(current_);
    wipe_text(next_);
    wipe_text(again_);
}

void PrivacySettings::send(ViewContext& ctx, std::string_view cmd, json::Object args, std::string done) {
    busy_ = true;
    message_ = "Working… (checking a passphrase takes about a second)";
    message_is_error_ = false;
    ctx.actions->send(node::control::make_request(cmd, std::move(args)),
                      [this, done = std::move(done)](const json::Value& response) {
                          busy_ = false;
                          const std::string error = response_error(response);
                          message_is_error_ = !error.empty();
                          message_ = error.empty() ? done : error;
                          if (error.empty()) form_ = Form::none;
                      });
    clear_fields();
}

void PrivacySettings::draw(ViewContext& ctx) {
    if (!ctx.snapshot) return;
    const node::Snapshot& snap = *ctx.snapshot;
    const Look& look = ctx.look;
    Card card(look);
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted("Privacy");
    ImGui::PopFont();
    if (!message_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, message_is_error_ ? look.palette->rose : look.palette->accent);
        wrapped_text(message_.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::BeginDisabled(busy_);
    draw_lock(ctx, snap);
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    draw_backup(ctx, snap);
    ImGui::EndDisabled();
}

void PrivacySettings::draw_lock(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    muted_text(look, snap.locked ? "A passphrase protects this computer's keys. Candor asks for it when it starts."
                                 : "Without a passphrase, anyone who can open this computer's Candor folder can read "
                                   "your history. A passphrase protects it; Candor asks for it when it starts.");
    if (form_ == Form::none || form_ == Form::backup_passphrase) {
        if (!snap.locked) {
            if (primary_button(look, "Set a passphrase…")) form_ = Form::set;
        } else {
            if (quiet_button(look, "Change the passphrase…")) form_ = Form::change;
            ImGui::SameLine();
            if (quiet_button(look, "Remove it…")) form_ = Form::remove;
        }
    } else {
        draw_form(ctx, snap);
    }
    if (!snap.locked) return;
    if (idle_minutes_ < 0) idle_minutes_ = snap.settings.lock_after_idle_minutes;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Lock the window after");
    for (int minutes : kIdleChoices) {
        ImGui::SameLine();
        const std::string label = minutes == 0 ? std::string("Never") : std::to_string(minutes) + " min";
        if (choice_chip(look, label.c_str(), snap.settings.lock_after_idle_minutes == minutes) && !ctx.screenshot) {
            idle_minutes_ = minutes;
            send(ctx, "settings", json::Object{{"lock_after_idle_minutes", minutes}},
                 minutes == 0 ? "The window stays open while Candor runs."
                              : "The window locks after " + label + " without use.");
        }
    }
    muted_text(look, "Candor keeps syncing in the background while the window is locked.");
}

void PrivacySettings::draw_form(ViewContext& ctx, const node::Snapshot&) {
    const Look& look = ctx.look;
    if (form_ != Form::set) password_field(look, "Current passphrase", current_);
    if (form_ != Form::remove) {
        password_field(look, "New passphrase", next_);
        password_field(look, "Type it again", again_);
        muted_text(look, "At least 8 characters. A few words you will remember work well. It cannot be recovered.");
    }
    const bool matches = form_ == Form::remove || (next_.size() >= 8 && next_ == again_);
    ImGui::BeginDisabled(!matches || (form_ != Form::set && current_.empty()));
    const char* action = form_ == Form::set ? "Set passphrase" : form_ == Form::change ? "Change passphrase" : "Remove passphrase";
    if (primary_button(look, action)) {
        if (form_ == Form::set) {
            send(ctx, "lock.set", json::Object{{"passphrase", next_}}, "The passphrase is set.");
        } else if (form_ == Form::change) {
            send(ctx, "lock.change", json::Object{{"current", current_}, {"passphrase", next_}}, "The passphrase is changed.");
        } else {
            send(ctx, "lock.remove", json::Object{{"current", current_}},
                 "The passphrase is removed. The keys are only as safe as this computer's folder now.");
        }
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (quiet_button(look, "Cancel")) {
        form_ = Form::none;
        clear_fields();
    }
}

void PrivacySettings::draw_backup(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    ImGui::TextUnformatted("Last backup:");
    ImGui::SameLine();
    ImGui::TextUnformatted(backup_date(snap.settings.last_backup_ms).c_str());
    if (form_ == Form::backup_passphrase) {
        muted_text(look, "Backing up to %s", backup_file_.c_str());
        password_field(look, snap.locked ? "Passphrase" : "A passphrase for the backup", next_);
        if (!snap.locked) password_field(look, "Type it again", again_);
        const bool ready = snap.locked ? !next_.empty() : next_.size() >= 8 && next_ == again_;
        ImGui::BeginDisabled(!ready);
        if (primary_button(look, "Back up")) {
            send(ctx, "backup", json::Object{{"out", backup_file_}, {"passphrase", next_}},
                 "Backed up to " + backup_file_ + ". Keep it somewhere safe.");
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        if (quiet_button(look, "Cancel")) {
            form_ = Form::none;
            clear_fields();
        }
        return;
    }
    if (!chooser_.is_open()) {
        if (quiet_button(look, "Back up now…")) {
            const char* home = std::getenv("HOME");
            chooser_.open(FileChooser::Mode::save, home ? home : "/", default_backup_name(ctx.now_ms));
        }
        ImGui::SameLine();
        muted_text(look, "One encrypted file, to keep on a USB stick.");
        return;
    }
    if (auto chosen = chooser_.draw(look)) {
        backup_file_ = chosen->string();
        form_ = Form::backup_passphrase;
    }
}

}  // namespace candor::ui
