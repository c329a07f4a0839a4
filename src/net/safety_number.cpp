// The safety number both screens show after pairing, from the two device ids.
#include "crypto/hash.hpp"
#include "net/pairing.hpp"

namespace candor::net {
namespace {
constexpr std::string_view kSafetyLabel = "CandorSafetyNumber/1";
}  // namespace

// ---- Safety number --------------------------------------------------------------------------

std::string safety_number(const PairingDeviceId& a, const PairingDeviceId& b) {
    const PairingDeviceId& low = std::min(a, b);
    const PairingDeviceId& high = std::max(a, b);
    Writer w;
    w.raw(crypto::as_bytes(kSafetyLabel));
    w.bytes8(low);
    w.bytes8(high);
    const crypto::Hash64 digest = crypto::sha512(w.data());
    std::string digits;
    digits.reserve(60);
    for (std::size_t group = 0; group < 12; ++group) {
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < 5; ++i) v = (v << 8) | digest[group * 5 + i];
        std::string five = std::to_string(v % 100000);
        digits += std::string(5 - five.size(), '0') + five;
    }
    return digits;
}

std::vector<std::string> safety_number_groups(std::string_view digits) {
    std::vector<std::string> groups;
    for (std::size_t i = 0; i < digits.size(); i += 5) groups.emplace_back(digits.substr(i, 5));
    return groups;
}

std::string display_safety_number(std::string_view digits, int per_line) {
    std::string out;
    const auto groups = safety_number_groups(digits);
    for (std::size_t i = 0; i < groups.size(); ++i) {
        if (i > 0) out += (per_line > 0 && i % static_cast<std::size_t>(per_line) == 0) ? '\n' : ' ';
        out += groups[i];
    }
    return out;
}

}  // namespace candor::net
