// ChainMark: DIR/chain.mark, the crash-safe memory of how far this device's own chain went.
// The journal alone cannot tell a torn tail (never reported as saved) from a damaged last record
// (saved, reported, maybe delivered): both fail to authenticate. The mark remembers the highest
// seq of this device's entries that was ever reported as saved (written after the journal's
// fdatasync, before anything is replied or sent, so before any partner can hold it): a journal
// holding less than that is damage, and the Node recovers instead of reusing a seq.
#pragma once

#include <cstdint>
#include <filesystem>

#include "common/result.hpp"

namespace candor::store {

inline constexpr const char* kChainMarkFile = "chain.mark";
// Two fixed 64-byte slots written alternately in place (pwrite + fdatasync), each with a
// generation and a BLAKE2b checksum: a torn write leaves the other slot, one step older, valid.
inline constexpr std::size_t kChainMarkSlotSize = 64;


class ChainMark {
public:
    // Opens (creating if missing) DIR/chain.mark. `existed` tells a first start (or a mark lost
    // with the journal) from a mark that was there.
    [[nodiscard]] static Result<ChainMark> open(const std::filesystem::path& dir);
    ChainMark(ChainMark&& other) noexcept;
    ChainMark& operator=(ChainMark&& other) noexcept;
    ChainMark(const ChainMark&) = delete;
    ChainMark& operator=(const ChainMark&) = delete;
    ~ChainMark();

    // Highest own seq reported as saved; 0 for a new (or lost) mark.
    [[nodiscard]] std::uint64_t saved_seq() const { return saved_seq_; }
    [[nodiscard]] bool existed() const { return existed_; }
    // Raises the seq (never lowers it) and syncs; a no-op when it does not rise.
    [[nodiscard]] Status raise(std::uint64_t saved_seq);
    // Sets it, lower too: only once recovery has shown that nobody holds the seqs above.
    [[nodiscard]] Status set(std::uint64_t saved_seq);

private:
    ChainMark(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
    std::filesystem::path path_;
    int fd_ = -1;
    std::uint64_t saved_seq_ = 0;
    std::uint64_t generation_ = 0;
    bool existed_ = false;
};

}  // namespace candor::store
