// Edit buffers are refilled from each new snapshot unless the user is in the middle of editing,
// so a change made from the CLI shows up here too.
#include "ui/views/settings_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "core/time_format.hpp"
#include "node/control_protocol.hpp"
#include "store/autostart.hpp"
#include "ui/toasts.hpp"

namespace candor::ui {

namespace {

// "22:00" for a minute of the day.
std::string clock_text(int minutes) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", minutes / 60 % 24, minutes % 60);
    return text;
}

// A quiet-hours end, as a choice of half hours.
bool half_hour_combo(const char* id, int& minutes) {
    bool changed = false;
    ImGui::SetNextItemWidth(96.0f * ImGui::GetFontSize() / 14.0f);
    if (ImGui::BeginCombo(id, clock_text(minutes).c_str())) {
        for (int m = 0; m < 24 * 60; m += 30) {
            if (ImGui::Selectable(clock_text(m).c_str(), m == minutes)) minutes = m, changed = true;
        }
        ImGui::EndCombo();
    }
    return changed;
}

// Quiet hours, login autostart, and why notifications cannot show, if they cannot (issue 10).
void draw_background_settings(ViewContext& ctx) {
    const node::Snapshot& snap = *ctx.snapshot;
    const Look& look = ctx.look;
    if (!snap.notify_problem.empty()) muted_text(look, "%s", snap.notify_problem.c_str());
    bool quiet = snap.settings.quiet_hours;
    int from = snap.settings.quiet_from_minutes, to = snap.settings.quiet_to_minutes;
    bool changed = ImGui::Checkbox("Quiet hours: no notifications from", &quiet);
    focus::stop();
    // "from [22:00] to [07:30]" moves under the checkbox when the window is narrow.
    const float combo = 96.0f * ImGui::GetFontSize() / 14.0f;
    flow(2 * combo + ImGui::CalcTextSize("to").x + 2 * ImGui::GetStyle().ItemSpacing.x, false);
    changed = half_hour_combo("##quiet-from", from) || changed;
    ImGui::SameLine();
    ImGui::TextUnformatted("to");
    ImGui::SameLine();
    changed = half_hour_combo("##quiet-to", to) || changed;
    if (changed && ctx.actions) {
        ctx.actions->send(node::control::make_request(
            node::control::cmd::kSettings,
            json::Object{{"quiet_hours", quiet}, {"quiet_from_minutes", from}, {"quiet_to_minutes", to}}));
    }
    auto autostart = store::autostart_status(snap.data_dir);
    bool on = autostart && autostart->on;
    const bool toggled = ImGui::Checkbox("Start Candor when I log in, so messages reach me", &on);
    focus::stop();
    if (toggled && !ctx.screenshot) {
        auto set = store::set_autostart(on, snap.data_dir, store::this_program());
        if (!set) ctx.frame_error = "Could not change starting at login: " + set.message();
    }
    muted_text(look, "Closing the window keeps Candor running; Quit (Ctrl+Q) stops it.");
    bool remind = snap.settings.checkin_reminder;
    int at = snap.settings.checkin_reminder_minutes;
    bool remind_changed = ImGui::Checkbox("Remind me of the daily check-in at", &remind);
    ImGui::SameLine();
    remind_changed = half_hour_combo("##checkin-at", at) || remind_changed;
    static constexpr const char* kDays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    bool weekly = snap.settings.weekly_reminder;
    int day = snap.settings.weekly_day, weekly_at = snap.settings.weekly_minutes;
    remind_changed = ImGui::Checkbox("Remind us of the weekly State of us on", &weekly) || remind_changed;
    // Wraps at a narrow window rather than running past its edge.
    flow(130 * look.scale, false);
    ImGui::SetNextItemWidth(130 * look.scale);
    remind_changed = ImGui::Combo("##weekly-day", &day, kDays, 7) || remind_changed;
    flow(ImGui::CalcTextSize("at").x + ImGui::GetStyle().ItemSpacing.x + 96.0f * ImGui::GetFontSize() / 14.0f, false);
    ImGui::TextUnformatted("at");
    ImGui::SameLine();
    remind_changed = half_hour_combo("##weekly-at", weekly_at) || remind_changed;
    if (remind_changed && ctx.actions) {
        ctx.actions->send(node::control::make_request(
            node::control::cmd::kSettings, json::Object{{"checkin_reminder", remind},
                                                        {"checkin_reminder_minutes", at},
                                                        {"weekly_reminder", weekly},
                                                        {"weekly_day", day},
                                                        {"weekly_minutes", weekly_at}}));
    }
}

const char* const kDefaultPresets[] = {"Leaving work", "At the gym", "Home", "Out with friends", "Running errands"};

void label(const Look& look, const char* text) {
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

std::string export_path(std::int64_t now_ms) {
    const char* home = std::getenv("HOME");
    const std::time_t t = static_cast<std::time_t>(now_ms / 1000);
    std::tm local{};
    localtime_r(&t, &local);
    char day[32];
    std::strftime(day, sizeof day, "%Y-%m-%d", &local);
    return std::string(home && *home ? home : "/tmp") + "/candor-export-" + day + ".json";
}

}  // namespace

void SettingsView::load(const node::Snapshot& snap) {
    loaded_version_ = snap.version;
    if (!ImGui::IsAnyItemActive()) {
        name_ = snap.name;
        lead_ = snap.settings.reminder_lead_minutes;
        if (!reassurance_dirty_) {
            code_word_ = snap.settings.code_word;
            answers_.clear();
            for (const std::string& a : snap.settings.reassurance_presets) answers_ += a + "\n";
        }
        if (!presets_dirty_) {
            presets_ = snap.settings.update_presets;
            if (presets_.empty()) presets_.assign(std::begin(kDefaultPresets), std::end(kDefaultPresets));
        }
    }
}

void SettingsView::save(ViewContext& ctx, json::Object args, std::string done) {
    if (!ctx.actions) return;
    // A saved setting is confirmed by a toast that goes away; only a refusal stays on the page.
    ctx.actions->send(node::control::make_request(node::control::cmd::kSettings, std::move(args)),
                      [this, toasts = ctx.toasts, done = std::move(done)](const json::Value& response) {
                          const std::string error = response_error(response);
                          message_is_error_ = !error.empty();
                          message_ = error;
                          if (error.empty() && toasts) toasts->confirm(done);
                      });
}

void SettingsView::export_data(ViewContext& ctx) {
    if (!ctx.actions) return;
    const std::string out = export_path(ctx.now_ms);
    ctx.actions->send(node::control::make_request(node::control::cmd::kExport,
                                                  json::Object{{"format", "json"}, {"out", out}}),
                      [this, out, toasts = ctx.toasts](const json::Value& response) {
                          const std::string error = response_error(response);
                          message_is_error_ = !error.empty();
                          message_ = error;
                          if (error.empty() && toasts) toasts->confirm("Exported everything", "to " + out);
                      });
}

void SettingsView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, "Settings");
    if (!ctx.snapshot) {
        empty_state(look, "Candor could not start on this computer.", ctx.node_error.c_str());
        return;
    }
    const node::Snapshot& snap = *ctx.snapshot;
    if (snap.version != loaded_version_) load(snap);
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    if (!message_.empty()) {
        Card card(look, message_is_error_ ? look.palette->rose : look.palette->accent);
        wrapped_text(message_.c_str());
    }
    {
        Card card(look);
        label(look, "Your name");
        muted_text(look, "How you appear on your partner's screen.");
        ImGui::SetNextItemWidth(320 * look.scale);
        ImGui::InputText("##name", &name_);
        focus::stop(true);
        ImGui::SameLine();
        if (quiet_button(look, "Save name")) save(ctx, json::Object{{"name", name_}}, "Saved your name.");
        ImGui::Dummy(ImVec2(0, 4 * look.scale));
        label(look, "Theme");
        int theme = ctx.prefs.theme == ThemeKind::dark ? 1 : 0;
        if (choice_chip(look, "Light", theme == 0)) theme = 0;
        ImGui::SameLine();
        if (choice_chip(look, "Dark", theme == 1)) theme = 1;
        ctx.prefs.theme = theme == 1 ? ThemeKind::dark : ThemeKind::light;  // the app saves it
    }
    privacy_.draw(ctx);
    {
        Card card(look);
        label(look, "Update presets");
        muted_text(look, "One tap in Share an update. Keep them short: \"Leaving work\", \"At the gym\".");
        int remove = -1;
        for (std::size_t i = 0; i < presets_.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            ImGui::SetNextItemWidth(320 * look.scale);
            if (ImGui::InputText("##preset", &presets_[i])) presets_dirty_ = true;
            focus::stop(true);
            ImGui::SameLine();
            if (quiet_button(look, "Remove")) remove = static_cast<int>(i);
            ImGui::PopID();
        }
        if (remove >= 0) {
            presets_.erase(presets_.begin() + remove);
            presets_dirty_ = true;
        }
        ImGui::SetNextItemWidth(320 * look.scale);
        ImGui::InputTextWithHint("##new", "Add a preset", &new_preset_);
        focus::stop(true);
        ImGui::SameLine();
        if (quiet_button(look, "Add") && !new_preset_.empty()) {
            presets_.push_back(new_preset_);
            new_preset_.clear();
            presets_dirty_ = true;
        }
        if (presets_dirty_) {
            if (primary_button(look, "Save presets")) {
                json::Array list;
                for (const std::string& p : presets_) {
                    if (!p.empty()) list.emplace_back(p);
                }
                save(ctx, json::Object{{"presets", std::move(list)}}, "Saved your presets.");
                presets_dirty_ = false;
            }
        }
    }
    draw_reassurance(ctx);
    {
        Card card(look);
        label(look, "Reminders");
        muted_text(look, "How long before one of your commitments is due Candor reminds you.");
        ImGui::SetNextItemWidth(160 * look.scale);
        ImGui::InputInt("minutes before", &lead_, 5, 15);
        focus::stop(true);
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            save(ctx, json::Object{{"reminder_lead_minutes", lead_}}, "Saved the reminder time.");
        }
        ImGui::Dummy(ImVec2(0, 4 * look.scale));
        bool notifications = snap.settings.notifications;
        const bool notify_toggled = ImGui::Checkbox("Desktop notifications when your partner shares something", &notifications);
        focus::stop();
        if (notify_toggled) {
            save(ctx, json::Object{{"notifications", notifications}},
                 notifications ? "Notifications are on." : "Notifications are off. Updates still appear in the app.");
        }
        draw_background_settings(ctx);
        bool hide = snap.figures_hidden();
        const bool hide_toggled = ImGui::Checkbox("Hide the figures, for both of us", &hide);
        focus::stop();
        probe::note("Hide the figures, for both of us");
        if (hide_toggled) {
            save(ctx, json::Object{{"hide_figures", hide}},
                 hide ? "The figures are hidden on both computers. Each commitment still keeps its story."
                      : "The figures are shown again, on both computers.");
        }
        const core::State::Choice* chosen = snap.state ? snap.state->choice(core::kChoiceHideFigures) : nullptr;
        if (chosen) {
            const std::string who = chosen->by == snap.device ? "You" : snap.name_of(chosen->by);
            std::string when = core::format_relative(chosen->at_ms, ctx.now_ms);
            if (when == "now") when = "just now";
            muted_text(look, "%s chose this %s. It is a choice you share: either of you can change it.", who.c_str(),
                       when.c_str());
        } else {
            muted_text(look, "For couples who'd rather not see counts at all. It is a choice you share: it hides them "
                             "in Commitments and Progress on both computers.");
        }
        bool hide_checkins = snap.settings.hide_checkin_numbers;
        if (ImGui::Checkbox("Hide the numbers in Check-ins", &hide_checkins)) {
            save(ctx, json::Object{{"hide_checkin_numbers", hide_checkins}},
                 hide_checkins ? "Check-ins show words instead of numbers, and no chart."
                               : "Check-ins show the numbers again.");
        }
    }
    {
        Card card(look);
        label(look, "Your data");
        muted_text(look, "Everything stays on this computer and your partner's, encrypted. Nothing goes to a server.");
        ImGui::TextUnformatted("Data folder");
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->text_muted);
        ImGui::TextUnformatted(snap.data_dir.empty() ? "unknown" : snap.data_dir.c_str());
        ImGui::PopStyleColor();
        if (quiet_button(look, "Export everything")) export_data(ctx);
        ImGui::SameLine();
        muted_text(look, "A JSON file in your home folder.");
    }
}

// The couple's code word (set together, the same on both computers) and the warm answers offered
// when the partner asks for reassurance.
void SettingsView::draw_reassurance(ViewContext& ctx) {
    const Look& look = ctx.look;
    Card card(look, look.palette->rose);
    label(look, "Reassurance");
    muted_text(look, "Choose a code word together and set it on both computers. Your partner sees it when you ask; "
                     "it is never sent anywhere.");
    ImGui::SetNextItemWidth(240 * look.scale);
    if (ImGui::InputTextWithHint("##code-word", "Code word", &code_word_)) reassurance_dirty_ = true;
    muted_text(look, "Answers to offer, one per line");
    if (ImGui::InputTextMultiline("##answers", &answers_, ImVec2(-1, 80 * look.scale))) reassurance_dirty_ = true;
    if (!reassurance_dirty_ || !primary_button(look, "Save reassurance")) return;
    json::Array list;
    std::size_t start = 0;
    while (start < answers_.size()) {
        std::size_t end = answers_.find('\n', start);
        if (end == std::string::npos) end = answers_.size();
        std::string line = answers_.substr(start, end - start);
        if (line.find_first_not_of(" \t") != std::string::npos) list.emplace_back(std::move(line));
        start = end + 1;
    }
    save(ctx, json::Object{{"code_word", code_word_}, {"reassurance_presets", std::move(list)}}, "Saved your code word and answers.");
    reassurance_dirty_ = false;
}

}  // namespace candor::ui
