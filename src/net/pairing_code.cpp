// Pairing code generation, display and normalisation, and invite bookkeeping.
#include "net/pairing_code.hpp"

#include <algorithm>

namespace candor::net {

namespace {

constexpr std::string_view kCodeShape = "A code has 8 digits, like 1234 5678.";

bool is_separator(char c) { return c == ' ' || c == '\t' || c == '-'; }

}  // namespace

PairingCode PairingCode::generate() {
    crypto::init();
    std::uint32_t value = crypto::random_uniform(100'000'000);
    PairingCode code;
    for (std::size_t i = kDigits; i-- > 0;) {
        code.digits_.data()[i] = static_cast<std::uint8_t>('0' + value % 10);
        value /= 10;
    }
    return code;
}

Result<PairingCode> PairingCode::parse(std::string_view typed) {
    PairingCode code;
    std::size_t count = 0;
    bool other = false;
    for (char c : typed) {
        if (is_separator(c)) continue;
        if (c < '0' || c > '9') {
            other = true;
            continue;
        }
        if (count < kDigits) code.digits_.data()[count] = static_cast<std::uint8_t>(c);
        ++count;
    }
    if (other) {
        return make_error("A code has only digits (spaces and dashes are fine). " +
                          std::string(kCodeShape));
    }
    if (count == 0) {
        return make_error("Type the code shown on the other device. " + std::string(kCodeShape));
    }
    if (count != kDigits) {
        return make_error("That code has " + std::to_string(count) + " digit" +
                          (count == 1 ? "" : "s") + ". " + std::string(kCodeShape));
    }
    return code;
}

std::string PairingCode::digits() const {
    return std::string(reinterpret_cast<const char*>(digits_.data()), kDigits);
}

std::string PairingCode::display() const {
    std::string d = digits();
    return d.substr(0, 4) + " " + d.substr(4);
}

bool PairingCode::operator==(const PairingCode& other) const {
    return std::equal(digits_.data(), digits_.data() + kDigits, other.digits_.data());
}

// ---- PairingInvite --------------------------------------------------------------------------

PairingInvite::PairingInvite(PairingCode code, std::int64_t now_ms, std::int64_t ttl_ms)
    : code_(std::move(code)), created_at_ms_(now_ms), expires_at_ms_(now_ms + ttl_ms) {}

Result<PairingInvite> PairingInvite::create(std::int64_t now_ms, std::int64_t ttl_ms) {
    return with_code(PairingCode::generate(), now_ms, ttl_ms);
}

Result<PairingInvite> PairingInvite::with_code(PairingCode code, std::int64_t now_ms,
                                               std::int64_t ttl_ms) {
    if (ttl_ms < kMinTtlMs || ttl_ms > kMaxTtlMs) {
        return make_error("An invite lasts between 1 second and 60 minutes; choose a TTL in that range.");
    }
    return PairingInvite(std::move(code), now_ms, ttl_ms);
}

std::int64_t PairingInvite::remaining_ms(std::int64_t now_ms) const {
    return std::max<std::int64_t>(0, expires_at_ms_ - now_ms);
}

InviteStatus PairingInvite::status(std::int64_t now_ms) const {
    if (used_) return InviteStatus::used;
    if (wrong_tries_ >= kMaxWrongTries) return InviteStatus::burned;
    if (now_ms >= expires_at_ms_) return InviteStatus::expired;
    return InviteStatus::active;
}

Status PairingInvite::check_usable(std::int64_t now_ms) const {
    switch (status(now_ms)) {
        case InviteStatus::active:
            return {};
        case InviteStatus::expired:
            return make_error("This invite has expired. Start a new invite and use its code.");
        case InviteStatus::burned:
            return make_error(
                "This invite was closed after 3 wrong codes. Start a new invite and use its code.");
        case InviteStatus::used:
            return make_error("This invite has already been used to pair a device. Start a new invite.");
    }
    return make_error("This invite cannot be used. Start a new invite.");
}

int PairingInvite::remaining_tries() const { return std::max(0, kMaxWrongTries - wrong_tries_); }

int PairingInvite::record_wrong_try() {
    if (wrong_tries_ < kMaxWrongTries) ++wrong_tries_;
    return remaining_tries();
}

std::string_view to_string(InviteStatus status) {
    switch (status) {
        case InviteStatus::active: return "active";
        case InviteStatus::expired: return "expired";
        case InviteStatus::burned: return "burned";
        case InviteStatus::used: return "used";
    }
    return "unknown";
}

}  // namespace candor::net
