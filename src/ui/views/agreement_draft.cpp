// See agreement_draft.hpp. The checks here call the Node's own rules on what the draft would
// propose; none of the limits is written down a second time.
#include "ui/views/agreement_draft.hpp"

#include <algorithm>

#include "core/checkin_period.hpp"
#include "core/time_format.hpp"
#include "node/plan_json.hpp"

namespace candor::ui {
namespace {

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kPhaseDays = 30;  // a new phase's default length: a month

// "2027-01-31" when the phase ends at midnight on this computer's clock, else the time as signed.
std::string until_field(const core::TransparencyPhase& p) {
    if (p.until_ms == 0) return "";
    const std::string iso = core::format_iso8601(p.until_ms, p.until_offset_minutes);
    const core::TimeContext here = core::local_time_context();
    const bool midnight_here = iso.compare(10, 9, "T00:00:00") == 0 && here.utc_offset_minutes(p.until_ms) == p.until_offset_minutes;
    return midnight_here ? iso.substr(0, 10) : iso;
}

std::optional<std::int64_t> until_ms(const DraftPhase& p, const core::TimeContext& time) {
    const std::string text = trimmed(p.until);
    if (text.empty()) return std::nullopt;
    auto ms = core::parse_iso8601(until_time_text(text), time);
    return ms ? std::optional<std::int64_t>(*ms) : std::nullopt;
}

// "sunday", as the JSON names a day.
std::string day_key(int day) {
    std::string out = core::weekday_name(day);
    for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return out;
}

std::string date_text(std::int64_t ms, const core::TimeContext& time) {
    return core::format_iso8601(ms, time.utc_offset_minutes(ms)).substr(0, 10);
}

// The plan as the Node would read it; a phase whose end is unreadable counts as having none
// (its own field says why, so the "needs an end" rule is not repeated for it).
core::TransparencyPlan plan_of(const AgreementDraft& d, const core::TimeContext& time) {
    core::TransparencyPlan plan;
    for (std::size_t i = 0; i < d.phases.size(); ++i) {
        const DraftPhase& p = d.phases[i];
        const bool open = p.from_then_on && i + 1 == d.phases.size();
        plan.phases.push_back({trimmed(p.expects), open ? 0 : until_ms(p, time).value_or(0), 0});
    }
    plan.retire_figures = d.retire_figures;
    return plan;
}

void plan_problems(const AgreementDraft& d, const core::TimeContext& time, DraftProblems& out) {
    out.expects.assign(d.phases.size(), {});
    out.until.assign(d.phases.size(), {});
    for (std::size_t i = 0; i < d.phases.size(); ++i) {
        const DraftPhase& p = d.phases[i];
        const bool open = p.from_then_on && i + 1 == d.phases.size();
        if (auto problem = node::phase_text_problem(trimmed(p.expects))) out.expects[i] = {"This text " + *problem + ".", false};
        if (!open && !trimmed(p.until).empty() && !until_ms(p, time)) {
            out.until[i] = {"Not a date yet: write it like 2027-01-31.", false};
        }
    }
    const core::TransparencyPlan plan = plan_of(d, time);
    for (const core::PlanProblem& problem : core::plan_problems(plan)) {
        const std::size_t i = problem.phase;
        switch (problem.rule) {
            case core::PlanRule::too_many_phases:
                out.plan = "A plan has at most " + std::to_string(core::kMaxPlanPhases) + " phases: remove one.";
                break;
            case core::PlanRule::needs_expects:
                out.expects[i] = {"Say what this phase asks for, or remove it.", true};
                break;
            case core::PlanRule::needs_until:
                if (out.until[i].text.empty()) out.until[i] = {"Give this phase an end: only the last one can run from then on.", true};
                break;
            case core::PlanRule::not_after_previous:
                out.until[i] = {"This phase has to end after phase " + std::to_string(i) + " (" +
                                    date_text(plan.phases[i - 1].until_ms, time) + ").",
                                false};
                break;
        }
    }
}

void talk_problems(const AgreementDraft& d, DraftProblems& out) {
    out.at.assign(d.talk_times.size(), {});
    out.minutes.assign(d.talk_times.size(), {});
    std::vector<core::TalkTime> times;
    for (std::size_t i = 0; i < d.talk_times.size(); ++i) {
        const DraftTalkTime& t = d.talk_times[i];
        const std::optional<int> at = node::talk_clock_minutes(trimmed(t.at));
        if (!at) out.at[i] = {"Write the time of day like 19:00.", trimmed(t.at).empty()};
        times.push_back({t.day, at.value_or(0), t.minutes});
    }
    for (const core::TalkProblem& problem : core::talk_time_problems(times)) {
        switch (problem.rule) {
            case core::TalkRule::too_many:
                out.talk = "At most " + std::to_string(core::kMaxTalkTimes) + " times a week: remove one.";
                break;
            case core::TalkRule::day: out.talk = "Pick a day of the week."; break;
            case core::TalkRule::start: out.at[problem.time] = {"The time of day runs from 00:00 to 23:59.", false}; break;
            case core::TalkRule::length:
                out.minutes[problem.time] = {"A time to talk lasts " + std::to_string(core::kMinTalkMinutes) + " to " +
                                                 std::to_string(core::kMaxTalkMinutes) + " minutes.",
                                             false};
                break;
        }
    }
}

}  // namespace

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

const std::vector<UsualArea>& usual_areas() {
    static const std::vector<UsualArea> kAreas = {
        {"communication", "Reply within a few hours on weekdays"},
        {"privacy", "Ask before reading each other's messages"},
        {"social media", "Tell each other before following or messaging an ex"},
        {"substances and spending", "Talk it over before any purchase above 200"},
    };
    return kAreas;
}

const std::vector<std::string>& phase_presets() {
    static const std::vector<std::string> kPresets = {"an update when leaving or arriving anywhere",
                                                      "only when plans change", "as we like"};
    return kPresets;
}

AgreementDraft blank_draft() {
    AgreementDraft d;
    d.mine.emplace_back();
    d.partner.emplace_back();
    for (const UsualArea& a : usual_areas()) d.areas.push_back(DraftArea{a.name, {""}});
    d.breakers.emplace_back();
    return d;
}

AgreementDraft draft_from(const core::AgreementDoc& doc, const core::DeviceId& me) {
    AgreementDraft d;
    d.title = doc.title;
    for (const auto& c : doc.commitments) (c.by == me ? d.mine : d.partner).push_back(c.text);
    d.support = doc.support;
    for (const UsualArea& a : usual_areas()) d.areas.push_back(DraftArea{a.name, {}});
    for (const auto& b : doc.boundaries) {
        auto it = std::find_if(d.areas.begin(), d.areas.end(), [&](const DraftArea& a) { return a.name == b.area; });
        if (it == d.areas.end()) it = d.areas.insert(d.areas.end(), DraftArea{b.area, {}});
        it->items.push_back(b.text);
    }
    for (DraftArea& a : d.areas)
        if (a.items.empty()) a.items.emplace_back();
    d.breakers = doc.breakers;
    if (d.mine.empty()) d.mine.emplace_back();
    if (d.partner.empty()) d.partner.emplace_back();
    if (d.breakers.empty()) d.breakers.emplace_back();
    d.review_every_days = doc.review_every_days > 0 ? static_cast<int>(doc.review_every_days) : 30;
    for (const core::TransparencyPhase& p : doc.plan.phases) d.phases.push_back({p.expects, until_field(p), p.until_ms == 0});
    d.retire_figures = doc.plan.retire_figures;
    for (const core::TalkTime& t : doc.talk_times) {
        d.talk_times.push_back({t.day, node::talk_clock_text(t.start_minutes), t.minutes});
    }
    return d;
}

std::string until_time_text(const std::string& until) {
    const std::string text = trimmed(until);
    return text.size() == 10 ? text + "T00:00" : text;
}

json::Value draft_to_json(const AgreementDraft& d) {
    json::Array commitments, boundaries, breakers;
    for (const auto* list : {&d.mine, &d.partner}) {
        for (const std::string& text : *list) {
            if (std::string t = trimmed(text); !t.empty())
                commitments.push_back(json::Object{{"by", list == &d.mine ? "me" : "partner"}, {"text", std::move(t)}});
        }
    }
    for (const DraftArea& area : d.areas) {
        const std::string name = trimmed(area.name);
        for (const std::string& text : area.items) {
            if (std::string t = trimmed(text); !t.empty() && !name.empty())
                boundaries.push_back(json::Object{{"area", name}, {"text", std::move(t)}});
        }
    }
    for (const std::string& text : d.breakers)
        if (std::string t = trimmed(text); !t.empty()) breakers.push_back(std::move(t));
    json::Object out{{"title", trimmed(d.title)},
                     {"commitments", std::move(commitments)},
                     {"support", trimmed(d.support)},
                     {"boundaries", std::move(boundaries)},
                     {"breakers", std::move(breakers)},
                     {"review_every_days", static_cast<std::int64_t>(d.review_every_days)}};
    if (!d.phases.empty()) {
        json::Array phases;
        for (std::size_t i = 0; i < d.phases.size(); ++i) {
            const DraftPhase& p = d.phases[i];
            const bool open = p.from_then_on && i + 1 == d.phases.size();
            const std::string until = until_time_text(p.until);
            phases.push_back(json::Object{{"expects", trimmed(p.expects)},
                                          {"until", open || until.empty() ? json::Value(nullptr) : json::Value(until)}});
        }
        out.set("transparency_plan", json::Object{{"phases", std::move(phases)}, {"retire_figures", d.retire_figures}});
    }
    if (!d.talk_times.empty()) {
        json::Array times;
        for (const DraftTalkTime& t : d.talk_times) {
            times.push_back(json::Object{{"day", json::Value(day_key(t.day))},
                                         {"at", trimmed(t.at)},
                                         {"minutes", static_cast<std::int64_t>(t.minutes)}});
        }
        out.set("talk_times", std::move(times));
    }
    return out;
}

void add_phase(AgreementDraft& d, const core::TimeContext& time) {
    if (!d.phases.empty()) {
        DraftPhase& last = d.phases.back();
        if (last.from_then_on || trimmed(last.until).empty()) {
            std::int64_t start = time.now_ms;
            if (d.phases.size() >= 2) start = until_ms(d.phases[d.phases.size() - 2], time).value_or(start);
            last.until = date_text(start + kPhaseDays * kDayMs, time);
        }
        last.from_then_on = false;
    }
    d.phases.push_back({"", "", true});
}

void move_phase(AgreementDraft& d, std::size_t from, std::size_t to) {
    if (from >= d.phases.size() || to >= d.phases.size()) return;
    std::swap(d.phases[from].expects, d.phases[to].expects);
}

bool DraftProblems::any() const {
    const auto set = [](const std::vector<FieldProblem>& v) {
        return std::any_of(v.begin(), v.end(), [](const FieldProblem& p) { return !p.text.empty(); });
    };
    return set(expects) || set(until) || set(at) || set(minutes) || !plan.empty() || !talk.empty();
}

DraftProblems draft_problems(const AgreementDraft& d, const core::TimeContext& time) {
    DraftProblems out;
    plan_problems(d, time, out);
    talk_problems(d, out);
    return out;
}

}  // namespace candor::ui
