// The agreement file of `candor agreement propose --file FILE`: read, parsed and checked here so
// a mistake is reported with its line (and field) before anything reaches the Node.
#pragma once

#include <filesystem>
#include <string_view>

#include "common/result.hpp"
#include "node/json.hpp"

namespace candor::cli {

inline constexpr std::size_t kMaxAgreementFileBytes = 256 * 1024;

// Checks an agreement document (the spec's "Agreement JSON"): title required; commitments
// [{by: "me"|"partner", text}], support, boundaries [{area, text}], breakers [text] and
// review_every_days (1-365) optional; no other fields. Errors read
// "LABEL: line N: commitments[1].by must be \"me\" or \"partner\"".
[[nodiscard]] Status validate_agreement(const json::Value& doc, const json::PositionMap& positions,
                                        std::string_view label);

// Reads FILE (at most kMaxAgreementFileBytes), parses it and validates it. Syntax errors read
// "FILE: line N, column C: what".
[[nodiscard]] Result<json::Value> load_agreement_file(const std::filesystem::path& file);

// Reads and parses a JSON file of at most `max_bytes` (`what`: "an agreement file", for messages);
// `positions` (optional) receives each value's line.
[[nodiscard]] Result<json::Value> read_json_file(const std::filesystem::path& file, std::size_t max_bytes,
                                                 std::string_view what, json::PositionMap* positions = nullptr);

}  // namespace candor::cli
