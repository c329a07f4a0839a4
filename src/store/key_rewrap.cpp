// The passphrase transitions (key_rewrap.hpp has their order and why it is safe).
#include "store/key_rewrap.hpp"

#include <cerrno>
#include <unistd.h>

#include "store/data_dir.hpp"
#include "store/key_lock.hpp"
#include "store/peers.hpp"

namespace candor::store {

namespace {

Status stopped(std::string_view step) { return make_error("stopped before '" + std::string(step) + "'"); }

bool go(const RewrapOptions& options, std::string_view step) { return !options.seam || options.seam(step); }

Status remove_file(const std::filesystem::path& file) {
    if (::unlink(file.c_str()) != 0 && errno != ENOENT) {
        return make_error("cannot remove " + file.string() + ": " + errno_text(errno));
    }
    return fsync_directory(file.parent_path());
}

// True when peers.json holds a pair key in the clear (an interrupted set, or a remove undone).
bool has_clear_pair_key(const std::filesystem::path& dir) {
    auto bytes = read_file_if_exists(dir / kPeersFile, 64 * 1024);
    if (!bytes || !*bytes) return false;
    const std::string_view text(reinterpret_cast<const char*>((*bytes)->data()), (*bytes)->size());
    constexpr std::string_view kField = "\"pair_key\": \"";
    bool clear = false;
    for (auto at = text.find(kField); at != std::string_view::npos; at = text.find(kField, at + 1)) {
        clear = clear || !text.substr(at + kField.size()).starts_with("sealed:");
    }
    crypto::wipe(**bytes);
    return clear;
}

// Rewrites peers.json with the pair keys sealed (seal) or in the clear; no file: nothing to do.
Status rewrite_peers(const std::filesystem::path& dir, const DeviceKeys& keys, bool seal) {
    std::error_code ec;
    if (!std::filesystem::exists(dir / kPeersFile, ec)) return {};
    auto peers = load_peers(dir, &keys.storage_key);
    if (!peers) return peers.error();
    return save_peers(dir, *peers, seal ? &keys.storage_key : nullptr);
}

Status write_lock(const std::filesystem::path& dir, const DeviceKeys& keys, const crypto::Passphrase& passphrase,
                  const RewrapOptions& options) {
    auto wrapped = wrap_device_keys(keys, passphrase, options.params);
    if (!wrapped) return wrapped.error();
    if (!go(options, "write keys.lock")) return stopped("write keys.lock");
    return atomic_write_file(dir / kKeyLockFile, *wrapped, 0600);
}

}  // namespace

Status set_passphrase(const std::filesystem::path& dir, const DeviceKeys& keys, const crypto::Passphrase& passphrase,
                      const RewrapOptions& options) {
    if (is_locked(dir)) return make_error("a passphrase is already set; use 'candor lock change'");
    if (Status ok = write_lock(dir, keys, passphrase, options); !ok) return ok;
    if (!go(options, "seal peers.json")) return stopped("seal peers.json");
    if (Status ok = rewrite_peers(dir, keys, true); !ok) return ok;
    if (!go(options, "remove identity.key")) return stopped("remove identity.key");
    if (Status ok = remove_file(dir / kIdentityKeyFile); !ok) return ok;
    if (!go(options, "remove storage.key")) return stopped("remove storage.key");
    return remove_file(dir / kStorageKeyFile);
}

Status change_passphrase(const std::filesystem::path& dir, const DeviceKeys& keys, const crypto::Passphrase& passphrase,
                         const RewrapOptions& options) {
    if (!is_locked(dir)) return make_error("no passphrase is set; use 'candor lock set'");
    return write_lock(dir, keys, passphrase, options);
}

Status remove_passphrase(const std::filesystem::path& dir, const DeviceKeys& keys, const RewrapOptions& options) {
    if (!is_locked(dir)) return make_error("no passphrase is set");
    if (!go(options, "write identity.key")) return stopped("write identity.key");
    if (Status ok = save_identity_key(dir / kIdentityKeyFile, keys.identity); !ok) return ok;
    if (!go(options, "write storage.key")) return stopped("write storage.key");
    if (Status ok = save_storage_key(dir / kStorageKeyFile, keys.storage_key); !ok) return ok;
    if (!go(options, "unseal peers.json")) return stopped("unseal peers.json");
    if (Status ok = rewrite_peers(dir, keys, false); !ok) return ok;
    if (!go(options, "remove keys.lock")) return stopped("remove keys.lock");
    return remove_file(dir / kKeyLockFile);
}

Status finish_interrupted_rewrap(const std::filesystem::path& dir, const DeviceKeys& keys) {
    if (!is_locked(dir)) return {};
    std::error_code ec;
    for (const char* name : {kIdentityKeyFile, kStorageKeyFile}) {
        if (!std::filesystem::exists(dir / name, ec)) continue;
        if (Status ok = remove_file(dir / name); !ok) return ok;
    }
    return has_clear_pair_key(dir) ? rewrite_peers(dir, keys, true) : Status{};
}

}  // namespace candor::store
