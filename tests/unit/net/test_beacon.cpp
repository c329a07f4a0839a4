// Discovery beacons: round trips, MACs under the right key only, replay filtering, and junk.
#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "net/beacon.hpp"

using namespace candor;
using namespace candor::net;

namespace {

PairKey random_key() {
    PairKey k;
    crypto::random_bytes(k.span());
    return k;
}

}  // namespace

TEST_CASE("beacon: pairing beacon round trip") {
    PairingBeacon b;
    b.port = 47600;
    b.display_name = "Ana’s laptop";
    b.invite_nonce.fill(0x5A);
    auto bytes = encode_pairing_beacon(b);
    REQUIRE(bytes.ok());
    CHECK(beacon_kind(*bytes) == BeaconKind::pairing);
    auto back = parse_pairing_beacon(*bytes);
    REQUIRE(back);
    CHECK(back->port == 47600);
    CHECK(back->display_name == b.display_name);
    CHECK(back->invite_nonce == b.invite_nonce);
    CHECK(!parse_paired_beacon(*bytes));  // not the other kind
}

TEST_CASE("beacon: long names are cut at a character boundary, bad names refused") {
    PairingBeacon b;
    b.display_name = std::string(63, 'a') + "é";  // 65 bytes; the é must not be split
    auto bytes = encode_pairing_beacon(b);
    REQUIRE(bytes.ok());
    auto back = parse_pairing_beacon(*bytes);
    REQUIRE(back);
    CHECK(back->display_name == std::string(63, 'a'));

    b.display_name = "bad\x1b[2Jname";
    CHECK(!encode_pairing_beacon(b).ok());
    b.display_name = "\xC0\xAF";  // overlong '/'
    CHECK(!encode_pairing_beacon(b).ok());
    b.display_name = "\xED\xA0\x80";  // surrogate
    CHECK(!encode_pairing_beacon(b).ok());
}

TEST_CASE("beacon: a received name with control characters or invalid UTF-8 is ignored") {
    PairingBeacon b;
    b.display_name = "ok name";
    auto bytes = encode_pairing_beacon(b);
    REQUIRE(bytes.ok());
    Bytes evil = *bytes;
    evil[8] = '\n';  // first byte of the name (header 7, length 1)
    CHECK(!parse_pairing_beacon(evil));
    evil[8] = 0xFF;
    CHECK(!parse_pairing_beacon(evil));
    Bytes longer = *bytes;
    longer[7] = 65;  // length above the limit
    CHECK(!parse_pairing_beacon(longer));
}

TEST_CASE("beacon: paired beacon verifies only under the right key") {
    std::vector<PairKey> keys{random_key(), random_key(), random_key()};
    Bytes bytes = make_paired_beacon(keys[1], 47601, 1000);
    CHECK(beacon_kind(bytes) == BeaconKind::paired);
    auto b = parse_paired_beacon(bytes);
    REQUIRE(b);
    CHECK(b->port == 47601);
    auto match = match_paired_beacon(*b, keys);
    REQUIRE(match);
    CHECK(*match == 1);

    std::vector<PairKey> others{keys[0], keys[2], random_key()};
    CHECK(!match_paired_beacon(*b, others));
    CHECK(!match_paired_beacon(*b, std::span<const PairKey>{}));
}

TEST_CASE("beacon: any flipped bit in a paired beacon breaks it") {
    PairKey key = random_key();
    std::vector<PairKey> keys{key};
    Bytes bytes = make_paired_beacon(key, 47600, 1000);
    for (std::size_t pos = 0; pos < bytes.size(); ++pos) {
        Bytes t = bytes;
        t[pos] ^= 0x04;
        auto b = parse_paired_beacon(t);
        CHECK_MESSAGE((!b || !match_paired_beacon(*b, keys)), "byte ", pos);
    }
    // The port is under the MAC: redirecting the partner to another port fails.
    Bytes t = bytes;
    t[5] ^= 0x01;
    auto b = parse_paired_beacon(t);
    REQUIRE(b);
    CHECK(!match_paired_beacon(*b, keys));
}

TEST_CASE("beacon: paired beacons carry no stable identifier") {
    PairKey key = random_key();
    Bytes one = make_paired_beacon(key, 47600, 1000);
    Bytes two = make_paired_beacon(key, 47600, 1000);
    REQUIRE(one.size() == two.size());
    // Header (7 bytes) is the same for every Candor device; nothing after it may repeat.
    Bytes tail1(one.begin() + 7, one.end());
    Bytes tail2(two.begin() + 7, two.end());
    CHECK(tail1 != tail2);
    CHECK(!std::equal(one.begin() + 7, one.begin() + 23, two.begin() + 7));
}

TEST_CASE("beacon: every truncation and any extension fails to parse") {
    PairKey key = random_key();
    Bytes paired = make_paired_beacon(key, 1, 1000);
    PairingBeacon pb;
    pb.display_name = "Sam";
    Bytes pairing = *encode_pairing_beacon(pb);
    for (std::size_t n = 0; n < paired.size(); ++n) {
        CHECK(!parse_paired_beacon(ByteView{paired.data(), n}));
    }
    for (std::size_t n = 0; n < pairing.size(); ++n) {
        CHECK(!parse_pairing_beacon(ByteView{pairing.data(), n}));
    }
    paired.push_back(0);
    pairing.push_back(0);
    CHECK(!parse_paired_beacon(paired));
    CHECK(!parse_pairing_beacon(pairing));
}

TEST_CASE("beacon: foreign magic, other versions and oversized datagrams are ignored") {
    PairKey key = random_key();
    Bytes b = make_paired_beacon(key, 1, 1000);
    Bytes foreign = b;
    foreign[0] = 'X';
    CHECK(!beacon_kind(foreign));
    CHECK(!parse_paired_beacon(foreign));
    Bytes newer = b;
    newer[3] = kBeaconVersion + 1;
    CHECK(!beacon_kind(newer));
    CHECK(!parse_paired_beacon(newer));
    Bytes kind = b;
    kind[4] = 9;
    CHECK(!beacon_kind(kind));
    Bytes huge(kMaxBeaconSize + 1, 0);
    std::copy(b.begin(), b.end(), huge.begin());
    CHECK(!beacon_kind(huge));
    CHECK(!parse_paired_beacon(huge));
    CHECK(!parse_pairing_beacon(huge));
}

TEST_CASE("beacon: replay filter remembers, and forgets only the oldest") {
    ReplayFilter filter(3);
    BeaconNonce n[5]{};
    for (int i = 0; i < 5; ++i) n[i].fill(static_cast<std::uint8_t>(i + 1));
    CHECK(filter.first_sighting(n[0]));
    CHECK(!filter.first_sighting(n[0]));
    CHECK(filter.first_sighting(n[1]));
    CHECK(filter.first_sighting(n[2]));
    CHECK(filter.size() == 3);
    CHECK(filter.first_sighting(n[3]));  // evicts n[0]
    CHECK(filter.size() == 3);
    CHECK(!filter.first_sighting(n[1]));
    CHECK(!filter.first_sighting(n[3]));
    CHECK(filter.first_sighting(n[0]));  // forgotten: bounded memory has this price
}

TEST_CASE("beacon: a replayed paired beacon is ignored") {
    PairKey key = random_key();
    std::vector<PairKey> keys{key};
    ReplayFilter filter;
    Bytes bytes = make_paired_beacon(key, 47600, 1000);
    auto accept = [&](ByteView d) {
        auto b = parse_paired_beacon(d);
        return b && match_paired_beacon(*b, keys) && filter.first_sighting(b->nonce);
    };
    CHECK(accept(bytes));
    CHECK(!accept(bytes));
    CHECK(accept(make_paired_beacon(key, 47600, 1000)));
}

TEST_CASE("beacon: random junk never parses") {
    std::mt19937 rng(12345);
    std::vector<PairKey> keys{random_key()};
    int parsed = 0;
    for (int i = 0; i < 20000; ++i) {
        Bytes junk(rng() % 600);
        for (auto& byte : junk) byte = static_cast<std::uint8_t>(rng());
        // Half the time give it our header, so the deeper checks get exercised too.
        if (i % 2 == 0 && junk.size() >= 5) {
            junk[0] = 'C';
            junk[1] = 'N';
            junk[2] = 'B';
            junk[3] = kBeaconVersion;
            junk[4] = static_cast<std::uint8_t>(1 + rng() % 2);
        }
        if (auto b = parse_paired_beacon(junk)) {
            ++parsed;
            CHECK(!match_paired_beacon(*b, keys));
        }
        if (auto p = parse_pairing_beacon(junk)) {
            ++parsed;
            CHECK(is_display_text(p->display_name));
        }
    }
    // Structurally valid paired beacons of exactly 55 bytes can appear; none may verify.
    CHECK(parsed < 200);
}

TEST_CASE("beacon: the sender's time is under the MAC, so a replay cannot be made to look new") {
    PairKey key = random_key();
    std::vector<PairKey> keys{key};
    Bytes bytes = make_paired_beacon(key, 47600, 1'700'000'000'000);
    auto b = parse_paired_beacon(bytes);
    REQUIRE(b);
    CHECK(b->sent_ms == 1'700'000'000'000);
    CHECK(match_paired_beacon(*b, keys));
    b->sent_ms += 60'000;  // "refreshing" a recorded beacon breaks its MAC
    CHECK_FALSE(match_paired_beacon(*b, keys));
}

TEST_CASE("beacon: stale and replayed times are not fresh") {
    const std::int64_t now = 1'700'000'000'000;
    // Nothing accepted yet (just started): within the skew window of our clock only.
    CHECK(is_fresh_beacon(now, std::nullopt, now));
    CHECK(is_fresh_beacon(now - kMaxBeaconSkewMs, std::nullopt, now));
    CHECK(is_fresh_beacon(now + kMaxBeaconSkewMs, std::nullopt, now));
    CHECK_FALSE(is_fresh_beacon(now - kMaxBeaconSkewMs - 1, std::nullopt, now));  // recorded long ago
    CHECK_FALSE(is_fresh_beacon(now + kMaxBeaconSkewMs + 1, std::nullopt, now));
    // Afterwards: only newer than the last accepted one, whatever our own clock says.
    CHECK(is_fresh_beacon(now + 5000, now, now));
    CHECK_FALSE(is_fresh_beacon(now, now, now));         // the same beacon again
    CHECK_FALSE(is_fresh_beacon(now - 5000, now, now));  // an older recording
    CHECK(is_fresh_beacon(now - 2 * kMaxBeaconSkewMs + 5000, now - 2 * kMaxBeaconSkewMs, now));  // a skewed partner
}

TEST_CASE("beacon: a looking beacon names its port and nothing else; junk and other kinds are not one") {
    const Bytes looking = make_looking_beacon(47611);
    CHECK(beacon_kind(looking) == BeaconKind::looking);
    CHECK(parse_looking_beacon(looking) == std::optional<std::uint16_t>(47611));
    CHECK_FALSE(parse_pairing_beacon(looking));
    CHECK_FALSE(parse_paired_beacon(looking));
    Bytes longer = looking;
    longer.push_back(0);
    CHECK_FALSE(parse_looking_beacon(longer));
    for (std::size_t n = 0; n < looking.size(); ++n) {
        CHECK_FALSE(parse_looking_beacon(ByteView(looking).first(n)));
    }
    CHECK_FALSE(parse_looking_beacon(make_looking_beacon(0)));  // no port to answer to
    auto pairing = encode_pairing_beacon(PairingBeacon{47600, "Sam", {}});
    REQUIRE(pairing.ok());
    CHECK_FALSE(parse_looking_beacon(*pairing));
}
