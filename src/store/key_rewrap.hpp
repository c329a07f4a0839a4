// Setting, changing and removing the passphrase so that a crash at any point leaves the old
// state or the new one, never neither. DIR/keys.lock is the commit point: while it exists the
// directory is locked and its keys are the ones in it; plain key files next to it are leftovers
// of an interrupted change and are removed at the next unlock (finish_interrupted_rewrap).
//
//   set:    write keys.lock -> seal the pair keys in peers.json -> remove identity.key, storage.key
//   change: write keys.lock (one atomic replacement)
//   remove: write identity.key, storage.key -> unseal peers.json -> remove keys.lock
// Every step is an atomic replacement or an unlink followed by a directory fsync.
#pragma once

#include <filesystem>
#include <functional>
#include <string_view>

#include "common/result.hpp"
#include "crypto/pwhash.hpp"
#include "store/keys.hpp"

namespace candor::store {

// Called before each durable step with its name; returning false stops right there, as a crash
// would (tests walk every step with it). Unset in real use.
using RewrapSeam = std::function<bool(std::string_view step)>;

struct RewrapOptions {
    crypto::PwhashParams params = crypto::kPwhashDefault;
    RewrapSeam seam;
};

// `keys` are the open keys of the directory (a running Node holds them); the passphrases were
// checked by the caller (check_new_passphrase, and unlock for the current one).
[[nodiscard]] Status set_passphrase(const std::filesystem::path& dir, const DeviceKeys& keys,
                                    const crypto::Passphrase& passphrase, const RewrapOptions& options = {});
[[nodiscard]] Status change_passphrase(const std::filesystem::path& dir, const DeviceKeys& keys,
                                       const crypto::Passphrase& passphrase, const RewrapOptions& options = {});
[[nodiscard]] Status remove_passphrase(const std::filesystem::path& dir, const DeviceKeys& keys,
                                       const RewrapOptions& options = {});

// After an unlock: removes plain key files left by an interrupted set, and seals pair keys left
// in the clear. Harmless when there is nothing to do.
[[nodiscard]] Status finish_interrupted_rewrap(const std::filesystem::path& dir, const DeviceKeys& keys);

}  // namespace candor::store
