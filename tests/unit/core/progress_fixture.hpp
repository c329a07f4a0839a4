// A couple's journal built day by day at local times (+01:00), for the progress and milestone
// tests: each post sees every entry before it, as two devices in sync do.
#pragma once

#include <doctest/doctest.h>

#include <vector>

#include "core/checkin_period.hpp"
#include "core/checkin_seal.hpp"
#include "core/state.hpp"
#include "core_helpers.hpp"

namespace candor::core::test {

inline constexpr int kOffset = 60;                   // the couple's UTC offset, minutes
inline constexpr std::int64_t kMinuteMs = 60'000;
inline constexpr std::int64_t kW49Monday = 20787;    // 2026-11-30, days since 1970-01-01

// Local day `day` (days since 1970-01-01) at hh:mm, +01:00.
inline std::int64_t local_ms(std::int64_t day, int hh, int mm = 0) {
    return day_start_ms(day, kOffset) + (std::int64_t{hh} * 60 + mm) * kMinuteMs;
}

struct Journal {
    Author alex, sam;
    crypto::AeadKey alex_own = crypto::aead_keygen(), sam_own = crypto::aead_keygen();
    std::vector<Entry> all;

    template <typename T>
    Entry post(Author& who, const T& body, std::int64_t at) {
        for (const Entry& e : all) who.saw(e);
        auto e = make_entry(who.identity, who.head, who.lamport + 1, at, kOffset, kind_of<T>, encode_body(body));
        REQUIRE(e.ok());
        who.head = e->as_head();
        who.lamport = e->lamport();
        all.push_back(*e);
        return *e;
    }
    Entry commit(Author& who, std::int64_t made, std::int64_t due) {
        return post(who, CommitmentBody{"call at seven", due, std::nullopt}, made);
    }
    Entry resolve(Author& who, const Entry& c, Outcome outcome, std::int64_t at) {
        return post(who, ResolutionBody{c.id(), outcome, 0, {}}, at);
    }
    Entry late(Author& who, const Entry& c, std::int64_t at) {
        return post(who, LateBody{15, "traffic", at + 15 * kMinuteMs, c.id()}, at);
    }
    // A reassurance request settled `minutes` later (never, for 0).
    void reassurance(Author& who, std::int64_t at, int minutes) {
        const Entry r = post(who, ReassuranceRequestBody{""}, at);
        if (minutes > 0) post(who, ReassuranceSettledBody{r.id(), ""}, at + minutes * kMinuteMs);
    }
    // Both answer and open; `sam_answers` false leaves Alex's sealed answer alone.
    void daily(std::int64_t at, const DailyAnswer& a, const DailyAnswer& s, bool sam_answers = true) {
        const Sealed sa = seal_answer(CheckinAnswer{a}, alex.id(), alex_own, std::nullopt);
        const Entry ea = post(alex, sa.body, at);
        if (!sam_answers) return;
        const Sealed ss = seal_answer(CheckinAnswer{s}, sam.id(), sam_own, std::nullopt);
        const Entry es = post(sam, ss.body, at + kMinuteMs);
        post(alex, CheckinKeyBody{ea.id(), key_bytes(sa.key)}, at + 2 * kMinuteMs);
        post(sam, CheckinKeyBody{es.id(), key_bytes(ss.key)}, at + 3 * kMinuteMs);
    }
    void weekly(std::int64_t at, std::vector<std::string> alex_thanks, std::vector<std::string> sam_thanks) {
        const Sealed sa = seal_answer(CheckinAnswer{WeeklyAnswer{std::move(alex_thanks), "", "", ""}}, alex.id(),
                                      alex_own, std::nullopt);
        const Entry ea = post(alex, sa.body, at);
        const Sealed ss = seal_answer(CheckinAnswer{WeeklyAnswer{std::move(sam_thanks), "", "", ""}}, sam.id(),
                                      sam_own, std::nullopt);
        const Entry es = post(sam, ss.body, at + kMinuteMs);
        post(alex, CheckinKeyBody{ea.id(), key_bytes(sa.key)}, at + 2 * kMinuteMs);
        post(sam, CheckinKeyBody{es.id(), key_bytes(ss.key)}, at + 3 * kMinuteMs);
    }
    [[nodiscard]] State state() const {
        State s;
        s.insert(std::span<const Entry>(all));
        return s;
    }
};

}  // namespace candor::core::test
