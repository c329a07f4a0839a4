// Pairing codes (generation, display, what a person may type) and invite bookkeeping (expiry,
// wrong tries, single use) with an injected clock.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "net/pairing_code.hpp"

using namespace candor;
using namespace candor::net;

namespace {

constexpr std::int64_t kNow = 1'700'000'000'000;  // any wall-clock time, in ms

bool all_digits(const std::string& s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

PairingCode code_of(std::string_view typed) {
    auto code = PairingCode::parse(typed);
    REQUIRE(code.ok());
    return *code;
}

}  // namespace

TEST_CASE("pairing code: generated codes are 8 digits, shown as 4+4, and vary") {
    std::set<std::string> seen;
    std::set<char> first_digits, last_digits;
    for (int i = 0; i < 300; ++i) {
        const PairingCode code = PairingCode::generate();
        const std::string d = code.digits();
        REQUIRE(d.size() == 8);
        REQUIRE(all_digits(d));
        CHECK(code.bytes().size() == 8);
        CHECK(std::string(code.bytes().begin(), code.bytes().end()) == d);
        const std::string shown = code.display();
        CHECK(shown.size() == 9);
        CHECK(shown[4] == ' ');
        CHECK(shown.substr(0, 4) + shown.substr(5) == d);
        // What is shown must be accepted back as the same code.
        CHECK(code_of(shown) == code);
        seen.insert(d);
        first_digits.insert(d.front());
        last_digits.insert(d.back());
    }
    // 300 draws from 10^8: a repeat is a ~0.05% event; a broken generator repeats constantly.
    CHECK(seen.size() >= 299);
    // Leading positions get the full range too (a generator that never pads with zeros, or
    // draws from a small range, would not).
    CHECK(first_digits.size() == 10);
    CHECK(last_digits.size() == 10);
}

TEST_CASE("pairing code: what a person types is normalised") {
    for (std::string_view typed : {"1234-5678", " 1234 5678 ", "12345678", "1234\t5678", "12-34 56-78",
                                   "--1234--5678--"}) {
        CAPTURE(typed);
        auto code = PairingCode::parse(typed);
        REQUIRE(code.ok());
        CHECK(code->digits() == "12345678");
        CHECK(code->display() == "1234 5678");
    }
    // Leading zeros are part of the code.
    CHECK(code_of("0000 0001").digits() == "00000001");
    CHECK_FALSE(code_of("0000 0001") == code_of("0000 0010"));
}

TEST_CASE("pairing code: anything but 8 digits is refused with a clear message") {
    for (std::string_view typed : {"1234567", "abcd efgh", "", "123456789", "1234 567x", "   ", "- -",
                                   "1234_5678", "1234.5678", "+12345678",
                                   "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94"  // full-width 1234
                                   "\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97\xef\xbc\x98"}) {
        CAPTURE(typed);
        auto code = PairingCode::parse(typed);
        REQUIRE_FALSE(code.ok());
        CHECK(code.message().find("A code has 8 digits, like 1234 5678") != std::string::npos);
    }
    CHECK(PairingCode::parse("1234567").message().find("7 digits") != std::string::npos);
    CHECK(PairingCode::parse("").message().find("Type the code") != std::string::npos);
    CHECK(PairingCode::parse("abcd efgh").message().find("only digits") != std::string::npos);
}

TEST_CASE("pairing invite: default TTL of 5 minutes, then expired") {
    auto invite = PairingInvite::create(kNow);
    REQUIRE(invite.ok());
    CHECK(invite->created_at_ms() == kNow);
    CHECK(invite->expires_at_ms() == kNow + 5 * 60 * 1000);
    CHECK(invite->status(kNow) == InviteStatus::active);
    CHECK(invite->status(kNow + 5 * 60 * 1000 - 1) == InviteStatus::active);
    CHECK(invite->status(kNow + 5 * 60 * 1000) == InviteStatus::expired);
    CHECK(invite->remaining_ms(kNow + 1000) == 5 * 60 * 1000 - 1000);
    CHECK(invite->remaining_ms(kNow + 10 * 60 * 1000) == 0);
    CHECK(invite->check_usable(kNow).ok());
    auto expired = invite->check_usable(kNow + 5 * 60 * 1000);
    REQUIRE_FALSE(expired.ok());
    CHECK(expired.message().find("expired") != std::string::npos);
    CHECK(invite->remaining_tries() == 3);
    CHECK(all_digits(invite->code().digits()));
}

TEST_CASE("pairing invite: configurable TTL within 1 s .. 1 h") {
    auto minute = PairingInvite::create(kNow, 60'000);
    REQUIRE(minute.ok());
    CHECK(minute->expires_at_ms() == kNow + 60'000);
    CHECK(minute->active(kNow + 59'999));
    CHECK_FALSE(minute->active(kNow + 60'000));
    CHECK(PairingInvite::create(kNow, PairingInvite::kMinTtlMs).ok());
    CHECK(PairingInvite::create(kNow, PairingInvite::kMaxTtlMs).ok());
    CHECK_FALSE(PairingInvite::create(kNow, 0).ok());
    CHECK_FALSE(PairingInvite::create(kNow, -1).ok());
    CHECK_FALSE(PairingInvite::create(kNow, 999).ok());
    CHECK_FALSE(PairingInvite::create(kNow, PairingInvite::kMaxTtlMs + 1).ok());
}

TEST_CASE("pairing invite: burns after 3 wrong tries, whatever the time") {
    auto invite = PairingInvite::with_code(code_of("1111 2222"), kNow);
    REQUIRE(invite.ok());
    CHECK(invite->code().digits() == "11112222");
    CHECK(invite->record_wrong_try() == 2);
    CHECK(invite->status(kNow) == InviteStatus::active);
    CHECK(invite->record_wrong_try() == 1);
    CHECK(invite->status(kNow) == InviteStatus::active);
    CHECK_FALSE(invite->spent());
    CHECK(invite->record_wrong_try() == 0);
    CHECK(invite->wrong_tries() == 3);
    CHECK(invite->spent());
    CHECK(invite->status(kNow) == InviteStatus::burned);
    // Burned is more final than expired.
    CHECK(invite->status(kNow + PairingInvite::kDefaultTtlMs) == InviteStatus::burned);
    // Further reports do not go below zero or past the limit.
    CHECK(invite->record_wrong_try() == 0);
    CHECK(invite->wrong_tries() == 3);
    auto refused = invite->check_usable(kNow);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.message().find("3 wrong codes") != std::string::npos);
    CHECK(to_string(invite->status(kNow)) == "burned");
}

TEST_CASE("pairing invite: one successful pairing uses it up") {
    auto invite = PairingInvite::create(kNow);
    REQUIRE(invite.ok());
    invite->mark_used();
    CHECK(invite->spent());
    CHECK(invite->status(kNow) == InviteStatus::used);
    CHECK(invite->status(kNow + PairingInvite::kDefaultTtlMs) == InviteStatus::used);
    CHECK_FALSE(invite->check_usable(kNow).ok());
    CHECK(to_string(InviteStatus::active) == "active");
    CHECK(to_string(InviteStatus::expired) == "expired");
    CHECK(to_string(InviteStatus::used) == "used");
}
