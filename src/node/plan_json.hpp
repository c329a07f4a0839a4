// The agreement's 0.2 sections as JSON. "transparency_plan" (docs/cli.md, "Agreement JSON"):
//   {"phases": [{"expects": "an update when leaving or arriving anywhere", "until": TIME},
//               …, {"expects": "as we like", "until": null}], "retire_figures": true}
// TIME is ISO 8601 (with an offset, or local time on this computer); the canonical text keeps
// it with its offset, so both devices read the same instant and show the same words.
// "talk_times": [{"day": "sunday", "at": "19:00", "minutes": 45}], at most two (the same shape in
// the canonical text).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "core/talk_times.hpp"
#include "core/transparency_plan.hpp"
#include "node/json.hpp"

namespace candor::node {

inline constexpr std::size_t kMaxPhaseText = 500;

// What is wrong with a phase's "expects" (already trimmed): too long, or text the journal refuses
// ("is too long (at most 500 bytes)"), or nullopt. The app checks its fields with this too.
[[nodiscard]] std::optional<std::string> phase_text_problem(std::string_view expects);
// A time to talk's "at" ("19:00", two digits each) as minutes after midnight; nullopt when it is
// not written that way. The range (00:00 to 23:59) is core::talk_time_problems' rule.
[[nodiscard]] std::optional<int> talk_clock_minutes(std::string_view at);
// The other way: 1140 is "19:00".
[[nodiscard]] std::string talk_clock_text(int minutes);

// `path` names the section in errors ("transparency_plan.phases[1].until must be …").
[[nodiscard]] Result<core::TransparencyPlan> plan_from_json(const json::Value& v, const std::string& path);
// The section as written in the canonical text and printed by `agreement show`.
[[nodiscard]] json::Value plan_to_json(const core::TransparencyPlan& plan);

[[nodiscard]] Result<std::vector<core::TalkTime>> talk_times_from_json(const json::Value& v, const std::string& path);
[[nodiscard]] json::Value talk_times_to_json(const std::vector<core::TalkTime>& times);

}  // namespace candor::node
