// The device's secrets on disk: its Ed25519 identity (DIR/identity.key) and the local storage key
// that seals the journal (DIR/storage.key). Both are created on first start, mode 0600.
#pragma once

#include <cstdint>
#include <filesystem>

#include "common/result.hpp"
#include "crypto/aead.hpp"
#include "crypto/sign.hpp"

namespace candor::store {

// identity.key: "CNDRIDK\0" | u32 format version | u32 protection | 64-byte secret key.
// storage.key:  the 32 raw key bytes (a wrapped form will carry the same header as identity.key,
//               told apart by its magic and size).
// `protection` is the seam for the passphrase: KeyProtection::none today; an Argon2id-wrapped
// key gets its own value, and a file with a value this build does not know is refused, never
// misread as a plain key.
enum class KeyProtection : std::uint32_t {
    none = 0,
    // passphrase_argon2id = 1: reserved for wrapping with a key derived from the passphrase.
};

inline constexpr std::uint32_t kKeyFileVersion = 1;
inline constexpr std::size_t kIdentityKeyFileSize = 8 + 4 + 4 + 64;
inline constexpr std::size_t kStorageKeyFileSize = 32;

struct DeviceKeys {
    crypto::Identity identity;
    crypto::AeadKey storage_key;
    bool created = false;  // true when this call generated them (first start)
    bool locked = false;   // they came from DIR/keys.lock (a passphrase is set)
};

// Loads both keys from DIR, or creates them when this is a fresh directory. Refuses (clear error,
// nothing written) when:
//  - a key file has the wrong size, magic, version or an unknown protection;
//  - a key file is not a regular file, belongs to another user, or is readable or writable by
//    group/others: we do not silently chmod it, since the secret may already have leaked and the
//    user should know; the message gives the exact `chmod 600` command to run;
//  - the directory is locked (DIR/keys.lock exists): the message is exactly "this data directory
//    is locked"; unlock_keys() (key_lock.hpp) opens it with the passphrase;
//  - one key is missing while a journal already exists: a new key would orphan the history
//    (restore it from a backup instead).
[[nodiscard]] Result<DeviceKeys> load_or_create_keys(const std::filesystem::path& dir);

// Single-file building blocks (used by load_or_create_keys, exposed for tests and tools).
[[nodiscard]] Result<crypto::Identity> load_identity_key(const std::filesystem::path& file);
[[nodiscard]] Status save_identity_key(const std::filesystem::path& file, const crypto::Identity& identity);
[[nodiscard]] Result<crypto::AeadKey> load_storage_key(const std::filesystem::path& file);
[[nodiscard]] Status save_storage_key(const std::filesystem::path& file, const crypto::AeadKey& key);

// Refuses a secret file that others could read or replace (shared with peers.json).
[[nodiscard]] Status check_private_file(const std::filesystem::path& file);

}  // namespace candor::store
