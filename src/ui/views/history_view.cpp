// History rows have a fixed height so ImGuiListClipper only lays out what is visible, however
// long the history grows.
#include "ui/views/history_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <vector>

#include "core/time_format.hpp"
#include "ui/delivery.hpp"
#include "ui/entry_text.hpp"
#include "ui/repair_text.hpp"

namespace candor::ui {
namespace {

bool contains_folded(const std::string& haystack, const std::string& needle) {
    if (needle.empty()) return true;
    auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != haystack.end();
}

}  // namespace

namespace {
// Which local day `utc_ms` falls on (day labels say "Today" and "Yesterday", so they change at
// midnight).
std::int64_t local_day(std::int64_t utc_ms) {
    const std::time_t t = static_cast<std::time_t>(utc_ms / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    return (tm.tm_year + 1900) * 1000LL + tm.tm_yday;
}
}  // namespace

// The rows to show, newest first, with a day separator before each new day: built once per
// snapshot, filter and day (at 100k entries that is the costly part), not once per frame.
const std::vector<HistoryView::Row>& HistoryView::rows_for(const ViewContext& ctx, const node::Snapshot& snap) {
    const std::int64_t today = local_day(ctx.now_ms);
    if (cache_.version == snap.version && cache_.state == snap.state.get() && cache_.who == who_ &&
        cache_.search == search_ && cache_.today == today) {
        return cache_.rows;
    }
    cache_ = RowCache{snap.version, snap.state.get(), who_, search_, today, {}};
    std::vector<Row>& rows = cache_.rows;
    const auto& entries = snap.state->entries();
    std::string last_day;
    for (int i = static_cast<int>(entries.size()) - 1; i >= 0; --i) {
        const core::Entry& e = entries[static_cast<std::size_t>(i)].entry;
        const bool mine = e.author() == snap.device;
        if ((who_ == 1 && !mine) || (who_ == 2 && mine)) continue;
        if (!search_.empty()) {
            const EntryText t = describe_entry(entries[static_cast<std::size_t>(i)], ctx.now_ms, snap.state.get());
            if (!contains_folded(t.headline + " " + t.detail + " " + t.kind, search_)) continue;
        }
        const std::string day = day_label(e.created_at_ms(), ctx.now_ms);
        if (day != last_day) {
            rows.push_back({-1, e.created_at_ms()});
            last_day = day;
        }
        rows.push_back({i, 0});
    }
    return rows;
}

void HistoryView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, "History");
    if (!ctx.snapshot) {
        empty_state(look, "Candor could not start on this computer.", ctx.node_error.c_str());
        return;
    }
    const node::Snapshot& snap = *ctx.snapshot;
    const auto& entries = snap.state->entries();
    if (entries.empty()) {
        muted_text(look, "Every update, late notice, commitment and agreement change, newest first. Nothing here can "
                         "be quietly rewritten: each entry is signed by the device that wrote it.");
        empty_state(look, "Nothing shared yet.",
                    "Small, regular updates build trust — share what you're up to with U, or from Home.");
        return;
    }
    ImGui::SetNextItemWidth(260 * look.scale);
    ImGui::InputTextWithHint("##search", "Search", &search_);
    focus::stop(true);
    probe::note("Search");
    const std::vector<std::string> who{"Everyone", "Me", "Partner"};
    flow(choice_chip_width(look, who[0].c_str()), false);
    if (const int clicked = choice_chips(look, who, who_); clicked >= 0) who_ = clicked;

    const std::vector<Row>& rows = rows_for(ctx, snap);
    const float row_height = ImGui::GetTextLineHeightWithSpacing() * 2.0f + 16.0f * look.scale;
    ImGui::BeginChild("timeline", ImVec2(0, 0), false, ImGuiWindowFlags_NoBackground);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()), row_height);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const Row& row = rows[static_cast<std::size_t>(r)];
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            const float width = ImGui::GetContentRegionAvail().x;
            if (row.entry < 0) {
                ImGui::Dummy(ImVec2(0, row_height * 0.35f));
                ImGui::PushFont(look.fonts->body_bold);
                ImGui::TextUnformatted(day_label(row.day_ms, ctx.now_ms).c_str());
                ImGui::PopFont();
                ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + row_height));
                continue;
            }
            const core::FeedEntry& fe = entries[static_cast<std::size_t>(row.entry)];
            const bool mine = fe.entry.author() == snap.device;
            const EntryText t = describe_entry(fe, ctx.now_ms, snap.state.get());
            const ImVec2 max(pos.x + width, pos.y + row_height - 6 * look.scale);
            draw->AddRectFilled(pos, max, to_u32(look.palette->card), 8 * look.scale);
            draw->AddRectFilled(pos, ImVec2(pos.x + 4 * look.scale, max.y),
                                to_u32(mine ? look.palette->accent : look.palette->partner), 8 * look.scale,
                                ImDrawFlags_RoundCornersLeft);
            ImGui::SetCursorScreenPos(ImVec2(pos.x + 16 * look.scale, pos.y + 8 * look.scale));
            ImGui::PushFont(look.fonts->body_bold);
            ImGui::TextUnformatted((mine ? std::string("You") : snap.name_of(fe.entry.author())).c_str());
            ImGui::PopFont();
            ImGui::SameLine();
            ImGui::TextDisabled("%s · %s", t.kind.c_str(), local_clock(fe.entry.created_at_ms()).c_str());
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%s\nid %s", core::format_iso8601(fe.entry.created_at_ms(), fe.entry.utc_offset_minutes()).c_str(),
                                  core::short_hex(fe.entry.id()).c_str());
            }
            if (const std::string status = delivery_chip_text(snap, fe); !status.empty()) {
                same_line_right(ImGui::CalcTextSize(status.c_str()).x + 16 * look.scale, max.x - 8 * look.scale);
                delivery_chip(look, snap, fe);
            }
            ImGui::SetCursorScreenPos(ImVec2(pos.x + 16 * look.scale, ImGui::GetCursorScreenPos().y));
            std::string line = t.detail.empty() ? t.headline : t.headline + "  ·  " + t.detail;
            if (fe.entry.kind() == core::Kind::apology) line += apology_steps_words(snap, fe.entry.id(), ctx.now_ms);
            const std::string shown = fit_text(line, max.x - ImGui::GetCursorScreenPos().x - 12 * look.scale);
            ImGui::TextUnformatted(shown.c_str());
            probe::note(line.c_str());
            if (shown != line && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", line.c_str());
            ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + row_height));
        }
    }
    clipper.End();
    ImGui::EndChild();
}

}  // namespace candor::ui
