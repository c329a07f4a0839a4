// The passphrase lock: DIR/keys.lock holds the identity key and the storage key sealed in a
// passphrase box (passphrase_box.hpp); while it exists identity.key and storage.key are not on
// disk and the pair keys in peers.json are sealed under a subkey of the storage key. Changing the
// lock is in key_rewrap.hpp; wrong guesses are slowed down by DIR/unlock.failures.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>

#include "common/result.hpp"
#include "crypto/pwhash.hpp"
#include "store/keys.hpp"
#include "store/passphrase_box.hpp"

namespace candor::store {

inline constexpr const char* kKeyLockFile = "keys.lock";
inline constexpr const char* kUnlockFailuresFile = "unlock.failures";
inline constexpr std::uint32_t kKeyLockVersion = 1;
inline constexpr BoxKind kKeyLockBox{{'C', 'N', 'D', 'R', 'L', 'O', 'C', 'K'}, kKeyLockVersion, "key file"};
// What every refusal to start without the passphrase says (spec/cli.md).
inline constexpr const char* kLockedMessage = "this data directory is locked";
inline constexpr std::size_t kMinPassphraseBytes = 8;

[[nodiscard]] bool is_locked(const std::filesystem::path& dir);

// A passphrase Candor accepts for a new lock or backup: 8 bytes or more, one line of text.
[[nodiscard]] Status check_new_passphrase(const crypto::Passphrase& passphrase);

// The keys.lock bytes for these keys.
[[nodiscard]] Result<crypto::Bytes> wrap_device_keys(const DeviceKeys& keys, const crypto::Passphrase& passphrase,
                                                     const crypto::PwhashParams& params);
// The keys back from keys.lock bytes (locked = true). The failure says which: wrong passphrase,
// damaged, newer format.
struct UnwrappedKeys {
    BoxFailure failure = BoxFailure::none;
    std::string message;
    DeviceKeys keys;
};
[[nodiscard]] UnwrappedKeys unwrap_device_keys(crypto::ByteView file, const crypto::Passphrase& passphrase);

// Reads DIR/keys.lock (0600, checked) and unwraps it; on success clears the failure count, on a
// wrong passphrase raises it. Does not wait: call unlock_delay() first.
[[nodiscard]] UnwrappedKeys unlock_keys(const std::filesystem::path& dir, const crypto::Passphrase& passphrase);

// How long to wait before the next try: 0 after no failures, then 1, 2, 4 … 30 s after the
// latest wrong one (counted in DIR/unlock.failures, which holds no secret).
[[nodiscard]] std::chrono::milliseconds unlock_delay(const std::filesystem::path& dir, std::int64_t now_ms);
[[nodiscard]] std::uint32_t unlock_failures(const std::filesystem::path& dir);

// The key that seals pair keys in peers.json while locked (a subkey of the storage key).
[[nodiscard]] crypto::AeadKey pair_seal_key(const crypto::AeadKey& storage_key);

}  // namespace candor::store
