// The agreement as JSON (../shared/spec/cli.md, "Agreement JSON"): checking a proposed document
// and resolving "me"/"partner", the canonical text a proposal entry signs, reading it back, and
// the JSON that `agreement show|history` and the export print for a version.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "core/agreement.hpp"
#include "core/state.hpp"
#include "node/entry_json.hpp"
#include "node/json.hpp"

namespace candor::node {

inline constexpr std::size_t kMaxAgreementTitle = 200;     // bytes of UTF-8
inline constexpr std::size_t kMaxAgreementText = 2000;     // one commitment, boundary, breaker, support
inline constexpr std::size_t kMaxAgreementArea = 100;
inline constexpr std::size_t kMaxAgreementItems = 50;      // per list
inline constexpr std::size_t kMaxAgreementJson = 60'000;   // the canonical text, inside one entry body
inline constexpr std::uint32_t kDefaultReviewEveryDays = 30;  // "monthly at first"

// Who "me" and "partner" are when proposing. Without a partner (not paired yet) a commitment
// by "partner" is refused.
struct AgreementPeople {
    core::DeviceId me{};
    std::optional<core::DeviceId> partner;
};

// Checks a proposed document: an object with a non-empty "title"; optional "commitments"
// [{by, text}] with by "me", "partner" or one of the two device ids; "support"; "boundaries"
// [{area, text}]; "breakers" [text]; "review_every_days" 1-365 (absent: 30); no other fields.
// Texts are trimmed; empty list items are refused. Errors name the field, e.g.
// "commitments[1].by must be \"me\" or \"partner\"".
[[nodiscard]] Result<core::AgreementDoc> agreement_from_proposal(const json::Value& doc,
                                                                 const AgreementPeople& people);

// Fixed member order, every member present, device ids in hex, no whitespace: equal documents
// give equal text, so both devices sign and compare the same bytes.
[[nodiscard]] std::string canonical_agreement_json(const core::AgreementDoc& doc);

// Reads a proposal entry's text back ("by" must be a device id there). Lenient about a missing
// review_every_days (0), strict about everything else.
[[nodiscard]] Result<core::AgreementDoc> agreement_from_canonical(std::string_view text);

// The document for `show`: commitments carry "by" (device id) and "by_name".
[[nodiscard]] json::Value agreement_to_json(const core::AgreementDoc& doc, const NameOf& name_of);
[[nodiscard]] json::Value changes_to_json(const std::vector<core::AgreementChange>& changes, const NameOf& name_of);

// One version. The summary (history) has version, number, parent, status, open, title,
// proposed_by, proposed_at, accepted_by [{device_id,name,at}], declined_by, active_since,
// closed_by, reviews [{id,by,at,note,next_review}] held while it was in force. `full` (show)
// adds the agreement, its answers, what it changes against
// the version in force, and for the version in force the next review date.
[[nodiscard]] json::Value version_to_json(const core::AgreementVersion& version, const core::State& state,
                                          const NameOf& name_of, bool full);

}  // namespace candor::node
