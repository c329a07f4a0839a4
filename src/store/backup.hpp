// Backups: one file holding everything a data directory holds, sealed in a passphrase box
// (passphrase_box.hpp, magic "CNDRBKUP", format 1), and restoring one into an empty directory.
//
// Payload (little-endian): u64 entries | u8 locked | identity secret (64) | storage key (32) |
// u32 file count | per file: u16 name length, name, u64 size, bytes. Files: every regular file at
// the top of the directory except the keys (carried above), the lock, the control socket, the
// failure count, a recovery marker and temporary files.
// A restore writes DIR/recovery first, so the restored Node posts nothing until its partner has
// given it back what happened since the backup (docs/data.md).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "common/result.hpp"
#include "crypto/pwhash.hpp"
#include "store/keys.hpp"
#include "store/passphrase_box.hpp"

namespace candor::store {

inline constexpr std::uint32_t kBackupVersion = 1;
inline constexpr BoxKind kBackupBox{{'C', 'N', 'D', 'R', 'B', 'K', 'U', 'P'}, kBackupVersion, "backup"};
inline constexpr std::uint64_t kMaxBackupBytes = 1ull << 30;
inline constexpr const char* kRestoreRecoveryFile = "recovery";  // = node::kRecoveryFile

struct BackupOptions {
    crypto::PwhashParams params = crypto::kPwhashDefault;
};

// The sealed backup bytes of `dir` (whose open keys are `keys`), recording `entries`.
[[nodiscard]] Result<crypto::Bytes> make_backup(const std::filesystem::path& dir, const DeviceKeys& keys,
                                                std::uint64_t entries, const crypto::Passphrase& passphrase,
                                                const BackupOptions& options = {});
// make_backup written to `out` (mode 0600, replaced atomically).
[[nodiscard]] Status write_backup(const std::filesystem::path& dir, const DeviceKeys& keys, std::uint64_t entries,
                                  const crypto::Passphrase& passphrase, const std::filesystem::path& out,
                                  const BackupOptions& options = {});

struct RestoreResult {
    BoxFailure failure = BoxFailure::none;  // wrong_passphrase etc.; not_this_kind also for I/O
    std::string message;
    std::uint64_t entries = 0;
    bool locked = false;  // the backup came from a locked directory: the restored one is locked too
    [[nodiscard]] bool ok() const { return failure == BoxFailure::none && message.empty(); }
};

// Restores `file` into `dir`, which must be missing or empty. Nothing is written unless the
// backup opened completely; a locked source is restored locked under the same passphrase.
[[nodiscard]] RestoreResult restore_backup(const std::filesystem::path& file, const std::filesystem::path& dir,
                                           const crypto::Passphrase& passphrase, const BackupOptions& options = {});

}  // namespace candor::store
