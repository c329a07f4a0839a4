// What an entry is about, in words, for lines that would otherwise say only "Missed" or
// "Accepted the agreement" (issue 17 item 9): the app's History and toasts and the Node's
// notifications name the commitment, the request or the agreement version they refer to.
#pragma once

#include <string>

#include "core/state.hpp"

namespace candor::core {

// The commitment's text for a resolution or the end of a late notice tied to one; the request's
// text for an answer to it; "version 3" for an agreement proposal or answer. Empty when the entry
// refers to nothing this state knows.
[[nodiscard]] std::string subject_of(const State& state, const Entry& entry);

}  // namespace candor::core
