#include "node/plan_json.hpp"

#include <cctype>
#include <cstdio>

#include "common/text.hpp"
#include "core/time_format.hpp"
#include "core/time_parse.hpp"

namespace candor::node {
namespace {

// The offset written at the end of an ISO 8601 time ("+01:00", "-0500", "Z"); nullopt without one.
std::optional<int> written_offset(std::string_view t) {
    if (!t.empty() && (t.back() == 'Z' || t.back() == 'z')) return 0;
    const auto sign = t.find_last_of("+-");
    if (sign == std::string_view::npos || t.find('T') == std::string_view::npos || sign < t.find('T')) return std::nullopt;
    std::string digits;
    for (char c : t.substr(sign + 1))
        if (c != ':') digits += c;
    if (digits.size() != 4) return std::nullopt;
    const int minutes = std::stoi(digits.substr(0, 2)) * 60 + std::stoi(digits.substr(2, 2));
    return t[sign] == '-' ? -minutes : minutes;
}

Result<core::TransparencyPhase> phase_from_json(const json::Value& v, const std::string& path) {
    const json::Object* o = v.if_object();
    if (!o) return make_error(path + " must be {\"expects\": \"...\", \"until\": TIME or null}");
    for (const auto& [key, value] : *o) {
        if (key != "expects" && key != "until") return make_error(json::member_path(path, key) + " is not a field of a phase (known: expects, until)");
    }
    core::TransparencyPhase p;
    const json::Value* expects_v = o->find("expects");
    const std::string* expects = expects_v ? expects_v->if_string() : nullptr;
    if (!expects) return make_error(json::member_path(path, "expects") + " must be text in quotes: what sharing this phase asks for");
    p.expects = *expects;
    p.expects.erase(0, p.expects.find_first_not_of(" \t\r\n"));
    p.expects.erase(p.expects.find_last_not_of(" \t\r\n") + 1);
    if (auto problem = phase_text_problem(p.expects)) return make_error(json::member_path(path, "expects") + " " + *problem);
    const json::Value* until = o->find("until");
    if (!until || until->is_null()) return p;
    const std::string* t = until->if_string();
    const core::TimeContext ctx = core::local_time_context();
    auto ms = t ? core::parse_iso8601(*t, ctx) : Result<std::int64_t>(make_error("not text"));
    if (!ms) return make_error(json::member_path(path, "until") + " must be a time like 2027-01-31T00:00+01:00, or null");
    p.until_ms = *ms;
    p.until_offset_minutes = static_cast<std::int16_t>(written_offset(*t).value_or(ctx.utc_offset_minutes(*ms)));
    return p;
}

}  // namespace

std::optional<std::string> phase_text_problem(std::string_view expects) {
    if (expects.size() > kMaxPhaseText) return "is too long (at most " + std::to_string(kMaxPhaseText) + " bytes)";
    return text::problem(expects);
}

std::optional<int> talk_clock_minutes(std::string_view a) {
    const auto digit = [&](std::size_t i) { return std::isdigit(static_cast<unsigned char>(a[i])) != 0; };
    if (a.size() != 5 || a[2] != ':' || !digit(0) || !digit(1) || !digit(3) || !digit(4)) return std::nullopt;
    const int minutes = (a[3] - '0') * 10 + (a[4] - '0');
    if (minutes > 59) return std::nullopt;
    return ((a[0] - '0') * 10 + (a[1] - '0')) * 60 + minutes;
}

std::string talk_clock_text(int minutes) {
    char at[24];
    std::snprintf(at, sizeof at, "%02d:%02d", minutes / 60, minutes % 60);
    return at;
}

Result<core::TransparencyPlan> plan_from_json(const json::Value& v, const std::string& path) {
    const json::Object* o = v.if_object();
    if (!o) return make_error(path + " must be {\"phases\": [ ... ], \"retire_figures\": false}");
    core::TransparencyPlan plan;
    for (const auto& [key, value] : *o) {
        if (key == "retire_figures") {
            const bool* b = value.if_bool();
            if (!b) return make_error(json::member_path(path, key) + " must be true or false");
            plan.retire_figures = *b;
        } else if (key == "phases") {
            const json::Array* list = value.if_array();
            if (!list) return make_error(json::member_path(path, key) + " must be a list [ ... ]");
            if (list->size() > core::kMaxPlanPhases) {
                return make_error(path + " has too many phases (at most " + std::to_string(core::kMaxPlanPhases) + ")");
            }
            for (std::size_t i = 0; i < list->size(); ++i) {
                auto phase = phase_from_json((*list)[i], json::element_path(json::member_path(path, "phases"), i));
                if (!phase) return phase.error();
                plan.phases.push_back(std::move(*phase));
            }
        } else {
            return make_error(json::member_path(path, key) + " is not a field of the plan (known: phases, retire_figures)");
        }
    }
    if (auto problem = core::plan_problem(plan)) return make_error(path + ": " + *problem);
    return plan;
}

json::Value plan_to_json(const core::TransparencyPlan& plan) {
    json::Array phases;
    for (const core::TransparencyPhase& p : plan.phases) {
        phases.push_back(json::Object{{"expects", p.expects},
                                      {"until", p.until_ms == 0 ? json::Value(nullptr)
                                                                : json::Value(core::format_iso8601(p.until_ms, p.until_offset_minutes))}});
    }
    return json::Object{{"phases", std::move(phases)}, {"retire_figures", plan.retire_figures}};
}

namespace {
std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return s;
}

Result<core::TalkTime> talk_time_from_json(const json::Value& v, const std::string& path) {
    const json::Object* o = v.if_object();
    if (!o) return make_error(path + " must be {\"day\": \"sunday\", \"at\": \"19:00\", \"minutes\": 45}");
    for (const auto& [key, value] : *o) {
        if (key != "day" && key != "at" && key != "minutes") {
            return make_error(json::member_path(path, key) + " is not a field of a time to talk (known: day, at, minutes)");
        }
    }
    core::TalkTime t;
    const json::Value* day = o->find("day");
    const std::string* d = day ? day->if_string() : nullptr;
    t.day = -1;
    for (int i = 0; d && i < 7; ++i)
        if (lower(*d) == lower(core::weekday_name(i))) t.day = i;
    if (t.day < 0) return make_error(json::member_path(path, "day") + " must be a day of the week (\"monday\" … \"sunday\")");
    const json::Value* at = o->find("at");
    const std::string* a = at ? at->if_string() : nullptr;
    const std::optional<int> clock = a ? talk_clock_minutes(*a) : std::nullopt;
    if (!clock) return make_error(json::member_path(path, "at") + " must be a time of day like \"19:00\"");
    t.start_minutes = *clock;
    if (const json::Value* m = o->find("minutes")) {
        const std::int64_t* n = m->if_int();
        if (!n || *n < core::kMinTalkMinutes || *n > core::kMaxTalkMinutes) {
            return make_error(json::member_path(path, "minutes") + " must be " + std::to_string(core::kMinTalkMinutes) + " to " +
                              std::to_string(core::kMaxTalkMinutes));
        }
        t.minutes = static_cast<int>(*n);
    }
    return t;
}
}  // namespace

Result<std::vector<core::TalkTime>> talk_times_from_json(const json::Value& v, const std::string& path) {
    const json::Array* list = v.if_array();
    if (!list) return make_error(path + " must be a list [ ... ] of one or two times");
    std::vector<core::TalkTime> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
        auto t = talk_time_from_json((*list)[i], json::element_path(path, i));
        if (!t) return t.error();
        out.push_back(*t);
    }
    if (auto problem = core::talk_times_problem(out)) return make_error(path + " " + *problem);
    return out;
}

json::Value talk_times_to_json(const std::vector<core::TalkTime>& times) {
    json::Array out;
    for (const core::TalkTime& t : times) {
        out.push_back(json::Object{{"day", lower(core::weekday_name(t.day))}, {"at", talk_clock_text(t.start_minutes)},
                                   {"minutes", static_cast<std::int64_t>(t.minutes)}});
    }
    return out;
}

}  // namespace candor::node
