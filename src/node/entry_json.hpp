// Entries as the JSON of the CLI contract (../shared/spec/cli.md): id, kind, author,
// author_name, seq, created_at, plus the kind's own fields.
#pragma once

#include <functional>
#include <string>

#include "core/state.hpp"
#include "node/json.hpp"

namespace candor::node {

using NameOf = std::function<std::string(const core::DeviceId&)>;

[[nodiscard]] json::Value entry_to_json(const core::FeedEntry& entry, const NameOf& name_of);
// `state` holds the commitment; its latest late notice (if any) comes out as "late".
[[nodiscard]] json::Value commitment_to_json(const core::Commitment& commitment, const core::State& state,
                                             std::int64_t now_ms, const NameOf& name_of);
// ISO 8601 at the offset this computer has at that instant; null for 0 ("not set").
[[nodiscard]] json::Value time_json(std::int64_t utc_ms);

}  // namespace candor::node
