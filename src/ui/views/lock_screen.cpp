// The lock screen and the welcome: one centred card on the app's calm background.
#include "ui/views/lock_screen.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <chrono>
#include <cstdlib>

#include "crypto/bytes.hpp"

namespace candor::ui {

namespace fs = std::filesystem;

namespace {

void wipe_text(std::string& text) {
    crypto::wipe({reinterpret_cast<std::uint8_t*>(text.data()), text.size()});
    text.clear();
}

std::int64_t wall_now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

template <typename T>
bool ready(const std::future<T>& f) {
    return f.valid() && f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

// A full-window, undecorated ImGui window with one card centred in it.
class CentredCard {
public:
    CentredCard(const Look& look, float width) {
        const ImGuiViewport* viewport = ImGui::GetMainViewport();
        begin_full_window("Candor lock");
        const float w = std::min(width * look.scale, viewport->WorkSize.x - 40 * look.scale);
        ImGui::SetCursorPos(ImVec2((viewport->WorkSize.x - w) * 0.5f, viewport->WorkSize.y * 0.24f));
        ImGui::BeginGroup();
        card_.emplace(look, ImVec4(0, 0, 0, 0), w);
    }
    ~CentredCard() {
        card_.reset();
        ImGui::EndGroup();
        ImGui::End();
    }
    CentredCard(const CentredCard&) = delete;
    CentredCard& operator=(const CentredCard&) = delete;
    [[nodiscard]] float inner_width() const { return card_->inner_width(); }

private:
    std::optional<Card> card_;
};

}  // namespace

bool is_fresh_data_dir(const fs::path& dir) {
    std::error_code ec;
    if (!fs::exists(dir, ec)) return true;
    return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

LockScreen::LockScreen(Mode mode, fs::path data_dir) : mode_(mode), dir_(std::move(data_dir)) {
    if (mode_ != Mode::welcome) wait_until_ms_ = wall_now_ms() + store::unlock_delay(dir_, wall_now_ms()).count();
}

LockScreen::~LockScreen() {
    wipe_text(passphrase_);
    finish_pending();  // a worker still deriving finishes before its result has nowhere to go
}

void LockScreen::finish_pending() {
    if (unlocking_.valid()) unlocking_.wait();
    if (restoring_.valid()) restoring_.wait();
    poll(wall_now_ms());
}

void LockScreen::choose_backup(fs::path file) {
    backup_file_ = std::move(file);
    restoring_chosen_ = true;
}

void LockScreen::submit(std::string passphrase) {
    crypto::Passphrase pass(passphrase);
    wipe_text(passphrase);
    wipe_text(passphrase_);
    message_.clear();
    if (mode_ == Mode::welcome) {
        restoring_ = std::async(std::launch::async, [file = backup_file_, dir = dir_, pass = std::move(pass)] {
            return store::restore_backup(file, dir, pass);
        });
        return;
    }
    unlocking_ = std::async(std::launch::async,
                            [dir = dir_, pass = std::move(pass)] { return store::unlock_keys(dir, pass); });
}

void LockScreen::poll(std::int64_t now_ms) {
    if (ready(unlocking_)) {
        store::UnwrappedKeys opened = unlocking_.get();
        if (opened.failure == store::BoxFailure::none) {
            if (mode_ == Mode::unlock) keys_ = std::make_shared<const store::DeviceKeys>(std::move(opened.keys));
            done_ = true;
        } else {
            const bool wrong = opened.failure == store::BoxFailure::wrong_passphrase;
            message_ = wrong ? "That passphrase didn't match. Check Caps Lock and try again." : opened.message;
            wait_until_ms_ = now_ms + store::unlock_delay(dir_, now_ms).count();
        }
    }
    if (ready(restoring_)) {
        const store::RestoreResult r = restoring_.get();
        if (!r.ok()) {
            message_ = r.failure == store::BoxFailure::wrong_passphrase
                           ? "That passphrase doesn't open this backup. Nothing was written; try again."
                           : r.message + ". Nothing was written.";
        } else if (r.locked) {
            mode_ = Mode::unlock;  // restored locked: the same passphrase opens it now
            message_ = "Restored " + std::to_string(r.entries) + " entries. Unlock it with the backup's passphrase.";
        } else {
            done_ = true;
        }
    }
}

void LockScreen::draw(ViewContext& ctx) {
    poll(ctx.now_ms);
    if (unlocking_.valid() || restoring_.valid()) ctx.redraw_within(100);
    if (mode_ == Mode::welcome) {
        draw_welcome(ctx);
    } else {
        draw_unlock(ctx);
    }
}

void LockScreen::draw_unlock(ViewContext& ctx) {
    const Look& look = ctx.look;
    CentredCard card(look, 440);
    ImGui::PushFont(look.fonts->heading);
    ImGui::TextUnformatted(mode_ == Mode::relock ? "Candor is locked" : "Welcome back");
    ImGui::PopFont();
    muted_text(look, mode_ == Mode::relock ? "The window locked itself after a while without use. Candor kept "
                                             "syncing in the background."
                                           : "Your history on this computer is protected by a passphrase.");
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    const bool working = unlocking_.valid();
    const std::int64_t wait_ms = wait_until_ms_ - ctx.now_ms;
    ImGui::SetNextItemWidth(card.inner_width());
    if (!working && !ctx.screenshot && !ImGui::IsAnyItemActive()) ImGui::SetKeyboardFocusHere();
    const bool entered = ImGui::InputTextWithHint("##passphrase", "Passphrase", &passphrase_,
                                                  ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    probe::note("Passphrase");
    ImGui::BeginDisabled(working || wait_ms > 0 || passphrase_.empty());
    const bool pressed = primary_button(look, working ? "Unlocking…" : "Unlock") || (entered && !working && wait_ms <= 0);
    ImGui::EndDisabled();
    if (pressed && !passphrase_.empty()) submit(passphrase_);
    if (wait_ms > 0) {
        ImGui::SameLine();
        muted_text(look, "Try again in %lld s", static_cast<long long>((wait_ms + 999) / 1000));
        ctx.redraw_within(wait_ms % 1000 + 1);
    }
    if (!message_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->rose);
        wrapped_text(message_.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    muted_text(look, "Forgot it? There is no way to recover it. Your partner's computer still holds what you shared.");
}

void LockScreen::draw_welcome(ViewContext& ctx) {
    const Look& look = ctx.look;
    CentredCard card(look, 560);
    ImGui::PushFont(look.fonts->heading);
    ImGui::TextUnformatted("Welcome to Candor");
    ImGui::PopFont();
    muted_text(look, "A shared history for the two of you, kept on your two computers only.");
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    if (restoring_chosen_) {
        muted_text(look, "Restoring %s", backup_file_.filename().string().c_str());
        ImGui::SetNextItemWidth(card.inner_width());
        const bool entered = ImGui::InputTextWithHint("##passphrase", "The backup's passphrase", &passphrase_,
                                                      ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
        const bool working = restoring_.valid();
        ImGui::BeginDisabled(working || passphrase_.empty());
        const bool pressed = primary_button(look, working ? "Restoring…" : "Restore") || (entered && !working);
        ImGui::EndDisabled();
        if (pressed && !passphrase_.empty()) submit(passphrase_);
        ImGui::SameLine();
        if (quiet_button(look, "Back")) restoring_chosen_ = false;
    } else if (chooser_.is_open()) {
        if (auto chosen = chooser_.draw(look)) choose_backup(*chosen);
    } else {
        if (primary_button(look, "Start fresh")) done_ = true;
        ImGui::SameLine();
        if (quiet_button(look, "Restore from a backup…")) {
            const char* home = std::getenv("HOME");
            chooser_.open(FileChooser::Mode::open, home ? home : "/", {}, ".candor-backup");
        }
        muted_text(look, "Restoring brings back everything up to the backup; what happened since comes from "
                         "your partner's computer before you can post again.");
    }
    if (!message_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->rose);
        wrapped_text(message_.c_str());
        ImGui::PopStyleColor();
    }
}

}  // namespace candor::ui
