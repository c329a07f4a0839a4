// Read-side queries of State and its canonical dump (used by tests to compare States).
#include <sstream>

#include "core/state.hpp"
#include "common/text.hpp"

namespace candor::core {

const FeedEntry* State::find(const EntryId& id) const {
    auto it = entry_index_.find(id);
    return it == entry_index_.end() ? nullptr : &entries_[it->second];
}

Result<EntryId> State::resolve_prefix(std::string_view prefix) const {
    if (prefix.size() < kMinIdPrefixChars) {
        return make_error("an id needs at least " + std::to_string(kMinIdPrefixChars) + " hex characters");
    }
    if (auto full = parse_id(prefix)) {
        if (find(*full) == nullptr) return make_error("no entry with id " + text::excerpt(prefix, 64));
        return *full;
    }
    std::optional<EntryId> match;
    for (const auto& fe : entries_) {
        if (!id_has_prefix(fe.entry.id(), prefix)) continue;
        if (match) return make_error("the id prefix " + text::excerpt(prefix, 64) + " matches more than one entry");
        match = fe.entry.id();
    }
    if (!match) return make_error("no entry with an id starting with " + text::excerpt(prefix, 64));
    return *match;
}

std::optional<UpdateView> State::current_update(const DeviceId& author, std::int64_t now_ms) const {
    auto it = latest_update_.find(author);
    if (it == latest_update_.end() || !it->second.active(now_ms)) return std::nullopt;
    return it->second;
}

std::vector<AckView> State::acks_for(const EntryId& target) const {
    auto it = acks_.find(target);
    return it == acks_.end() ? std::vector<AckView>{} : it->second;
}

const Commitment* State::commitment(const EntryId& id) const {
    auto it = commitment_index_.find(id);
    return it == commitment_index_.end() ? nullptr : &commitments_[it->second];
}

const CommitmentRequest* State::request(const EntryId& id) const {
    auto it = request_index_.find(id);
    return it == request_index_.end() ? nullptr : &requests_[it->second];
}

std::vector<LateNotice> State::active_late_notices(std::int64_t now_ms) const {
    std::map<DeviceId, const LateNotice*> latest;
    for (const auto& n : lates_) latest[n.author] = &n;  // lates_ is in fold order
    std::vector<LateNotice> out;
    for (const auto& [author, n] : latest) {
        if (n->ended_by || now_ms >= n->body.eta_ms) continue;
        if (n->for_known_commitment) {
            const Commitment* c = commitment(*n->body.for_commitment);
            if (c != nullptr && c->final_outcome) continue;
        }
        out.push_back(*n);
    }
    return out;
}

namespace {
std::string opt_hex(const std::optional<EntryId>& id) { return id ? to_hex(*id) : "-"; }
}  // namespace

const State::Choice* State::choice(std::string_view name) const {
    auto it = choices_.find(name);
    return it == choices_.end() ? nullptr : &it->second;
}

std::string State::dump(std::int64_t now_ms) const {
    std::ostringstream o;
    o << "entries " << entries_.size() << "\n";
    for (const auto& fe : entries_) {
        const Entry& e = fe.entry;
        o << "entry " << to_hex(e.id()) << " " << to_hex(e.author()) << " seq=" << e.seq()
          << " lamport=" << e.lamport() << " kind=" << kind_name(e.kind()) << " effect=" << effect_name(fe.effect)
          << " note=" << fe.note << "\n";
        for (const auto& a : acks_for(e.id()))
            o << "  ack " << to_hex(a.id) << " by=" << to_hex(a.by) << " at=" << a.at_ms << " note=" << a.note << "\n";
    }
    for (const auto& [author, u] : latest_update_) {
        o << "update " << to_hex(author) << " " << to_hex(u.id) << " text=" << u.body.text << " where=" << u.body.where
          << " until=" << u.body.until_ms << " active=" << u.active(now_ms) << "\n";
    }
    for (const auto& c : commitments_) {
        o << "commitment " << to_hex(c.id) << " by=" << to_hex(c.author) << " text=" << c.text << " due=" << c.due_at_ms
          << " status=" << status_name(c.status(now_ms)) << " resolution=" << opt_hex(c.resolution_id)
          << " request=" << opt_hex(c.request_id) << "\n";
        for (const auto& ev : c.story) {
            o << "  story " << static_cast<int>(ev.type) << " " << to_hex(ev.entry_id) << " at=" << ev.at_ms
              << " due=" << ev.due_ms << " minutes=" << ev.minutes << " outcome=" << outcome_name(ev.outcome)
              << " note=" << ev.note << "\n";
        }
    }
    for (const auto& n : lates_) {
        o << "late " << to_hex(n.id) << " by=" << to_hex(n.author) << " minutes=" << n.body.minutes
          << " eta=" << n.body.eta_ms << " for=" << opt_hex(n.body.for_commitment)
          << " known=" << n.for_known_commitment << " ended=" << opt_hex(n.ended_by) << "\n";
    }
    for (const auto& n : active_late_notices(now_ms)) o << "active_late " << to_hex(n.id) << "\n";
    for (const auto& r : requests_) {
        o << "request " << to_hex(r.id) << " by=" << to_hex(r.author) << " text=" << r.body.text
          << " answer=" << opt_hex(r.answer_id) << " accepted=" << r.accepted
          << " commitment=" << opt_hex(r.commitment_id) << "\n";
    }
    for (const auto& c : commitments_)
        if (c.apology_id) o << "commitment_apology " << to_hex(c.id) << " " << to_hex(*c.apology_id) << " " << c.apology_step << "\n";
    for (const auto& [name, c] : choices_)
        o << "choice " << name << " on=" << c.on << " by=" << to_hex(c.by) << " entry=" << to_hex(c.entry) << "\n";
    o << agreement_.dump();
    o << checkins_.dump();
    o << repair_.dump();
    return o.str();
}

}  // namespace candor::core
