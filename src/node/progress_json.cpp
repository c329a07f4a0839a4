#include "node/progress_json.hpp"

#include <functional>
#include <sstream>

#include "core/time_format.hpp"

namespace candor::node {

namespace {

using Figure = std::function<json::Value(const core::PersonWeek&)>;

json::Value count(unsigned n) { return static_cast<std::int64_t>(n); }

json::Value pair(const core::ProgressWeek& w, const ProgressPeople& people, const Figure& figure) {
    return json::Object{{"me", figure(w.of(people.me))}, {"partner", figure(w.of(people.partner))}};
}

struct NamedFigure {
    const char* key;
    const char* title;  // the Markdown table's heading
    Figure figure;
};

const std::vector<NamedFigure>& commitment_figures() {
    static const std::vector<NamedFigure> figures{
        {"made", "Commitments made", [](const core::PersonWeek& p) { return count(p.commitments.made); }},
        {"kept_on_time", "Kept on time", [](const core::PersonWeek& p) { return count(p.commitments.kept_on_time); }},
        {"kept_late_warned", "Kept late, warned in time",
         [](const core::PersonWeek& p) { return count(p.commitments.kept_late_warned); }},
        {"kept_late", "Kept late", [](const core::PersonWeek& p) { return count(p.commitments.kept_late); }},
        {"missed", "Missed", [](const core::PersonWeek& p) { return count(p.commitments.missed); }},
    };
    return figures;
}

const std::vector<NamedFigure>& week_figures() {
    static const std::vector<NamedFigure> figures{
        {"late_warned_in_time", "Late notices sent in time",
         [](const core::PersonWeek& p) { return count(p.commitments.late_in_time); }},
        {"recovery_minutes_median", "Median minutes to feeling settled after a reassurance request",
         [](const core::PersonWeek& p) { return minutes_json(p.recovery_median_ms); }},
        {"checkin_days", "Days checked in", [](const core::PersonWeek& p) { return count(p.checkin_days); }},
        {"appreciations", "Appreciations given", [](const core::PersonWeek& p) { return count(p.appreciations); }},
    };
    return figures;
}

std::string cell(const json::Value& v) {
    if (const auto n = v.if_int()) return std::to_string(*n);
    return "–";
}

}  // namespace

json::Value minutes_json(const std::optional<std::int64_t>& ms) {
    if (!ms) return nullptr;
    return (*ms + 30'000) / 60'000;
}

json::Value progress_json(const core::Progress& progress, const ProgressPeople& people) {
    json::Array weeks;
    for (const core::ProgressWeek& w : progress.weeks) {
        json::Object commitments;
        for (const NamedFigure& f : commitment_figures()) commitments.set(f.key, pair(w, people, f.figure));
        json::Object week{{"week", w.week}, {"commitments", std::move(commitments)}};
        for (const NamedFigure& f : week_figures()) week.set(f.key, pair(w, people, f.figure));
        weeks.emplace_back(std::move(week));
    }
    json::Array milestones;
    for (const core::Milestone& m : progress.milestones) {
        milestones.emplace_back(json::Object{{"id", m.id},
                                             {"text", core::milestone_text(m, people.me, people.partner_name)},
                                             {"reached_at", core::format_iso8601(m.reached_at_ms, m.utc_offset_minutes)}});
    }
    return json::Object{{"weeks", std::move(weeks)}, {"milestones", std::move(milestones)}};
}

std::string progress_markdown(const core::Progress& progress, const ProgressPeople& people, const std::string& my_name) {
    std::ostringstream md;
    md << "# Our progress\n\n";
    if (!progress.weeks.empty()) {
        md << progress.weeks.front().week << " to " << progress.weeks.back().week << ", week by week.\n";
    }
    for (const auto* group : {&commitment_figures(), &week_figures()}) {
        for (const NamedFigure& f : *group) {
            md << "\n## " << f.title << "\n\n| week | " << my_name << " | " << people.partner_name << " |\n|---|---|---|\n";
            for (const core::ProgressWeek& w : progress.weeks) {
                md << "| " << w.week << " | " << cell(f.figure(w.of(people.me))) << " | "
                   << cell(f.figure(w.of(people.partner))) << " |\n";
            }
        }
    }
    md << "\n## Milestones\n\n";
    if (progress.milestones.empty()) md << "None yet: they come with time.\n";
    for (const core::Milestone& m : progress.milestones) {
        md << "- " << core::format_iso8601(m.reached_at_ms, m.utc_offset_minutes).substr(0, 10) << ": "
           << core::milestone_text(m, people.me, people.partner_name) << "\n";
    }
    return md.str();
}

}  // namespace candor::node
