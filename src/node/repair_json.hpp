// The repair kinds as JSON (../shared/spec/cli.md, "Repair in the moment"): the fields each
// repair entry adds to its entry JSON, and the `reassurances` list items.
#pragma once

#include "core/state.hpp"
#include "node/entry_json.hpp"
#include "node/json.hpp"

namespace candor::node {

// The kind's own fields of a repair entry (kinds 30-39); nothing for other kinds.
void add_repair_fields(json::Object& out, const core::Entry& entry);

// {"id","asked_by","asked_by_name","asked_at","note","answered_at","settled_at","settled_note",
//  "recovery_minutes","answers":[{"id","by","by_name","text","at"}],"facts":[...]}
[[nodiscard]] json::Value reassurance_to_json(const core::Reassurance& r, const NameOf& name_of);

// The apology with its answer and the commitments of its plan and how they went.
[[nodiscard]] json::Value apology_to_json(const core::Apology& a, const core::State& state, std::int64_t now_ms,
                                          const NameOf& name_of);

}  // namespace candor::node
