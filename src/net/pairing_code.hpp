// The short code one device shows and the other types to pair (the CPace password), and the
// bookkeeping of a pairing invite: when it expires and how many wrong codes it still tolerates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "crypto/bytes.hpp"

namespace candor::net {

// Eight decimal digits, shown as "1234 5678": easy to read aloud, to type on any keyboard and to
// compare at a glance. 10^8 codes is about 26.6 bits, which is enough because of how the code is
// used: CPace gives a network attacker exactly one online guess per pairing attempt and nothing
// to test offline (a passive observer learns nothing), and an invite burns after 3 wrong codes
// and expires after minutes. The best an attacker can do is 3 guesses per invite the user
// starts: a 3 in 10^8 chance. Longer codes would only make people mistype more.
class PairingCode {
public:
    static constexpr std::size_t kDigits = 8;

    // A uniformly random code (crypto::random_uniform, so every code is equally likely).
    [[nodiscard]] static PairingCode generate();
    // What a person typed: spaces, tabs and dashes are ignored; exactly 8 digits must remain.
    // The error says what a code looks like.
    [[nodiscard]] static Result<PairingCode> parse(std::string_view typed);

    // The 8 ASCII digits, e.g. "12345678": the exact bytes both sides feed to CPace as the PRS.
    [[nodiscard]] crypto::ByteView bytes() const { return digits_.view(); }
    [[nodiscard]] std::string digits() const;
    // "1234 5678".
    [[nodiscard]] std::string display() const;

    // Not constant time; only for tests and bookkeeping, never to check a code (CPace does that).
    [[nodiscard]] bool operator==(const PairingCode& other) const;

private:
    PairingCode() = default;
    crypto::Secret<kDigits> digits_;  // wiped when the code is dropped
};

enum class InviteStatus : std::uint8_t {
    active,   // may still be used
    expired,  // its time ran out
    burned,   // 3 wrong codes were tried
    used,     // a device paired with it; an invite pairs one device only
};

// One invite: the code, when it stops working, and the wrong codes tried against it. Pure
// bookkeeping with the time passed in (ms since the epoch), so the Node and tests own the clock.
class PairingInvite {
public:
    static constexpr std::int64_t kDefaultTtlMs = 5 * 60 * 1000;
    static constexpr std::int64_t kMinTtlMs = 1000;
    static constexpr std::int64_t kMaxTtlMs = 60 * 60 * 1000;
    static constexpr int kMaxWrongTries = 3;

    // A new random code valid for ttl_ms from now; a TTL outside [1 s, 1 h] is an error.
    [[nodiscard]] static Result<PairingInvite> create(std::int64_t now_ms,
                                                      std::int64_t ttl_ms = kDefaultTtlMs);
    // The same with a given code (tests, or a code chosen elsewhere).
    [[nodiscard]] static Result<PairingInvite> with_code(PairingCode code, std::int64_t now_ms,
                                                         std::int64_t ttl_ms = kDefaultTtlMs);

    [[nodiscard]] const PairingCode& code() const { return code_; }
    [[nodiscard]] std::int64_t created_at_ms() const { return created_at_ms_; }
    [[nodiscard]] std::int64_t expires_at_ms() const { return expires_at_ms_; }
    // For a countdown: 0 once expired.
    [[nodiscard]] std::int64_t remaining_ms(std::int64_t now_ms) const;

    // used > burned > expired > active: the most final reason wins.
    [[nodiscard]] InviteStatus status(std::int64_t now_ms) const;
    [[nodiscard]] bool active(std::int64_t now_ms) const { return status(now_ms) == InviteStatus::active; }
    // Burned or used: no longer usable whatever the time (checked again at the end of a run, in
    // case a parallel attempt used the invite up meanwhile).
    [[nodiscard]] bool spent() const { return used_ || wrong_tries_ >= kMaxWrongTries; }
    // Ok while active; otherwise a message saying what to do.
    [[nodiscard]] Status check_usable(std::int64_t now_ms) const;

    [[nodiscard]] int wrong_tries() const { return wrong_tries_; }
    [[nodiscard]] int remaining_tries() const;
    // Counts one wrong code; returns the tries left (0: the invite is now burned).
    int record_wrong_try();
    void mark_used() { used_ = true; }

private:
    PairingInvite(PairingCode code, std::int64_t now_ms, std::int64_t ttl_ms);

    PairingCode code_;
    std::int64_t created_at_ms_ = 0;
    std::int64_t expires_at_ms_ = 0;
    int wrong_tries_ = 0;
    bool used_ = false;
};

[[nodiscard]] std::string_view to_string(InviteStatus status);

}  // namespace candor::net
