// X25519 ephemeral keys for session handshakes (forward secrecy).
#pragma once

#include <optional>

#include "crypto/bytes.hpp"

namespace candor::crypto {

struct EphemeralKeyPair {
    ByteArray<32> public_key{};
    Secret<32> secret_key;
};

[[nodiscard]] EphemeralKeyPair x25519_generate();
// nullopt for a low-order peer key (all-zero shared secret).
[[nodiscard]] std::optional<Secret<32>> x25519_shared(const Secret<32>& my_secret,
                                                      const ByteArray<32>& their_public);

}  // namespace candor::crypto
