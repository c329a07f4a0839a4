// Sealed check-ins in the fold: every arrival order of the four entries (two sealed answers, two
// keys), keys that don't match their commitment, withdraw, replacement before and refusal after
// the reveal, and the period taken from the author's local date at midnight and across DST.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>

#include "core/checkin_period.hpp"
#include "core/checkin_seal.hpp"
#include "core/state.hpp"
#include "core_helpers.hpp"

using namespace candor;
using namespace candor::core;
using candor::core::test::Author;
using candor::core::test::kT0;

namespace {
constexpr std::int64_t kMinute = 60'000;

Entry make_at(Author& who, Kind kind, Bytes body, std::int64_t at_ms, std::int16_t offset = 60) {
    auto e = make_entry(who.identity, who.head, who.lamport + 1, at_ms, offset, kind, std::move(body));
    REQUIRE(e.ok());
    who.head = e->as_head();
    who.lamport = e->lamport();
    return *e;
}

struct Answering {
    Author author;
    crypto::AeadKey own = crypto::aead_keygen();
    Sealed sealed_daily(const DailyAnswer& a, std::optional<EntryId> replaces = std::nullopt) {
        return seal_answer(CheckinAnswer{a}, author.id(), own, replaces);
    }
    Entry answer(const DailyAnswer& a, std::int64_t at = kT0, std::optional<EntryId> replaces = std::nullopt,
                 std::int16_t offset = 60) {
        last = sealed_daily(a, replaces);
        return make_at(author, Kind::checkin, encode_body(last->body), at, offset);
    }
    Entry key_for(const Entry& sealed_entry, const CheckinKey& key, std::int64_t at = kT0 + kMinute) {
        return make_at(author, Kind::checkin_key, encode_body(CheckinKeyBody{sealed_entry.id(), key_bytes(key)}), at);
    }
    std::optional<Sealed> last;
};

const DailyAnswer kAlex{4, 3, 5, "a calm evening"};
const DailyAnswer kSam{2, 4, 3, "the phone call helped"};

State fold_of(const std::vector<Entry>& entries) {
    State s;
    s.insert(std::span<const Entry>(entries));
    return s;
}
}  // namespace

TEST_CASE("checkin: sealed and revealed state for every arrival order of the four entries") {
    Answering a, b;
    const Entry sa = a.answer(kAlex);
    const CheckinKey ka = a.last->key;
    const Entry sb = b.answer(kSam);
    const CheckinKey kb = b.last->key;
    a.author.saw(sb);  // each releases its key only after holding the other's sealed answer
    b.author.saw(sa);
    const Entry key_a = a.key_for(sa, ka);
    const Entry key_b = b.key_for(sb, kb);
    const std::array<Entry, 4> all{sa, sb, key_a, key_b};
    const PeriodKey period{CheckinType::daily, checkin_period(CheckinType::daily, kT0, 60)};
    std::array<int, 4> order{0, 1, 2, 3};
    int orders = 0;
    do {
        State s;
        std::vector<Entry> held;
        for (int i : order) {
            s.insert(all[static_cast<std::size_t>(i)]);
            held.push_back(all[static_cast<std::size_t>(i)]);
            const auto has = [&](const Entry& e) { return s.find(e.id()) != nullptr; };
            const SealedCheckin* alex = s.checkins().current(period, a.author.id());
            const SealedCheckin* sam = s.checkins().current(period, b.author.id());
            CHECK((alex != nullptr) == has(sa));
            CHECK((sam != nullptr) == has(sb));
            if (alex) CHECK(alex->opened() == has(key_a));
            if (sam) CHECK(sam->opened() == has(key_b));
            CHECK(s.checkins().revealed(period) == (held.size() == 4));
            CHECK(s.dump(kT0) == fold_of(held).dump(kT0));  // the same set, the same State
        }
        const SealedCheckin* sam = s.checkins().current(period, b.author.id());
        REQUIRE(sam != nullptr);
        REQUIRE(sam->answer.has_value());
        CHECK(std::get<DailyAnswer>(*sam->answer) == kSam);
        CHECK_FALSE(sam->answered_after_seeing);
        ++orders;
    } while (std::next_permutation(order.begin(), order.end()));
    CHECK(orders == 24);
}

TEST_CASE("checkin: a key released before the partner answered opens it; the late answer is marked") {
    Answering a, b;
    const Entry sa = a.answer(kAlex);
    const Entry key_a = a.key_for(sa, a.last->key);  // by Alex's choice, nobody else had answered
    b.author.saw(key_a);
    const Entry sb = b.answer(kSam);
    const State s = fold_of({sa, key_a, sb});
    const SealedCheckin* sam = s.checkins().answer(sb.id());
    REQUIRE(sam != nullptr);
    CHECK(sam->answered_after_seeing);
    CHECK(s.checkins().answer(sa.id())->opened());
    CHECK_FALSE(s.checkins().revealed(PeriodKey{CheckinType::daily, sam->period}));
}

TEST_CASE("checkin: a key that does not match its commitment is refused and recorded") {
    Answering a;
    const Entry sa = a.answer(kAlex);
    const Entry forged = a.key_for(sa, crypto::aead_keygen());
    State s = fold_of({sa, forged});
    CHECK_FALSE(s.checkins().answer(sa.id())->opened());
    REQUIRE(s.checkins().rejected_keys().size() == 1);
    CHECK(s.checkins().rejected_keys()[0].key_entry == forged.id());
    CHECK(s.find(forged.id())->effect == EntryEffect::ignored);
    CHECK(s.find(forged.id())->note.find("commitment") != std::string::npos);
    // The right key still opens it afterwards.
    const Entry right = a.key_for(sa, a.last->key, kT0 + 2 * kMinute);
    s.insert(right);
    CHECK(s.checkins().answer(sa.id())->opened());
}

TEST_CASE("checkin: a key matching the commitment over a ciphertext it does not open is refused") {
    Answering a;
    Sealed sealed = a.sealed_daily(kAlex);
    sealed.body.sealed[3] ^= 0x40;  // the author posted a ciphertext its key cannot open
    const Entry sa = make_at(a.author, Kind::checkin, encode_body(sealed.body), kT0);
    const Entry key = a.key_for(sa, sealed.key);
    const State s = fold_of({sa, key});
    CHECK_FALSE(s.checkins().answer(sa.id())->opened());
    REQUIRE(s.checkins().rejected_keys().size() == 1);
    CHECK(s.checkins().rejected_keys()[0].reason.find("does not open") != std::string::npos);
}

TEST_CASE("checkin: only its author opens or withdraws a check-in") {
    Answering a, b;
    const Entry sa = a.answer(kAlex);
    b.author.saw(sa);
    const Entry by_b = make_at(b.author, Kind::checkin_key, encode_body(CheckinKeyBody{sa.id(), key_bytes(a.last->key)}), kT0);
    const Entry wd = make_at(b.author, Kind::checkin_withdraw, encode_body(CheckinWithdrawBody{sa.id(), ""}), kT0);
    const State s = fold_of({sa, by_b, wd});
    CHECK_FALSE(s.checkins().answer(sa.id())->opened());
    CHECK_FALSE(s.checkins().answer(sa.id())->withdrawn_by);
    CHECK(s.find(by_b.id())->effect == EntryEffect::ignored);
    CHECK(s.find(wd.id())->effect == EntryEffect::ignored);
}

TEST_CASE("checkin: withdraw takes an unopened answer back; its key no longer counts") {
    Answering a;
    const Entry sa = a.answer(kAlex);
    const CheckinKey key = a.last->key;
    const Entry wd = make_at(a.author, Kind::checkin_withdraw, encode_body(CheckinWithdrawBody{sa.id(), "not today"}), kT0 + kMinute);
    const Entry late_key = a.key_for(sa, key, kT0 + 2 * kMinute);
    const State s = fold_of({sa, wd, late_key});
    const PeriodKey period{CheckinType::daily, s.checkins().answer(sa.id())->period};
    CHECK(s.checkins().answer(sa.id())->withdrawn_by == wd.id());
    CHECK(s.checkins().answers_for(period).empty());
    CHECK_FALSE(s.checkins().answer(sa.id())->opened());
    CHECK(s.find(late_key.id())->effect == EntryEffect::ignored);
    // A new answer for the same day after withdrawing is accepted.
    const Entry again = a.answer(kAlex, kT0 + 3 * kMinute);
    CHECK(fold_of({sa, wd, late_key, again}).checkins().answers_for(period).size() == 1);
}

TEST_CASE("checkin: a replacement before the reveal takes the place, visibly; after it, refused") {
    Answering a, b;
    const Entry first = a.answer(kAlex);
    const DailyAnswer changed{5, 5, 5, "actually, a lovely day"};
    const Entry second = a.answer(changed, kT0 + kMinute, first.id());
    const CheckinKey key2 = a.last->key;
    const Entry unreplaced = a.answer(kAlex, kT0 + 2 * kMinute);  // no `replaces`: refused
    State s = fold_of({first, second, unreplaced});
    const SealedCheckin* in_force = s.checkins().answer(second.id());
    REQUIRE(in_force != nullptr);
    CHECK(in_force->replaced == std::vector<EntryId>{first.id()});
    CHECK(s.checkins().answer(first.id())->replaced_by == second.id());
    CHECK(s.find(unreplaced.id())->effect == EntryEffect::ignored);
    // Opened: a further replacement is refused, and the old one's key counts for nothing.
    const Entry key = a.key_for(second, key2, kT0 + 3 * kMinute);
    const Entry third = a.answer(kAlex, kT0 + 4 * kMinute, second.id());
    s = fold_of({first, second, unreplaced, key, third});
    CHECK(s.find(third.id())->effect == EntryEffect::ignored);
    CHECK(s.find(third.id())->note.find("already opened") != std::string::npos);
    CHECK(std::get<DailyAnswer>(*s.checkins().answer(second.id())->answer) == changed);
    // Sam's answer can't change once Alex's is open on the devices either.
    const Entry sb = b.answer(kSam, kT0);
    b.author.saw(key);
    const Entry sb2 = b.answer(kAlex, kT0 + 5 * kMinute, sb.id());
    s = fold_of({first, second, key, sb, sb2});
    CHECK(s.find(sb2.id())->effect == EntryEffect::ignored);
}

TEST_CASE("checkin: the period is the author's local date at midnight and across DST") {
    // 2026-12-02 23:59:59 and 2026-12-03 00:00:00 at UTC+1.
    const std::int64_t midnight = day_start_ms(local_day(kT0, 60), 60);  // a local midnight
    CHECK(checkin_period(CheckinType::daily, midnight - 1, 60) != checkin_period(CheckinType::daily, midnight, 60));
    CHECK(checkin_period(CheckinType::daily, 1'796'252'399'000, 60) == "2026-12-02");  // 2026-12-02T23:59:59+01:00
    CHECK(checkin_period(CheckinType::daily, 1'796'252'400'000, 60) == "2026-12-03");
    CHECK(checkin_period(CheckinType::daily, 1'796'252'400'000, -300) == "2026-12-02");  // same instant, New York
    CHECK(checkin_period(CheckinType::weekly, 1'796'252'400'000, 60) == "2026-W49");
    // Europe/Berlin's 25-hour day, 2026-10-25: 00:30 at +02:00 and 23:59 at +01:00 are the same day.
    CHECK(checkin_period(CheckinType::daily, 1'792'881'000'000, 120) == "2026-10-25");  // 2026-10-24T22:30Z
    CHECK(checkin_period(CheckinType::daily, 1'792'969'140'000, 60) == "2026-10-25");   // 2026-10-25T22:59Z
    CHECK(checkin_period(CheckinType::daily, 1'792'969'200'000, 60) == "2026-10-26");   // 2026-10-25T23:00Z
    // 2026-03-29, the 23-hour day: 01:59 at +01:00 then 03:00 at +02:00 are one day.
    CHECK(checkin_period(CheckinType::daily, 1'774'745'940'000, 60) == "2026-03-29");   // 2026-03-29T00:59Z
    CHECK(checkin_period(CheckinType::daily, 1'774'746'000'000, 120) == "2026-03-29");  // 2026-03-29T01:00Z
    // ISO weeks at the year's edges.
    CHECK(iso_week_string(local_day(1'798'761'600'000, 0)) == "2026-W53");  // 2027-01-01, a Friday
    CHECK(iso_week_string(local_day(1'609'632'000'000, 0)) == "2020-W53");  // 2021-01-03, a Sunday
    CHECK(iso_week_string(local_day(1'609'718'400'000, 0)) == "2021-W01");  // 2021-01-04, a Monday
}

TEST_CASE("checkin: answers at both sides of the author's midnight are two periods; offsets come from the header") {
    Answering a, b;
    const std::int64_t midnight = day_start_ms(local_day(kT0, 60), 60);
    const Entry before = a.answer(kAlex, midnight - 1000, std::nullopt, 60);
    const Entry after = a.answer(kAlex, midnight + 1000, std::nullopt, 60);  // a new day: no replace needed
    // Sam, at UTC-5, answers at the same instant as `after`: for Sam it is still the day before.
    const Entry sam = b.answer(kSam, midnight + 1000, std::nullopt, -300);
    const State s = fold_of({before, after, sam});
    CHECK(s.find(after.id())->effect == EntryEffect::counted);
    CHECK(s.checkins().answer(before.id())->period == s.checkins().answer(sam.id())->period);
    CHECK(s.checkins().answer(after.id())->period != s.checkins().answer(before.id())->period);
    CHECK(s.checkins().periods().size() == 2);
}

TEST_CASE("checkin: bodies are checked like every kind; answers are checked before sealing") {
    CHECK_FALSE(check_body(Kind::checkin, Bytes{1, 2, 3}));
    CHECK_FALSE(check_body(Kind::checkin_key, Bytes{1}));
    CHECK(check_body(Kind::checkin_withdraw, encode_body(CheckinWithdrawBody{EntryId{}, "ok"})));
    CHECK(kind_name(Kind::checkin) == "checkin");
    CHECK_FALSE(check_answer(CheckinAnswer{DailyAnswer{0, 3, 3, ""}}));
    CHECK_FALSE(check_answer(CheckinAnswer{DailyAnswer{3, 6, 3, ""}}));
    CHECK(check_answer(CheckinAnswer{DailyAnswer{1, 5, 3, ""}}));
    CHECK_FALSE(check_answer(CheckinAnswer{WeeklyAnswer{}}));
    CHECK_FALSE(check_answer(CheckinAnswer{WeeklyAnswer{{"a", "b", "c", "d", "e", "f"}, "", "", ""}}));
    CHECK_FALSE(check_answer(CheckinAnswer{WeeklyAnswer{{"the \x1b[2J call"}, "", "", ""}}));
    CHECK(check_answer(CheckinAnswer{WeeklyAnswer{{"you called"}, "", "", ""}}));
}

TEST_CASE("checkin: the sealed body holds no plaintext, and its size does not tell the note's length") {
    Answering a;
    const DailyAnswer secret{2, 2, 2, "SECRET-NOTE-WORDS"};
    Sealed s = a.sealed_daily(secret);
    const Bytes body = encode_body(s.body);
    const std::string as_text(body.begin(), body.end());
    CHECK(as_text.find("SECRET-NOTE-WORDS") == std::string::npos);
    Sealed shorter = a.sealed_daily(DailyAnswer{2, 2, 2, "x"});
    CHECK(shorter.body.sealed.size() == s.body.sealed.size());
    // The author gets the key back from its own body; someone else's own key does not.
    REQUIRE(own_key_of(s.body, a.author.id(), a.own));
    CHECK(crypto::equal_ct(own_key_of(s.body, a.author.id(), a.own)->view(), s.key.view()));
    CHECK_FALSE(own_key_of(s.body, a.author.id(), crypto::aead_keygen()));
}
