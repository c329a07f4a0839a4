// The agreement's "transparency_plan" section as JSON (docs/cli.md, "Agreement JSON"):
//   {"phases": [{"expects": "an update when leaving or arriving anywhere", "until": TIME},
//               …, {"expects": "as we like", "until": null}], "retire_figures": true}
// TIME is ISO 8601 (with an offset, or local time on this computer); the canonical text keeps
// it with its offset, so both devices read the same instant and show the same words.
#pragma once

#include <string>

#include "common/result.hpp"
#include "core/transparency_plan.hpp"
#include "node/json.hpp"

namespace candor::node {

inline constexpr std::size_t kMaxPhaseText = 500;

// `path` names the section in errors ("transparency_plan.phases[1].until must be …").
[[nodiscard]] Result<core::TransparencyPlan> plan_from_json(const json::Value& v, const std::string& path);
// The section as written in the canonical text and printed by `agreement show`.
[[nodiscard]] json::Value plan_to_json(const core::TransparencyPlan& plan);

}  // namespace candor::node
