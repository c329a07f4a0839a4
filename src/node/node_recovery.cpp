// NodeCore's recovery: a damaged journal rebuilt from what still reads, the decision whether this
// device must get its own chain back from the partner (DATA_DIR/recovery, chain.mark), leaving
// recovery once the partner gave back what it held, and a new chain when the partner's computer
// is gone for good (docs/data.md, docs/protocol.md).
#include <algorithm>
#include <filesystem>

#include "core/entry_times.hpp"
#include "node/journal_record.hpp"
#include "node/node_core.hpp"
#include "store/data_dir.hpp"

namespace candor::node {

int local_utc_offset_minutes(std::int64_t utc_ms);

Status NodeCore::rebuild_damaged_journal(store::OpenedJournal& opened) {
    const std::filesystem::path path = data_dir_ / store::kJournalFile;
    auto aside = store::set_aside_corrupt(path);
    if (!aside) return make_error("the damaged journal could not be set aside (" + aside.message() + ")");
    auto fresh = store::Journal::open(path, storage_key_);
    if (!fresh) return fresh.error();
    if (Status copied = fresh->journal.append_batch(opened.payloads); !copied) return copied;
    journal_ = std::move(fresh->journal);
    damage_.reset();
    warnings_.push_back("the journal was damaged; it is kept as " + aside->string() + ", the " +
                        std::to_string(opened.payloads.size()) +
                        " entries before the damage are in a new journal, and the rest comes back from " +
                        recovery_partner_name() + "'s computer");
    return {};
}

void NodeCore::decide_recovery(const store::OpenedJournal& opened, bool journal_lost) {
    std::uint64_t reported = mark_.saved_seq();
    for (const store::PairedDevice& peer : peers_) reported = std::max(reported, peer.delivered_seq);
    const std::uint64_t held = history_.head(device()).seq;
    const std::filesystem::path marker = data_dir_ / kRecoveryFile;
    std::optional<std::string> reason;
    if (auto file = store::read_file_if_exists(marker, 4096); file && *file) {
        std::string line((*file)->begin(), (*file)->end());
        line = line.substr(0, line.find('\n'));
        std::erase_if(line, [](char ch) { return static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f; });
        reason = line.empty() ? std::string("asked to by ") + marker.string() : line.substr(0, 200);
    } else if (journal_lost) {
        reason = "the journal was missing or empty";
    } else if (opened.damage) {
        reason = "the journal was damaged";
    } else if (reported > held) {
        reason = "the journal holds this computer's entries up to #" + std::to_string(held) + ", but #" +
                 std::to_string(reported) + " had been saved";
        // Not an unfinished append: something said it was saved. Say so instead.
        if (opened.dropped_tail && !warnings_.empty()) {
            warnings_.back() = "the journal's last record is damaged (entry #" + std::to_string(reported) +
                               " had been reported as saved), so it is not an unfinished append";
        }
    }
    if (!reason) {
        if (Status raised = mark_.raise(held); !raised) warnings_.push_back(raised.message());
        return;
    }
    if (peers_.empty()) {
        if (!opened.damage) {
            warnings_.push_back(*reason + "; no partner is paired to get the history back from, so this computer "
                                          "carries on with what it holds");
            std::error_code ec;
            std::filesystem::remove(marker, ec);
            if (Status lowered = mark_.set(held); !lowered) warnings_.push_back(lowered.message());
        }
        return;
    }
    recovery_ = Recovery{*reason, reported};
}

std::string NodeCore::recovery_partner_name() const {
    return peers_.empty() ? std::string("your partner") : peers_.front().name;
}

std::string NodeCore::recovery_refusal() const {
    return "getting your history back from " + recovery_partner_name() +
           "'s computer first: Candor posts again once it is online and has sent it";
}

void NodeCore::leave_recovery() {
    recovery_.reset();
    std::error_code ec;
    std::filesystem::remove(data_dir_ / kRecoveryFile, ec);
    (void)store::fsync_directory(data_dir_);
}

void NodeCore::finish_recovery(std::uint64_t lost) {
    if (!recovery_) return;
    leave_recovery();
    // Seqs above what is held now were never delivered to anyone: they may be given out again.
    if (Status set = mark_.set(history_.head(device()).seq); !set) warnings_.push_back(set.message());
    if (lost > 0) {
        warnings_.push_back(std::to_string(lost) + " entr" + (lost == 1 ? "y" : "ies") +
                            " saved on this computer could not be recovered: " + recovery_partner_name() +
                            "'s computer never received " + (lost == 1 ? "it" : "them"));
    }
}

std::optional<std::string> NodeCore::read_only() const {
    if (damage_) return damage_;
    if (!journal_.writable()) return journal_.read_only_reason();
    return std::nullopt;
}

Result<core::Entry> NodeCore::start_new_chain(std::string reason, std::int64_t now_ms) {
    if (!recovery_) return make_error("this computer holds its whole history: there is no chain to start again");
    if (auto ro = read_only()) return make_error("nothing can be saved right now: " + *ro);
    const core::AuthorHead held = history_.head(device());
    const std::uint64_t skipped = std::max(recovery_->reported, held.seq);
    core::NewChainBody body{held.seq, skipped, std::move(reason)};
    // The entry follows the last entry held (prev) but takes the seq after every one given out.
    auto entry = sign_and_queue(core::AuthorHead{skipped, held.id, held.lamport}, core::Kind::new_chain,
                                core::encode_body(body), now_ms);
    if (entry) leave_recovery();
    return entry;
}

Result<core::Entry> NodeCore::sign_and_queue(const core::AuthorHead& head, core::Kind kind, crypto::Bytes body,
                                             std::int64_t now_ms) {
    auto make = [&](std::int64_t at_ms) {
        return core::make_entry(identity_, head, std::max(history_.next_lamport(), head.lamport + 1), at_ms,
                                static_cast<std::int16_t>(local_utc_offset_minutes(at_ms)), kind, body);
    };
    auto entry = make(now_ms);
    if (!entry) return entry.error();
    // A clock set back: date it no earlier than what it follows or refers to (entry_times.hpp).
    if (const std::int64_t earliest = core::earliest_time(*entry, history_); earliest > now_ms) {
        entry = make(earliest);
        if (!entry) return entry.error();
    }
    const core::AcceptResult accepted = history_.accept(*entry);
    if (!accepted.is_new()) return make_error("could not add the entry: " + accepted.message);
    pending_.push_back(journal_record(*entry, {now_ms, 0}));
    received_at_[entry->id()] = now_ms;
    state_.insert(*entry);
    ++state_generation_;
    return entry;
}

}  // namespace candor::node
