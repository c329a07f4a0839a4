// NodeCore: what the Node thread owns about this device — the data directory (lock, keys,
// journal, settings, paired devices), the History and the folded State. Not thread-safe: only the
// Node thread touches it. New entries are in History and State at once but count as saved only
// after commit() has synced them; replies and acknowledgements wait for that.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "core/history.hpp"
#include "core/state.hpp"
#include "crypto/sign.hpp"
#include "store/journal.hpp"
#include "store/lock_file.hpp"
#include "store/peers.hpp"
#include "store/settings.hpp"

namespace candor::node {

class NodeCore {
public:
    struct OpenOptions {
        std::filesystem::path data_dir;
        std::optional<std::string> name;
    };
    [[nodiscard]] static Result<std::unique_ptr<NodeCore>> open(const OpenOptions& options);

    // Signs a new entry by this device, accepts it into History and State and queues it for the
    // next commit(). Fails (nothing changed) if the journal refuses writes or the body is invalid.
    template <typename Body>
    [[nodiscard]] Result<core::Entry> post(const Body& body, std::int64_t now_ms) {
        return post_kind(core::kind_of<Body>, core::encode_body(body), now_ms);
    }
    [[nodiscard]] Result<core::Entry> post_kind(core::Kind kind, crypto::Bytes body, std::int64_t now_ms);

    // Entries received from a partner: each is checked against the receiving rules; the accepted
    // ones are queued for the next commit. Returns the rejections (reason per entry).
    [[nodiscard]] std::vector<core::AcceptResult> receive(const std::vector<core::Entry>& entries);

    // Writes everything queued with one fdatasync. On failure nothing queued counts: History and
    // State are rebuilt from what is on disk and the error says what happened.
    [[nodiscard]] Status commit();
    [[nodiscard]] std::size_t pending_count() const { return pending_.size(); }

    [[nodiscard]] const core::History& history() const { return history_; }
    [[nodiscard]] const core::State& state() const { return state_; }
    [[nodiscard]] const crypto::Identity& identity() const { return identity_; }
    [[nodiscard]] const core::DeviceId& device() const { return identity_.public_key(); }
    [[nodiscard]] const store::Settings& settings() const { return settings_; }
    [[nodiscard]] Status update_settings(const store::Settings& settings);
    [[nodiscard]] const std::vector<store::PairedDevice>& peers() const { return peers_; }
    [[nodiscard]] Status update_peers(std::vector<store::PairedDevice> peers);
    [[nodiscard]] const std::filesystem::path& data_dir() const { return data_dir_; }
    [[nodiscard]] const std::vector<std::string>& warnings() const { return warnings_; }
    void add_warning(std::string warning) { warnings_.push_back(std::move(warning)); }
    [[nodiscard]] std::optional<std::string> read_only() const;
    [[nodiscard]] std::string name_of(const core::DeviceId& author) const;

private:
    NodeCore(std::filesystem::path dir, store::DirectoryLock lock, crypto::Identity identity, crypto::AeadKey key,
             store::Journal journal);
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
    std::vector<crypto::Bytes> pending_;
    std::vector<std::string> warnings_;
    std::optional<std::string> damage_;
};

}  // namespace candor::node
