// libsodium-backed byte helpers: library start-up, hex, constant-time compare, randomness, wiping.
#include "crypto/bytes.hpp"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace candor::crypto {

void init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) {
            // Nothing in Candor is safe without a working crypto library (e.g. no entropy source).
            std::fputs("candor: fatal: libsodium failed to initialise (no usable random source?)\n",
                       stderr);
            std::abort();
        }
    });
}

std::string to_hex(ByteView bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
    out.resize(bytes.size() * 2);
    return out;
}

std::optional<Bytes> from_hex(std::string_view hex) {
    if (hex.size() % 2 != 0) return std::nullopt;
    Bytes out(hex.size() / 2);
    if (hex.empty()) return out;
    std::size_t bin_len = 0;
    const char* end = nullptr;
    // No ignore set: any non-hex character (space, colon, NUL) makes the whole string invalid.
    if (sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &bin_len, &end) != 0 ||
        bin_len != out.size() || end != hex.data() + hex.size()) {
        return std::nullopt;
    }
    return out;
}

bool equal_ct(ByteView a, ByteView b) {
    if (a.size() != b.size()) return false;
    if (a.empty()) return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void random_bytes(std::span<std::uint8_t> out) {
    init();
    randombytes_buf(out.data(), out.size());
}

std::uint32_t random_uniform(std::uint32_t upper_bound) {
    init();
    return randombytes_uniform(upper_bound);
}

void wipe(std::span<std::uint8_t> bytes) {
    if (!bytes.empty()) sodium_memzero(bytes.data(), bytes.size());
}

}  // namespace candor::crypto
