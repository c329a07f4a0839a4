// The agreement's 0.2 sections as JSON. "transparency_plan" (docs/cli.md, "Agreement JSON"):
//   {"phases": [{"expects": "an update when leaving or arriving anywhere", "until": TIME},
//               …, {"expects": "as we like", "until": null}], "retire_figures": true}
// TIME is ISO 8601 (with an offset, or local time on this computer); the canonical text keeps
// it with its offset, so both devices read the same instant and show the same words.
// "talk_times": [{"day": "sunday", "at": "19:00", "minutes": 45}], at most two (the same shape in
// the canonical text).
#pragma once

#include <string>

#include "common/result.hpp"
#include "core/talk_times.hpp"
#include "core/transparency_plan.hpp"
#include "node/json.hpp"

namespace candor::node {

inline constexpr std::size_t kMaxPhaseText = 500;

// `path` names the section in errors ("transparency_plan.phases[1].until must be …").
[[nodiscard]] Result<core::TransparencyPlan> plan_from_json(const json::Value& v, const std::string& path);
// The section as written in the canonical text and printed by `agreement show`.
[[nodiscard]] json::Value plan_to_json(const core::TransparencyPlan& plan);

[[nodiscard]] Result<std::vector<core::TalkTime>> talk_times_from_json(const json::Value& v, const std::string& path);
[[nodiscard]] json::Value talk_times_to_json(const std::vector<core::TalkTime>& times);

}  // namespace candor::node
