// Identifiers of the shared history: device ids (Ed25519 public keys) and entry ids (BLAKE2b-256
// of an entry's complete signed bytes), with hex printing, parsing and a short display form.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "crypto/hash.hpp"
#include "crypto/sign.hpp"

namespace candor::core {

using DeviceId = crypto::PublicKey;  // 32 bytes
using EntryId = crypto::Hash32;      // 32 bytes

// Both ids are std::array<uint8_t, 32>, so one set of helpers serves both.
using Id32 = std::array<std::uint8_t, 32>;
static_assert(std::is_same_v<DeviceId, Id32> && std::is_same_v<EntryId, Id32>);

inline constexpr std::size_t kShortIdChars = 8;
// The CLI accepts any unique prefix of at least this many hex characters (as in git).
inline constexpr std::size_t kMinIdPrefixChars = 6;

[[nodiscard]] std::string to_hex(const Id32& id);        // 64 lowercase hex characters
[[nodiscard]] std::string short_hex(const Id32& id);     // the first kShortIdChars of to_hex
[[nodiscard]] std::optional<Id32> parse_id(std::string_view hex);  // exactly 64 hex chars, any case

// True when `prefix` (hex, any case) is a prefix of the id's hex form. Does not check the minimum.
[[nodiscard]] bool id_has_prefix(const Id32& id, std::string_view prefix);

[[nodiscard]] inline bool is_zero(const Id32& id) {
    for (auto b : id)
        if (b != 0) return false;
    return true;
}

// For unordered containers keyed by ids: the ids are hashes or public keys, so any 8 bytes of
// them are already uniformly distributed.
struct IdHash {
    std::size_t operator()(const Id32& id) const noexcept {
        std::size_t h = 0;
        std::memcpy(&h, id.data(), sizeof h);
        return h;
    }
};

}  // namespace candor::core
