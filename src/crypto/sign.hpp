// Ed25519 device identities: the public key is the device id, the secret key never leaves
// this layer except sealed into the data directory.
#pragma once

#include "common/result.hpp"
#include "crypto/bytes.hpp"

namespace candor::crypto {

using PublicKey = ByteArray<32>;   // Ed25519 public key
using Signature = ByteArray<64>;

class Identity {
public:
    [[nodiscard]] static Identity generate();
    // From the 64-byte libsodium secret key (seed || public key), as stored on disk.
    [[nodiscard]] static Result<Identity> from_secret(ByteView secret_key);

    [[nodiscard]] const PublicKey& public_key() const { return public_key_; }
    [[nodiscard]] Signature sign(ByteView message) const;
    [[nodiscard]] const Secret<64>& secret_key() const { return secret_key_; }

private:
    PublicKey public_key_{};
    Secret<64> secret_key_;
};

[[nodiscard]] bool verify(const PublicKey& key, ByteView message, const Signature& signature);

}  // namespace candor::crypto
