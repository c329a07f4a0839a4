// BLAKE2b, SHA-512, HMAC-SHA-512 and crypto_kdf subkeys over libsodium.
#include "crypto/hash.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace candor::crypto {

namespace {
// Wrong key sizes here are programming errors, not data errors: stop loudly.
[[noreturn]] void misuse(const char* what) {
    std::fprintf(stderr, "candor: fatal: %s\n", what);
    std::abort();
}
}  // namespace

Hash32 blake2b_256(ByteView data) {
    Hash32 out{};
    crypto_generichash(out.data(), out.size(), data.data(), data.size(), nullptr, 0);
    return out;
}

Hash32 blake2b_256_keyed(ByteView key, ByteView data) {
    if (key.size() < crypto_generichash_KEYBYTES_MIN || key.size() > crypto_generichash_KEYBYTES_MAX) {
        misuse("blake2b_256_keyed: key must be 16..64 bytes");
    }
    Hash32 out{};
    crypto_generichash(out.data(), out.size(), data.data(), data.size(), key.data(), key.size());
    return out;
}

Hash64 sha512(ByteView data) {
    Hash64 out{};
    crypto_hash_sha512(out.data(), data.data(), data.size());
    return out;
}

Hash64 hmac_sha512(ByteView key, ByteView data) {
    // The _init API accepts a key of any length (hashed first when longer than a block, as RFC
    // 2104 says); the one-shot crypto_auth_hmacsha512 would demand exactly 32 bytes.
    crypto_auth_hmacsha512_state state;
    crypto_auth_hmacsha512_init(&state, key.data(), key.size());
    crypto_auth_hmacsha512_update(&state, data.data(), data.size());
    Hash64 out{};
    crypto_auth_hmacsha512_final(&state, out.data());
    sodium_memzero(&state, sizeof state);
    return out;
}

Secret<32> derive_key(const Secret<32>& master, std::uint64_t id, const char context[8]) {
    static_assert(crypto_kdf_CONTEXTBYTES == 8);
    static_assert(crypto_kdf_KEYBYTES == 32);
    Secret<32> out;
    if (crypto_kdf_derive_from_key(out.data(), out.size(), id, context, master.data()) != 0) {
        misuse("derive_key: crypto_kdf_derive_from_key failed");
    }
    return out;
}

}  // namespace candor::crypto
