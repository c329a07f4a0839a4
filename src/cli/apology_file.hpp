// The apology file of `candor apology --file FILE` (../shared/spec/cli.md, "Repair in the
// moment"): {"did", "impact", "responsibility", "plan": [{"text", "due": "TIME or null"}], "ask"}.
// Read and checked here, so a missing part is reported with its line before anything is sent.
#pragma once

#include <filesystem>

#include "cli/time_parse.hpp"
#include "common/result.hpp"
#include "node/json.hpp"

namespace candor::cli {

inline constexpr std::size_t kMaxApologyFileBytes = 64 * 1024;

// did, impact, responsibility and at least one plan step with text are required; ask may be
// empty or absent; no other fields. Each step's due TIME (19:00, +2h, ISO 8601) must lie ahead.
// Returns the Node's "apology" argument, with each due as ms since the epoch (or null).
[[nodiscard]] Result<json::Value> load_apology_file(const std::filesystem::path& file, const TimeContext& ctx);

}  // namespace candor::cli
