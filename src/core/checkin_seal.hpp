// The sealed answer of a check-in: what is inside (ratings, words), how it is sealed under a
// fresh random key with a commitment to that key, and how it is opened. Construction and why it
// is sound: docs/protocol.md, "Check-ins, sealed until both have answered".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/ids.hpp"
#include "core/kinds.hpp"
#include "crypto/aead.hpp"

namespace candor::core {

inline constexpr std::uint8_t kMinRating = 1;
inline constexpr std::uint8_t kMaxRating = 5;
inline constexpr std::size_t kMaxAppreciations = 5;
// Sealed contents are padded to a multiple of this, so the ciphertext's size does not tell the
// partner how long the note is.
inline constexpr std::size_t kSealPadding = 256;

struct DailyAnswer {
    std::uint8_t safe = 0;       // "How safe did you feel with me today?"
    std::uint8_t connected = 0;  // "How connected?"
    std::uint8_t trust = 0;      // "How much did you trust what I told you?"
    std::string note;
    bool operator==(const DailyAnswer&) const = default;
};

struct WeeklyAnswer {
    std::vector<std::string> appreciations;  // 1..5
    std::string went_right;
    std::string issue;    // "I feel … about … and I need …"
    std::string request;  // one request for the coming week
    bool operator==(const WeeklyAnswer&) const = default;
};

using CheckinAnswer = std::variant<DailyAnswer, WeeklyAnswer>;

[[nodiscard]] CheckinType type_of(const CheckinAnswer& answer);
// Ratings 1..5, 1..5 appreciations that are not empty; texts by common/text.hpp.
[[nodiscard]] Status check_answer(const CheckinAnswer& answer);

// The key that seals one answer: fresh and random for every answer.
using CheckinKey = crypto::AeadKey;

// BLAKE2b-256 over a domain string and the key.
[[nodiscard]] crypto::Hash32 key_commitment(const CheckinKey& key);

// Seals `answer` by `author` under a fresh key; the key goes into the body sealed under
// `own_key` (derived on the author's device only). Returns the body and the key.
struct Sealed {
    CheckinBody body;
    CheckinKey key;
};
[[nodiscard]] Sealed seal_answer(const CheckinAnswer& answer, const DeviceId& author, const crypto::AeadKey& own_key,
                                 std::optional<EntryId> replaces);

// The author's device gets its key back from its own body (nullopt: not this device's answer,
// or a body made under another own key).
[[nodiscard]] std::optional<CheckinKey> own_key_of(const CheckinBody& body, const DeviceId& author,
                                                   const crypto::AeadKey& own_key);

enum class OpenProblem { key_mismatch, does_not_open, malformed };
// Opens a sealed body with a released key: the key must match the commitment (checked first, in
// constant time), open the ciphertext bound to author and type, and hold a well-formed answer.
[[nodiscard]] std::variant<CheckinAnswer, OpenProblem> open_answer(const CheckinBody& body, const DeviceId& author,
                                                                   const CheckinKey& key);
[[nodiscard]] std::string_view open_problem_words(OpenProblem problem);

[[nodiscard]] CheckinKey key_from_bytes(const CheckinKeyBytes& bytes);
[[nodiscard]] CheckinKeyBytes key_bytes(const CheckinKey& key);

}  // namespace candor::core
