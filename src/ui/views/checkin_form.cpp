#include "ui/views/checkin_form.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/checkin_period.hpp"
#include "node/control_protocol.hpp"
#include "node/node.hpp"

namespace candor::ui {
namespace {

constexpr const char* kQuestions[3] = {"How safe did you feel with me today?", "How connected?",
                                       "How much did you trust what I told you?"};
constexpr const char* kKeys[3] = {"safe", "connected", "trust"};
constexpr const char* kWords[6] = {"", "not at all", "a little", "somewhat", "mostly", "completely"};

void rating_row(const Look& look, int question, int& value) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(kQuestions[question]);
    // The chips sit in a column beside the questions when the window is wide enough, else under them.
    const float chips = 5 * (choice_chip_width(look, "5") + ImGui::GetStyle().ItemSpacing.x);
    const bool beside = ImGui::GetContentRegionMax().x >= 330 * look.scale + chips;
    for (int v = 1; v <= 5; ++v) {
        if (v > 1 || beside) ImGui::SameLine(v == 1 ? 330 * look.scale : 0.0f);
        const std::string label = std::to_string(v) + "##" + kKeys[question];
        if (choice_chip(look, label.c_str(), value == v)) value = v;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kWords[v]);
    }
    if (value > 0) {
        flow(ImGui::CalcTextSize(kWords[value]).x, false);
        muted_text(look, "%s", kWords[value]);
    }
}

}  // namespace

const node::CheckinPeriodView* current_checkin(const node::Snapshot& snap, core::CheckinType type, std::int64_t now_ms) {
    if (!snap.checkins) return nullptr;
    const std::string period = core::checkin_period(type, now_ms, node::local_utc_offset_minutes(now_ms));
    for (const node::CheckinPeriodView& v : *snap.checkins)
        if (v.key.type == type && v.key.period == period) return &v;
    return nullptr;
}

std::string partner_name(const node::Snapshot& snap) {
    return snap.peers.empty() || snap.peers.front().name.empty() ? std::string("your partner") : snap.peers.front().name;
}

void daily_answer_lines(const ViewContext& ctx, const core::DailyAnswer& a) {
    const bool hide = ctx.snapshot && ctx.snapshot->settings.hide_checkin_numbers;
    std::string line;
    for (int i = 0; i < 3; ++i) {
        const int v = i == 0 ? a.safe : i == 1 ? a.connected : a.trust;
        line += std::string(i ? " · " : "") + kKeys[i] + " " + (hide ? std::string(kWords[v]) : std::to_string(v));
    }
    ImGui::TextUnformatted(line.c_str());
    if (!a.note.empty()) wrapped_text(("\u201c" + a.note + "\u201d").c_str());
}

void DailyCheckin::draw(ViewContext& ctx, bool compact) {
    if (!ctx.snapshot) return;
    const node::CheckinPeriodView* today = current_checkin(*ctx.snapshot, core::CheckinType::daily, ctx.now_ms);
    if (today && today->mine && !changing_) {
        answered(ctx, *today, compact);
    } else {
        form(ctx, today);
    }
}

void DailyCheckin::form(ViewContext& ctx, const node::CheckinPeriodView* today) {
    const Look& look = ctx.look;
    const std::string partner = partner_name(*ctx.snapshot);
    Card card(look, look.palette->accent);
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted("Today's check-in");
    ImGui::PopFont();
    probe::note("Today's check-in");
    if (today && today->partner) {
        ImGui::TextUnformatted((partner + " has checked in: answer to see both").c_str());
        probe::note("partner checked in");
    } else {
        muted_text(look, "One minute. Your answer stays sealed until %s has answered too.", partner.c_str());
    }
    for (int q = 0; q < 3; ++q) rating_row(look, q, ratings_[q]);
    ImGui::SetNextItemWidth(card.inner_width());
    ImGui::InputTextWithHint("##checkin-note", "One line, if you like (optional)", &note_);
    probe::note("checkin note");
    if (primary_button(look, "Check in")) send(ctx);
    if (changing_) {
        ImGui::SameLine();
        if (quiet_button(look, "Keep my answer")) changing_ = false;
    }
    if (!error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->amber);
        wrapped_text(error_.c_str());
        ImGui::PopStyleColor();
    }
}

void DailyCheckin::answered(ViewContext& ctx, const node::CheckinPeriodView& today, bool compact) {
    const Look& look = ctx.look;
    const std::string partner = partner_name(*ctx.snapshot);
    Card card(look, look.palette->accent);
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted(today.revealed ? "You both checked in today" : "You checked in today");
    ImGui::PopFont();
    probe::note("checked in today");
    const auto* mine = today.mine->answer ? std::get_if<core::DailyAnswer>(&*today.mine->answer) : nullptr;
    const auto* theirs = today.partner && today.partner->answer ? std::get_if<core::DailyAnswer>(&*today.partner->answer)
                                                                 : nullptr;
    if (theirs) {
        if (ImGui::BeginTable("both-today", 2)) {
            ImGui::TableNextColumn();
            muted_text(look, "You");
            if (mine) daily_answer_lines(ctx, *mine);
            ImGui::TableNextColumn();
            muted_text(look, "%s", partner.c_str());
            daily_answer_lines(ctx, *theirs);
            ImGui::EndTable();
        }
        return;
    }
    if (today.partner) {
        muted_text(look, "%s has answered too; both answers open as soon as the computers meet.", partner.c_str());
    } else {
        muted_text(look, "Sealed. %s will see yours once they've answered too.", partner.c_str());
    }
    if (ctx.snapshot->undelivered > 0) {
        muted_text(look, "Yours reaches %s's computer when both are on the network.", partner.c_str());
    }
    if (!compact && mine) daily_answer_lines(ctx, *mine);
    if (!today.mine->opened && quiet_button(look, "Change my answer")) {
        changing_ = true;
        if (mine) {
            ratings_[0] = mine->safe;
            ratings_[1] = mine->connected;
            ratings_[2] = mine->trust;
            note_ = mine->note;
        }
    }
}

void DailyCheckin::send(ViewContext& ctx) {
    error_.clear();
    for (int r : ratings_) {
        if (r == 0) {
            error_ = "Choose 1 to 5 for each question first.";
            return;
        }
    }
    if (!ctx.actions) return;
    namespace arg = node::control::arg;
    json::Object args{{std::string(arg::kType), "daily"},
                      {std::string(arg::kSafe), ratings_[0]},
                      {std::string(arg::kConnected), ratings_[1]},
                      {std::string(arg::kTrust), ratings_[2]}};
    if (!note_.empty()) args.set(std::string(arg::kNote), note_);
    ctx.actions->send(node::control::make_request(node::control::cmd::kCheckin, std::move(args)),
                      [this](const json::Value& r) {
                          error_ = response_error(r);
                          if (error_.empty()) {
                              changing_ = false;
                              note_.clear();
                              for (int& v : ratings_) v = 0;
                          }
                      });
}

}  // namespace candor::ui
