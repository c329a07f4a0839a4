// Hashing and key derivation: BLAKE2b for ids, SHA-512 and HMAC-SHA-512 for protocols that
// pin them (CPace), crypto_kdf for subkeys.
#pragma once

#include "crypto/bytes.hpp"

namespace candor::crypto {

using Hash32 = ByteArray<32>;
using Hash64 = ByteArray<64>;

[[nodiscard]] Hash32 blake2b_256(ByteView data);
[[nodiscard]] Hash32 blake2b_256_keyed(ByteView key, ByteView data);  // key: 16..64 bytes
[[nodiscard]] Hash64 sha512(ByteView data);
[[nodiscard]] Hash64 hmac_sha512(ByteView key, ByteView data);

// Derives a 32-byte subkey from a 32-byte master key; context is exactly 8 characters.
[[nodiscard]] Secret<32> derive_key(const Secret<32>& master, std::uint64_t id, const char context[8]);

}  // namespace candor::crypto
