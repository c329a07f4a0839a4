// Paired devices in DIR/peers.json: who we trust, the key we share with each, where we last
// found them. Holds secrets (the pair keys), so the file is mode 0600 and checked on load.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "crypto/bytes.hpp"
#include "crypto/sign.hpp"

namespace candor::store {

inline constexpr std::uint32_t kPeersFormat = 1;
inline constexpr std::size_t kMaxPairedDevices = 16;
inline constexpr std::size_t kMaxPeerAddresses = 16;
inline constexpr std::size_t kMaxAddressText = 100;
inline constexpr std::size_t kMaxSafetyNumberText = 128;

struct PairedDevice {
    crypto::PublicKey device_id{};  // the partner device's Ed25519 public key (stored as hex)
    std::string name;
    crypto::Secret<32> pair_key;    // shared key from pairing (beacon MACs, etc.)
    std::string safety_number;
    std::vector<std::string> addresses;  // "host:port" where it was reached
    std::int64_t last_seen_ms = 0;
    std::int64_t paired_at_ms = 0;
    std::uint64_t delivered_seq = 0;     // my entries up to this seq are durable on that device

    [[nodiscard]] std::string device_id_hex() const { return crypto::to_hex(device_id); }
};

// DIR/peers.json; a missing file means no paired device. A file that is unreadable, invalid or
// accessible by other users is an error naming it and is left untouched.
// `storage_key`: while a passphrase is set, each "pair_key" is "sealed:" + hex(nonce | XChaCha20-
// Poly1305 of the key under pair_seal_key(storage key), AD "candor pair key " + device id hex).
// Loading reads both forms (a sealed one needs the storage key); saving seals when it is given.
[[nodiscard]] Result<std::vector<PairedDevice>> load_peers(const std::filesystem::path& dir,
                                                           const crypto::Secret<32>* storage_key = nullptr);
[[nodiscard]] Status save_peers(const std::filesystem::path& dir, const std::vector<PairedDevice>& devices,
                                const crypto::Secret<32>* seal_with = nullptr);

[[nodiscard]] Status validate_peers(const std::vector<PairedDevice>& devices);
[[nodiscard]] Result<std::vector<PairedDevice>> parse_peers(crypto::ByteView bytes, const std::string& file,
                                                            const crypto::Secret<32>* storage_key = nullptr);
// The JSON text; the caller wipes it (crypto::wipe) once written, as it holds the pair keys.
[[nodiscard]] crypto::Bytes serialize_peers(const std::vector<PairedDevice>& devices,
                                            const crypto::Secret<32>* seal_with = nullptr);

}  // namespace candor::store
