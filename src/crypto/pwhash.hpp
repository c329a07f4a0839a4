// Keys from passphrases: Argon2id (libsodium crypto_pwhash, ALG_ARGON2ID13) and a passphrase
// buffer that lives in libsodium's guarded memory (sodium_malloc: guard pages, mlock, wiped on
// free). The limits a file was wrapped with are recorded in that file, so raising the defaults
// later never locks anyone out.
#pragma once

#include <cstdint>
#include <string_view>

#include "common/result.hpp"
#include "crypto/aead.hpp"
#include "crypto/bytes.hpp"

namespace candor::crypto {

struct PwhashParams {
    std::uint64_t opslimit = 0;
    std::uint64_t memlimit = 0;  // bytes
    bool operator==(const PwhashParams&) const = default;
};

// What Candor wraps with: libsodium's "moderate" limits, 3 passes over 256 MiB
// (crypto_pwhash_OPSLIMIT_MODERATE / MEMLIMIT_MODERATE; measured in docs/security.md: 0.7-1.4 s
// on the 2-core development machine under load). Tests use kPwhashFastest.
inline constexpr PwhashParams kPwhashDefault{3, 256ull << 20};
// libsodium's minimum (1 pass, 8 KiB): for tests only.
inline constexpr PwhashParams kPwhashFastest{1, 8192};
// A file asking for more than this is refused before any memory is spent on it.
inline constexpr std::uint64_t kPwhashMaxMemlimit = 1ull << 30;
inline constexpr std::uint64_t kPwhashMaxOpslimit = 16;
inline constexpr std::uint32_t kPwhashAlgArgon2id13 = 2;  // crypto_pwhash_ALG_ARGON2ID13
inline constexpr std::size_t kPwhashSaltSize = 16;
using PwhashSalt = ByteArray<kPwhashSaltSize>;

// Within libsodium's bounds and our caps.
[[nodiscard]] bool pwhash_params_acceptable(const PwhashParams& params);
[[nodiscard]] PwhashSalt random_salt();

// A passphrase held in guarded memory; move-only, wiped and freed on destruction.
class Passphrase {
public:
    static constexpr std::size_t kMaxBytes = 1024;
    Passphrase() = default;
    explicit Passphrase(std::string_view text);  // truncated at kMaxBytes
    Passphrase(Passphrase&& other) noexcept;
    Passphrase& operator=(Passphrase&& other) noexcept;
    Passphrase(const Passphrase&) = delete;
    Passphrase& operator=(const Passphrase&) = delete;
    ~Passphrase();
    [[nodiscard]] std::string_view view() const;
    [[nodiscard]] bool empty() const { return size_ == 0; }
    [[nodiscard]] std::size_t size() const { return size_; }

private:
    char* data_ = nullptr;  // sodium_malloc'd
    std::size_t size_ = 0;
};

// Argon2id key for `passphrase`. Fails (never with a weak key) when the parameters are out of
// bounds or the memory cannot be had.
[[nodiscard]] Result<AeadKey> derive_passphrase_key(const Passphrase& passphrase, const PwhashSalt& salt,
                                                    const PwhashParams& params);

}  // namespace candor::crypto
