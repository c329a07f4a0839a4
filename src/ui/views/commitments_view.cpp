// The ledger reads from core::build_ledger; this file only lays it out. The figures speak of
// progress ("kept 12 of 14 · 3 in a row"), never of a score against the other person.
#include "ui/views/commitments_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <vector>

#include "core/time_format.hpp"
#include "node/control_protocol.hpp"
#include "ui/composer.hpp"
#include "ui/entry_text.hpp"
#include "ui/toasts.hpp"
#include "ui/repair_text.hpp"
#include "ui/views/plan_phase.hpp"
#include "ui/views/resolutions.hpp"

namespace candor::ui {
namespace {

constexpr std::int64_t kMinute = 60'000;

ImVec4 outcome_colour(const Palette& p, core::LedgerOutcome o) {
    switch (o) {
        case core::LedgerOutcome::due:
        case core::LedgerOutcome::kept_late_unwarned: return p.amber;
        case core::LedgerOutcome::kept_on_time:
        case core::LedgerOutcome::kept_late_warned: return p.accent;
        case core::LedgerOutcome::missed: return p.rose;
        case core::LedgerOutcome::open: break;
    }
    return p.text_muted;
}

// "19:26", or "Yesterday 19:26" when not today.
std::string when(std::int64_t ms, std::int64_t now_ms) {
    const std::string day = day_label(ms, now_ms);
    return day == "Today" ? local_clock(ms) : day + " " + local_clock(ms);
}

std::optional<core::DeviceId> partner_of(const node::Snapshot& snap, const core::Ledger& ledger) {
    if (!snap.peers.empty()) {
        if (auto id = core::parse_id(snap.peers.front().device_id)) return *id;
    }
    for (const auto& [person, f] : ledger.people) {
        if (person != snap.device) return person;
    }
    return std::nullopt;
}

void story_line(const Look& look, const char* what, const std::string& rest, ImVec4 dot) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float h = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + 5 * look.scale, pos.y + h * 0.5f), 4 * look.scale,
                                                to_u32(dot));
    ImGui::SetCursorScreenPos(ImVec2(pos.x + 18 * look.scale, pos.y));
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted(what);
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->text_muted);
    ImGui::TextUnformatted(rest.c_str());
    ImGui::PopStyleColor();
}

void story(const ViewContext& ctx, const core::Commitment& c, const core::LedgerItem& item) {
    const Look& look = ctx.look;
    const Palette& p = *look.palette;
    for (const core::StoryEvent& ev : c.story) {
        const std::string at = when(ev.at_ms, ctx.now_ms);
        const std::string note = ev.note.empty() ? "" : " · " + ev.note;
        switch (ev.type) {
            case core::StoryEvent::Type::made:
                story_line(look, "Made", at + " — due " + when(ev.due_ms, ctx.now_ms), p.text_muted);
                break;
            case core::StoryEvent::Type::renegotiated:
                story_line(look, "New time", at + " — now due " + when(ev.due_ms, ctx.now_ms) + note, p.text_muted);
                break;
            case core::StoryEvent::Type::late: {
                const bool warning = item.warning_id == ev.entry_id;
                story_line(look, "Running late",
                           at + " — " + std::to_string(ev.minutes) + " min" + note + (warning ? " · warned in time" : ""),
                           p.amber);
                break;
            }
            case core::StoryEvent::Type::resolved: {
                const bool kept = ev.outcome == core::Outcome::kept;
                std::string words = ledger_words(item, ctx.now_ms);
                if (words.rfind("kept · ", 0) == 0) words = words.substr(7);
                story_line(look, kept ? "Kept" : "Missed", at + (kept ? " — " + words : "") + note,
                           kept ? p.accent : p.rose);
                break;
            }
        }
    }
}

}  // namespace

void CommitmentsView::send(ViewContext& ctx, std::string_view cmd, json::Object args) {
    if (!ctx.actions) return;
    error_.clear();
    ask_error_.clear();
    const bool asking = cmd == "request";
    const json::Value* text = args.find("text");
    const std::string asked = "Asked: " + (text && text->if_string() ? *text->if_string() : std::string());
    ctx.actions->send(node::control::make_request(cmd, std::move(args)),
                      [this, asking, asked, toasts = ctx.toasts](const json::Value& r) {
                          (asking ? ask_error_ : error_) = response_error(r);
                          if (asking && ask_error_.empty()) {
                              if (toasts) toasts->confirm(asked, "It shows under Requests until they answer.");
                              ask_text_.clear();
                          }
                      });
}

void CommitmentsView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, "Commitments");
    if (!ctx.snapshot) {
        empty_state(look, "Candor could not start on this computer.", ctx.node_error.c_str());
        return;
    }
    const node::Snapshot& snap = *ctx.snapshot;
    const core::Ledger ledger = core::build_ledger(*snap.state, ctx.now_ms);
    muted_text(look, "Promises you make each other, like \"I'll call at 7:00\", and how they went.");
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    // Hidden by the setting, or retired for good by the plan's last phase (Progress too).
    const bool retired = core::figures_retired(plan_in_force(*snap.state), ctx.now_ms);
    if (!snap.figures_hidden() && !retired && !ledger.items.empty()) figures(ctx, snap, ledger);
    if (!error_.empty()) {
        Card card(look, look.palette->rose);
        wrapped_text(error_.c_str());
    }
    std::size_t open = 0, waiting = 0;
    for (const core::LedgerItem& i : ledger.items) open += i.resolved() ? 0 : 1;
    for (const core::CommitmentRequest& r : snap.state->requests()) waiting += r.answer_id ? 0 : 1;
    const std::string open_label = "Open (" + std::to_string(open) + ")###open";
    const std::string resolved_label = "Resolved (" + std::to_string(ledger.items.size() - open) + ")###resolved";
    const std::string requests_label =
        waiting ? "Requests (" + std::to_string(waiting) + ")###requests" : std::string("Requests###requests");
    if (!ImGui::BeginTabBar("ledger")) return;
    // Each tab is probed under its stable name ("Open", "Resolved", "Requests") for the UI tests.
    const auto tab = [](const std::string& label, const char* name) {
        const bool shown = ImGui::BeginTabItem(label.c_str());
        probe::note(name);
        return shown;
    };
    if (tab(open_label, "Open")) {
        list(ctx, snap, ledger, true);
        ImGui::EndTabItem();
    }
    if (tab(resolved_label, "Resolved")) {
        list(ctx, snap, ledger, false);
        ImGui::EndTabItem();
    }
    if (tab(requests_label, "Requests")) {
        requests(ctx, snap);
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

void CommitmentsView::figures(ViewContext& ctx, const node::Snapshot& snap, const core::Ledger& ledger) {
    const Look& look = ctx.look;
    const Palette& p = *look.palette;
    std::vector<std::pair<core::DeviceId, std::string>> people{{snap.device, "You"}};
    if (auto partner = partner_of(snap, ledger)) people.emplace_back(*partner, snap.name_of(*partner));
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float width = (ImGui::GetContentRegionAvail().x - gap * static_cast<float>(people.size() - 1)) /
                        static_cast<float>(people.size());
    for (std::size_t i = 0; i < people.size(); ++i) {
        const core::PersonFigures f = ledger.figures(people[i].first);
        if (i > 0) ImGui::SameLine(0, gap);
        ImGui::BeginGroup();
        {
            Card card(look, i == 0 ? p.accent : p.partner, width);
            muted_text(look, "%s", people[i].second.c_str());
            ImGui::PushFont(look.fonts->heading);
            if (f.resolved() == 0) {
                ImGui::TextUnformatted(f.total() ? "Nothing resolved yet" : "No commitments yet");
            } else {
                ImGui::Text("Kept %u of %u", f.kept(), f.resolved());
            }
            ImGui::PopFont();
            const float fraction = f.resolved() ? static_cast<float>(f.kept()) / static_cast<float>(f.resolved()) : 0;
            ImGui::PushStyleColor(ImGuiCol_PlotHistogram, p.accent);
            ImGui::PushStyleColor(ImGuiCol_FrameBg, with_alpha(p.text, 0.07f));
            ImGui::ProgressBar(fraction, ImVec2(card.inner_width(), 6 * look.scale), "");
            ImGui::PopStyleColor(2);
            // Only what happened: "1 on time · 1 late with a warning · 1 missed", no rows of zeros.
            std::string parts;
            const auto add = [&parts](unsigned n, const char* what) {
                if (n == 0) return;
                parts += (parts.empty() ? "" : " · ") + std::to_string(n) + " " + what;
            };
            add(f.kept_on_time, "on time");
            add(f.kept_late_warned, "late with a warning");
            add(f.kept_late_unwarned, "late");
            add(f.missed, "missed");
            if (!parts.empty()) muted_text(look, "%s", parts.c_str());
            std::string now_line = std::to_string(f.open + f.due) + " open";
            if (f.due) now_line += " (" + std::to_string(f.due) + " due)";
            if (f.streak >= 2) now_line += " · " + std::to_string(f.streak) + " in a row";
            muted_text(look, "%s", now_line.c_str());
        }
        ImGui::EndGroup();
    }
    muted_text(look, "For noticing progress together, not for keeping score. Settings can hide these figures.");
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
}

void CommitmentsView::list(ViewContext& ctx, const node::Snapshot& snap, const core::Ledger& ledger, bool open) {
    const Look& look = ctx.look;
    const auto partner = partner_of(snap, ledger);
    const std::string theirs = partner ? snap.name_of(*partner) + "'s" : std::string("Partner's");
    ImGui::Dummy(ImVec2(0, 2 * look.scale));
    if (const int clicked = choice_chips(look, {"Both of us", "Mine", theirs}, who_); clicked >= 0) who_ = clicked;
    ImGui::Dummy(ImVec2(0, 2 * look.scale));
    std::vector<std::size_t> rows;
    const auto& all = snap.state->commitments();
    for (std::size_t i = 0; i < all.size(); ++i) {
        const bool mine = all[i].author == snap.device;
        if ((who_ == 1 && !mine) || (who_ == 2 && mine)) continue;
        if (ledger.items[i].resolved() == open) continue;
        rows.push_back(i);
    }
    // Open: soonest due first. Resolved: most recently resolved first.
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
        return open ? ledger.items[a].due_ms < ledger.items[b].due_ms
                    : ledger.items[a].resolved_ms > ledger.items[b].resolved_ms;
    });
    if (rows.empty()) {
        if (open) {
            empty_state(look, "Nothing open.",
                        "Make a small, specific promise with a time (C). Each one keeps its story: when it was made, "
                        "any new time, any running-late notice, and how it went.");
        } else {
            empty_state(look, "Nothing resolved yet.", "When a commitment is kept or missed, it moves here with its story.");
        }
        return;
    }
    for (std::size_t i : rows) commitment_card(ctx, snap, all[i], ledger.items[i]);
    if (open) recently_resolved(ctx, snap, ledger);
}

void CommitmentsView::recently_resolved(ViewContext& ctx, const node::Snapshot& snap, const core::Ledger& ledger) {
    constexpr std::int64_t kRecent = 36 * 60 * kMinute;
    constexpr std::size_t kMax = 5;
    std::vector<std::size_t> recent;
    for (std::size_t i = 0; i < ledger.items.size(); ++i) {
        if (ledger.items[i].resolved() && ledger.items[i].resolved_ms > ctx.now_ms - kRecent) recent.push_back(i);
    }
    if (recent.empty()) return;
    std::sort(recent.begin(), recent.end(),
              [&](std::size_t a, std::size_t b) { return ledger.items[a].resolved_ms > ledger.items[b].resolved_ms; });
    if (recent.size() > kMax) recent.resize(kMax);
    const Look& look = ctx.look;
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    muted_text(look, "Recently resolved — their stories are under Resolved");
    for (std::size_t i : recent) {
        const core::Commitment& c = snap.state->commitments()[i];
        const std::string who = c.author == snap.device ? "You" : snap.name_of(c.author);
        const std::string words = ledger_words(ledger.items[i], ctx.now_ms);
        ImGui::Bullet();
        ImGui::Text("%s — %s, %s", c.text.c_str(), who.c_str(), when(ledger.items[i].resolved_ms, ctx.now_ms).c_str());
        ImGui::SameLine();
        chip(look, words.c_str(), outcome_colour(*look.palette, ledger.items[i].outcome));
        if (ledger.items[i].author_resolved_ms != ledger.items[i].resolved_ms) {
            // Both times in view: the author's clock said otherwise (core/entry_times.hpp).
            ImGui::SameLine();
            const std::string clock = c.author == snap.device ? "Your clock" : who + "'s clock";
            muted_text(look, "%s said %s; this computer knew it had not happened by then", clock.c_str(),
                       when(ledger.items[i].author_resolved_ms, ctx.now_ms).c_str());
        }
    }
}

void CommitmentsView::commitment_card(ViewContext& ctx, const node::Snapshot& snap, const core::Commitment& c,
                                      const core::LedgerItem& item) {
    const Look& look = ctx.look;
    const Palette& p = *look.palette;
    const bool mine = c.author == snap.device;
    const std::string id = core::to_hex(c.id);
    ImGui::PushID(id.c_str());
    Card card(look, mine ? p.accent : p.partner);
    const std::string words = ledger_words(item, ctx.now_ms);
    const float chip_width = ImGui::CalcTextSize(words.c_str()).x + 16.0f * look.scale;
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + card.inner_width() - chip_width - 12.0f * look.scale);
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted(c.text.c_str());
    ImGui::PopFont();
    ImGui::PopTextWrapPos();
    same_line_right(chip_width, card.right());
    chip(look, words.c_str(), outcome_colour(p, item.outcome));
    std::string info = std::string(mine ? "You" : snap.name_of(c.author)) + " · made " + when(c.made_at_ms, ctx.now_ms);
    if (item.resolved()) info += " · was due " + when(item.due_ms, ctx.now_ms);
    if (c.renegotiations == 1) info += " · new time once";
    if (c.renegotiations > 1) info += " · new time " + std::to_string(c.renegotiations) + " times";
    if (c.request_id) info += " · asked for by " + snap.name_of(snap.state->request(*c.request_id)->author);
    if (c.apology_id) info += " · " + apology_link_words(snap, c);
    // An open commitment with more to it than being made (a late notice, a new time) shows its
    // story until folded; the rest unfold on request.
    const auto folded = unfolded_.find(id);
    const bool unfolded = folded != unfolded_.end() ? folded->second : !c.final_outcome && c.story.size() > 1;
    const char* toggle = unfolded ? "Hide story" : "Story";
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + card.inner_width() - button_width(toggle) - 12 * look.scale);
    muted_text(look, "%s", info.c_str());
    ImGui::PopTextWrapPos();
    same_line_right(button_width(toggle), card.right());
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 5.0f * look.scale);  // centred on the text line
    if (choice_chip(look, toggle, unfolded)) unfolded_[id] = !unfolded;
    if (mine && ctx.resolutions) ctx.resolutions->draw_controls(ctx, c);
    if (unfolded) {
        ImGui::Dummy(ImVec2(0, 2 * look.scale));
        story(ctx, c, item);
    }
    ImGui::PopID();
}

void CommitmentsView::ask(ViewContext& ctx, const node::Snapshot& snap) {
    const Result<std::int64_t> due = ask_due_.value(time_context(ctx.now_ms));
    const std::string text = ask_text_.substr(std::min(ask_text_.size(), ask_text_.find_first_not_of(' ')));
    if (text.empty()) {
        const std::string partner = snap.peers.empty() ? std::string("your partner") : snap.peers.front().name;
        ask_error_ = "Write what you'd like " + partner + " to do.";
    } else if (!due) {
        ask_error_ = "Write by when, like 19:00, 7pm, +45m or tomorrow 9:00.";
    } else {
        send(ctx, "request", json::Object{{"text", ask_text_}, {"due", *due}});
    }
}

void CommitmentsView::requests(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    const Palette& p = *look.palette;
    {
        Card card(look, p.accent);
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextUnformatted("Ask for a commitment");
        ImGui::PopFont();
        muted_text(look, "Something small with a time, like \"text me when you leave?\". They can accept or decline.");
        ImGui::SetNextItemWidth(-1);
        ImGui::InputTextWithHint("##ask", "Text me when you leave?", &ask_text_);
        focus::stop(true);
        probe::note("Ask for what");
        const core::TimeContext time = time_context(ctx.now_ms);
        if (ask_due_.text.empty()) ask_due_.text = core::format_time_input(next_full_hour(ctx.now_ms), time);
        ask_due_.draw(look, time, "ask-due", due_choices(next_full_hour(ctx.now_ms), time));
        if (primary_button(look, "Ask")) ask(ctx, snap);
        // One line kept for a refusal, so it never pushes the list down.
        ImGui::PushStyleColor(ImGuiCol_Text, p.rose);
        ImGui::TextUnformatted(ask_error_.empty() ? " " : ask_error_.c_str());
        ImGui::PopStyleColor();
        if (!ask_error_.empty()) probe::note(ask_error_.c_str());
    }
    const auto& all = snap.state->requests();
    if (all.empty()) {
        muted_text(look, "No requests yet.");
        return;
    }
    for (auto it = all.rbegin(); it != all.rend(); ++it) {
        const core::CommitmentRequest& r = *it;
        const bool mine = r.author == snap.device;
        const std::string id = core::to_hex(r.id);
        ImGui::PushID(id.c_str());
        Card card(look, mine ? p.accent : p.partner);
        const std::string who = mine ? "You asked" : snap.name_of(r.author) + " asked you";
        muted_text(look, "%s · %s · by %s", who.c_str(), when(r.created_at_ms, ctx.now_ms).c_str(),
                   local_clock(r.body.due_at_ms).c_str());
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextUnformatted(r.body.text.c_str());
        ImGui::PopFont();
        if (r.answer_id) {
            const std::string answer = r.accepted ? "accepted" : "declined";
            chip(look, answer.c_str(), r.accepted ? p.accent : p.text_muted);
            if (!r.answer_note.empty()) muted_text(look, "\"%s\"", r.answer_note.c_str());
        } else if (mine) {
            chip(look, "waiting for an answer", p.text_muted);
        } else if (request_answer_.draw_decline_form(
                       look, id, [&](json::Object args) { send(ctx, "request.answer", std::move(args)); })) {
            // the decline note is being written
        } else {
            const std::int64_t due = RequestAnswer::accept_due(r, ctx.now_ms);
            const std::string accept = RequestAnswer::accept_label(r, ctx.now_ms);
            if (primary_button(look, accept.c_str())) {
                send(ctx, "request.answer", json::Object{{"id", id}, {"accepted", true}, {"due", due}});
            }
            ImGui::SameLine();
            if (quiet_button(look, "Decline")) request_answer_.start_decline(id);
        }
        ImGui::PopID();
    }
}

}  // namespace candor::ui
