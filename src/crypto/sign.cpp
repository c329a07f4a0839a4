// Ed25519 identities over libsodium's crypto_sign (detached signatures).
#include "crypto/sign.hpp"

#include <sodium.h>

#include <string>

namespace candor::crypto {

static_assert(crypto_sign_PUBLICKEYBYTES == 32);
static_assert(crypto_sign_SECRETKEYBYTES == 64);
static_assert(crypto_sign_BYTES == 64);

Identity Identity::generate() {
    init();
    Identity id;
    crypto_sign_keypair(id.public_key_.data(), id.secret_key_.data());
    return id;
}

Result<Identity> Identity::from_secret(ByteView secret_key) {
    init();
    if (secret_key.size() != crypto_sign_SECRETKEYBYTES) {
        return make_error("the identity key has the wrong size (" + std::to_string(secret_key.size()) +
                          " bytes, expected 64): the key file is damaged");
    }
    // The stored key is seed || public key. Re-derive from the seed so a damaged second half
    // cannot give us an identity whose signatures verify under nobody's key.
    Identity id;
    crypto_sign_seed_keypair(id.public_key_.data(), id.secret_key_.data(), secret_key.data());
    if (!equal_ct(id.secret_key_.view(), secret_key)) {
        return make_error("the identity key is inconsistent (public half does not match the seed): "
                          "the key file is damaged");
    }
    return id;
}

Signature Identity::sign(ByteView message) const {
    Signature sig{};
    crypto_sign_detached(sig.data(), nullptr, message.data(), message.size(), secret_key_.data());
    return sig;
}

bool verify(const PublicKey& key, ByteView message, const Signature& signature) {
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(), key.data()) == 0;
}

}  // namespace candor::crypto
