// Reading, checking and creating the identity and storage key files.
#include "store/keys.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "store/data_dir.hpp"
#include "store/key_lock.hpp"

namespace candor::store {

namespace {

constexpr char kIdentityMagic[8] = {'C', 'N', 'D', 'R', 'I', 'D', 'K', '\0'};

void put_u32(Bytes& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

std::uint32_t load_u32(const std::uint8_t* p) {
    return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
           static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}

// Reads a private key file after checking its permissions, and wipes the buffer when done.
class SecretFile {
public:
    SecretFile() = default;
    SecretFile(const SecretFile&) = delete;
    SecretFile& operator=(const SecretFile&) = delete;
    ~SecretFile() { crypto::wipe(bytes_); }
    Status read(const std::filesystem::path& file, std::size_t max_size) {
        if (auto ok = check_private_file(file); !ok) return ok;
        auto read = read_file(file, max_size);
        if (!read) return read.error();
        bytes_ = std::move(*read);
        return {};
    }
    [[nodiscard]] const Bytes& bytes() const { return bytes_; }

private:
    Bytes bytes_;
};

bool path_exists(const std::filesystem::path& file) {
    struct stat st {};
    return ::lstat(file.c_str(), &st) == 0;
}

}  // namespace

Status check_private_file(const std::filesystem::path& file) {
    struct stat st {};
    if (::lstat(file.c_str(), &st) != 0) {
        return make_error("cannot open " + file.string() + ": " + errno_text(errno));
    }
    if (!S_ISREG(st.st_mode)) return make_error(file.string() + " is not a regular file");
    if (st.st_uid != ::geteuid()) {
        return make_error(file.string() + " belongs to another user (uid " + std::to_string(st.st_uid) +
                          "); it must be owned by the user running Candor");
    }
    if ((st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        return make_error(file.string() + " holds a secret but other users can access it (mode " + mode +
                          "); if they may have copied it, re-pair your devices. Fix it with: chmod 600 '" +
                          file.string() + "'");
    }
    return {};
}

Result<crypto::Identity> load_identity_key(const std::filesystem::path& file) {
    SecretFile secret;
    if (auto ok = secret.read(file, kIdentityKeyFileSize); !ok) return ok.error();
    const Bytes& b = secret.bytes();
    if (b.size() < 16 || std::memcmp(b.data(), kIdentityMagic, sizeof kIdentityMagic) != 0) {
        return make_error(file.string() + " is not a Candor identity key (damaged?); restore it from a backup");
    }
    const std::uint32_t version = load_u32(b.data() + 8);
    const std::uint32_t protection = load_u32(b.data() + 12);
    if (version != kKeyFileVersion) {
        return make_error(file.string() + " uses key format " + std::to_string(version) +
                          ", which this Candor cannot read; install a newer Candor");
    }
    if (protection != static_cast<std::uint32_t>(KeyProtection::none)) {
        return make_error(file.string() + " is protected in a way this Candor does not support (" +
                          std::to_string(protection) + "); install a newer Candor");
    }
    if (b.size() != kIdentityKeyFileSize) {
        return make_error(file.string() + " has the wrong size (" + std::to_string(b.size()) + " bytes, " +
                          std::to_string(kIdentityKeyFileSize) + " expected); restore it from a backup");
    }
    auto identity = crypto::Identity::from_secret(crypto::ByteView(b.data() + 16, 64));
    if (!identity) return make_error(file.string() + " does not hold a valid identity key: " + identity.message());
    return std::move(*identity);
}

Status save_identity_key(const std::filesystem::path& file, const crypto::Identity& identity) {
    Bytes out(kIdentityMagic, kIdentityMagic + sizeof kIdentityMagic);
    put_u32(out, kKeyFileVersion);
    put_u32(out, static_cast<std::uint32_t>(KeyProtection::none));
    const auto secret = identity.secret_key().view();
    out.insert(out.end(), secret.begin(), secret.end());
    auto written = atomic_write_file(file, out, 0600);
    crypto::wipe(out);
    return written;
}

Result<crypto::AeadKey> load_storage_key(const std::filesystem::path& file) {
    SecretFile secret;
    // One byte of slack so an oversized file is reported by size, not by read_file's cap.
    if (auto ok = secret.read(file, kStorageKeyFileSize + 1); !ok) return ok.error();
    if (secret.bytes().size() != kStorageKeyFileSize) {
        return make_error(file.string() + " has the wrong size (" + std::to_string(secret.bytes().size()) +
                          " bytes, 32 expected); restore it from a backup");
    }
    crypto::AeadKey key;
    std::memcpy(key.data(), secret.bytes().data(), kStorageKeyFileSize);
    return key;
}

Status save_storage_key(const std::filesystem::path& file, const crypto::AeadKey& key) {
    return atomic_write_file(file, key.view(), 0600);
}

Result<DeviceKeys> load_or_create_keys(const std::filesystem::path& dir) {
    if (path_exists(dir / kKeyLockFile)) return make_error(kLockedMessage);
    const auto identity_file = dir / kIdentityKeyFile;
    const auto storage_file = dir / kStorageKeyFile;
    const bool have_identity = path_exists(identity_file);
    const bool have_storage = path_exists(storage_file);
    const bool have_journal = path_exists(dir / kJournalFile);
    const char* missing = !have_identity ? kIdentityKeyFile : !have_storage ? kStorageKeyFile : nullptr;
    if (missing != nullptr && have_journal) {
        return make_error((dir / missing).string() + " is missing but " + (dir / kJournalFile).string() +
                          " exists; a new key would cut this device off its history. Restore " + missing +
                          " from a backup (or move the whole directory aside to start over)");
    }
    DeviceKeys keys;
    if (have_identity) {
        auto identity = load_identity_key(identity_file);
        if (!identity) return identity.error();
        keys.identity = std::move(*identity);
    } else {
        keys.identity = crypto::Identity::generate();
        if (auto saved = save_identity_key(identity_file, keys.identity); !saved) return saved.error();
        keys.created = true;
    }
    if (have_storage) {
        auto storage = load_storage_key(storage_file);
        if (!storage) return storage.error();
        keys.storage_key = *storage;
    } else {
        keys.storage_key = crypto::aead_keygen();
        if (auto saved = save_storage_key(storage_file, keys.storage_key); !saved) return saved.error();
        keys.created = true;
    }
    return keys;
}

}  // namespace candor::store
