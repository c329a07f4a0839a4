// The data directory: where it is by default, the names of the files in it, and the two file
// primitives everything else builds on (atomic replacement and size-capped reads).
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <filesystem>
#include <optional>

#include "common/result.hpp"
#include "crypto/bytes.hpp"

namespace candor::store {

namespace fs = std::filesystem;
using crypto::ByteView;
using crypto::Bytes;

inline constexpr const char* kJournalFile = "journal";
inline constexpr const char* kLockFile = "lock";
inline constexpr const char* kIdentityKeyFile = "identity.key";
inline constexpr const char* kStorageKeyFile = "storage.key";
inline constexpr const char* kSettingsFile = "settings.json";
inline constexpr const char* kPeersFile = "peers.json";
inline constexpr const char* kControlSocketFile = "control.sock";

// $XDG_DATA_HOME/candor when XDG_DATA_HOME is set and absolute (the XDG spec says to ignore a
// relative one), else $HOME/.local/share/candor, else the passwd entry's home directory.
[[nodiscard]] Result<fs::path> default_data_dir();

// Creates the directory (and missing parents) with mode 0700. An existing directory is used as it
// is: the secrets inside are 0600 on their own, and a directory the user chose keeps its mode.
[[nodiscard]] Status ensure_data_dir(const fs::path& dir);

// Replaces `path` so that a crash leaves either the old or the new content, never a mix: writes a
// temporary file in the same directory, fsyncs it, renames it over `path`, fsyncs the directory.
[[nodiscard]] Status atomic_write_file(const fs::path& path, ByteView bytes, mode_t mode = 0600);

// Reads a whole file, refusing (before allocating) one larger than max_size.
[[nodiscard]] Result<Bytes> read_file(const fs::path& path, std::size_t max_size);
// Same, but a missing file is not an error: nullopt.
[[nodiscard]] Result<std::optional<Bytes>> read_file_if_exists(const fs::path& path,
                                                               std::size_t max_size);

[[nodiscard]] Status fsync_directory(const fs::path& dir);

// Moves an unreadable file out of the way as FILE.corrupt-YYYYMMDDTHHMMSSZ (UTC; never deletes it) and
// returns the new path, so a caller that must start fresh can tell the user where the old one is.
[[nodiscard]] Result<fs::path> set_aside_corrupt(const fs::path& path);

// "strerror(errno)" text for messages; errno is read by the caller before anything can change it.
[[nodiscard]] std::string errno_text(int error_number);

}  // namespace candor::store
