// Sidebar navigation and section dispatch. The sidebar is a fixed ~200 px column; the section
// fills the rest with a readable maximum width so long lines stay comfortable on wide screens.
#include "ui/shell.hpp"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <string>

#include "ui/keys.hpp"
#include "ui/views/agreement_view.hpp"
#include "ui/views/checkins_view.hpp"
#include "ui/views/commitments_view.hpp"
#include "ui/views/devices_view.hpp"
#include "ui/views/history_view.hpp"
#include "ui/views/home_view.hpp"
#include "ui/views/progress_view.hpp"
#include "ui/views/settings_view.hpp"

namespace candor::ui {

std::optional<Section> parse_section(std::string_view name) {
    for (Section s : kSections) {
        const std::string_view label = section_label(s);
        if (label.size() == name.size() &&
            std::equal(label.begin(), label.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
            })) {
            return s;
        }
    }
    return std::nullopt;
}

Shell::Shell()
    : home_(std::make_unique<HomeView>()),
      history_(std::make_unique<HistoryView>()),
      commitments_(std::make_unique<CommitmentsView>()),
      agreement_(std::make_unique<AgreementView>()),
      devices_(std::make_unique<DevicesView>()),
      settings_(std::make_unique<SettingsView>()),
      checkins_(std::make_unique<CheckinsView>()),
      progress_(std::make_unique<ProgressView>()) {}

Shell::~Shell() = default;

void Shell::handle_keys(ViewContext& ctx) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl) {
        if (ImGui::IsKeyPressed(keys::q, false)) ctx.quit_requested = true;
        for (std::size_t i = 0; i < kSections.size(); ++i) {
            if (ImGui::IsKeyPressed(keys::digit_1 + static_cast<int>(i), false)) ctx.section = kSections[i];
        }
        return;
    }
    // U / L / C / R open the quick actions, but never while someone is typing.
    if (io.WantTextInput || composer_.is_open() || repair_forms_.is_open() || io.KeyAlt || io.KeySuper) return;
    if (ImGui::IsKeyPressed(keys::r, false) && ctx.snapshot) repair_forms_.open(RepairForm::ask);
    if (ImGui::IsKeyPressed(keys::u, false)) ctx.open_composer = ComposerKind::update;
    if (ImGui::IsKeyPressed(keys::l, false)) ctx.open_composer = ComposerKind::late;
    if (ImGui::IsKeyPressed(keys::c, false)) ctx.open_composer = ComposerKind::commitment;
}

void Shell::draw(ViewContext& ctx) {
    ctx.resolutions = &resolutions_;
    ctx.toasts = &toasts_;
    ctx.repair_forms = &repair_forms_;
    ctx.breath.reset();
    ctx.glow.reset();
    focus::begin_frame();
    resolutions_.tick(ctx);
    // A breathing guide takes the whole window while it runs (Esc ends it here).
    if (breathing_.draw(ctx)) {
        watch(ctx);
        return;
    }
    handle_keys(ctx);
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
    ImGui::Begin("Candor", nullptr, flags);
    ImGui::PopStyleVar();

    const float sidebar_width = 200.0f * ctx.look.scale;
    draw_sidebar(ctx, sidebar_width, viewport->WorkSize.y);
    ImGui::SameLine(0, 0);

    const float pad = 32.0f * ctx.look.scale;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, 24.0f * ctx.look.scale));
    ImGui::BeginChild("section", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    ImGui::PopStyleVar();
    const float max_width = 760.0f * ctx.look.scale;
    const float avail = ImGui::GetContentRegionAvail().x;
    if (avail > max_width) {
        ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail - max_width) * 0.5f);
    }
    ImGui::BeginGroup();
    ImGui::PushItemWidth(std::min(avail, max_width) * 0.6f);
    ImGui::BeginChild("section-body", ImVec2(std::min(avail, max_width), 0), false,
                      ImGuiWindowFlags_NoBackground);
    draw_section(ctx);
    agreement_->keep_draft(ctx);
    ImGui::EndChild();
    ImGui::PopItemWidth();
    ImGui::EndGroup();
    ImGui::EndChild();
    if (ctx.open_composer != ComposerKind::none) {
        if (ctx.snapshot) composer_.open(ctx.open_composer, ctx.now_ms, std::move(ctx.composer_for));
        ctx.open_composer = ComposerKind::none;
        ctx.composer_for.clear();
    }
    composer_.draw(ctx);
    repair_forms_.draw(ctx);
    ImGui::End();
    watch(ctx);
    // A milestone's moment, over the app, once nobody is typing.
    (void)moment_.draw(ctx, ImGui::GetIO().WantTextInput || composer_.is_open() || repair_forms_.is_open());
    toasts_.draw(ctx);
}

void Shell::watch(ViewContext& ctx) {
    if (!ctx.snapshot) return;
    const node::Snapshot& snap = *ctx.snapshot;
    // The Node sends the desktop notifications (it runs with or without a window); the window
    // shows the same notices as toasts and asks for attention.
    for (node::Notice& n : watcher_.observe(snap, ctx.now_ms)) {
        if (n.reminder || n.attention || snap.settings.notifications) ctx.request_attention = true;
        if (n.milestone) {  // its own moment, then a card in Progress: not a toast among others
            moment_.offer(std::move(n.title), std::move(n.body));
            continue;
        }
        const ToastTone tone = n.reminder ? ToastTone::reminder : ToastTone::partner;
        toasts_.add(std::move(n.title), std::move(n.body), tone, ctx.now_ms, n.reminder ? 5 * Toasts::kShowMs : Toasts::kShowMs);
    }
    ctx.redraw_within(watcher_.next_reminder_in(snap, ctx.now_ms));
}

void Shell::draw_sidebar(ViewContext& ctx, float width, float height) {
    const Palette& p = *ctx.look.palette;
    const float s = ctx.look.scale;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), to_u32(with_alpha(p.sidebar, 0.92f)));
    draw->AddLine(ImVec2(origin.x + width - 1, origin.y), ImVec2(origin.x + width - 1, origin.y + height),
                  to_u32(p.border));

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(14.0f * s, 22.0f * s));
    ImGui::BeginChild("sidebar", ImVec2(width, height), false,
                      ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoBackground);
    ImGui::PopStyleVar();

    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 6.0f * s);
    ImGui::PushFont(ctx.look.fonts->heading);
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent);
    ImGui::TextUnformatted("Candor");
    ImGui::PopStyleColor();
    ImGui::PopFont();
    // A short window (800x600) keeps every item in view by drawing them closer together.
    const bool compact = height < 700.0f * s;
    ImGui::Dummy(ImVec2(0, (compact ? 8.0f : 14.0f) * s));

    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(0, (compact ? 2.0f : 4.0f) * s));
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12.0f * s, (compact ? 6.0f : 9.0f) * s));
    int index = 1;
    for (Section section : kSections) {
        const bool selected = ctx.section == section;
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const ImVec2 size(ImGui::GetContentRegionAvail().x, ImGui::GetFrameHeight());
        ImGui::PushID(index);
        if (ImGui::InvisibleButton(section_label(section), size)) ctx.section = section;
        focus::stop();
        probe::note(section_label(section));
        const bool hovered = ImGui::IsItemHovered();
        // Arrows move the keyboard focus along the sidebar; the ring shows where it is.
        const bool keyboard_focus = ImGui::IsItemFocused() && ImGui::GetIO().NavVisible;
        ImGui::PopID();
        if (selected || hovered) {
            draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                                to_u32(with_alpha(p.accent, selected ? 0.16f : 0.08f)), 6.0f * s);
        }
        if (keyboard_focus) {
            draw->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), to_u32(p.accent), 6.0f * s, 0, 2.0f * s);
            probe::note("focus ring");
        }
        if (selected) {
            draw->AddRectFilled(ImVec2(pos.x, pos.y + 8.0f * s), ImVec2(pos.x + 3.0f * s, pos.y + size.y - 8.0f * s),
                                to_u32(p.accent), 2.0f * s);
        }
        ImFont* font = selected ? ctx.look.fonts->body_bold : ctx.look.fonts->body;
        const float text_y = pos.y + (size.y - font->FontSize) * 0.5f;
        draw->AddText(font, font->FontSize, ImVec2(pos.x + 14.0f * s, text_y),
                      to_u32(selected ? p.text : with_alpha(p.text, 0.82f)), section_label(section));
        const std::string key = "Ctrl+" + std::to_string(index);
        const ImVec2 key_size = ImGui::CalcTextSize(key.c_str());
        if (hovered) {
            draw->AddText(ImVec2(pos.x + size.x - key_size.x - 10.0f * s, text_y), to_u32(p.text_muted), key.c_str());
        }
        ++index;
    }
    ImGui::PopStyleVar(2);
    draw_repair_actions(ctx);
    // Closing the window only hides it; Quit stops Candor until it is opened again.
    const float quit_y = height - ImGui::GetFrameHeight() - (compact ? 24.0f : 44.0f) * s;
    if (ImGui::GetCursorPosY() < quit_y) ImGui::SetCursorPosY(quit_y);
    if (quiet_button(ctx.look, "Quit Candor", ImVec2(ImGui::GetContentRegionAvail().x, 0))) ctx.quit_requested = true;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Stops Candor until you open it again (Ctrl+Q)");
    ImGui::EndChild();
}

// Repair tools, always one click away whatever the section: "I need reassurance" (R) first.
void Shell::draw_repair_actions(ViewContext& ctx) {
    if (!ctx.snapshot) return;
    const Look& look = ctx.look;
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::Dummy(ImVec2(0, 18.0f * look.scale));
    ImGui::PushStyleColor(ImGuiCol_Button, look.palette->rose);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, with_alpha(look.palette->rose, 0.85f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, with_alpha(look.palette->rose, 0.7f));
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->accent_text);
    ImGui::PushFont(look.fonts->body_bold);
    if (ImGui::Button("I need reassurance", ImVec2(width, 0))) repair_forms_.open(RepairForm::ask);
    probe::note("I need reassurance");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Sends your code word to your partner (R)");
    ImGui::PopFont();
    ImGui::PopStyleColor(4);
    if (quiet_button(look, "Breathe together", ImVec2(width, 0))) repair_forms_.open(RepairForm::breathe);
    const bool pausing = ctx.snapshot->state->repair().open_pause(ctx.snapshot->device) != nullptr;
    if (quiet_button(look, pausing ? "More time" : "I need a pause", ImVec2(width, 0)))
        repair_forms_.open(RepairForm::pause);
    if (quiet_button(look, "Write an apology", ImVec2(width, 0))) repair_forms_.open(RepairForm::apology);
}

void Shell::draw_section(ViewContext& ctx) {
    switch (ctx.section) {
        case Section::home: home_->draw(ctx); break;
        case Section::history: history_->draw(ctx); break;
        case Section::commitments: commitments_->draw(ctx); break;
        case Section::agreement: agreement_->draw(ctx); break;
        case Section::devices: devices_->draw(ctx); break;
        case Section::settings: settings_->draw(ctx); break;
        case Section::checkins: checkins_->draw(ctx); break;
        case Section::progress: progress_->draw(ctx); break;
    }
}

}  // namespace candor::ui
