// Home shows only what matters now. Countdowns are the one thing that changes by the second, so
// the view asks for a redraw each second only while one is on screen.
#include "ui/views/home_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <ctime>
#include <vector>

#include "core/ledger.hpp"
#include "core/time_format.hpp"
#include "node/control_protocol.hpp"
#include "ui/composer.hpp"
#include "ui/delivery.hpp"
#include "ui/entry_text.hpp"
#include "ui/views/agreement_banner.hpp"
#include "ui/views/repair_cards.hpp"
#include "ui/views/request_answer.hpp"
#include "ui/views/late_arrived.hpp"
#include "ui/views/resolutions.hpp"

namespace candor::ui {
namespace {
namespace arg = node::control::arg;
}  // namespace
namespace {

constexpr std::int64_t kHour = 3'600'000;

const char* greeting(std::int64_t now_ms) {
    const std::time_t t = static_cast<std::time_t>(now_ms / 1000);
    std::tm local{};
    localtime_r(&t, &local);
    if (local.tm_hour < 5) return "Good night";
    if (local.tm_hour < 12) return "Good morning";
    if (local.tm_hour < 18) return "Good afternoon";
    return "Good evening";
}

bool same_local_day(std::int64_t a_ms, std::int64_t b_ms) { return day_label(a_ms, b_ms) == "Today"; }

// Wraps at the enclosing card's edge (a Card sets the wrap position).
void bold(const Look& look, const std::string& text) {
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
}

// My own ack of the partner's entry, if I gave one.
const core::AckView* my_ack(const node::Snapshot& snap, const core::EntryId& id, std::vector<core::AckView>& store) {
    store = snap.state->acks_for(id);
    auto it = std::find_if(store.begin(), store.end(), [&](const core::AckView& a) { return a.by == snap.device; });
    return it == store.end() ? nullptr : &*it;
}

ImVec4 outcome_colour(const Palette& p, core::LedgerOutcome o) {
    switch (o) {
        case core::LedgerOutcome::open: return p.text_muted;
        case core::LedgerOutcome::due: return p.amber;
        case core::LedgerOutcome::kept_on_time:
        case core::LedgerOutcome::kept_late_warned: return p.accent;
        case core::LedgerOutcome::kept_late_unwarned: return p.amber;
        case core::LedgerOutcome::missed: return p.rose;
    }
    return p.text_muted;
}

}  // namespace

void HomeView::send(ViewContext& ctx, std::string_view cmd, json::Object args) {
    if (!ctx.actions) return;
    error_.clear();
    ctx.actions->send(node::control::make_request(cmd, std::move(args)),
                      [this](const json::Value& response) { error_ = response_error(response); });
}

// While this computer gets its own history back from the partner's: what is happening, why, and
// the way out when that computer is gone for good (both sides record the new chain).
void HomeView::recovery_card(ViewContext& ctx, const node::Snapshot& snap) {
    if (!snap.recovering) return;
    const Look& look = ctx.look;
    const std::string partner = snap.peers.empty() ? std::string("your partner") : snap.peers.front().name;
    Card card(look, look.palette->amber);
    bold(look, snap.recovering->c_str());
    wrapped_text(("This computer lost some of your history (" + snap.recovering_reason + "). " + partner +
                  "'s computer has it and sends it back when both are on the network; until then nothing new can "
                  "be shared from here, so your two histories stay the same.")
                     .c_str());
    if (!confirm_new_chain_) {
        muted_text(look, "If %s's computer is gone for good, you can start a new chain instead.", partner.c_str());
        if (quiet_button(look, "Start a new chain…")) confirm_new_chain_ = true;
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->rose);
    wrapped_text(("Start a new chain? Entries this computer had that " + partner +
                  "'s computer never received stay lost, and you will both see that a new chain began.")
                     .c_str());
    ImGui::PopStyleColor();
    if (primary_button(look, "Start a new chain")) {
        send(ctx, node::control::cmd::kNewChain, node::control::make_args({{arg::kReason, "started from the app while waiting for " + partner + "'s computer"}}));
        confirm_new_chain_ = false;
    }
    ImGui::SameLine();
    if (quiet_button(look, "Keep waiting")) confirm_new_chain_ = false;
}

void HomeView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, greeting(ctx.now_ms));
    if (!ctx.snapshot) {
        empty_state(look, "Candor could not start on this computer.", ctx.node_error.c_str());
        return;
    }
    const node::Snapshot& snap = *ctx.snapshot;
    if (first_run_.wanted(snap)) return first_run_.draw(ctx, snap);
    const std::string you = "You are " + snap.name + " on this computer";
    ImGui::SameLine();
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    same_line_right(ImGui::CalcTextSize(you.c_str()).x, right);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + look.fonts->title->FontSize - ImGui::GetFontSize() - 2 * look.scale);
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->text_muted);
    ImGui::TextUnformatted(you.c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Device id: %s", snap.device_id.c_str());
    ImGui::Dummy(ImVec2(0, 2 * look.scale));
    if (primary_button(look, "Share an update  (U)")) ctx.open_composer = ComposerKind::update;
    flow(button_width("Running late  (L)"), false);
    if (quiet_button(look, "Running late  (L)")) ctx.open_composer = ComposerKind::late;
    flow(button_width("Make a commitment  (C)"), false);
    if (quiet_button(look, "Make a commitment  (C)")) ctx.open_composer = ComposerKind::commitment;
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    repair_cards(ctx, snap);  // a request for reassurance is the most prominent thing on Home

    if (!error_.empty()) {
        Card card(look, look.palette->rose);
        wrapped_text(error_.c_str());
    }
    if (snap.read_only) {
        Card card(look, look.palette->rose);
        bold(look, "Nothing new can be saved right now");
        wrapped_text(snap.read_only->c_str());
    }
    recovery_card(ctx, snap);
    partner_card(ctx, snap);
    delivery_line(ctx, snap);
    late_cards(ctx, snap);
    arrived_card(ctx, snap, [&](std::string_view cmd, json::Object args) { send(ctx, cmd, std::move(args)); });
    request_cards(ctx, snap);
    agreement_banner(ctx, snap);
    plan_line_.draw(ctx, snap);
    plan_line_.draw_talk(ctx, snap);
    if (!snap.peers.empty()) checkin_.draw(ctx, true);
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    heading(look, "Today");
    if (!today(ctx, snap)) {
        empty_state(look, "Nothing planned for today yet.",
                    "Small, regular updates build trust — share what you're up to. Commitments due today and "
                    "running-late notices appear here too.");
    }
}

void HomeView::partner_card(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    Card card(look, look.palette->partner);
    if (snap.peers.empty()) {
        bold(look, "Not paired yet");
        muted_text(look, "Pair with your partner's computer in Devices. Once you are paired, their presence and "
                         "latest update appear here.");
        if (quiet_button(look, "Go to Devices")) ctx.section = Section::devices;
        return;
    }
    const node::PeerView& peer = snap.peers.front();
    ImGui::PushFont(look.fonts->heading);
    ImGui::TextUnformatted(peer.name.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2 * look.scale);
    if (peer.online) {
        chip(look, "online", look.palette->accent);
    } else if (peer.last_seen_ms > 0) {
        const std::string seen = "last seen " + core::format_relative(peer.last_seen_ms, ctx.now_ms);
        chip(look, seen.c_str(), look.palette->text_muted);
    } else {
        chip(look, "not seen yet", look.palette->text_muted);
    }
    const auto partner = core::parse_id(peer.device_id);
    const auto update = partner ? snap.state->current_update(*partner, ctx.now_ms) : std::nullopt;
    const core::FeedEntry* fe = update ? snap.state->find(update->id) : nullptr;
    if (!fe) {
        muted_text(look, "No current update from %s. When they share one, it shows here.", peer.name.c_str());
        return;
    }
    std::vector<core::AckView> acks;
    ImGui::PushID("partner-update");
    if (const core::AckView* ack = my_ack(snap, update->id, acks)) {
        const std::string thanked = "✓ you said thanks " + local_clock(ack->at_ms);
        same_line_right(ImGui::CalcTextSize(thanked.c_str()).x + 16 * look.scale, card.right());
        chip(look, thanked.c_str(), look.palette->accent);
    } else {
        same_line_right(button_width("Seen, thank you"), card.right());
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 2 * look.scale);
        if (quiet_button(look, "Seen, thank you")) {
            send(ctx, node::control::cmd::kAck, node::control::make_args({{arg::kId, core::to_hex(update->id)}}));
        }
    }
    ImGui::PopID();
    const EntryText text = describe_entry(*fe, ctx.now_ms);
    bold(look, text.headline);
    const std::string when = "shared " + core::format_relative(update->created_at_ms, ctx.now_ms);
    muted_text(look, "%s%s%s", text.detail.c_str(), text.detail.empty() ? "" : " · ", when.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Shared at %s", local_clock(update->created_at_ms).c_str());
}

bool HomeView::late_cards(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    const Palette& p = *look.palette;
    bool any = false;
    for (const core::LateNotice& n : snap.state->active_late_notices(ctx.now_ms)) {
        any = true;
        const bool mine = n.author == snap.device;
        const std::int64_t left = n.body.eta_ms - ctx.now_ms;
        const std::string who = mine ? "You're" : snap.name_of(n.author) + " is";
        std::string line = who + " running " + std::to_string(n.body.minutes) + " min late — arriving about " +
                           local_clock(n.body.eta_ms) + ", in " + minutes_left(left);
        if (!n.body.reason.empty()) line += " · " + n.body.reason;
        ImGui::PushID(core::to_hex(n.id).c_str());
        Card card(look, p.amber);
        ImGui::BeginGroup();
        ImGui::PushFont(look.fonts->title);
        ImGui::PushStyleColor(ImGuiCol_Text, p.amber);
        const std::string figure = minutes_left(left);  // "15 min", never a clock like 14:58
        ImGui::TextUnformatted(figure.c_str());
        probe::note(figure.c_str());
        ImGui::PopStyleColor();
        ImGui::PopFont();
        muted_text(look, "%s", mine ? "until you're there" : "until they're there");
        ImGui::EndGroup();
        ImGui::SameLine(0, 18 * look.scale);
        ImGui::BeginGroup();
        bold(look, line);
        if (n.for_known_commitment) {
            if (const core::Commitment* c = snap.state->commitment(*n.body.for_commitment)) {
                muted_text(look, "For: %s (due %s)", c->text.c_str(), local_clock(c->due_at_ms).c_str());
            }
        }
        if (mine) {
            if (primary_button(look, "I'm here")) send(ctx, node::control::cmd::kLateEnd, node::control::make_args({{arg::kId, core::to_hex(n.id)}}));
            if (const core::FeedEntry* fe = snap.state->find(n.id)) {
                ImGui::SameLine();
                delivery_chip(look, snap, *fe);
            }
        } else {
            std::vector<core::AckView> acks;
            if (const core::AckView* ack = my_ack(snap, n.id, acks)) {
                const std::string thanked = "✓ you said thanks " + local_clock(ack->at_ms);
                chip(look, thanked.c_str(), p.accent);
            } else if (quiet_button(look, "Thanks for letting me know")) {
                send(ctx, node::control::cmd::kAck,
                     node::control::make_args({{arg::kId, core::to_hex(n.id)}, {arg::kNote, "Thanks for letting me know"}}));
            }
        }
        ImGui::EndGroup();
        ImGui::PopID();
        // The figure shows whole minutes rounded up: it changes when `left` crosses a minute, and
        // once it reaches zero the card turns into "Arrived?".
        ctx.redraw_within(left % 60'000 == 0 ? 60'000 : left % 60'000);
    }
    return any;
}

bool HomeView::request_cards(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    bool any = false;
    for (const core::CommitmentRequest& r : snap.state->requests()) {
        if (r.author == snap.device || r.answer_id) continue;
        any = true;
        const std::string id = core::to_hex(r.id);
        ImGui::PushID(id.c_str());
        Card card(look, look.palette->partner);
        const bool passed = r.body.due_at_ms <= ctx.now_ms;
        muted_text(look, "%s asks you · by %s%s", snap.name_of(r.author).c_str(), local_clock(r.body.due_at_ms).c_str(),
                   passed ? " — that time has passed" : "");
        bold(look, r.body.text);
        const auto answer = [&](json::Object args) { send(ctx, node::control::cmd::kRequestAnswer, std::move(args)); };
        if (!request_answer_.draw_decline_form(look, id, answer)) {
            const std::int64_t due = RequestAnswer::accept_due(r, ctx.now_ms);
            const std::string accept = RequestAnswer::accept_label(r, ctx.now_ms);
            const float gap = ImGui::GetStyle().ItemSpacing.x;
            const float width = button_width(accept.c_str(), look.fonts->body_bold) + gap + button_width("Decline");
            same_line_right(width, card.right());
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() - 8 * look.scale);
            if (primary_button(look, accept.c_str())) {
                send(ctx, node::control::cmd::kRequestAnswer, node::control::make_args({{arg::kId, id}, {arg::kAccepted, true}, {arg::kDue, due}}));
            }
            ImGui::SameLine();
            if (quiet_button(look, "Decline")) request_answer_.start_decline(id);
        }
        ImGui::PopID();
    }
    return any;
}

bool HomeView::today(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    const Palette& p = *look.palette;
    // Open: due today, overdue, or coming up within half a day, soonest first. Resolved ones due
    // today follow as one quiet line each: a sense of the day, not a scoreboard.
    std::vector<const core::Commitment*> open, done;
    for (const core::Commitment& c : snap.state->commitments()) {
        const bool in_place = ctx.resolutions && ctx.resolutions->keep_in_place(core::to_hex(c.id));
        if (c.final_outcome && !in_place) {
            if (same_local_day(c.due_at_ms, ctx.now_ms)) done.push_back(&c);
        } else if (in_place || same_local_day(c.due_at_ms, ctx.now_ms) || c.due_at_ms < ctx.now_ms + 12 * kHour) {
            open.push_back(&c);
        }
    }
    const auto by_due = [](const core::Commitment* a, const core::Commitment* b) { return a->due_at_ms < b->due_at_ms; };
    std::stable_sort(open.begin(), open.end(), by_due);
    std::stable_sort(done.begin(), done.end(), by_due);
    for (const core::Commitment* c : open) {
        const bool mine = c->author == snap.device;
        const core::LedgerItem item = core::ledger_item(*c, ctx.now_ms);
        const std::string id = core::to_hex(c->id);
        ImGui::PushID(id.c_str());
        const ImVec2 card_min = ImGui::GetCursorScreenPos();
        {
        Card card(look, mine ? p.accent : p.partner);
        const std::string words = ledger_words(item, ctx.now_ms);
        const float chip_width = ImGui::CalcTextSize(words.c_str()).x + 16 * look.scale;
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + card.inner_width() - chip_width - 12 * look.scale);
        bold(look, c->text);
        ImGui::PopTextWrapPos();
        same_line_right(chip_width, card.right());
        chip(look, words.c_str(), outcome_colour(p, item.outcome));
        std::string info = mine ? std::string("Your commitment") : snap.name_of(c->author) + "'s commitment";
        if (c->renegotiations > 0) info += " · new time, was " + local_clock(c->original_due_ms);
        if (c->request_id) {
            const core::CommitmentRequest* r = snap.state->request(*c->request_id);
            info += " · " + (r && r->author == snap.device ? std::string("you") : snap.name_of(r ? r->author : c->author)) +
                    " asked for it";
        }
        muted_text(look, "%s", info.c_str());
        if (mine && ctx.resolutions) ctx.resolutions->draw_controls(ctx, *c);
        }
        if (ctx.resolutions) {
            const ImVec2 card_max(card_min.x + ImGui::GetContentRegionAvail().x, ImGui::GetCursorScreenPos().y);
            ctx.resolutions->card_drawn(id, card_min, card_max);
        }
        ImGui::PopID();
    }
    bool any = !open.empty();
    if (auto update = snap.state->current_update(snap.device, ctx.now_ms)) {
        if (const core::FeedEntry* fe = snap.state->find(update->id)) {
            any = true;
            const EntryText text = describe_entry(*fe, ctx.now_ms);
            Card card(look, p.accent);
            bold(look, text.headline);
            if (const std::string status = delivery_chip_text(snap, *fe); !status.empty()) {
                same_line_right(ImGui::CalcTextSize(status.c_str()).x + 16 * look.scale, card.right());
                delivery_chip(look, snap, *fe);
            }
            const std::string when = "your update · " + core::format_relative(update->created_at_ms, ctx.now_ms);
            muted_text(look, "%s%s%s", text.detail.c_str(), text.detail.empty() ? "" : " · ", when.c_str());
        }
    }
    if (!done.empty()) {
        any = true;
        ImGui::Dummy(ImVec2(0, 2 * look.scale));
        muted_text(look, "Earlier today");
        for (const core::Commitment* c : done) {
            const core::LedgerItem item = core::ledger_item(*c, ctx.now_ms);
            const std::string words = ledger_words(item, ctx.now_ms);
            const std::string who = c->author == snap.device ? "You" : snap.name_of(c->author);
            ImGui::Bullet();
            ImGui::Text("%s — %s", c->text.c_str(), who.c_str());
            ImGui::SameLine();
            chip(look, words.c_str(), outcome_colour(p, item.outcome));
        }
    }
    return any;
}

void HomeView::delivery_line(ViewContext& ctx, const node::Snapshot& snap) {
    for (const node::PeerView& peer : snap.peers) {
        if (const std::string line = delivery_sentence(snap, peer); !line.empty()) muted_text(ctx.look, "%s", line.c_str());
    }
}

}  // namespace candor::ui
