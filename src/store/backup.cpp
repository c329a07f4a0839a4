// Making and restoring backups (backup.hpp has the format).
#include "store/backup.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <vector>

#include "store/data_dir.hpp"
#include "store/key_lock.hpp"
#include "store/lock_file.hpp"

namespace candor::store {

namespace {

constexpr std::size_t kMaxBackupFiles = 256;
constexpr std::size_t kMaxName = 255;

struct BackupFile {
    std::string name;
    SecretBytes bytes;
};

// Not carried as files: the keys (carried as keys), what belongs to a running Node, and markers.
bool carried(std::string_view name) {
    static constexpr std::array<std::string_view, 8> kSkipped = {
        kIdentityKeyFile, kStorageKeyFile, kKeyLockFile, kLockFile, kControlSocketFile, kUnlockFailuresFile,
        kRestoreRecoveryFile, "."};
    if (name.empty() || name.size() > kMaxName || name == ".." || name.find('/') != std::string_view::npos) return false;
    if (name.find(".tmp-") != std::string_view::npos || name.find(".corrupt-") != std::string_view::npos) return false;
    return std::find(kSkipped.begin(), kSkipped.end(), name) == kSkipped.end();
}

void put_le(crypto::Bytes& out, std::uint64_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

// Reads the payload front to back; every length is checked against what is left.
class Reader {
public:
    explicit Reader(crypto::ByteView bytes) : bytes_(bytes) {}
    bool le(std::uint64_t& v, int n) {
        if (!need(static_cast<std::size_t>(n))) return false;
        v = 0;
        for (int i = n - 1; i >= 0; --i) v = v << 8 | bytes_[at_ + static_cast<std::size_t>(i)];
        at_ += static_cast<std::size_t>(n);
        return true;
    }
    bool take(std::size_t n, crypto::ByteView& out) {
        if (!need(n)) return false;
        out = bytes_.subspan(at_, n);
        at_ += n;
        return true;
    }
    [[nodiscard]] bool done() const { return at_ == bytes_.size(); }

private:
    bool need(std::size_t n) const { return n <= bytes_.size() - at_; }
    crypto::ByteView bytes_;
    std::size_t at_ = 0;
};

struct Payload {
    std::uint64_t entries = 0;
    bool locked = false;
    DeviceKeys keys;
    std::vector<BackupFile> files;
};

Result<Payload> parse_payload(crypto::ByteView bytes) {
    Reader r(bytes);
    Payload p;
    std::uint64_t locked = 0, count = 0;
    crypto::ByteView secret, storage;
    if (!r.le(p.entries, 8) || !r.le(locked, 1) || !r.take(64, secret) || !r.take(32, storage) || !r.le(count, 4) ||
        count > kMaxBackupFiles) {
        return make_error("the backup's contents are not readable");
    }
    p.locked = locked != 0;
    auto identity = crypto::Identity::from_secret(secret);
    if (!identity) return make_error("the backup does not hold a valid identity key");
    p.keys.identity = std::move(*identity);
    std::memcpy(p.keys.storage_key.data(), storage.data(), 32);
    for (std::uint64_t i = 0; i < count; ++i) {
        std::uint64_t name_size = 0, size = 0;
        crypto::ByteView name, data;
        if (!r.le(name_size, 2) || !r.take(static_cast<std::size_t>(name_size), name) || !r.le(size, 8) ||
            size > kMaxBackupBytes || !r.take(static_cast<std::size_t>(size), data)) {
            return make_error("the backup's contents are cut short");
        }
        BackupFile file{std::string(name.begin(), name.end()), SecretBytes(crypto::Bytes(data.begin(), data.end()))};
        if (!carried(file.name)) return make_error("the backup holds a file Candor does not restore: " + file.name);
        p.files.push_back(std::move(file));
    }
    if (!r.done()) return make_error("the backup's contents have bytes after their end");
    return p;
}

Result<std::vector<BackupFile>> read_carried_files(const std::filesystem::path& dir) {
    std::vector<BackupFile> files;
    std::error_code ec;
    for (const auto& item : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = item.path().filename().string();
        if (!carried(name) || !item.is_regular_file(ec) || item.is_symlink(ec)) continue;
        auto bytes = read_file(item.path(), kMaxBackupBytes);
        if (!bytes) return bytes.error();
        files.push_back({name, SecretBytes(std::move(*bytes))});
    }
    if (ec) return make_error("cannot list " + dir.string() + ": " + ec.message());
    if (files.size() > kMaxBackupFiles) return make_error(dir.string() + " holds too many files to back up");
    std::sort(files.begin(), files.end(), [](const BackupFile& a, const BackupFile& b) { return a.name < b.name; });
    return files;
}

bool empty_directory(const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) return true;
    for (const auto& item : std::filesystem::directory_iterator(dir, ec)) {
        if (item.path().filename() != kLockFile) return false;
    }
    return !ec;
}

RestoreResult restore_failed(BoxFailure failure, std::string message) {
    RestoreResult r;
    r.failure = failure;
    r.message = std::move(message);
    return r;
}

// Writes what a backup held into `dir`: the recovery marker first, the keys last.
Status write_restored(const std::filesystem::path& dir, const Payload& p, const crypto::Passphrase& passphrase,
                      const BackupOptions& options) {
    const std::string reason = "restored from a backup\n";
    if (Status ok = atomic_write_file(dir / kRestoreRecoveryFile, crypto::as_bytes(reason), 0600); !ok) return ok;
    for (const BackupFile& file : p.files) {
        if (Status ok = atomic_write_file(dir / file.name, file.bytes.bytes(), 0600); !ok) return ok;
    }
    if (p.locked) {
        auto wrapped = wrap_device_keys(p.keys, passphrase, options.params);
        if (!wrapped) return wrapped.error();
        return atomic_write_file(dir / kKeyLockFile, *wrapped, 0600);
    }
    if (Status ok = save_identity_key(dir / kIdentityKeyFile, p.keys.identity); !ok) return ok;
    return save_storage_key(dir / kStorageKeyFile, p.keys.storage_key);
}

}  // namespace

Result<crypto::Bytes> make_backup(const std::filesystem::path& dir, const DeviceKeys& keys, std::uint64_t entries,
                                  const crypto::Passphrase& passphrase, const BackupOptions& options) {
    auto files = read_carried_files(dir);
    if (!files) return files.error();
    SecretBytes payload;
    crypto::Bytes& out = payload.bytes();
    put_le(out, entries, 8);
    put_le(out, is_locked(dir) ? 1 : 0, 1);
    const auto secret = keys.identity.secret_key().view();
    out.insert(out.end(), secret.begin(), secret.end());
    out.insert(out.end(), keys.storage_key.view().begin(), keys.storage_key.view().end());
    put_le(out, files->size(), 4);
    for (const BackupFile& file : *files) {
        put_le(out, file.name.size(), 2);
        out.insert(out.end(), file.name.begin(), file.name.end());
        put_le(out, file.bytes.bytes().size(), 8);
        out.insert(out.end(), file.bytes.bytes().begin(), file.bytes.bytes().end());
    }
    return seal_box(kBackupBox, passphrase, options.params, out);
}

Status write_backup(const std::filesystem::path& dir, const DeviceKeys& keys, std::uint64_t entries,
                    const crypto::Passphrase& passphrase, const std::filesystem::path& out, const BackupOptions& options) {
    std::error_code ec;
    if (std::filesystem::weakly_canonical(out, ec).parent_path() == std::filesystem::weakly_canonical(dir, ec)) {
        return make_error("a backup inside the data folder itself would be lost with it; choose another folder");
    }
    auto bytes = make_backup(dir, keys, entries, passphrase, options);
    if (!bytes) return bytes.error();
    return atomic_write_file(out, *bytes, 0600);
}

RestoreResult restore_backup(const std::filesystem::path& file, const std::filesystem::path& dir,
                             const crypto::Passphrase& passphrase, const BackupOptions& options) {
    if (!empty_directory(dir)) {
        return restore_failed(BoxFailure::not_this_kind, dir.string() + " is not empty: restore into a new, empty "
                                                                        "data folder (--data-dir), or move this one aside");
    }
    auto bytes = read_file(file, kMaxBackupBytes + kBoxHeaderSize);
    if (!bytes) return restore_failed(BoxFailure::not_this_kind, bytes.message());
    OpenedBox box = open_box(kBackupBox, *bytes, passphrase);
    if (!box.ok()) return restore_failed(box.failure, file.string() + ": " + box.message);
    auto payload = parse_payload(box.payload.bytes());
    if (!payload) return restore_failed(BoxFailure::tampered, file.string() + ": " + payload.message());
    if (Status made = ensure_data_dir(dir); !made) return restore_failed(BoxFailure::not_this_kind, made.message());
    auto lock = DirectoryLock::acquire(dir);
    if (!lock) return restore_failed(BoxFailure::not_this_kind, lock.message());
    if (!empty_directory(dir)) return restore_failed(BoxFailure::not_this_kind, dir.string() + " is not empty");
    if (Status written = write_restored(dir, *payload, passphrase, options); !written) {
        return restore_failed(BoxFailure::not_this_kind, written.message());
    }
    RestoreResult result;
    result.entries = payload->entries;
    result.locked = payload->locked;
    return result;
}

}  // namespace candor::store
