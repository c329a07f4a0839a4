// "Talk it through" (both weekly answers side by side, the issue each raised, a request turned
// into my commitment in one click) and the trend of the daily ratings.
#include <imgui.h>

#include <algorithm>
#include <map>
#include <vector>

#include "core/checkin_period.hpp"
#include "node/node.hpp"
#include "ui/views/checkins_view.hpp"

namespace candor::ui {
namespace {

constexpr int kTrendDays = 8 * 7;

void field(const Look& look, const char* label, const std::string& text) {
    muted_text(look, "%s", label);
    wrapped_text(text.empty() ? "—" : text.c_str());
}

void answer_column(const Look& look, const core::WeeklyAnswer& a) {
    muted_text(look, "Appreciated");
    for (const std::string& line : a.appreciations) wrapped_text(("• " + line).c_str());
    field(look, "What went right", a.went_right);
    field(look, "To talk about", a.issue);
    field(look, "Asks for the coming week", a.request);
}

bool already_mine(const node::Snapshot& snap, const std::string& text) {
    if (!snap.state) return false;
    for (const core::Commitment& c : snap.state->commitments())
        if (c.author == snap.device && c.text == text && !c.final_outcome) return true;
    return false;
}

struct Point {
    std::int64_t day;
    float value;  // mean of the three ratings, 1..5
};

std::map<bool, std::vector<Point>> trend_points(const node::Snapshot& snap, std::int64_t first_day) {
    std::map<bool, std::vector<Point>> out;  // true: mine
    if (!snap.checkins) return out;
    for (const node::CheckinPeriodView& v : *snap.checkins) {
        if (v.key.type != core::CheckinType::daily) continue;
        for (const auto* side : {&v.mine, &v.partner}) {
            if (!*side || !(*side)->answer) continue;
            const auto* d = std::get_if<core::DailyAnswer>(&*(*side)->answer);
            const std::int64_t day = core::local_day((*side)->at_ms, node::local_utc_offset_minutes((*side)->at_ms));
            if (!d || day < first_day) continue;
            out[side == &v.mine].push_back({day, (d->safe + d->connected + d->trust) / 3.0f});
        }
    }
    for (auto& [who, points] : out)
        std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.day < b.day; });
    return out;
}

void chart(const Look& look, const char* who, const std::vector<Point>& points, std::int64_t first_day,
           std::int64_t days, ImVec4 colour) {
    const Palette& p = *look.palette;
    const float w = ImGui::GetContentRegionAvail().x - 6 * look.scale;
    const float h = 64 * look.scale;
    ImGui::TextUnformatted(who);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, h));
    probe::note(who);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(o, ImVec2(o.x + w, o.y + h), to_u32(with_alpha(p.card, 0.9f)), 6 * look.scale);
    const auto y_of = [&](float v) { return o.y + h - 8 * look.scale - (v - 1.0f) / 4.0f * (h - 16 * look.scale); };
    const auto x_of = [&](std::int64_t day) {
        return o.x + 8 * look.scale + static_cast<float>(day - first_day) / static_cast<float>(days - 1) * (w - 16 * look.scale);
    };
    for (int v = 1; v <= 5; ++v) dl->AddLine(ImVec2(o.x, y_of(v)), ImVec2(o.x + w, y_of(v)), to_u32(with_alpha(p.border, 0.5f)));
    if (points.empty()) {
        dl->AddText(ImVec2(o.x + 12 * look.scale, o.y + h * 0.4f), to_u32(p.text_muted), "No days to show yet");
        return;
    }
    for (std::size_t i = 1; i < points.size(); ++i) {
        dl->AddLine(ImVec2(x_of(points[i - 1].day), y_of(points[i - 1].value)),
                    ImVec2(x_of(points[i].day), y_of(points[i].value)), to_u32(with_alpha(colour, 0.7f)), 2 * look.scale);
    }
    for (const Point& pt : points) dl->AddCircleFilled(ImVec2(x_of(pt.day), y_of(pt.value)), 3.5f * look.scale, to_u32(colour));
}

}  // namespace

void CheckinsView::talk_it_through(ViewContext& ctx, const node::Snapshot& snap, const node::CheckinPeriodView& week) {
    const Look& look = ctx.look;
    const std::string partner = partner_name(snap);
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted(("Talk it through · " + week.key.period).c_str());
    ImGui::PopFont();
    probe::note("Talk it through");
    const auto* mine = week.mine && week.mine->answer ? std::get_if<core::WeeklyAnswer>(&*week.mine->answer) : nullptr;
    const auto* theirs =
        week.partner && week.partner->answer ? std::get_if<core::WeeklyAnswer>(&*week.partner->answer) : nullptr;
    if (!ImGui::BeginTable("talk", 2, ImGuiTableFlags_BordersInnerV)) return;
    ImGui::TableNextColumn();
    {
        Card card(look, look.palette->accent);
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextUnformatted("You");
        ImGui::PopFont();
        if (mine) answer_column(look, *mine);
    }
    ImGui::TableNextColumn();
    {
        Card card(look, look.palette->partner);
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextUnformatted(partner.c_str());
        ImGui::PopFont();
        if (theirs) answer_column(look, *theirs);
        if (theirs && !theirs->request.empty()) {
            if (committed_.count(theirs->request) || already_mine(snap, theirs->request)) {
                chip(look, "in your commitments", look.palette->accent);
            } else if (primary_button(look, "Make it my commitment")) {
                make_commitment(ctx, theirs->request);
            }
        }
    }
    ImGui::EndTable();
    if (!sent_.empty()) muted_text(look, "%s", sent_.c_str());
    if (!error_.empty()) wrapped_text(error_.c_str());
}

void checkin_trend(const ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    const std::int64_t today = core::local_day(ctx.now_ms, node::local_utc_offset_minutes(ctx.now_ms));
    auto points = trend_points(snap, today - kTrendDays + 1);
    // From the first day answered (at least two weeks shown), up to eight weeks back.
    std::int64_t first = today - 13;
    for (const auto& [who, list] : points)
        if (!list.empty()) first = std::min(first, list.front().day);
    const std::int64_t days = today - first + 1;
    muted_text(look, "Each dot is one day: the mean of the three answers, 1 (low) to 5, over the last %lld days.",
               static_cast<long long>(days));
    if (!ImGui::BeginTable("trend", 2)) return;
    ImGui::TableNextColumn();
    chart(look, "You", points[true], first, days, look.palette->accent);
    ImGui::TableNextColumn();
    chart(look, partner_name(snap).c_str(), points[false], first, days, look.palette->partner);
    ImGui::EndTable();
}

}  // namespace candor::ui
