// The change rows keep core's item-by-item diff as it is (core decides what counts as reworded);
// this file finds the words and colours for it, typesets documents for reading, and draws the
// Agreement section's proposals tab (agreement_proposals.cpp).
#include "ui/views/agreement_diff.hpp"
#include "ui/views/plan_phase.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <ctime>

#include "node/agreement_json.hpp"
#include "node/control_protocol.hpp"
#include "ui/keys.hpp"
#include "ui/views/agreement_view.hpp"

namespace candor::ui {
namespace {

std::string possessive(const std::string& name) { return name + "'s"; }

std::string capitalised(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

std::string where_words(const core::AgreementChange& c, const PersonName& name_of) {
    using core::AgreementPart;
    switch (c.part) {
        case AgreementPart::title: return "Title";
        case AgreementPart::review_interval: return "Review rhythm";
        case AgreementPart::support: return "What support looks like";
        case AgreementPart::commitment: return c.by ? possessive(name_of(*c.by)) + " commitment" : "A commitment";
        case AgreementPart::boundary: return "Boundary · " + c.area;
        case AgreementPart::breaker: return "What breaks this agreement";
        case AgreementPart::plan_phase: return "Transparency plan · a phase";
        case AgreementPart::retire_figures: return "Transparency plan";
        case AgreementPart::talk_time: return "A time to talk about it";
    }
    return "";
}

std::string interval_text(const std::string& days) {
    if (days.empty()) return "";
    try {
        return rhythm_words(static_cast<std::uint32_t>(std::stoul(days)));
    } catch (const std::exception&) {
        return days;
    }
}

// Core words a phase "expects · until 2027-01-31T00:00" or "expects · open-ended" (the CLI's
// changes say so); a person reads "an update when leaving work, until 31 January 2027".
std::string phase_words(const std::string& core_text) {
    const auto dot = core_text.rfind(" · ");
    if (dot == std::string::npos) return core_text;
    const std::string expects = core_text.substr(0, dot), end = core_text.substr(dot + 4);
    if (end == "open-ended") return expects + ", from then on";
    if (end.rfind("until ", 0) != 0) return core_text;
    const std::string until = until_words(end.substr(6));
    return until.empty() ? core_text : expects + ", " + until;
}

constexpr const char* kRetireWords = "When the last phase begins, the figures and charts retire for good";

void section_heading(const Look& look, const char* text, bool first) {
    if (!first) ImGui::Dummy(ImVec2(0, 10.0f * look.scale));
    ImGui::PushFont(look.fonts->heading);
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->accent);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, 2.0f * look.scale));
}

void bold(const Look& look, const std::string& text) {
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopFont();
}

std::string local_strftime(std::int64_t utc_ms, const char* format) {
    const std::time_t t = static_cast<std::time_t>(utc_ms / 1000);
    std::tm tm{};
    localtime_r(&t, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, format, &tm);
    return buf;
}

}  // namespace

core::AgreementDoc read_doc(const core::AgreementVersion& v) {
    auto doc = node::agreement_from_canonical(v.agreement_json);
    return doc ? *doc : core::AgreementDoc{};
}

const char* change_word(core::ChangeType type) {
    switch (type) {
        case core::ChangeType::added: return "Added";
        case core::ChangeType::removed: return "Removed";
        case core::ChangeType::reworded: return "Reworded";
    }
    return "";
}

ImVec4 change_colour(const Palette& p, core::ChangeType type) {
    switch (type) {
        case core::ChangeType::added: return p.accent;
        case core::ChangeType::removed: return p.rose;
        case core::ChangeType::reworded: return p.amber;
    }
    return p.text_muted;
}

std::string ChangeRow::summary() const {
    std::string out = std::string(change_word(type)) + ": ";
    switch (type) {
        case core::ChangeType::added: return out + after;
        case core::ChangeType::removed: return out + before;
        case core::ChangeType::reworded: return out + before + " → " + after;
    }
    return out;
}

std::vector<ChangeRow> change_rows(const core::AgreementDoc& in_force, const core::AgreementDoc& proposed,
                                   const PersonName& name_of, const std::optional<core::DeviceId>& proposer) {
    std::vector<ChangeRow> rows;
    for (const core::AgreementChange& c : core::diff_agreements(in_force, proposed)) {
        ChangeRow row{c.type, where_words(c, name_of), c.before, c.after};
        if (proposer && c.part == core::AgreementPart::commitment && c.by && *c.by != *proposer &&
            c.type != core::ChangeType::removed) {
            row.where = "Suggested for " + name_of(*c.by) + " by " + name_of(*proposer);
        }
        if (c.part == core::AgreementPart::review_interval) {
            row.before = interval_text(c.before);
            row.after = interval_text(c.after);
        }
        if (c.part == core::AgreementPart::plan_phase) {
            row.before = phase_words(c.before);
            row.after = phase_words(c.after);
        }
        if (c.part == core::AgreementPart::retire_figures) {  // "yes" or nothing: only added or removed
            row.before = c.before.empty() ? "" : kRetireWords;
            row.after = c.after.empty() ? "" : kRetireWords;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

void draw_change_rows(const Look& look, const std::vector<ChangeRow>& rows) {
    const Palette& p = *look.palette;
    const float s = look.scale;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const ChangeRow& row = rows[i];
        if (i > 0) ImGui::Dummy(ImVec2(0, 2.0f * s));
        const ImVec4 colour = change_colour(p, row.type);
        const ImVec2 top = ImGui::GetCursorScreenPos();
        // The lines of one row sit close together; rows are set apart.
        ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 3.0f * s));
        ImGui::BeginGroup();
        chip(look, change_word(row.type), colour);
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 3.0f * s);
        ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
        ImGui::TextUnformatted(row.where.c_str());
        ImGui::PopStyleColor();
        ImGui::Indent(12.0f * s);
        if (row.type == core::ChangeType::reworded) {
            ImGui::PushStyleColor(ImGuiCol_Text, p.text_muted);
            ImGui::TextWrapped("%s", row.before.c_str());
            ImGui::PopStyleColor();
            ImGui::TextWrapped("→ %s", row.after.c_str());
        } else if (row.type == core::ChangeType::removed) {
            ImGui::PushStyleColor(ImGuiCol_Text, with_alpha(p.text, 0.7f));
            ImGui::TextWrapped("%s", row.before.c_str());
            ImGui::PopStyleColor();
        } else {
            ImGui::TextWrapped("%s", row.after.c_str());
        }
        ImGui::Unindent(12.0f * s);
        ImGui::EndGroup();
        ImGui::PopStyleVar();
        probe::note(row.summary().c_str());
        // A thin bar in the change's colour ties the lines of one row together.
        const ImVec2 bottom = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(top.x - 8.0f * s, top.y + 2.0f * s),
                                                  ImVec2(top.x - 6.0f * s, bottom.y - 1.0f * s),
                                                  to_u32(with_alpha(colour, 0.7f)));
    }
}

void bullet_text(const Look& look, const std::string& text, ImVec4 dot) {
    const float s = look.scale;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float line = ImGui::GetTextLineHeight();
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(pos.x + 6.0f * s, pos.y + line * 0.5f + 1.0f), 2.6f * s,
                                                to_u32(dot));
    ImGui::Indent(18.0f * s);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::Unindent(18.0f * s);
}

void draw_agreement(const Look& look, const core::AgreementDoc& doc, const PersonName& name_of,
                    const core::DeviceId& me, const Suggestions& suggested) {
    const Palette& p = *look.palette;
    bool first = true;
    if (!doc.commitments.empty()) {
        section_heading(look, "Our commitments", first);
        first = false;
        std::vector<core::DeviceId> people{me};
        for (const auto& c : doc.commitments)
            if (std::find(people.begin(), people.end(), c.by) == people.end()) people.push_back(c.by);
        for (const core::DeviceId& who : people) {
            const bool any = std::any_of(doc.commitments.begin(), doc.commitments.end(),
                                         [&](const auto& c) { return c.by == who; });
            if (!any) continue;
            const ImVec4 colour = who == me ? p.accent : p.partner;
            bold(look, name_of(who));
            for (const auto& c : doc.commitments) {
                if (c.by != who) continue;
                bullet_text(look, c.text, colour);
                if (suggested.proposer && std::find(suggested.items.begin(), suggested.items.end(), c) != suggested.items.end()) {
                    ImGui::SameLine();
                    const std::string by = "suggested by " + name_of(*suggested.proposer);
                    ImGui::PushStyleColor(ImGuiCol_Text, p.amber);
                    ImGui::TextUnformatted(("· " + by).c_str());
                    ImGui::PopStyleColor();
                    probe::note(by.c_str());
                }
            }
            ImGui::Dummy(ImVec2(0, 2.0f * look.scale));
        }
    }
    if (const auto support = core::text_lines(doc.support); !support.empty()) {
        section_heading(look, "What support looks like", first);
        first = false;
        if (support.size() == 1) {
            ImGui::TextWrapped("%s", support.front().c_str());
        } else {
            for (const std::string& line : support) bullet_text(look, line, p.text_muted);
        }
    }
    if (!doc.boundaries.empty()) {
        section_heading(look, "Boundaries", first);
        first = false;
        std::vector<std::string> areas;
        for (const auto& b : doc.boundaries)
            if (std::find(areas.begin(), areas.end(), b.area) == areas.end()) areas.push_back(b.area);
        for (const std::string& area : areas) {
            bold(look, capitalised(area));
            for (const auto& b : doc.boundaries)
                if (b.area == area) bullet_text(look, b.text, p.text_muted);
            ImGui::Dummy(ImVec2(0, 2.0f * look.scale));
        }
    }
    if (!doc.breakers.empty()) {
        section_heading(look, "What breaks this agreement", first);
        first = false;
        for (const std::string& b : doc.breakers) bullet_text(look, b, p.rose);
    }
    if (!doc.plan.empty()) {
        section_heading(look, "Transparency plan", first);
        first = false;
        plan_document(look, doc.plan);
    }
    if (!doc.talk_times.empty()) {
        section_heading(look, "Times to talk about it", first);
        first = false;
        for (const core::TalkTime& t : doc.talk_times) wrapped_text(core::talk_time_words(t).c_str());
    }
    section_heading(look, "Review rhythm", first);
    if (doc.review_every_days > 0) {
        ImGui::TextWrapped("We sit down together and revisit this agreement %s.", rhythm_words(doc.review_every_days).c_str());
    } else {
        muted_text(look, "No review rhythm agreed.");
    }
}

std::string date_words(std::int64_t utc_ms) { return local_strftime(utc_ms, "%-d %B %Y"); }

std::string date_time_words(std::int64_t utc_ms) { return local_strftime(utc_ms, "%-d %B %Y, %H:%M"); }

std::string rhythm_words(std::uint32_t days) {
    if (days == 1) return "every day";
    if (days == 7) return "every week";
    if (days % 7 == 0 && days <= 70) return "every " + std::to_string(days / 7) + " weeks";
    return "every " + std::to_string(days) + " days";
}

}  // namespace candor::ui
