// NodeCore: what the Node thread owns about this device — the data directory (lock, keys,
// journal, settings, paired devices), the History and the folded State. Not thread-safe: only the
// Node thread touches it. New entries are in History and State at once but count as saved only
// after commit() has synced them; replies and acknowledgements wait for that.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/result.hpp"
#include "core/history.hpp"
#include "core/state.hpp"
#include "crypto/sign.hpp"
#include "store/chain_mark.hpp"
#include "store/journal.hpp"
#include "store/keys.hpp"
#include "store/lock_file.hpp"
#include "store/peers.hpp"
#include "store/settings.hpp"

namespace candor::node {

// Why this device is getting its own chain back from the partner before it may post again.
struct Recovery {
    std::string reason;          // plain words: "restored from a backup", "the journal was missing"
    std::uint64_t reported = 0;  // highest own seq ever reported as saved (or delivered)
};

// DIR/recovery: a plain-text file (one line, the reason) that `restore` writes; a Node that finds
// it recovers its chain from the partner before posting, then deletes it.
inline constexpr const char* kRecoveryFile = "recovery";

class NodeCore {
public:
    struct OpenOptions {
        std::filesystem::path data_dir;
        std::optional<std::string> name;
        // Keys already unlocked with the passphrase (store::unlock_keys); needed when the
        // directory is locked, which is refused without them ("this data directory is locked").
        std::shared_ptr<const store::DeviceKeys> keys;
    };
    [[nodiscard]] static Result<std::unique_ptr<NodeCore>> open(const OpenOptions& options);

    // Signs a new entry by this device, accepts it into History and State and queues it for the
    // next commit(). Fails (nothing changed) if the journal refuses writes or the body is invalid.
    template <typename Body>
    [[nodiscard]] Result<core::Entry> post(const Body& body, std::int64_t now_ms) {
        return post_kind(core::kind_of<Body>, core::encode_body(body), now_ms);
    }
    [[nodiscard]] Result<core::Entry> post_kind(core::Kind kind, crypto::Bytes body, std::int64_t now_ms);

    // Entries received from a partner at `now_ms`: each is checked against the receiving rules and
    // the author-time rules (core/entry_times.hpp); the accepted ones are queued for the next
    // commit with their receive time. Returns the rejections (reason per entry).
    struct Received {
        std::vector<core::AcceptResult> rejected;
        std::int64_t clock_ahead_ms = 0;  // the most an accepted entry was dated after it arrived
    };
    [[nodiscard]] Received receive(const std::vector<core::Entry>& entries, std::int64_t now_ms);
    // The partner said (sync Hello or Ack) at `now_ms` that `author`'s chain reaches `head`: its
    // later entries were made after now (the evidence core::judged_time uses).
    void observe_head(const core::DeviceId& author, std::uint64_t head, std::int64_t now_ms);
    // When this device first stored the entry (its own: when it was made); 0 if unknown.
    [[nodiscard]] std::int64_t received_at(const core::EntryId& id) const;

    // Writes everything queued with one fdatasync. On failure nothing queued counts: History and
    // State are rebuilt from what is on disk and the error says what happened.
    [[nodiscard]] Status commit();
    [[nodiscard]] std::size_t pending_count() const { return pending_.size(); }

    [[nodiscard]] const core::History& history() const { return history_; }
    [[nodiscard]] const core::State& state() const { return state_; }
    // Changes whenever state() does: a snapshot may share the previous State when it has not.
    [[nodiscard]] std::uint64_t state_generation() const { return state_generation_; }
    [[nodiscard]] const crypto::Identity& identity() const { return identity_; }
    [[nodiscard]] const core::DeviceId& device() const { return identity_.public_key(); }
    [[nodiscard]] const store::Settings& settings() const { return settings_; }
    [[nodiscard]] Status update_settings(const store::Settings& settings);
    [[nodiscard]] const std::vector<store::PairedDevice>& peers() const { return peers_; }
    [[nodiscard]] Status update_peers(std::vector<store::PairedDevice> peers);
    [[nodiscard]] const std::filesystem::path& data_dir() const { return data_dir_; }
    // The open keys (for rewrapping and backups) and whether a passphrase locks them on disk.
    [[nodiscard]] store::DeviceKeys keys() const;
    [[nodiscard]] bool locked() const { return locked_; }
    // After `lock set` / `lock remove`: pair keys are sealed in peers.json from now on, or not.
    void set_locked(bool locked) { locked_ = locked; }
    [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }
    void add_warning(std::string warning) { warnings_.push_back(std::move(warning)); }
    [[nodiscard]] std::optional<std::string> read_only() const;

    // Set while this device gets its own chain back from the partner; posts are refused.
    [[nodiscard]] const std::optional<Recovery>& recovery() const { return recovery_; }
    // The name of the partner recovery waits for ("Sam").
    [[nodiscard]] std::string recovery_partner_name() const;
    // "getting your history back from Sam's computer first"
    [[nodiscard]] std::string recovery_refusal() const;
    // The chain is back (the partner held no more of it): posts resume, DIR/recovery is removed.
    // `lost`: entries reported as saved that nobody holds (said in a warning).
    void finish_recovery(std::uint64_t lost);
    // For when the partner's computer is gone for good: posts a new_chain entry (kind 12) that
    // continues this device's chain above every seq it may have given out before, and ends
    // recovery. Only while recovering; the entry counts once commit() has synced it.
    [[nodiscard]] Result<core::Entry> start_new_chain(std::string reason, std::int64_t now_ms);
    [[nodiscard]] std::string name_of(const core::DeviceId& author) const;

private:
    NodeCore(std::filesystem::path dir, store::DirectoryLock lock, crypto::Identity identity, crypto::AeadKey key,
             store::Journal journal, store::ChainMark mark);
    void decide_recovery(const store::OpenedJournal& opened, bool journal_lost);
    void leave_recovery();
    [[nodiscard]] Result<core::Entry> sign_and_queue(const core::AuthorHead& head, core::Kind kind, crypto::Bytes body,
                                                     std::int64_t now_ms);
    [[nodiscard]] Status rebuild_damaged_journal(store::OpenedJournal& opened);
    [[nodiscard]] Status load_journal_entries(const std::vector<crypto::Bytes>& payloads);
    void allow_authors();
    [[nodiscard]] Status reload_from_disk();

    std::filesystem::path data_dir_;
    store::DirectoryLock lock_;
    crypto::Identity identity_;
    crypto::AeadKey storage_key_;
    store::Journal journal_;
    store::Settings settings_;
    std::vector<store::PairedDevice> peers_;
    core::History history_;
    core::State state_;
    std::uint64_t state_generation_ = 0;
    std::vector<crypto::Bytes> pending_;
    [[nodiscard]] std::int64_t not_before(const core::DeviceId& author, std::uint64_t seq) const;
    struct HeadSeen {
        std::uint64_t head = 0;
        std::int64_t at_ms = 0;  // the last time the partner said so
    };
    std::unordered_map<core::EntryId, std::int64_t, core::IdHash> received_at_;
    std::map<core::DeviceId, std::vector<HeadSeen>> heads_seen_;  // oldest first, a few dozen
    std::vector<std::string> warnings_;
    std::optional<std::string> damage_;
    store::ChainMark mark_;
    std::optional<Recovery> recovery_;
    bool locked_ = false;
};

}  // namespace candor::node
