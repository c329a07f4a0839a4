// The app frame: the sidebar, the section being shown, and the global keys.
#pragma once

#include <memory>

#include "ui/composer.hpp"
#include "node/notices.hpp"
#include "ui/toasts.hpp"
#include "ui/view_context.hpp"
#include "ui/views/breathing_view.hpp"
#include "ui/views/milestone_moment.hpp"
#include "ui/views/repair_forms.hpp"
#include "ui/views/resolutions.hpp"

namespace candor::ui {

class HomeView;
class HistoryView;
class CommitmentsView;
class AgreementView;
class DevicesView;
class SettingsView;
class CheckinsView;
class ProgressView;

class Shell {
public:
    Shell();
    ~Shell();
    Shell(const Shell&) = delete;
    Shell& operator=(const Shell&) = delete;

    // Draws one frame of the whole app into the current ImGui context (window-size independent).
    void draw(ViewContext& ctx);

private:
    void draw_sidebar(ViewContext& ctx, float width, float height);
    void draw_repair_actions(ViewContext& ctx);
    void draw_section(ViewContext& ctx);
    void handle_keys(ViewContext& ctx);
    // Partner entries and reminders: toasts, the window asking for attention, desktop notices.
    void watch(ViewContext& ctx);

    std::unique_ptr<HomeView> home_;
    std::unique_ptr<HistoryView> history_;
    std::unique_ptr<CommitmentsView> commitments_;
    std::unique_ptr<AgreementView> agreement_;
    std::unique_ptr<DevicesView> devices_;
    std::unique_ptr<SettingsView> settings_;
    std::unique_ptr<CheckinsView> checkins_;
    std::unique_ptr<ProgressView> progress_;
    Composer composer_;
    node::Watcher watcher_;
    Toasts toasts_;
    Resolutions resolutions_;
    RepairForms repair_forms_;
    BreathingView breathing_;
    MilestoneMoment moment_;

public:
    [[nodiscard]] RepairForms& repair_forms() { return repair_forms_; }
    [[nodiscard]] Composer& composer() { return composer_; }
    [[nodiscard]] MilestoneMoment& moment() { return moment_; }
    [[nodiscard]] SettingsView& settings() { return *settings_; }
    [[nodiscard]] const Toasts& toasts() const { return toasts_; }
    // Sends the Kept / Missed still in their undo window (the window is closing).
    void send_pending(ViewContext& ctx) { resolutions_.send_all(ctx); }
};

}  // namespace candor::ui
