// X25519 ephemeral key agreement over libsodium's crypto_scalarmult.
#include "crypto/kx.hpp"

#include <sodium.h>

namespace candor::crypto {

static_assert(crypto_scalarmult_BYTES == 32);
static_assert(crypto_scalarmult_SCALARBYTES == 32);

EphemeralKeyPair x25519_generate() {
    EphemeralKeyPair pair;
    random_bytes(pair.secret_key.span());
    crypto_scalarmult_base(pair.public_key.data(), pair.secret_key.data());
    return pair;
}

std::optional<Secret<32>> x25519_shared(const Secret<32>& my_secret, const ByteArray<32>& their_public) {
    Secret<32> shared;
    // libsodium returns -1 when the result is all zeros, i.e. the peer sent a low-order point
    // that would let it force a known shared secret.
    if (crypto_scalarmult(shared.data(), my_secret.data(), their_public.data()) != 0) {
        return std::nullopt;
    }
    return shared;
}

}  // namespace candor::crypto
