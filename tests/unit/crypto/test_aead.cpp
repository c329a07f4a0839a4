// XChaCha20-Poly1305-IETF: the draft-irtf-cfrg-xchacha A.3.1 vector and every negative case.
#include <doctest/doctest.h>

#include "crypto/aead.hpp"
#include "helpers.hpp"

using namespace candor::crypto;
using candor::crypto::test::hex;
using candor::crypto::test::hex_array;
using candor::crypto::test::hex_secret;

namespace {
const char* kPlain =
    "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, "
    "sunscreen would be it.";
}

TEST_CASE("XChaCha20-Poly1305 golden vector") {
    auto key = hex_secret<32>("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    auto nonce = hex_array<24>("404142434445464748494a4b4c4d4e4f5051525354555657");
    auto ad = hex("50515253c0c1c2c3c4c5c6c7");
    auto ct = aead_seal(key, nonce, as_bytes(kPlain), ad);
    CHECK(to_hex(ct) ==
          "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
          "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
          "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
          "21f9664c97637da9768812f615c68b13b52e"
          "c0875924c1c7987947deafd8780acf49");
    auto pt = aead_open(key, nonce, ct, ad);
    REQUIRE(pt);
    CHECK(std::string(pt->begin(), pt->end()) == kPlain);
}

TEST_CASE("AEAD negative cases") {
    auto key = aead_keygen();
    auto nonce = random_nonce();
    const Bytes ad{1, 2, 3};
    auto ct = aead_seal(key, nonce, as_bytes("secret message"), ad);
    REQUIRE(ct.size() == 14 + kAeadTagSize);
    REQUIRE(aead_open(key, nonce, ct, ad));

    SUBCASE("flipped bit anywhere in ciphertext or tag") {
        for (std::size_t i = 0; i < ct.size(); ++i) {
            for (int bit = 0; bit < 8; ++bit) {
                auto bad = ct;
                bad[i] ^= static_cast<std::uint8_t>(1u << bit);
                CHECK_FALSE(aead_open(key, nonce, bad, ad));
            }
        }
    }
    SUBCASE("flipped bit in associated data, missing or extra AD") {
        auto bad_ad = ad;
        bad_ad[0] ^= 1;
        CHECK_FALSE(aead_open(key, nonce, ct, bad_ad));
        CHECK_FALSE(aead_open(key, nonce, ct, {}));
        auto longer_ad = ad;
        longer_ad.push_back(0);
        CHECK_FALSE(aead_open(key, nonce, ct, longer_ad));
    }
    SUBCASE("truncated, empty and extended ciphertext") {
        for (std::size_t n = 0; n < ct.size(); ++n) {
            CHECK_FALSE(aead_open(key, nonce, ByteView(ct.data(), n), ad));
        }
        auto longer = ct;
        longer.push_back(0);
        CHECK_FALSE(aead_open(key, nonce, longer, ad));
    }
    SUBCASE("wrong key and wrong nonce") {
        auto other = aead_keygen();
        CHECK_FALSE(aead_open(other, nonce, ct, ad));
        auto n2 = nonce;
        n2[23] ^= 1;
        CHECK_FALSE(aead_open(key, n2, ct, ad));
    }
}

TEST_CASE("AEAD empty plaintext still authenticates") {
    auto key = aead_keygen();
    auto nonce = random_nonce();
    auto ct = aead_seal(key, nonce, {});
    CHECK(ct.size() == kAeadTagSize);
    auto pt = aead_open(key, nonce, ct);
    REQUIRE(pt);
    CHECK(pt->empty());
    ct[0] ^= 1;
    CHECK_FALSE(aead_open(key, nonce, ct));
}

TEST_CASE("counter nonces are distinct per counter and direction") {
    CHECK(to_hex(counter_nonce(1, 0)) == "010000000000000000000000000000000000000000000000");
    CHECK(to_hex(counter_nonce(0x0102030405060708ULL, 1)) ==
          "080706050403020101000000000000000000000000000000");
    CHECK(counter_nonce(5, 0) != counter_nonce(5, 1));
    CHECK(counter_nonce(5, 0) != counter_nonce(6, 0));
    CHECK(random_nonce() != random_nonce());
}
