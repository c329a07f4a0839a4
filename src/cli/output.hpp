// Human-readable output of the CLI: short, friendly lines for entries, the feed, commitments,
// devices and the agreement, read from the Node's JSON results (tolerant of missing fields).
#pragma once

#include <optional>
#include <ostream>
#include <string>

#include "cli/time_parse.hpp"
#include "node/json.hpp"

namespace candor::cli {

// A time field as the Node sends it: an ISO 8601 string or ms since the epoch.
[[nodiscard]] std::optional<std::int64_t> time_of(const json::Value& field, const TimeContext& ctx);
// "19:00 (in 2 h)"; empty when the field is missing or unreadable.
[[nodiscard]] std::string when(const json::Value& field, const TimeContext& ctx);
// The first 8 characters of an id, enough to type it back.
[[nodiscard]] std::string short_id(const json::Value& id);

// An agreement version: "3", or the first 8 characters when it is a proposal's entry id.
[[nodiscard]] std::string version_text(const json::Value& version);

// "update: at the gym · at home · until 19:00 (in 2 h)"
[[nodiscard]] std::string describe_entry(const json::Value& entry, const TimeContext& ctx);

void print_saved_entry(std::ostream& out, const json::Value& entry, const TimeContext& ctx);
void print_feed(std::ostream& out, const json::Value& entries, const TimeContext& ctx);
void print_commitments(std::ostream& out, const json::Value& list, const TimeContext& ctx);
void print_device(std::ostream& out, const json::Value& device, const TimeContext& ctx);
void print_status(std::ostream& out, const json::Value& status, const TimeContext& ctx);
void print_agreement(std::ostream& out, const json::Value& agreement);
void print_agreement_history(std::ostream& out, const json::Value& versions);
// Check-ins per period (output_checkins.cpp): both answers once revealed, else who has answered.
void print_checkins(std::ostream& out, const json::Value& list);
// Progress week by week and the milestones (output_progress.cpp).
void print_progress(std::ostream& out, const json::Value& progress);

// output_repair.cpp: the repair kinds in one line, nullopt for other kinds.
[[nodiscard]] std::optional<std::string> describe_repair_entry(const json::Value& entry, const TimeContext& ctx);
void print_reassurances(std::ostream& out, const json::Value& list, const TimeContext& ctx);
// The saved apology, its commitments, and any gentle hints about the wording.
void print_apology_saved(std::ostream& out, const json::Value& apology, const TimeContext& ctx);

}  // namespace candor::cli
