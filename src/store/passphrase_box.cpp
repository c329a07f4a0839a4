// Sealing and opening the passphrase envelope (passphrase_box.hpp has the layout).
#include "store/passphrase_box.hpp"

#include <cstring>

namespace candor::store {

namespace {

constexpr std::size_t kCheckAdSize = 72;
constexpr std::size_t kBodyNonceAt = 88;
constexpr std::size_t kBodyLengthAt = 112;

void put_u32(crypto::Bytes& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void put_u64(crypto::Bytes& out, std::uint64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
std::uint64_t get_le(const std::uint8_t* p, int bytes) {
    std::uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i) v = v << 8 | p[i];
    return v;
}

OpenedBox failed(BoxFailure failure, std::string message) {
    OpenedBox box;
    box.failure = failure;
    box.message = std::move(message);
    return box;
}

template <std::size_t N>
std::array<std::uint8_t, N> array_at(crypto::ByteView file, std::size_t at) {
    std::array<std::uint8_t, N> out{};
    std::memcpy(out.data(), file.data() + at, N);
    return out;
}

}  // namespace

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
    if (this != &other) {
        crypto::wipe(bytes_);
        bytes_ = std::move(other.bytes_);
        other.bytes_.clear();
    }
    return *this;
}

OpenedBox peek_box(const BoxKind& kind, crypto::ByteView file) {
    const std::string what = kind.what;
    if (file.size() < 16 || std::memcmp(file.data(), kind.magic.data(), kind.magic.size()) != 0) {
        return failed(BoxFailure::not_this_kind, "this is not a Candor " + what);
    }
    OpenedBox box;
    box.version = static_cast<std::uint32_t>(get_le(file.data() + 8, 4));
    if (box.version > kind.version || box.version == 0) {
        return failed(BoxFailure::newer_format, "this " + what + " was made by a newer Candor (format " +
                                                    std::to_string(box.version) + "; this Candor reads up to " +
                                                    std::to_string(kind.version) + "): install a newer Candor");
    }
    if (file.size() < kBoxHeaderSize) return failed(BoxFailure::cut_short, "this " + what + " is cut short (its header is incomplete)");
    const auto algorithm = static_cast<std::uint32_t>(get_le(file.data() + 12, 4));
    box.params = {get_le(file.data() + 16, 8), get_le(file.data() + 24, 8)};
    if (algorithm != crypto::kPwhashAlgArgon2id13 || !crypto::pwhash_params_acceptable(box.params)) {
        return failed(BoxFailure::bad_limits, "this " + what + " asks for a key derivation Candor does not accept "
                                              "(damaged, or not made by Candor)");
    }
    const std::uint64_t body = get_le(file.data() + kBodyLengthAt, 8);
    if (body < crypto::kAeadTagSize || body > file.size() - kBoxHeaderSize) {
        return failed(BoxFailure::cut_short, "this " + what + " is cut short (" + std::to_string(file.size()) +
                                                 " bytes; it was not copied completely)");
    }
    if (body != file.size() - kBoxHeaderSize) {
        return failed(BoxFailure::tampered, "this " + what + " has bytes after its end (damaged or changed)");
    }
    return box;
}

Result<crypto::Bytes> seal_box(const BoxKind& kind, const crypto::Passphrase& passphrase,
                               const crypto::PwhashParams& params, crypto::ByteView payload) {
    const crypto::PwhashSalt salt = crypto::random_salt();
    auto key = crypto::derive_passphrase_key(passphrase, salt, params);
    if (!key) return key.error();
    crypto::Bytes out(kind.magic.begin(), kind.magic.end());
    put_u32(out, kind.version);
    put_u32(out, crypto::kPwhashAlgArgon2id13);
    put_u64(out, params.opslimit);
    put_u64(out, params.memlimit);
    out.insert(out.end(), salt.begin(), salt.end());
    const crypto::AeadNonce check_nonce = crypto::random_nonce();
    out.insert(out.end(), check_nonce.begin(), check_nonce.end());
    const crypto::Bytes check = crypto::aead_seal(*key, check_nonce, {}, crypto::ByteView(out.data(), kCheckAdSize));
    out.insert(out.end(), check.begin(), check.end());
    const crypto::AeadNonce body_nonce = crypto::random_nonce();
    out.insert(out.end(), body_nonce.begin(), body_nonce.end());
    put_u64(out, payload.size() + crypto::kAeadTagSize);
    const crypto::Bytes body = crypto::aead_seal(*key, body_nonce, payload, crypto::ByteView(out.data(), kBoxHeaderSize));
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

OpenedBox open_box(const BoxKind& kind, crypto::ByteView file, const crypto::Passphrase& passphrase) {
    OpenedBox box = peek_box(kind, file);
    if (!box.ok()) return box;
    const auto salt = array_at<crypto::kPwhashSaltSize>(file, 32);
    auto key = crypto::derive_passphrase_key(passphrase, salt, box.params);
    if (!key) return failed(BoxFailure::bad_limits, key.message());
    const auto check_nonce = array_at<24>(file, 48);
    if (!crypto::aead_open(*key, check_nonce, file.subspan(kCheckAdSize, crypto::kAeadTagSize),
                           file.first(kCheckAdSize))) {
        return failed(BoxFailure::wrong_passphrase, "wrong passphrase");
    }
    const auto body_nonce = array_at<24>(file, kBodyNonceAt);
    auto payload = crypto::aead_open(*key, body_nonce, file.subspan(kBoxHeaderSize), file.first(kBoxHeaderSize));
    if (!payload) {
        return failed(BoxFailure::tampered, std::string("this ") + kind.what +
                                                " is damaged or was changed after it was made (the passphrase is right)");
    }
    box.payload = SecretBytes(std::move(*payload));
    return box;
}

}  // namespace candor::store
