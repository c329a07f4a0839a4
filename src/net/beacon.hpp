// LAN discovery beacons: a pairing-mode beacon that announces a display name, and a paired
// beacon that carries no stable identifier (random nonce + MAC under the pair key), so only the
// partner recognises it. Parsers are cheap and return nullopt for anything not ours.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "crypto/bytes.hpp"
#include "net/wire.hpp"

namespace candor::net {

inline constexpr ByteArray<3> kBeaconMagic = {'C', 'N', 'B'};
inline constexpr std::uint8_t kBeaconVersion = 2;  // 2: paired beacons carry their time
inline constexpr std::size_t kMaxBeaconSize = 512;
inline constexpr std::size_t kMaxDisplayNameBytes = 64;

// The shared secret of a paired couple of devices, as far as beacons are concerned. Callers
// should derive it from the pairing secret for this use only (crypto::derive_key).
using PairKey = crypto::Secret<32>;
using BeaconNonce = ByteArray<16>;

// looking: a device joining with a code asks inviters nearby to announce themselves to it (its
// source address): so an inviter is found whatever ports the two ended up on.
enum class BeaconKind : std::uint8_t { pairing = 1, paired = 2, looking = 3 };

struct PairingBeacon {
    std::uint16_t port = 0;
    std::string display_name;  // valid UTF-8, no control characters, <= 64 bytes
    BeaconNonce invite_nonce{};
};

struct PairedBeacon {
    std::uint16_t port = 0;
    BeaconNonce nonce{};
    std::int64_t sent_ms = 0;  // the sender's clock, under the MAC: a replay cannot pass as new
    ByteArray<32> mac{};
};

// A name longer than 64 bytes is cut at a character boundary; invalid UTF-8 or control
// characters are an error.
[[nodiscard]] Result<Bytes> encode_pairing_beacon(const PairingBeacon& beacon);
// A fresh random nonce each call, so two beacons of the same device look unrelated. `now_ms`
// is the sender's clock (only the partner can read it: it is hidden under the pair key).
[[nodiscard]] Bytes make_paired_beacon(const PairKey& key, std::uint16_t port, std::int64_t now_ms);

// The header alone: kind `looking` and the sender's ENet port.
[[nodiscard]] Bytes make_looking_beacon(std::uint16_t port);

[[nodiscard]] std::optional<BeaconKind> beacon_kind(ByteView datagram);
// The port a looking beacon names, or nullopt for anything else.
[[nodiscard]] std::optional<std::uint16_t> parse_looking_beacon(ByteView datagram);
[[nodiscard]] std::optional<PairingBeacon> parse_pairing_beacon(ByteView datagram);
[[nodiscard]] std::optional<PairedBeacon> parse_paired_beacon(ByteView datagram);

// Index of the pair key whose MAC matches (constant-time compare), or nullopt.
[[nodiscard]] std::optional<std::size_t> match_paired_beacon(const PairedBeacon& beacon,
                                                             std::span<const PairKey> keys);

// A matched paired beacon counts (as "seen now", and as where to dial) only if it is newer than
// the last one accepted from that partner; the first one after a start only if its time is
// within kMaxBeaconSkewMs of ours. A recorded beacon replayed later is therefore stale. A
// partner whose clock is off by more is still reached at its known addresses, just not
// through its beacons until it restarts.
inline constexpr std::int64_t kMaxBeaconSkewMs = 10 * 60 * 1000;
[[nodiscard]] bool is_fresh_beacon(std::int64_t sent_ms, std::optional<std::int64_t> last_accepted_ms,
                                   std::int64_t now_ms);

// Remembers the last `capacity` nonces. Feed it only beacons whose MAC verified, so junk
// cannot flush real nonces out.
class ReplayFilter {
public:
    explicit ReplayFilter(std::size_t capacity = 1024) : capacity_(capacity == 0 ? 1 : capacity) {}
    // True the first time a nonce is seen (and remembers it); false for a replay.
    [[nodiscard]] bool first_sighting(const BeaconNonce& nonce);
    [[nodiscard]] std::size_t size() const { return order_.size(); }

private:
    std::size_t capacity_;
    std::deque<BeaconNonce> order_;
    std::set<BeaconNonce> seen_;
};

// What a display name shown in a terminal or window may contain: common/text.hpp's rule for a
// single line (no controls, no bidi overrides).
[[nodiscard]] bool is_display_text(std::string_view s);

}  // namespace candor::net
