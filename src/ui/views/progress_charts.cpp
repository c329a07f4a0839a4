// Small multiples: every chart of a row shares its scale, so the two persons' weeks read side by
// side; bars for counts, a line for recovery minutes and ratings. Calm colours (the person's
// colour, the missed part of a bar in a soft rose, never alarm red), a word beside each figure,
// the exact numbers on hover, and a sentence under each chart.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <functional>

#include "node/node.hpp"
#include "ui/progress_words.hpp"
#include "ui/views/checkin_form.hpp"
#include "ui/views/progress_view.hpp"

namespace candor::ui {
namespace {

using Get = std::function<std::optional<double>(const core::PersonWeek&)>;

struct Figure {
    const char* label;   // the row's name
    const char* word;    // beside the latest value: "3 kept well"
    SeriesWords words;   // for the sentence
    Get get;
    bool line = false;   // a line (medians, means) rather than bars
    bool commitments = false;  // stacked: on time, warned, late, missed
    Get trend = nullptr;       // what the sentence follows, when not `get` (a share rather than a count)
};

std::optional<double> count(unsigned n) { return static_cast<double>(n); }
std::optional<double> share(unsigned part, unsigned whole) {
    if (whole == 0) return std::nullopt;
    return static_cast<double>(part) / whole;
}

const Figure kFigures[] = {
    {"Commitments", "kept well", {"The share kept on time or with a warning", false},
     [](const core::PersonWeek& p) { return count(p.commitments.kept_on_time + p.commitments.kept_late_warned); }, false, true,
     [](const core::PersonWeek& p) {
         const core::WeekFigures& c = p.commitments;
         return share(c.kept_on_time + c.kept_late_warned, c.kept_on_time + c.kept_late_warned + c.kept_late + c.missed);
     }},
    {"Late notices in time", "in time", {"The share of late notices sent in time", false},
     [](const core::PersonWeek& p) { return count(p.commitments.late_in_time); }, false, false,
     [](const core::PersonWeek& p) { return share(p.commitments.late_in_time, p.commitments.late_notices); }},
    {"Time to feel settled", "min", {"Recovery time", true},
     [](const core::PersonWeek& p) -> std::optional<double> {
         if (!p.recovery_median_ms) return std::nullopt;
         return static_cast<double>(*p.recovery_median_ms) / 60'000.0;
     }, true},
    {"Days checked in", "days", {"The number of days checked in", false},
     [](const core::PersonWeek& p) { return count(p.checkin_days); }},
    {"How the days felt", "of 5", {"The mean of the daily ratings", false},
     [](const core::PersonWeek& p) { return p.rating_mean; }, true},
    {"Appreciations", "given", {"The number of appreciations", false},
     [](const core::PersonWeek& p) { return count(p.appreciations); }},
};

ProgressSeries series_of(const core::Progress& progress, const core::DeviceId& who, const Get& get) {
    ProgressSeries s;
    for (const core::ProgressWeek& w : progress.weeks) {
        s.values.push_back(get(w.of(who)));
        s.week_starts.push_back(w.start_ms);
    }
    return s;
}

double total_of(const core::PersonWeek& p, const Figure& f) {
    if (!f.commitments) return f.get(p).value_or(0);
    const core::WeekFigures& c = p.commitments;
    return c.kept_on_time + c.kept_late_warned + c.kept_late + c.missed;
}

std::string exact_numbers(const core::ProgressWeek& w, const core::PersonWeek& p, const Figure& f) {
    char buf[160];
    if (f.commitments) {
        const core::WeekFigures& c = p.commitments;
        std::snprintf(buf, sizeof buf, "%s: %u on time, %u late with a warning, %u late, %u missed (%u made)", w.week.c_str(),
                      c.kept_on_time, c.kept_late_warned, c.kept_late, c.missed, c.made);
    } else if (const auto v = f.get(p)) {
        std::snprintf(buf, sizeof buf, f.line ? "%s: %.1f %s" : "%s: %.0f %s", w.week.c_str(), *v, f.word);
    } else {
        std::snprintf(buf, sizeof buf, "%s: nothing this week", w.week.c_str());
    }
    return buf;
}

struct Chart {
    ImVec2 o;
    float w, h;
    double top;
    std::size_t n;
    [[nodiscard]] float x(std::size_t i) const { return o.x + (static_cast<float>(i) + 0.5f) * w / static_cast<float>(n); }
    [[nodiscard]] float y(double v) const { return o.y + h - 4 - static_cast<float>(v / top) * (h - 10); }
};

void bars(ImDrawList* dl, const Look& look, const Chart& c, const core::PersonWeek& p, const Figure& f, ImVec4 colour,
          std::size_t i) {
    const float half = std::max(1.5f, c.w / static_cast<float>(c.n) * 0.32f);
    if (!f.commitments) {
        const double v = f.get(p).value_or(0);
        if (v > 0) dl->AddRectFilled(ImVec2(c.x(i) - half, c.y(v)), ImVec2(c.x(i) + half, c.y(0)), to_u32(colour), 2 * look.scale);
        return;
    }
    const core::WeekFigures& k = p.commitments;
    const std::pair<unsigned, ImVec4> parts[] = {{k.kept_on_time, colour},
                                                 {k.kept_late_warned, with_alpha(colour, 0.55f)},
                                                 {k.kept_late, with_alpha(look.palette->amber, 0.6f)},
                                                 {k.missed, with_alpha(look.palette->rose, 0.5f)}};
    double base = 0;
    for (const auto& [n, tint] : parts) {
        if (n == 0) continue;
        dl->AddRectFilled(ImVec2(c.x(i) - half, c.y(base + n)), ImVec2(c.x(i) + half, c.y(base)), to_u32(tint));
        base += n;
    }
}

void chart(const ViewContext& ctx, const core::Progress& progress, const core::DeviceId& who, const Figure& f,
           double top, ImVec4 colour, const std::string& id) {
    const Look& look = ctx.look;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float w = std::max(60.0f, ImGui::GetContentRegionAvail().x - 4 * look.scale), h = 56 * look.scale;
    ImGui::InvisibleButton(id.c_str(), ImVec2(w, h));
    probe::note(id.c_str());
    const Chart c{o, w, h, top, progress.weeks.size()};
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(o, ImVec2(o.x + w, o.y + h), to_u32(with_alpha(look.palette->card, 0.9f)), 6 * look.scale);
    dl->AddLine(ImVec2(o.x, c.y(0)), ImVec2(o.x + w, c.y(0)), to_u32(with_alpha(look.palette->border, 0.8f)));
    std::optional<ImVec2> last;
    for (std::size_t i = 0; i < c.n; ++i) {
        const core::PersonWeek p = progress.weeks[i].of(who);
        if (!f.line) {
            bars(dl, look, c, p, f, colour, i);
            continue;
        }
        const auto v = f.get(p);
        if (!v) continue;
        const ImVec2 pt(c.x(i), c.y(*v));
        if (last) dl->AddLine(*last, pt, to_u32(with_alpha(colour, 0.7f)), 2 * look.scale);
        dl->AddCircleFilled(pt, 3 * look.scale, to_u32(colour));
        last = pt;
    }
    if (ImGui::IsItemHovered() && c.n > 0) {
        const float rel = (ImGui::GetIO().MousePos.x - o.x) / w;
        const auto i = static_cast<std::size_t>(std::clamp(rel, 0.0f, 0.999f) * static_cast<float>(c.n));
        dl->AddRect(ImVec2(c.x(i) - w / static_cast<float>(c.n) / 2, o.y), ImVec2(c.x(i) + w / static_cast<float>(c.n) / 2, o.y + h),
                    to_u32(with_alpha(look.palette->text_muted, 0.5f)), 2 * look.scale);
        ImGui::SetTooltip("%s", exact_numbers(progress.weeks[i], progress.weeks[i].of(who), f).c_str());
    }
}

void person_cell(const ViewContext& ctx, const core::Progress& progress, const core::DeviceId& who, const Figure& f,
                 double top, ImVec4 colour, const std::string& id) {
    const Look& look = ctx.look;
    const std::optional<double> latest = progress.weeks.empty() ? std::nullopt : f.get(progress.weeks.back().of(who));
    char word[64];
    if (latest) std::snprintf(word, sizeof word, f.line ? "this week: %.1f %s" : "this week: %.0f %s", *latest, f.word);
    else std::snprintf(word, sizeof word, "this week: none yet");
    muted_text(look, "%s", word);
    chart(ctx, progress, who, f, top, colour, id);
    const int offset = node::local_utc_offset_minutes(ctx.now_ms);
    ImGui::PushTextWrapPos(0.0f);
    muted_text(look, "%s", trend_sentence(series_of(progress, who, f.trend ? f.trend : f.get), f.words, offset).c_str());
    ImGui::PopTextWrapPos();
}

}  // namespace

void progress_charts(const ViewContext& ctx, const node::Snapshot& snap, const core::Progress& progress) {
    const Look& look = ctx.look;
    core::DeviceId partner{};
    if (!snap.peers.empty()) {
        if (auto id = core::parse_id(snap.peers.front().device_id)) partner = *id;
    }
    if (!ImGui::BeginTable("progress-charts", 2, ImGuiTableFlags_SizingStretchSame)) return;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    heading(look, "You");
    ImGui::TableNextColumn();
    heading(look, partner_name(snap).c_str());
    for (const Figure& f : kFigures) {
        double top = f.line && std::string_view(f.word) == "of 5" ? 5.0 : 1.0;
        for (const core::ProgressWeek& w : progress.weeks) {
            top = std::max({top, total_of(w.of(snap.device), f), total_of(w.of(partner), f)});
        }
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushFont(look.fonts->body_bold);
        ImGui::TextUnformatted(f.label);
        ImGui::PopFont();

        person_cell(ctx, progress, snap.device, f, top, look.palette->accent, std::string("##mine-") + f.label);
        ImGui::TableNextColumn();
        if (f.commitments) {
            muted_text(look, "on time · warned · late · missed");  // the bars' parts, bottom up
        } else {
            ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));
        }
        person_cell(ctx, progress, partner, f, top, look.palette->partner, std::string("##partner-") + f.label);
    }
    ImGui::EndTable();
}

}  // namespace candor::ui
