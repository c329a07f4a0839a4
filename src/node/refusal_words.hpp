// What the user reads when this device refuses a partner's entries, or cannot sync with it at
// all: the reason in plain words and the next step, never the rule's internal name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/history.hpp"
#include "crypto/bytes.hpp"

namespace candor::node {

// "Sam's computer sent a different version of an entry this computer already has …"
[[nodiscard]] std::string refusal_words(core::RejectReason reason, const std::string& partner);

// For a sync message that ended the session: when it is a Hello in another protocol version,
// which side to update ("update Candor on Sam's computer"); nullopt for anything else.
[[nodiscard]] std::optional<std::string> version_mismatch_words(crypto::ByteView sync_message,
                                                                const std::string& partner);

}  // namespace candor::node
