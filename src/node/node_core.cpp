// Opening a data directory: lock first (so two Nodes never share a journal), then keys, journal,
// settings and paired devices; the journal's entries are re-read without re-verifying signatures
// (they were verified when they arrived and the journal is AEAD-sealed with this device's key).
#include "node/node_core.hpp"

#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <set>

#include "core/entry_times.hpp"
#include "node/journal_record.hpp"
#include "store/data_dir.hpp"
#include "store/key_lock.hpp"
#include "store/key_rewrap.hpp"
#include "store/keys.hpp"

namespace candor::node {

int local_utc_offset_minutes(std::int64_t utc_ms);

namespace {

constexpr std::size_t kMaxHeadsSeen = 64;

// The keys the caller unlocked, or the plain key files (made on a first start).
Result<store::DeviceKeys> open_keys(const NodeCore::OpenOptions& options) {
    if (!options.keys) return store::load_or_create_keys(options.data_dir);
    store::DeviceKeys keys = *options.keys;
    if (Status tidy = store::finish_interrupted_rewrap(options.data_dir, keys); !tidy) return tidy.error();
    return keys;
}

// A subkey of the identity's seed (its first 32 bytes): only this device can derive it, and a
// restored identity derives the same one.
crypto::AeadKey checkin_own_key_of(const crypto::Identity& identity) {
    crypto::Secret<32> seed;
    std::copy(identity.secret_key().data(), identity.secret_key().data() + 32, seed.data());
    return crypto::derive_key(seed, 1, "ckinown1");
}

}  // namespace

NodeCore::NodeCore(std::filesystem::path dir, store::DirectoryLock lock, crypto::Identity identity, crypto::AeadKey key,
                   store::Journal journal, store::ChainMark mark)
    : data_dir_(std::move(dir)),
      lock_(std::move(lock)),
      identity_(std::move(identity)),
      storage_key_(key),
      journal_(std::move(journal)),
      mark_(std::move(mark)),
      checkin_own_key_(checkin_own_key_of(identity_)) {}

Result<std::unique_ptr<NodeCore>> NodeCore::open(const OpenOptions& options) {
    if (Status made = store::ensure_data_dir(options.data_dir); !made) return made.error();
    auto lock = store::DirectoryLock::acquire(options.data_dir);
    if (!lock) {
        return make_error(lock.message() + ": close the other Candor window or stop its 'candor serve', then try again");
    }
    // A journal that is gone while the identity stays would restart this device's chain at seq 1,
    // reusing seqs its partner holds: tell that apart from a first start before anything is made.
    const std::filesystem::path journal_path = options.data_dir / store::kJournalFile;
    std::error_code ec;
    const bool had_identity = std::filesystem::exists(options.data_dir / store::kIdentityKeyFile, ec) ||
                              std::filesystem::exists(options.data_dir / store::kKeyLockFile, ec);
    const bool journal_lost = had_identity && (!std::filesystem::exists(journal_path, ec) ||
                                               std::filesystem::file_size(journal_path, ec) == 0);
    auto keys = open_keys(options);
    if (!keys) return keys.error();
    auto peers = store::load_peers(options.data_dir, &keys->storage_key);
    if (!peers) return peers.error();
    if (journal_lost && peers->empty()) {
        return make_error("the journal " + journal_path.string() +
                          " is missing or empty, but this computer's identity.key is still there and no partner "
                          "is paired to get the history back from: restore the data folder from a backup "
                          "('candor restore FILE'), or put the journal back; to start over as a new device, move "
                          "the folder " + options.data_dir.string() + " aside first");
    }
    auto mark = store::ChainMark::open(options.data_dir);
    if (!mark) return mark.error();
    auto opened = store::Journal::open(journal_path, keys->storage_key);
    if (!opened) return opened.error();
    auto settings = store::load_settings(options.data_dir);
    if (!settings) return settings.error();

    std::unique_ptr<NodeCore> core(new NodeCore(options.data_dir, std::move(*lock), std::move(keys->identity),
                                                keys->storage_key, std::move(opened->journal), std::move(*mark)));
    core->warnings_ = std::move(opened->warnings);
    core->settings_ = std::move(*settings);
    core->peers_ = std::move(*peers);
    core->locked_ = keys->locked;
    const bool damaged = opened->damage.has_value();
    if (damaged) core->damage_ = opened->damage->message;
    if (damaged && !core->peers_.empty()) {
        if (Status rebuilt = core->rebuild_damaged_journal(*opened); !rebuilt) core->warnings_.push_back(rebuilt.message());
    }
    if (Status loaded = core->load_journal_entries(opened->payloads); !loaded) return loaded.error();
    // Entries from another device but no peers.json at all (unpairing leaves an empty list): the
    // pairing was lost, not ended. Say so instead of quietly running unpaired.
    if (core->peers_.empty() && !std::filesystem::exists(options.data_dir / store::kPeersFile, ec) &&
        core->history_.authors().size() > (core->history_.head(core->device()).seq > 0 ? 1u : 0u)) {
        core->warnings_.push_back(std::string(store::kPeersFile) +
                                  " is missing, but this history holds a partner's entries: this computer no "
                                  "longer knows its partner. Put back peers.json from a backup, or pair again");
    }
    core->decide_recovery(*opened, journal_lost);

    bool save = false;
    if (options.name && *options.name != core->settings_.display_name) {
        core->settings_.display_name = *options.name;
        save = true;
    }
    if (core->settings_.display_name.empty()) {
        core->settings_.display_name = store::default_settings().display_name;  // the login name
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
    received_at_.clear();
    core::State::JudgedTimes judged;
    for (const crypto::Bytes& payload : payloads) {
        ++offset_index;
        const Record record = split_record(payload);
        auto entry = core::decode_trusted_entry(record.bytes);
        if (!entry) {
            return make_error("record " + std::to_string(offset_index) + " of " + (data_dir_ / "journal").string() +
                              " is not a valid entry (" + entry.message() + "); restore the data folder from a backup");
        }
        history_.allow_author(entry->author());
        const core::AcceptResult accepted = history_.accept(*entry);
        if (!accepted.ok()) warnings_.push_back("a journal record was skipped: " + accepted.message);
        if (!accepted.is_new()) continue;
        const std::int64_t received_at = record.evidence.received_at_ms;
        received_at_[entry->id()] = received_at != 0 ? received_at : entry->created_at_ms();
        if (entry->author() == device()) continue;  // its own entries count at their own time
        if (const std::int64_t t = core::judged_time(*entry, record.evidence); t != entry->created_at_ms()) {
            judged[entry->id()] = t;
        }
    }
    allow_authors();
    state_ = core::State::fold(history_, std::move(judged));
    ++state_generation_;
    return {};
}

void NodeCore::allow_authors() {
    std::set<core::DeviceId> allowed{identity_.public_key()};
    for (const store::PairedDevice& peer : peers_) allowed.insert(peer.device_id);
    history_.set_allowed_authors(std::move(allowed));
}

Result<core::Entry> NodeCore::post_kind(core::Kind kind, crypto::Bytes body, std::int64_t now_ms) {
    if (recovery_) return make_error(recovery_refusal());
    if (auto reason = read_only()) return make_error("nothing can be saved right now: " + *reason);
    return sign_and_queue(history_.head(device()), kind, std::move(body), now_ms);
}

NodeCore::Received NodeCore::receive(const std::vector<core::Entry>& entries, std::int64_t now_ms) {
    Received out;
    if (read_only()) return out;
    std::vector<core::Entry> accepted_entries;
    for (const core::Entry& entry : entries) {
        core::AcceptResult accepted = history_.check(entry);
        if (accepted.is_new()) accepted = core::check_times(entry, history_);
        if (accepted.is_new()) accepted = history_.accept(entry);
        if (!accepted.ok()) {
            out.rejected.push_back(accepted);
        } else if (accepted.is_new()) {
            const core::ArrivalEvidence evidence{now_ms, not_before(entry.author(), entry.seq())};
            pending_.push_back(journal_record(entry, evidence));
            received_at_[entry.id()] = now_ms;
            if (const std::int64_t t = core::judged_time(entry, evidence); t != entry.created_at_ms()) {
                state_.judge_at(entry.id(), t);
            }
            if (core::clock_ahead(entry, now_ms)) {
                out.clock_ahead_ms = std::max(out.clock_ahead_ms, entry.created_at_ms() - now_ms);
            }
            accepted_entries.push_back(entry);
        }
    }
    state_.insert(accepted_entries);
    ++state_generation_;
    return out;
}

void NodeCore::observe_head(const core::DeviceId& author, std::uint64_t head, std::int64_t now_ms) {
    std::vector<HeadSeen>& seen = heads_seen_[author];
    if (!seen.empty() && seen.back().head >= head) {
        if (seen.back().head == head) seen.back().at_ms = std::max(seen.back().at_ms, now_ms);
        return;  // an older statement (a reordered or stale one) says nothing new
    }
    seen.push_back({head, now_ms});
    if (seen.size() > kMaxHeadsSeen) seen.erase(seen.begin());
}

std::int64_t NodeCore::not_before(const core::DeviceId& author, std::uint64_t seq) const {
    auto it = heads_seen_.find(author);
    if (it == heads_seen_.end()) return 0;
    for (auto seen = it->second.rbegin(); seen != it->second.rend(); ++seen) {
        if (seen->head < seq) return seen->at_ms;
    }
    return 0;
}

std::int64_t NodeCore::received_at(const core::EntryId& id) const {
    auto it = received_at_.find(id);
    return it == received_at_.end() ? 0 : it->second;
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
    // Before anything is replied or sent: from here on these seqs may be held elsewhere.
    if (Status marked = mark_.raise(history_.head(device()).seq); !marked) warnings_.push_back(marked.message());
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

store::DeviceKeys NodeCore::keys() const {
    store::DeviceKeys keys;
    keys.identity = identity_;
    keys.storage_key = storage_key_;
    keys.locked = locked_;
    return keys;
}

Status NodeCore::update_peers(std::vector<store::PairedDevice> peers) {
    if (Status saved = store::save_peers(data_dir_, peers, locked_ ? &storage_key_ : nullptr); !saved) return saved;
    // A partner no longer paired keeps their name on the entries they wrote.
    store::Settings settings = settings_;
    for (const store::PairedDevice& old : peers_) {
        const bool kept = std::any_of(peers.begin(), peers.end(), [&](const auto& p) { return p.device_id == old.device_id; });
        if (!kept) store::remember_former_partner(settings, old.device_id_hex(), old.name);
    }
    if (settings != settings_) (void)update_settings(settings);  // only names: a failure loses nothing else
    peers_ = std::move(peers);
    allow_authors();
    return {};
}

std::string NodeCore::name_of(const core::DeviceId& author) const {
    if (author == device()) return settings_.display_name;
    for (const store::PairedDevice& peer : peers_) {
        if (peer.device_id == author) return peer.name;
    }
    if (auto former = store::former_partner_name(settings_, core::to_hex(author))) return *former;
    return "device " + core::short_hex(author);
}

}  // namespace candor::node
