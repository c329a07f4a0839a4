// XChaCha20-Poly1305-IETF over libsodium; the 24-byte nonce makes random nonces safe.
#include "crypto/aead.hpp"

#include <sodium.h>

namespace candor::crypto {

static_assert(crypto_aead_xchacha20poly1305_ietf_KEYBYTES == 32);
static_assert(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES == 24);
static_assert(crypto_aead_xchacha20poly1305_ietf_ABYTES == kAeadTagSize);

AeadKey aead_keygen() {
    init();
    AeadKey key;
    crypto_aead_xchacha20poly1305_ietf_keygen(key.data());
    return key;
}

AeadNonce random_nonce() {
    AeadNonce nonce{};
    random_bytes(nonce);
    return nonce;
}

AeadNonce counter_nonce(std::uint64_t counter, std::uint8_t direction) {
    // Layout: bytes 0..7 counter (little-endian), byte 8 direction, bytes 9..23 zero. The
    // direction byte keeps the two directions of a session from ever sharing a nonce.
    AeadNonce nonce{};
    for (std::size_t i = 0; i < 8; ++i) nonce[i] = static_cast<std::uint8_t>(counter >> (8 * i));
    nonce[8] = direction;
    return nonce;
}

Bytes aead_seal(const AeadKey& key, const AeadNonce& nonce, ByteView plaintext,
                ByteView associated_data) {
    Bytes out(plaintext.size() + kAeadTagSize);
    unsigned long long out_len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data(), &out_len, plaintext.data(), plaintext.size(),
                                               associated_data.data(), associated_data.size(), nullptr,
                                               nonce.data(), key.data());
    out.resize(static_cast<std::size_t>(out_len));
    return out;
}

std::optional<Bytes> aead_open(const AeadKey& key, const AeadNonce& nonce, ByteView ciphertext,
                               ByteView associated_data) {
    if (ciphertext.size() < kAeadTagSize) return std::nullopt;
    Bytes out(ciphertext.size() - kAeadTagSize);
    unsigned long long out_len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(out.data(), &out_len, nullptr, ciphertext.data(),
                                                   ciphertext.size(), associated_data.data(),
                                                   associated_data.size(), nonce.data(),
                                                   key.data()) != 0) {
        return std::nullopt;
    }
    out.resize(static_cast<std::size_t>(out_len));
    return out;
}

}  // namespace candor::crypto
