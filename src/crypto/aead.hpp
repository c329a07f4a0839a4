// Authenticated encryption: XChaCha20-Poly1305-IETF. Output of seal = ciphertext || 16-byte tag.
#pragma once

#include <optional>

#include "crypto/bytes.hpp"

namespace candor::crypto {

using AeadKey = Secret<32>;
using AeadNonce = ByteArray<24>;
inline constexpr std::size_t kAeadTagSize = 16;

[[nodiscard]] AeadKey aead_keygen();
[[nodiscard]] AeadNonce random_nonce();
// A nonce from a 64-bit counter (little-endian, zero padded) for per-session counters.
[[nodiscard]] AeadNonce counter_nonce(std::uint64_t counter, std::uint8_t direction);

[[nodiscard]] Bytes aead_seal(const AeadKey& key, const AeadNonce& nonce, ByteView plaintext,
                              ByteView associated_data = {});
// nullopt when the tag does not verify (forged, truncated, wrong key, wrong associated data).
[[nodiscard]] std::optional<Bytes> aead_open(const AeadKey& key, const AeadNonce& nonce,
                                             ByteView ciphertext, ByteView associated_data = {});

}  // namespace candor::crypto
