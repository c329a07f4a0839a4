// Journal: the append-only, encrypted, crash-safe file that holds every entry of this device
// (DIR/journal). An entry counts as saved only once append() has returned: it is fdatasync'ed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "crypto/aead.hpp"
#include "crypto/bytes.hpp"

namespace candor::store {

// File layout (all integers little-endian):
//   header  "CNDRJRNL" | u32 version | u32 flags (0) | 16-byte random file id |
//           24-byte nonce | 16-byte tag sealing nothing with the first 32 header bytes as
//           associated data (so a wrong storage key is told apart from a damaged record)
//   record  u32 word (low 24 bits: ciphertext length; high 8: flags, bit 0 = last record of a
//           batch, written before that batch's fdatasync) | 24-byte random nonce |
//           XChaCha20-Poly1305 ciphertext with associated data = file id || u64 offset of the
//           record || flags, so a record moved, swapped, re-flagged or copied from another
//           journal does not open.
inline constexpr std::uint32_t kJournalFormatVersion = 1;
inline constexpr std::size_t kJournalHeaderSize = 72;
inline constexpr std::size_t kJournalRecordOverhead = 4 + 24 + crypto::kAeadTagSize;
// Largest payload a record may hold; a length beyond it is damage, never allocated.
inline constexpr std::size_t kMaxJournalPayload = 256 * 1024;

struct OpenedJournal;

class Journal {
public:
    // Opens (creating it if missing) the journal at `path` and decrypts every record in order.
    // - A torn tail (crash during the last append: partial length prefix, a record running past
    //   the end, a last record that fails to authenticate, a zero-filled tail) is truncated and
    //   reported in `warnings`. It counts as torn only when no committed record follows it, i.e.
    //   nothing from there on was ever reported as saved.
    // - Damage in the middle: the journal opens read-only, `payloads` holds the records before the
    //   damage and `damage` says where it is and what to do; append() then refuses.
    // An error Result: the file cannot be read, is not a journal, is from a newer version, or the
    // key does not open it.
    [[nodiscard]] static Result<OpenedJournal> open(const std::filesystem::path& path,
                                                    const crypto::AeadKey& key);

    Journal(Journal&& other) noexcept;
    Journal& operator=(Journal&& other) noexcept;
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;
    ~Journal();

    // Seals, writes and fdatasyncs; returns only after the sync. Not thread-safe: one owner.
    [[nodiscard]] Status append(crypto::ByteView payload);
    // Same for several payloads with a single fdatasync: all are saved when it returns ok.
    [[nodiscard]] Status append_batch(std::span<const crypto::Bytes> payloads);

    [[nodiscard]] bool writable() const { return !read_only_reason_.has_value(); }
    // Why appends are refused (damage found on open, or an earlier write/sync failure).
    [[nodiscard]] const std::optional<std::string>& read_only_reason() const {
        return read_only_reason_;
    }
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }
    [[nodiscard]] std::uint64_t size_bytes() const { return end_; }
    [[nodiscard]] std::uint64_t record_count() const { return records_; }

private:
    Journal(std::filesystem::path path, int fd, const crypto::AeadKey& key,
            const crypto::ByteArray<16>& file_id, std::uint64_t end, std::uint64_t records);
    void fail(std::string reason);

    std::filesystem::path path_;
    int fd_ = -1;
    crypto::AeadKey key_;
    crypto::ByteArray<16> file_id_{};
    std::uint64_t end_ = 0;
    std::uint64_t records_ = 0;
    std::optional<std::string> read_only_reason_;

    friend struct JournalReader;
};

struct OpenedJournal {
    Journal journal;
    std::vector<crypto::Bytes> payloads;
    std::vector<std::string> warnings;  // e.g. a torn tail that was truncated
    std::optional<Error> damage;        // set when the journal opened read-only
    bool created = false;               // the file was missing or empty (0 bytes): a new journal
    bool dropped_tail = false;          // an unfinished last record was truncated
};

}  // namespace candor::store
