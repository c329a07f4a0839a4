// Argon2id over libsodium and the guarded passphrase buffer.
#include "crypto/pwhash.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <utility>

namespace candor::crypto {

static_assert(crypto_pwhash_ALG_ARGON2ID13 == kPwhashAlgArgon2id13);
static_assert(crypto_pwhash_SALTBYTES == kPwhashSaltSize);
static_assert(crypto_pwhash_OPSLIMIT_MODERATE == kPwhashDefault.opslimit);
static_assert(crypto_pwhash_MEMLIMIT_MODERATE == kPwhashDefault.memlimit);

bool pwhash_params_acceptable(const PwhashParams& p) {
    return p.opslimit >= crypto_pwhash_OPSLIMIT_MIN && p.opslimit <= kPwhashMaxOpslimit &&
           p.memlimit >= crypto_pwhash_MEMLIMIT_MIN && p.memlimit <= kPwhashMaxMemlimit;
}

PwhashSalt random_salt() {
    PwhashSalt salt{};
    random_bytes(salt);
    return salt;
}

Passphrase::Passphrase(std::string_view text) {
    init();
    size_ = std::min(text.size(), kMaxBytes);
    // One byte more so an empty passphrase still owns a buffer.
    data_ = static_cast<char*>(sodium_malloc(size_ + 1));
    if (data_ == nullptr) throw std::bad_alloc();
    std::memcpy(data_, text.data(), size_);
    data_[size_] = '\0';
}

Passphrase::Passphrase(Passphrase&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

Passphrase& Passphrase::operator=(Passphrase&& other) noexcept {
    if (this != &other) {
        if (data_ != nullptr) sodium_free(data_);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

Passphrase::~Passphrase() {
    if (data_ != nullptr) sodium_free(data_);  // sodium_free wipes before it frees
}

std::string_view Passphrase::view() const { return data_ == nullptr ? std::string_view() : std::string_view(data_, size_); }

Result<AeadKey> derive_passphrase_key(const Passphrase& passphrase, const PwhashSalt& salt,
                                      const PwhashParams& params) {
    init();
    if (!pwhash_params_acceptable(params)) {
        return make_error("the Argon2id limits (" + std::to_string(params.opslimit) + " passes, " +
                          std::to_string(params.memlimit) + " bytes) are outside what Candor accepts");
    }
    AeadKey key;
    const std::string_view text = passphrase.view();
    if (crypto_pwhash(key.data(), key.size(), text.data(), text.size(), salt.data(), params.opslimit,
                      static_cast<std::size_t>(params.memlimit), crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return make_error("not enough memory to check the passphrase (Argon2id needs " +
                          std::to_string(params.memlimit >> 20) + " MiB); close other programs and try again");
    }
    return key;
}

}  // namespace candor::crypto
