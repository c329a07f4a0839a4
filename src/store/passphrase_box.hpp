// The one envelope behind DIR/keys.lock and backup files: bytes sealed under a key that Argon2id
// derives from a passphrase, with the Argon2id limits and salt in a clear, authenticated header.
//
//   0   magic (8 bytes, names the kind of file)
//   8   u32 format version        12  u32 algorithm (2 = Argon2id v1.3)
//   16  u64 opslimit              24  u64 memlimit (bytes)
//   32  salt (16)
//   48  check nonce (24)          72  check tag (16): XChaCha20-Poly1305 of nothing, AD = bytes 0..72
//   88  body nonce (24)           112 u64 body length (ciphertext with its 16-byte tag)
//   120 body: XChaCha20-Poly1305 of the payload, AD = bytes 0..120
// Integers are little-endian. The check tag tells a wrong passphrase (it fails) from a damaged or
// tampered body (the check opens, the body does not); a short file is "cut short", not tampered.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "crypto/bytes.hpp"
#include "crypto/pwhash.hpp"

namespace candor::store {

inline constexpr std::size_t kBoxHeaderSize = 120;

// Bytes that wipe themselves (a box's plaintext holds keys).
class SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(crypto::Bytes bytes) : bytes_(std::move(bytes)) {}
    SecretBytes(SecretBytes&& other) noexcept : bytes_(std::move(other.bytes_)) { other.bytes_.clear(); }
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    SecretBytes(const SecretBytes&) = delete;
    SecretBytes& operator=(const SecretBytes&) = delete;
    ~SecretBytes() { crypto::wipe(bytes_); }
    [[nodiscard]] crypto::Bytes& bytes() { return bytes_; }
    [[nodiscard]] const crypto::Bytes& bytes() const { return bytes_; }

private:
    crypto::Bytes bytes_;
};

struct BoxKind {
    std::array<char, 8> magic;
    std::uint32_t version;  // the newest this build writes and reads
    const char* what;       // for messages: "backup", "key file"
};

enum class BoxFailure { none, not_this_kind, newer_format, bad_limits, cut_short, wrong_passphrase, tampered };

struct OpenedBox {
    BoxFailure failure = BoxFailure::none;
    std::string message;  // set when failure != none; says what to do next
    crypto::PwhashParams params;
    std::uint32_t version = 0;
    SecretBytes payload;
    [[nodiscard]] bool ok() const { return failure == BoxFailure::none; }
};

// The header's recorded limits and version, without a passphrase (for tests and `restore`'s
// messages); failure is not_this_kind / newer_format / bad_limits / cut_short or none.
[[nodiscard]] OpenedBox peek_box(const BoxKind& kind, crypto::ByteView file);

[[nodiscard]] Result<crypto::Bytes> seal_box(const BoxKind& kind, const crypto::Passphrase& passphrase,
                                             const crypto::PwhashParams& params, crypto::ByteView payload);
[[nodiscard]] OpenedBox open_box(const BoxKind& kind, crypto::ByteView file, const crypto::Passphrase& passphrase);

}  // namespace candor::store
