// X25519: RFC 7748 6.1 vector, agreement on both sides, rejection of low-order points.
#include <doctest/doctest.h>

#include "crypto/kx.hpp"
#include "helpers.hpp"

using namespace candor::crypto;
using candor::crypto::test::hex_array;
using candor::crypto::test::hex_secret;

TEST_CASE("X25519 RFC 7748 section 6.1") {
    init();
    auto alice_sk = hex_secret<32>("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    auto alice_pk = hex_array<32>("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    auto bob_sk = hex_secret<32>("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    auto bob_pk = hex_array<32>("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    const char* shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    auto a = x25519_shared(alice_sk, bob_pk);
    auto b = x25519_shared(bob_sk, alice_pk);
    REQUIRE(a);
    REQUIRE(b);
    CHECK(to_hex(a->view()) == shared);
    CHECK(to_hex(b->view()) == shared);
}

TEST_CASE("X25519 both sides agree, a third key does not") {
    auto a = x25519_generate();
    auto b = x25519_generate();
    auto c = x25519_generate();
    CHECK(a.public_key != b.public_key);
    auto ab = x25519_shared(a.secret_key, b.public_key);
    auto ba = x25519_shared(b.secret_key, a.public_key);
    auto ac = x25519_shared(a.secret_key, c.public_key);
    REQUIRE(ab);
    REQUIRE(ba);
    REQUIRE(ac);
    CHECK(equal_ct(ab->view(), ba->view()));
    CHECK_FALSE(equal_ct(ab->view(), ac->view()));
}

TEST_CASE("X25519 rejects low-order points") {
    auto a = x25519_generate();
    // From the libsodium / curve25519 small-order blacklist.
    const char* low_order[] = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    };
    for (const char* h : low_order) {
        CAPTURE(h);
        CHECK_FALSE(x25519_shared(a.secret_key, hex_array<32>(h)));
    }
}
