// Beacon encoding, parsing, MAC checks and the replay filter.
#include "net/beacon.hpp"

#include "common/text.hpp"
#include "crypto/hash.hpp"

namespace candor::net {

namespace {

constexpr std::string_view kMacLabel = "candor beacon v2";
constexpr std::size_t kHeaderSize = 3 + 1 + 1 + 2;  // magic, version, kind, port

void write_header(Writer& w, BeaconKind kind, std::uint16_t port) {
    w.array(kBeaconMagic);
    w.u8(kBeaconVersion);
    w.u8(static_cast<std::uint8_t>(kind));
    w.u16(port);
}

// Reads the header; nullopt unless it is one of our beacons of the expected kind.
std::optional<std::uint16_t> read_header(Reader& r, BeaconKind want) {
    auto magic = r.array<3>();
    std::uint8_t version = r.u8();
    std::uint8_t kind = r.u8();
    std::uint16_t port = r.u16();
    if (!r.ok() || magic != kBeaconMagic || version != kBeaconVersion ||
        kind != static_cast<std::uint8_t>(want)) {
        return std::nullopt;
    }
    return port;
}

// The MAC covers the label and every byte before it: header (kind, port), nonce and time.
ByteArray<32> beacon_mac(const PairKey& key, ByteView header_and_nonce) {
    Writer m;
    m.raw(crypto::as_bytes(kMacLabel));
    m.raw(header_and_nonce);
    return crypto::blake2b_256_keyed(key.view(), m.data());
}

// Length of the longest prefix of s, at most max bytes, that ends on a character boundary.
std::size_t utf8_prefix(std::string_view s, std::size_t max) {
    if (s.size() <= max) return s.size();
    std::size_t n = max;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return n;
}

}  // namespace

bool is_display_text(std::string_view s) { return text::is_safe(s, text::Lines::single); }

Result<Bytes> encode_pairing_beacon(const PairingBeacon& beacon) {
    if (!is_display_text(beacon.display_name)) {
        return make_error("the display name must be readable text (UTF-8, no control characters)");
    }
    std::string_view name = beacon.display_name;
    name = name.substr(0, utf8_prefix(name, kMaxDisplayNameBytes));
    Writer w;
    write_header(w, BeaconKind::pairing, beacon.port);
    w.bytes8(crypto::as_bytes(name));
    w.array(beacon.invite_nonce);
    return w.take();
}

namespace {
void write_paired_fields(Writer& w, std::uint16_t port, const BeaconNonce& nonce, std::int64_t sent_ms) {
    write_header(w, BeaconKind::paired, port);
    w.array(nonce);
    w.u64(static_cast<std::uint64_t>(sent_ms));
}
}  // namespace

Bytes make_paired_beacon(const PairKey& key, std::uint16_t port, std::int64_t now_ms) {
    BeaconNonce nonce{};
    crypto::random_bytes(nonce);
    Writer w;
    write_paired_fields(w, port, nonce, now_ms);
    w.array(beacon_mac(key, w.data()));
    return w.take();
}

Bytes make_looking_beacon(std::uint16_t port) {
    Writer w;
    write_header(w, BeaconKind::looking, port);
    return w.take();
}

std::optional<std::uint16_t> parse_looking_beacon(ByteView datagram) {
    if (datagram.size() != kHeaderSize) return std::nullopt;
    Reader r(datagram);
    auto port = read_header(r, BeaconKind::looking);
    if (!port || !r.done() || *port == 0) return std::nullopt;
    return port;
}

bool is_fresh_beacon(std::int64_t sent_ms, std::optional<std::int64_t> last_accepted_ms, std::int64_t now_ms) {
    if (last_accepted_ms) return sent_ms > *last_accepted_ms;
    return sent_ms >= now_ms - kMaxBeaconSkewMs && sent_ms <= now_ms + kMaxBeaconSkewMs;
}

std::optional<BeaconKind> beacon_kind(ByteView datagram) {
    if (datagram.size() > kMaxBeaconSize || datagram.size() < kHeaderSize) return std::nullopt;
    Reader r(datagram);
    auto magic = r.array<3>();
    std::uint8_t version = r.u8();
    std::uint8_t kind = r.u8();
    if (magic != kBeaconMagic || version != kBeaconVersion) return std::nullopt;
    if (kind == static_cast<std::uint8_t>(BeaconKind::pairing)) return BeaconKind::pairing;
    if (kind == static_cast<std::uint8_t>(BeaconKind::paired)) return BeaconKind::paired;
    if (kind == static_cast<std::uint8_t>(BeaconKind::looking)) return BeaconKind::looking;
    return std::nullopt;
}

std::optional<PairingBeacon> parse_pairing_beacon(ByteView datagram) {
    if (datagram.size() > kMaxBeaconSize) return std::nullopt;
    Reader r(datagram);
    auto port = read_header(r, BeaconKind::pairing);
    if (!port) return std::nullopt;
    PairingBeacon b;
    b.port = *port;
    ByteView name = r.bytes8(kMaxDisplayNameBytes);
    b.invite_nonce = r.array<16>();
    if (!r.done()) return std::nullopt;
    b.display_name.assign(name.begin(), name.end());
    if (!is_display_text(b.display_name)) return std::nullopt;
    return b;
}

std::optional<PairedBeacon> parse_paired_beacon(ByteView datagram) {
    if (datagram.size() > kMaxBeaconSize) return std::nullopt;
    Reader r(datagram);
    auto port = read_header(r, BeaconKind::paired);
    if (!port) return std::nullopt;
    PairedBeacon b;
    b.port = *port;
    b.nonce = r.array<16>();
    b.sent_ms = static_cast<std::int64_t>(r.u64());
    b.mac = r.array<32>();
    if (!r.done()) return std::nullopt;
    return b;
}

std::optional<std::size_t> match_paired_beacon(const PairedBeacon& beacon,
                                                std::span<const PairKey> keys) {
    Writer w;
    write_paired_fields(w, beacon.port, beacon.nonce, beacon.sent_ms);
    std::optional<std::size_t> match;
    // Every key is tried even after a match, so timing does not say which pair it was.
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const ByteArray<32> expected = beacon_mac(keys[i], w.data());
        if (crypto::equal_ct(expected, beacon.mac) && !match) match = i;
    }
    return match;
}

bool ReplayFilter::first_sighting(const BeaconNonce& nonce) {
    if (seen_.contains(nonce)) return false;
    if (order_.size() >= capacity_) {
        seen_.erase(order_.front());
        order_.pop_front();
    }
    order_.push_back(nonce);
    seen_.insert(nonce);
    return true;
}

}  // namespace candor::net
