// History: the accepted entries of every author, and the receiving rules that decide what is
// accepted. Nothing stored is ever replaced: a duplicate is a no-op, anything that conflicts
// with what we hold is rejected with a reason the caller records.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/entry.hpp"

namespace candor::core {

enum class AcceptOutcome { accepted, duplicate, rejected };

enum class RejectReason {
    none,
    bad_format,      // not a well-formed entry (sizes, magic, header fields)
    bad_signature,   // well-formed, but the author's signature does not verify
    unknown_author,  // not one of the allowed authors (this device and its paired partner)
    seq_gap,         // seq > head + 1: earlier entries of this author are missing
    broken_chain,    // seq == head + 1 but prev is not the id of the head
    fork,            // a different entry for an author + seq we already hold
    bad_lamport,     // lamport not above the author's previous entry's (clocks only move forward)
    bad_time,        // dated before the author's previous entry or what it refers to (entry_times.hpp)
};
[[nodiscard]] std::string_view reject_reason_name(RejectReason reason);

struct AcceptResult {
    AcceptOutcome outcome = AcceptOutcome::rejected;
    RejectReason reason = RejectReason::none;
    std::string message;  // for rejections: what was wrong, in words a user can act on
    [[nodiscard]] bool ok() const { return outcome != AcceptOutcome::rejected; }
    [[nodiscard]] bool is_new() const { return outcome == AcceptOutcome::accepted; }
};

using VersionVector = std::map<DeviceId, std::uint64_t>;  // author -> highest contiguous seq

class History {
public:
    History() = default;
    explicit History(std::set<DeviceId> allowed_authors) : allowed_(std::move(allowed_authors)) {}

    void allow_author(const DeviceId& author) { allowed_.insert(author); }
    // Entries already held from an author who is no longer allowed stay; new ones are refused.
    void set_allowed_authors(std::set<DeviceId> authors) { allowed_ = std::move(authors); }
    [[nodiscard]] bool is_allowed(const DeviceId& author) const { return allowed_.count(author) != 0; }

    // What accept() would answer, without storing: lets the caller make an entry durable
    // before it counts (check, append to the journal, then accept).
    [[nodiscard]] AcceptResult check(const Entry& entry) const;
    // The same rules against an assumed head for the entry's author (e.g. including entries a
    // sync session has passed on but that are not stored yet); `held`: that id is already known.
    [[nodiscard]] AcceptResult check(const Entry& entry, const AuthorHead& assumed_head, bool held) const;
    AcceptResult accept(const Entry& entry);
    // Decodes first; decode failures become bad_format / bad_signature.
    AcceptResult accept_bytes(ByteView bytes);

    [[nodiscard]] AuthorHead head(const DeviceId& author) const;
    [[nodiscard]] VersionVector version_vector() const;
    // The author's entries with seq > after_seq, oldest first, at most `limit` of them.
    [[nodiscard]] std::vector<Entry> entries_after(const DeviceId& author, std::uint64_t after_seq,
                                                   std::size_t limit = std::numeric_limits<std::size_t>::max()) const;
    [[nodiscard]] std::uint64_t next_lamport() const { return max_lamport_ + 1; }
    // The pointer is valid until the next accept().
    [[nodiscard]] const Entry* find(const EntryId& id) const;
    [[nodiscard]] std::size_t size() const { return by_id_.size(); }
    [[nodiscard]] std::vector<DeviceId> authors() const;
    // Every entry, author by author, each author's in seq order. Seqs are contiguous except
    // where a new_chain entry declared a skip, so index by seq only through index_after().
    [[nodiscard]] const std::map<DeviceId, std::vector<Entry>>& by_author() const { return chains_; }
    // The index in `chain` of the first entry with a seq above `seq` (chain.size() if none).
    [[nodiscard]] static std::size_t index_after(const std::vector<Entry>& chain, std::uint64_t seq);
    // The author's entry with that seq, if held.
    [[nodiscard]] const Entry* entry_at(const DeviceId& author, std::uint64_t seq) const;

private:
    struct Position {
        DeviceId author;
        std::size_t index;  // in chains_[author]
    };
    [[nodiscard]] AcceptResult check_new_chain(const Entry& entry, const AuthorHead& head, const std::string& who) const;
    std::set<DeviceId> allowed_;
    std::map<DeviceId, std::vector<Entry>> chains_;  // each in seq order
    std::unordered_map<EntryId, Position, IdHash> by_id_;
    std::uint64_t max_lamport_ = 0;
};

}  // namespace candor::core
