// Agreement: everything is read from the snapshot's State (so it reads offline) and every change
// goes through the same control requests as the CLI. This file: the tabs, reading, reviews
// and export; the proposals tab is in agreement_proposals.cpp, the history in agreement_history.cpp.
#include "ui/views/agreement_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "core/time_format.hpp"
#include "node/agreement_json.hpp"
#include "node/control_protocol.hpp"
#include "ui/keys.hpp"
#include "ui/toasts.hpp"
#include "ui/views/agreement_diff.hpp"

namespace candor::ui {
namespace {

constexpr std::int64_t kDay = 86'400'000;
namespace cmd = node::control::cmd;

bool ctrl_enter() {
    const ImGuiIO& io = ImGui::GetIO();
    return io.KeyCtrl && (ImGui::IsKeyPressed(keys::enter, false) || ImGui::IsKeyPressed(keys::keypad_enter, false));
}

// "2026-04-12" in local time.
std::string iso_day(std::int64_t utc_ms) {
    const std::time_t t = static_cast<std::time_t>(utc_ms / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
}

// A review date typed as YYYY-MM-DD, at 09:00 local time that day; nullopt when it is no date.
std::optional<std::int64_t> parse_day(const std::string& text) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), " %4d-%2d-%2d %c", &y, &m, &d, &tail) != 3) return std::nullopt;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 9;
    tm.tm_isdst = -1;
    const std::time_t t = std::mktime(&tm);
    if (t == -1 || tm.tm_mday != d || tm.tm_mon != m - 1) return std::nullopt;  // 2026-02-31
    return static_cast<std::int64_t>(t) * 1000;
}

// "Accepted by Alex and Sam on 19 October 2026", or each with a date when the days differ.
std::string accepted_words(const core::AgreementVersion& v, const node::Snapshot& snap) {
    bool same_day = true;
    for (const auto& a : v.accepted_by) same_day = same_day && date_words(a.at_ms) == date_words(v.accepted_by.front().at_ms);
    std::string out = "Accepted by ";
    for (std::size_t i = 0; i < v.accepted_by.size(); ++i) {
        if (i > 0) out += i + 1 == v.accepted_by.size() ? " and " : ", ";
        out += snap.name_of(v.accepted_by[i].by);
        if (!same_day) out += " on " + date_words(v.accepted_by[i].at_ms);
    }
    if (same_day && !v.accepted_by.empty()) out += " on " + date_words(v.accepted_by.front().at_ms);
    return out;
}

}  // namespace

AgreementView::Tab AgreementView::current_tab(const node::Snapshot& snap) const {
    if (chosen_) return *chosen_;
    const core::AgreementLog& log = snap.state->agreement();
    for (const core::AgreementVersion* v : log.open_versions()) {
        if (!v->accepted(snap.device) && !v->declined(snap.device)) return Tab::proposals;
    }
    if (log.active() == nullptr && !log.open_versions().empty()) return Tab::proposals;
    return Tab::in_force;
}

void AgreementView::keep_draft(ViewContext& ctx) { draft_store_.sync(ctx, editor_); }

void AgreementView::draw(ViewContext& ctx) {
    if (!env_read_) {
        env_read_ = true;
        // Screenshots pick a sub-view.
        const char* view = ctx.screenshot ? std::getenv("CANDOR_SCREENSHOT_VIEW") : nullptr;
        if (view && std::string(view) == "history") chosen_ = Tab::history;
        if (view && std::string(view) == "in-force") chosen_ = Tab::in_force;
        if (view && std::string(view) == "proposals") chosen_ = Tab::proposals;
        if (view && std::string(view).rfind("editor", 0) == 0 && ctx.snapshot && ctx.snapshot->state) start_editor(ctx);
        if (view && std::string(view) == "editor-plan") editor_.scroll_to_plan();
        if (view && std::string(view) == "review") chosen_ = Tab::in_force, review_open_ = true;
    }
    if (!ctx.snapshot || !ctx.snapshot->state) {
        title(ctx.look, "Agreement");
        muted_text(ctx.look, "%s", ctx.node_error.empty() ? "Starting…" : ctx.node_error.c_str());
        return;
    }
    if (editor_.take_proposed()) chosen_ = Tab::proposals;
    if (editor_.is_open()) {
        editor_.draw(ctx);
        return;
    }
    const node::Snapshot& snap = *ctx.snapshot;
    const Tab tab = current_tab(snap);
    draw_header(ctx, !snap.state->agreement().versions().empty(), tab);
    switch (tab) {
        case Tab::in_force: draw_in_force(ctx); break;
        case Tab::proposals: draw_proposals(ctx); break;
        case Tab::history: draw_history(ctx); break;
    }
    ImGui::Dummy(ImVec2(0, 16.0f * ctx.look.scale));
}

void AgreementView::draw_header(ViewContext& ctx, bool any_version, Tab tab) {
    const Look& look = ctx.look;
    const node::Snapshot& snap = *ctx.snapshot;
    const core::AgreementLog& log = snap.state->agreement();
    title(look, "Agreement");
    const char* action = editor_.has_draft() ? "Continue your draft"
                         : log.active()      ? "Propose a change"
                                             : "Start a draft";
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const float export_w = any_version ? button_width("Export to Markdown") + ImGui::GetStyle().ItemSpacing.x : 0.0f;
    same_line_right(button_width(action, look.fonts->body_bold) + export_w, right);
    if (primary_button(look, action)) start_editor(ctx);
    if (any_version) {
        ImGui::SameLine();
        if (quiet_button(look, "Export to Markdown")) export_markdown(ctx);
    }
    muted_text(look, "What you both agreed, in your own words, so it cannot drift into \"I thought you said…\".");
    if (!export_message_.empty()) coloured_text(export_failed_ ? look.palette->rose : look.palette->accent, export_message_);
    if (!any_version) return;
    ImGui::Dummy(ImVec2(0, 4.0f * look.scale));
    // Only proposals still waiting for an answer count; a declined one stays listed, uncounted.
    const auto waiting = log.open_versions();
    const auto open = std::count_if(waiting.begin(), waiting.end(), [](const core::AgreementVersion* v) {
        return v->status == core::VersionStatus::proposed;
    });
    const std::string proposals = open == 0 ? "Proposals" : "Proposals (" + std::to_string(open) + ")";
    if (choice_chip(look, "In force", tab == Tab::in_force)) chosen_ = Tab::in_force;
    ImGui::SameLine();
    if (choice_chip(look, (proposals + "###proposals").c_str(), tab == Tab::proposals)) chosen_ = Tab::proposals;
    probe::note("Proposals");
    ImGui::SameLine();
    if (choice_chip(look, "History", tab == Tab::history)) chosen_ = Tab::history;
    ImGui::Dummy(ImVec2(0, 6.0f * look.scale));
}

void AgreementView::start_editor(ViewContext& ctx) {
    const node::Snapshot& snap = *ctx.snapshot;
    const core::AgreementVersion* in_force = snap.state->agreement().active();
    if (editor_.has_draft()) {
        editor_.reopen();
        return;
    }
    if (in_force == nullptr) {
        editor_.open(blank_draft());
        return;
    }
    AgreementDraft draft = draft_from(read_doc(*in_force), snap.device);
    draft.heading = "Propose a change";
    editor_.open(std::move(draft));
}

void AgreementView::revise(ViewContext& ctx, const core::AgreementVersion& v) {
    AgreementDraft draft = draft_from(read_doc(v), ctx.snapshot->device);
    draft.parent = core::to_hex(v.id);
    draft.heading = "Revise version " + std::to_string(v.number);
    editor_.open(std::move(draft));
}

void AgreementView::draw_in_force(ViewContext& ctx) {
    const Look& look = ctx.look;
    const Palette& p = *look.palette;
    const node::Snapshot& snap = *ctx.snapshot;
    const core::AgreementLog& log = snap.state->agreement();
    const core::AgreementVersion* v = log.active();
    if (v == nullptr) {
        if (!log.open_versions().empty()) {
            Card card(look, p.amber);
            ImGui::PushFont(look.fonts->body_bold);
            ImGui::TextWrapped("Nothing is in force yet.");
            ImGui::PopFont();
            muted_text(look, "A first version is waiting. It comes into force once you have both accepted it.");
            if (quiet_button(look, "See the proposal")) chosen_ = Tab::proposals;
            return;
        }
        empty_state(look, "No agreement yet.",
                    "Draft one together: a few commitments from each of you, what support looks like, boundaries "
                    "by area, what breaks the agreement, and when you will revisit it. It is in force only when "
                    "both of you have accepted the same version.");
        return;
    }
    const core::AgreementDoc doc = read_doc(*v);
    const auto next = log.next_review_ms(doc.review_every_days);
    const bool due = next && *next <= ctx.now_ms;
    if (next && !due) ctx.redraw_within(*next - ctx.now_ms);
    if (due && !review_open_) {
        Card card(look, p.amber);
        ImGui::PushFont(look.fonts->heading);
        ImGui::TextUnformatted("Time to revisit your agreement");
        ImGui::PopFont();
        muted_text(look, "The review was due on %s. Sit down together, talk through what works and what doesn't, "
                         "and note what you agreed.", date_words(*next).c_str());
        if (primary_button(look, "Record a review")) review_open_ = focus_form_ = true;
    }
    if (review_open_) draw_review_form(ctx, doc.review_every_days);
    for (const core::AgreementVersion* open : log.open_versions()) {
        if (open->accepted(snap.device) || open->declined(snap.device)) continue;
        Card card(look, p.amber);
        ImGui::TextWrapped("%s proposed a change (version %u). Nothing changes until you both accept it.",
                           snap.name_of(open->proposer).c_str(), open->number);
        if (quiet_button(look, "Review the proposal")) chosen_ = Tab::proposals;
        break;
    }

    draw_in_force_now(ctx, *v);
    Card card(look);
    title(look, doc.title.c_str());
    muted_text(look, "Version %u · in force since %s", v->number, date_words(v->activated_at_ms).c_str());
    muted_text(look, "%s", accepted_words(*v, snap).c_str());
    if (next) {
        const std::string when = date_words(*next) + (due ? " · due now" : " · " + core::format_relative(*next, ctx.now_ms));
        ImGui::PushStyleColor(ImGuiCol_Text, due ? p.amber : p.text_muted);
        ImGui::TextWrapped("Next review: %s", when.c_str());
        ImGui::PopStyleColor();
        if (!due && !review_open_) {
            ImGui::SameLine();
            if (quiet_button(look, "Record a review")) review_open_ = focus_form_ = true;
        }
    }
    ImGui::Dummy(ImVec2(0, 4.0f * look.scale));
    draw_agreement(look, doc, [&snap](const core::DeviceId& id) { return snap.name_of(id); }, snap.device);
}

// For a day after both accepted, the moment is marked on both computers: a version coming
// into force is something the couple did together, not a status change.
void AgreementView::draw_in_force_now(ViewContext& ctx, const core::AgreementVersion& v) {
    const std::int64_t since = ctx.now_ms - v.activated_at_ms;
    if (v.activated_at_ms <= 0 || since >= kDay) return;
    ctx.redraw_within(std::max<std::int64_t>(kDay - since, 1000));
    const Look& look = ctx.look;
    Card card(look, look.palette->accent);
    ImGui::PushFont(look.fonts->heading);
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->accent);
    ImGui::TextUnformatted("In force now");
    ImGui::PopStyleColor();
    ImGui::PopFont();
    probe::note("In force now");
    std::string when = core::format_relative(v.activated_at_ms, ctx.now_ms);
    if (when == "now") when = "just now";
    ImGui::TextWrapped("You have both accepted version %u, %s. This is what you agreed, in your own words.",
                       v.number, when.c_str());
}

void AgreementView::draw_review_form(ViewContext& ctx, std::uint32_t every_days) {
    const Look& look = ctx.look;
    const std::uint32_t days = every_days > 0 ? every_days : 30;
    if (review_date_.empty()) review_date_ = iso_day(ctx.now_ms + days * kDay);
    Card card(look, look.palette->accent);
    ImGui::PushFont(look.fonts->heading);
    ImGui::TextUnformatted("Record a review");
    ImGui::PopFont();
    muted_text(look, "What you talked about, what you changed or kept, and when you will sit down again.");
    ImGui::Dummy(ImVec2(0, 4.0f * look.scale));
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted("Notes");
    ImGui::PopFont();
    if (focus_form_) {
        focus_form_ = false;
        ImGui::SetKeyboardFocusHere();
    }
    ImGui::InputTextMultiline("##review-note", &review_note_,
                              ImVec2(card.inner_width(), 4.6f * ImGui::GetTextLineHeightWithSpacing()));
    focus::stop(true);
    probe::note("review note");
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted("Next review");
    ImGui::PopFont();
    ImGui::SetNextItemWidth(150.0f * look.scale);
    ImGui::InputTextWithHint("##review-date", "2026-05-12", &review_date_);
    focus::stop(true);
    probe::note("review date");
    const std::string rhythm = "In " + std::to_string(days) + " days (your rhythm)";
    ImGui::SameLine();
    if (choice_chip(look, rhythm.c_str(), review_date_ == iso_day(ctx.now_ms + days * kDay)))
        review_date_ = iso_day(ctx.now_ms + days * kDay);
    ImGui::SameLine();
    if (choice_chip(look, "In 2 weeks", review_date_ == iso_day(ctx.now_ms + 14 * kDay)))
        review_date_ = iso_day(ctx.now_ms + 14 * kDay);
    if (!review_error_.empty()) coloured_text(look.palette->rose, review_error_);
    ImGui::Dummy(ImVec2(0, 2.0f * look.scale));
    const bool save = primary_button(look, review_sending_ ? "Saving…" : "Save review") || ctrl_enter();
    ImGui::SameLine();
    const bool cancel = quiet_button(look, "Cancel") || ImGui::IsKeyPressed(keys::escape, false);
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
    muted_text(look, "Ctrl+Enter saves · Esc closes");
    if (save) {
        save_review(ctx);
    } else if (cancel) {
        review_open_ = false;
        review_error_.clear();
    }
}

void AgreementView::save_review(ViewContext& ctx) {
    if (review_sending_ || !ctx.actions) return;
    const auto next = parse_day(review_date_);
    if (review_note_.find_first_not_of(" \t\r\n") == std::string::npos) {
        review_error_ = "Write a line about what you talked about, so you both can find it later.";
        focus_form_ = true;
    } else if (!next) {
        review_error_ = "Write the next review date as year-month-day, like " + iso_day(ctx.now_ms + 30 * kDay) + ".";
    } else if (*next <= ctx.now_ms) {
        review_error_ = "That date has passed: pick a day still to come.";
    } else {
        review_sending_ = true;
        review_error_.clear();
        json::Object args{{std::string(node::control::arg::kNote), review_note_},
                          {std::string(node::control::arg::kNext), *next}};
        ctx.actions->send(node::control::make_request(cmd::kAgreementReview, std::move(args)),
                          [this](const json::Value& response) {
                              review_sending_ = false;
                              review_error_ = response_error(response);
                              if (!review_error_.empty()) return;
                              review_open_ = false;
                              review_note_.clear();
                              review_date_.clear();
                          });
    }
}

void AgreementView::export_markdown(ViewContext& ctx) {
    if (!ctx.actions) return;
    const std::string dir = ctx.snapshot->data_dir;
    if (dir.empty()) {
        export_failed_ = true;
        export_message_ = "This device's data folder is unknown, so there is nowhere to write the export.";
        return;
    }
    const std::string out = dir + (dir.back() == '/' ? "" : "/") + "agreement.md";
    json::Object args{{std::string(node::control::arg::kFormat), "markdown"}, {std::string(node::control::arg::kOut), out}};
    export_message_.clear();
    export_failed_ = false;
    ctx.actions->send(node::control::make_request(cmd::kExport, std::move(args)),
                      [this, out, toasts = ctx.toasts](const json::Value& response) {
                          const std::string error = response_error(response);
                          export_failed_ = !error.empty();
                          export_message_ = error.empty() ? "" : "Could not export: " + error;
                          if (error.empty() && toasts) toasts->confirm("Saved the agreement and its history", "to " + out);
                      });
}

}  // namespace candor::ui
