// Fold rules for check-ins (why they exist):
// - The period comes from the header, so every device files an answer under the same period.
// - One answer in force per author and period. A second one must name the first (replaces) and
//   is accepted only while nothing of that period was opened for the author to read: neither
//   the author's own answer (its key is out) nor the partner's. After that it is refused, so an
//   answer can't be changed once the other's was seen. Replaced answers stay listed.
// - A key counts only from the answer's author, for an answer in force that is not opened yet,
//   and only if it matches the commitment and opens the ciphertext; anything else is refused and
//   recorded (rejected_keys) with the reason. References count only to entries folded before.
// - Withdrawing is the author's, for an unopened answer, before the partner's answer is open.
#include "core/checkins.hpp"

#include <algorithm>
#include <sstream>

#include "core/checkin_period.hpp"

namespace candor::core {

const SealedCheckin* CheckinLog::answer(const EntryId& id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &answers_[it->second];
}

const SealedCheckin* CheckinLog::current(const PeriodKey& key, const DeviceId& author) const {
    auto p = current_.find(key);
    if (p == current_.end()) return nullptr;
    auto a = p->second.find(author);
    return a == p->second.end() ? nullptr : &answers_[a->second];
}

std::vector<PeriodKey> CheckinLog::periods() const {
    std::vector<PeriodKey> out;
    out.reserve(current_.size());
    for (const auto& [key, by] : current_) out.push_back(key);
    std::stable_sort(out.begin(), out.end(), [](const PeriodKey& a, const PeriodKey& b) { return a.period > b.period; });
    return out;
}

std::vector<const SealedCheckin*> CheckinLog::answers_for(const PeriodKey& key) const {
    std::vector<const SealedCheckin*> out;
    auto p = current_.find(key);
    if (p == current_.end()) return out;
    for (const auto& [author, index] : p->second)
        if (answers_[index].in_force()) out.push_back(&answers_[index]);
    return out;
}

bool CheckinLog::revealed(const PeriodKey& key) const {
    const auto answers = answers_for(key);
    return answers.size() >= 2 &&
           std::all_of(answers.begin(), answers.end(), [](const SealedCheckin* a) { return a->opened(); });
}

bool CheckinLog::other_answered(const PeriodKey& key, const DeviceId& author) const {
    const auto answers = answers_for(key);
    return std::any_of(answers.begin(), answers.end(), [&](const SealedCheckin* a) { return a->author != author; });
}

bool CheckinLog::other_opened(const PeriodKey& key, const DeviceId& author) const {
    const auto answers = answers_for(key);
    return std::any_of(answers.begin(), answers.end(),
                       [&](const SealedCheckin* a) { return a->author != author && a->opened(); });
}

std::optional<std::string> CheckinLog::check_replacement(const SealedCheckin& next, const EntryId& target) const {
    const SealedCheckin* old = answer(target);
    if (old == nullptr) return "replaces a check-in this device does not have";
    if (old->author != next.author) return "replaces someone else's check-in";
    if (old->type != next.type || old->period != next.period) return "replaces a check-in for another period";
    if (current(PeriodKey{next.type, next.period}, next.author) != old) return "replaces a check-in already replaced";
    if (old->opened()) return "the check-in it replaces was already opened: after the reveal it stays as it was";
    if (other_opened(PeriodKey{next.type, next.period}, next.author)) {
        return "the partner's answer for that period was already opened: an answer can't change after that";
    }
    return std::nullopt;
}

std::optional<std::string> CheckinLog::fold_sealed(const Entry& e, const CheckinBody& b) {
    SealedCheckin c;
    c.id = e.id();
    c.author = e.author();
    c.type = b.type;
    c.period = checkin_period(b.type, e.created_at_ms(), e.utc_offset_minutes());
    c.created_at_ms = e.created_at_ms();
    c.utc_offset_minutes = e.utc_offset_minutes();
    c.body = b;
    const PeriodKey key{c.type, c.period};
    SealedCheckin* old = nullptr;
    if (b.replaces) {
        if (auto refused = check_replacement(c, *b.replaces)) return refused;
        old = &answers_[index_.at(*b.replaces)];
        c.replaced = old->replaced;
        c.replaced.push_back(old->id);
    } else if (const SealedCheckin* in_force = current(key, c.author); in_force && !in_force->withdrawn_by) {
        return "already answered for " + c.period + ": a new answer must replace the one in force";
    }
    c.answered_after_seeing = other_opened(key, c.author);
    if (old) old->replaced_by = c.id;
    index_.emplace(c.id, answers_.size());
    current_[key][c.author] = answers_.size();
    answers_.push_back(std::move(c));
    return std::nullopt;
}

std::optional<std::string> CheckinLog::fold_key(const Entry& e, const CheckinKeyBody& b) {
    auto it = index_.find(b.checkin_id);
    if (it == index_.end()) return "opens a check-in this device does not have";
    SealedCheckin& c = answers_[it->second];
    if (c.author != e.author()) return "only a check-in's author can open it";
    if (c.replaced_by) return "that check-in was replaced: only the answer in force is opened";
    if (c.withdrawn_by) return "that check-in was withdrawn";
    if (c.opened()) return "that check-in was already opened";
    auto opened = open_answer(c.body, c.author, key_from_bytes(b.key));
    if (const auto* problem = std::get_if<OpenProblem>(&opened)) {
        std::string reason(open_problem_words(*problem));
        rejected_.push_back(RejectedKey{e.id(), c.id, reason});
        return reason;
    }
    c.answer = std::get<CheckinAnswer>(std::move(opened));
    c.key_id = e.id();
    c.opened_at_ms = e.created_at_ms();
    return std::nullopt;
}

std::optional<std::string> CheckinLog::fold_withdraw(const Entry& e, const CheckinWithdrawBody& b) {
    auto it = index_.find(b.checkin_id);
    if (it == index_.end()) return "withdraws a check-in this device does not have";
    SealedCheckin& c = answers_[it->second];
    if (c.author != e.author()) return "only a check-in's author can withdraw it";
    if (c.replaced_by) return "that check-in was replaced";
    if (c.withdrawn_by) return "that check-in was already withdrawn";
    if (c.opened()) return "that check-in was already opened: it can't be withdrawn";
    if (other_opened(PeriodKey{c.type, c.period}, c.author)) {
        return "the partner's answer for that period was already opened: it can't be withdrawn now";
    }
    c.withdrawn_by = e.id();
    return std::nullopt;
}

std::string CheckinLog::dump() const {
    std::ostringstream o;
    for (const auto& c : answers_) {
        o << "checkin " << to_hex(c.id) << " by=" << to_hex(c.author) << " " << checkin_type_name(c.type) << " "
          << c.period << " opened=" << c.opened() << " replaced_by=" << (c.replaced_by ? short_hex(*c.replaced_by) : "-")
          << " withdrawn=" << (c.withdrawn_by ? short_hex(*c.withdrawn_by) : "-")
          << " after_seeing=" << c.answered_after_seeing << "\n";
    }
    for (const auto& key : periods()) o << "period " << checkin_type_name(key.type) << " " << key.period
                                        << " revealed=" << revealed(key) << "\n";
    for (const auto& r : rejected_) o << "rejected_key " << to_hex(r.key_entry) << " " << r.reason << "\n";
    return o.str();
}

}  // namespace candor::core
