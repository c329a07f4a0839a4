// Opening a data directory: lock first (so two Nodes never share a journal), then keys, journal,
// settings and paired devices; the journal's entries are re-read without re-verifying signatures
// (they were verified when they arrived and the journal is AEAD-sealed with this device's key).
#include "node/node_core.hpp"

#include <pwd.h>
#include <unistd.h>

#include <ctime>
#include <set>

#include "store/data_dir.hpp"
#include "store/keys.hpp"

namespace candor::node {

int local_utc_offset_minutes(std::int64_t utc_ms);

namespace {

std::string login_name() {
    if (const passwd* pw = ::getpwuid(::geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
    return "Me";
}

}  // namespace

NodeCore::NodeCore(std::filesystem::path dir, store::DirectoryLock lock, crypto::Identity identity, crypto::AeadKey key,
                   store::Journal journal)
    : data_dir_(std::move(dir)),
      lock_(std::move(lock)),
      identity_(std::move(identity)),
      storage_key_(key),
      journal_(std::move(journal)) {}

Result<std::unique_ptr<NodeCore>> NodeCore::open(const OpenOptions& options) {
    if (Status made = store::ensure_data_dir(options.data_dir); !made) return made.error();
    auto lock = store::DirectoryLock::acquire(options.data_dir);
    if (!lock) {
        return make_error(lock.message() + ": close the other Candor window or stop its 'candor serve', then try again");
    }
    auto keys = store::load_or_create_keys(options.data_dir);
    if (!keys) return keys.error();
    auto opened = store::Journal::open(options.data_dir / store::kJournalFile, keys->storage_key);
    if (!opened) return opened.error();
    auto settings = store::load_settings(options.data_dir);
    if (!settings) return settings.error();
    auto peers = store::load_peers(options.data_dir);
    if (!peers) return peers.error();

    std::unique_ptr<NodeCore> core(new NodeCore(options.data_dir, std::move(*lock), std::move(keys->identity),
                                                keys->storage_key, std::move(opened->journal)));
    core->warnings_ = std::move(opened->warnings);
    if (opened->damage) core->damage_ = opened->damage->message;
    core->settings_ = std::move(*settings);
    core->peers_ = std::move(*peers);
    if (Status loaded = core->load_journal_entries(opened->payloads); !loaded) return loaded.error();
    // Entries from another device but no peers.json at all (unpairing leaves an empty list): the
    // pairing was lost, not ended. Say so instead of quietly running unpaired.
    std::error_code ec;
    if (core->peers_.empty() && !std::filesystem::exists(options.data_dir / store::kPeersFile, ec) &&
        core->history_.authors().size() > (core->history_.head(core->device()).seq > 0 ? 1u : 0u)) {
        core->warnings_.push_back(std::string(store::kPeersFile) +
                                  " is missing, but this history holds a partner's entries: this computer no "
                                  "longer knows its partner. Put back peers.json from a backup, or pair again");
    }

    bool save = false;
    if (options.name && *options.name != core->settings_.display_name) {
        core->settings_.display_name = *options.name;
        save = true;
    }
    if (core->settings_.display_name.empty()) {
        core->settings_.display_name = login_name();
        save = true;
    }
    if (save) {
        if (Status saved = core->update_settings(core->settings_); !saved) return saved.error();
    }
    return core;
}

Status NodeCore::load_journal_entries(const std::vector<crypto::Bytes>& payloads) {
    history_ = core::History{};
    std::size_t offset_index = 0;
    for (const crypto::Bytes& payload : payloads) {
        ++offset_index;
        auto entry = core::decode_trusted_entry(payload);
        if (!entry) {
            return make_error("record " + std::to_string(offset_index) + " of " + (data_dir_ / "journal").string() +
                              " is not a valid entry (" + entry.message() + "); restore the data folder from a backup");
        }
        history_.allow_author(entry->author());
        const core::AcceptResult accepted = history_.accept(*entry);
        if (!accepted.ok()) warnings_.push_back("a journal record was skipped: " + accepted.message);
    }
    allow_authors();
    state_ = core::State::fold(history_);
    return {};
}

void NodeCore::allow_authors() {
    std::set<core::DeviceId> allowed{identity_.public_key()};
    for (const store::PairedDevice& peer : peers_) allowed.insert(peer.device_id);
    history_.set_allowed_authors(std::move(allowed));
}

std::optional<std::string> NodeCore::read_only() const {
    if (damage_) return damage_;
    if (!journal_.writable()) return journal_.read_only_reason();
    return std::nullopt;
}

Result<core::Entry> NodeCore::post_kind(core::Kind kind, crypto::Bytes body, std::int64_t now_ms) {
    if (auto reason = read_only()) return make_error("nothing can be saved right now: " + *reason);
    const core::AuthorHead head = history_.head(device());
    auto entry = core::make_entry(identity_, head, std::max(history_.next_lamport(), head.lamport + 1), now_ms,
                                  static_cast<std::int16_t>(local_utc_offset_minutes(now_ms)), kind, std::move(body));
    if (!entry) return entry.error();
    const core::AcceptResult accepted = history_.accept(*entry);
    if (!accepted.is_new()) return make_error("could not add the entry: " + accepted.message);
    pending_.emplace_back(entry->bytes().begin(), entry->bytes().end());
    state_.insert(*entry);
    return entry;
}

std::vector<core::AcceptResult> NodeCore::receive(const std::vector<core::Entry>& entries) {
    std::vector<core::AcceptResult> rejected;
    if (read_only()) return rejected;
    std::vector<core::Entry> accepted_entries;
    for (const core::Entry& entry : entries) {
        const core::AcceptResult accepted = history_.accept(entry);
        if (!accepted.ok()) {
            rejected.push_back(accepted);
        } else if (accepted.is_new()) {
            pending_.emplace_back(entry.bytes().begin(), entry.bytes().end());
            accepted_entries.push_back(entry);
        }
    }
    state_.insert(accepted_entries);
    return rejected;
}

Status NodeCore::commit() {
    if (pending_.empty()) return {};
    Status written = journal_.append_batch(pending_);
    pending_.clear();
    if (!written) {
        // What is in memory is ahead of the disk: go back to what the disk holds.
        if (Status reloaded = reload_from_disk(); !reloaded) damage_ = reloaded.message();
        return make_error("could not save to " + journal_.path().string() + ": " + written.message());
    }
    return {};
}

Status NodeCore::reload_from_disk() {
    auto opened = store::Journal::open(data_dir_ / store::kJournalFile, storage_key_);
    if (!opened) return opened.error();
    journal_ = std::move(opened->journal);
    if (opened->damage) damage_ = opened->damage->message;
    return load_journal_entries(opened->payloads);
}

Status NodeCore::update_settings(const store::Settings& settings) {
    if (Status valid = store::validate_settings(settings); !valid) return valid;
    if (Status saved = store::save_settings(data_dir_, settings); !saved) return saved;
    settings_ = settings;
    return {};
}

Status NodeCore::update_peers(std::vector<store::PairedDevice> peers) {
    if (Status saved = store::save_peers(data_dir_, peers); !saved) return saved;
    peers_ = std::move(peers);
    allow_authors();
    return {};
}

std::string NodeCore::name_of(const core::DeviceId& author) const {
    if (author == device()) return settings_.display_name;
    for (const store::PairedDevice& peer : peers_) {
        if (peer.device_id == author) return peer.name;
    }
    return "device " + core::short_hex(author);
}

}  // namespace candor::node
