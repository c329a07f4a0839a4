// `candor export`: everything this device holds as JSON, or a readable Markdown document with
// the agreement in force, its history and reviews, and the safety numbers. Never pair keys.
#pragma once

#include <cstdint>
#include <string>

#include "node/json.hpp"
#include "node/node_core.hpp"

namespace candor::node {

inline constexpr std::int64_t kExportFormatVersion = 1;

// {"format":"candor-export","format_version",exported_at,device,settings,peers (no keys),
//  entries (fold order, as the CLI prints them),commitments,agreement:{in_force,versions}}.
[[nodiscard]] json::Value export_json(const NodeCore& core, std::int64_t now_ms);

// A document a person reads: user text stays as written except that line breaks inside an item
// become spaces and '<' is escaped, so a Markdown viewer shows it as text.
[[nodiscard]] std::string export_markdown(const NodeCore& core, std::int64_t now_ms);

}  // namespace candor::node
