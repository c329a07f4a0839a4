// libFuzzer target: discovery beacons as they arrive from the LAN (any datagram). Checks that the
// kind sniffer and the two parsers agree, that an accepted pairing beacon re-encodes to exactly
// the same bytes, and that the MAC check only matches the key that made the beacon.
#include <array>
#include <cstddef>
#include <cstdint>

#include "fuzz_input.hpp"
#include "net/beacon.hpp"

using namespace candor;

namespace {

// Key 0 is the one the seed corpus's paired beacons are made with (see make_corpus.cpp).
const std::array<net::PairKey, 3>& keys() {
    static const std::array<net::PairKey, 3> k = {fuzz::fixed_secret<net::PairKey>(0xA0),
                                                   fuzz::fixed_secret<net::PairKey>(0xB0),
                                                   fuzz::fixed_secret<net::PairKey>(0xC0)};
    return k;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    crypto::init();
    const crypto::ByteView in(data, size);

    const auto kind = net::beacon_kind(in);
    const auto pairing = net::parse_pairing_beacon(in);
    const auto paired = net::parse_paired_beacon(in);
    const auto looking = net::parse_looking_beacon(in);
    FUZZ_CHECK(!(pairing && paired));
    FUZZ_CHECK(!(looking && (pairing || paired)));
    if (pairing) FUZZ_CHECK(kind == net::BeaconKind::pairing);
    if (paired) FUZZ_CHECK(kind == net::BeaconKind::paired);
    if (looking) {
        FUZZ_CHECK(kind == net::BeaconKind::looking);
        FUZZ_CHECK(net::make_looking_beacon(*looking) == crypto::Bytes(in.begin(), in.end()));
    }

    if (pairing) {
        FUZZ_CHECK(pairing->display_name.size() <= net::kMaxDisplayNameBytes);
        FUZZ_CHECK(net::is_display_text(pairing->display_name));
        // One encoding per beacon: what we accept is exactly what we would have sent.
        auto again = net::encode_pairing_beacon(*pairing);
        FUZZ_CHECK(again.ok());
        FUZZ_CHECK(*again == crypto::Bytes(in.begin(), in.end()));
    }

    if (paired) {
        const auto match = net::match_paired_beacon(*paired, keys());
        // Only the first key can match a beacon nobody forged; a second match would mean the
        // MAC does not depend on the key.
        if (match) FUZZ_CHECK(*match == 0);
        const auto just_second = net::match_paired_beacon(*paired, std::span(keys()).subspan(1));
        FUZZ_CHECK(!just_second);
        net::ReplayFilter filter(2);
        FUZZ_CHECK(filter.first_sighting(paired->nonce));
        FUZZ_CHECK(!filter.first_sighting(paired->nonce));
    }

    // The display-name validator on its own, over arbitrary text.
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (net::is_display_text(text) && !text.empty() && text.size() <= net::kMaxDisplayNameBytes) {
        net::PairingBeacon b;
        b.port = 4242;
        b.display_name = std::string(text);
        auto bytes = net::encode_pairing_beacon(b);
        FUZZ_CHECK(bytes.ok());
        auto back = net::parse_pairing_beacon(*bytes);
        FUZZ_CHECK(back && back->display_name == b.display_name && back->port == 4242);
    }
    return 0;
}
