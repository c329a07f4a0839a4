// Check-ins as the fold sees them: every sealed answer by period and author, which one is in
// force (a replacement before anything was opened takes its place, visibly), which are opened by
// a released key that matches their commitment, which were withdrawn, and every key refused and
// why. Filled by State (state_checkins.cpp); pure, like the rest of core.
#pragma once

#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/checkin_seal.hpp"
#include "core/entry.hpp"

namespace candor::core {

struct SealedCheckin {
    EntryId id{};
    DeviceId author{};
    CheckinType type = CheckinType::daily;
    std::string period;  // from the entry's header: the author's local date or ISO week
    std::int64_t created_at_ms = 0;
    std::int16_t utc_offset_minutes = 0;
    CheckinBody body;
    std::vector<EntryId> replaced;  // the earlier answers this one replaced, oldest first
    std::optional<EntryId> replaced_by;
    std::optional<EntryId> withdrawn_by;
    std::optional<EntryId> key_id;
    std::int64_t opened_at_ms = 0;        // the key entry's author time
    std::optional<CheckinAnswer> answer;  // only once its key has opened it
    // Posted when another author's answer for the period could already be read here.
    bool answered_after_seeing = false;

    [[nodiscard]] bool in_force() const { return !replaced_by && !withdrawn_by; }
    [[nodiscard]] bool opened() const { return answer.has_value(); }
};

struct PeriodKey {
    CheckinType type = CheckinType::daily;
    std::string period;
    auto operator<=>(const PeriodKey&) const = default;
};

struct RejectedKey {
    EntryId key_entry{};
    EntryId checkin{};
    std::string reason;
};

class CheckinLog {
public:
    [[nodiscard]] const SealedCheckin* answer(const EntryId& id) const;
    // The answer in force for a period by an author (withdrawn ones included, replaced ones not).
    [[nodiscard]] const SealedCheckin* current(const PeriodKey& key, const DeviceId& author) const;
    // Every period with an answer, newest first (dates and ISO weeks sort as text).
    [[nodiscard]] std::vector<PeriodKey> periods() const;
    // The answers in force (not withdrawn) for a period, one per author.
    [[nodiscard]] std::vector<const SealedCheckin*> answers_for(const PeriodKey& key) const;
    // At least two authors answered and every answer in force is open.
    [[nodiscard]] bool revealed(const PeriodKey& key) const;
    // Someone other than `author` has an answer in force for the period.
    [[nodiscard]] bool other_answered(const PeriodKey& key, const DeviceId& author) const;
    [[nodiscard]] const std::vector<RejectedKey>& rejected_keys() const { return rejected_; }
    [[nodiscard]] const std::vector<SealedCheckin>& all() const { return answers_; }  // fold order
    [[nodiscard]] std::string dump() const;

    // The fold (called by State in fold order); each returns the note when the entry is ignored.
    std::optional<std::string> fold_sealed(const Entry& e, const CheckinBody& b);
    std::optional<std::string> fold_key(const Entry& e, const CheckinKeyBody& b);
    std::optional<std::string> fold_withdraw(const Entry& e, const CheckinWithdrawBody& b);

private:
    [[nodiscard]] bool other_opened(const PeriodKey& key, const DeviceId& author) const;
    [[nodiscard]] std::optional<std::string> check_replacement(const SealedCheckin& next, const EntryId& target) const;

    std::vector<SealedCheckin> answers_;
    std::unordered_map<EntryId, std::size_t, IdHash> index_;
    std::map<PeriodKey, std::map<DeviceId, std::size_t>> current_;
    std::vector<RejectedKey> rejected_;
};

}  // namespace candor::core
