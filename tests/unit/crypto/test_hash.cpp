// Golden vectors for BLAKE2b-256, SHA-512 (FIPS 180-2), HMAC-SHA-512 (RFC 4231) and crypto_kdf.
#include <doctest/doctest.h>

#include "crypto/hash.hpp"
#include "helpers.hpp"

using namespace candor::crypto;
using candor::crypto::test::hex;

TEST_CASE("BLAKE2b-256 golden vectors") {
    init();
    CHECK(to_hex(blake2b_256({})) == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    CHECK(to_hex(blake2b_256(as_bytes("abc"))) ==
          "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST_CASE("keyed BLAKE2b depends on the key") {
    const Bytes k1(32, 1), k2(32, 2);
    auto a = blake2b_256_keyed(k1, as_bytes("data"));
    CHECK(a == blake2b_256_keyed(k1, as_bytes("data")));
    CHECK(a != blake2b_256_keyed(k2, as_bytes("data")));
    CHECK(a != blake2b_256(as_bytes("data")));
}

TEST_CASE("SHA-512 of abc") {
    CHECK(to_hex(sha512(as_bytes("abc"))) ==
          "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
          "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
}

TEST_CASE("HMAC-SHA-512 RFC 4231 test case 1 (20-byte key)") {
    const Bytes key(20, 0x0b);
    CHECK(to_hex(hmac_sha512(key, as_bytes("Hi There"))) ==
          "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde"
          "daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854");
}

TEST_CASE("HMAC-SHA-512 RFC 4231 test case 6 (131-byte key, longer than a block)") {
    const Bytes key(131, 0xaa);
    CHECK(to_hex(hmac_sha512(key, as_bytes("Test Using Larger Than Block-Size Key - Hash Key First"))) ==
          "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f352"
          "6b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598");
}

TEST_CASE("HMAC-SHA-512 changes with key and message") {
    const Bytes key(32, 7);
    Bytes key2 = key;
    key2[31] ^= 1;
    auto mac = hmac_sha512(key, as_bytes("m"));
    CHECK(mac != hmac_sha512(key2, as_bytes("m")));
    CHECK(mac != hmac_sha512(key, as_bytes("n")));
}

TEST_CASE("derive_key: deterministic, separated by id and context") {
    Secret<32> master;
    for (std::size_t i = 0; i < 32; ++i) master.data()[i] = static_cast<std::uint8_t>(i);
    auto a = derive_key(master, 1, "candor01");
    auto b = derive_key(master, 1, "candor01");
    CHECK(equal_ct(a.view(), b.view()));
    CHECK_FALSE(equal_ct(a.view(), derive_key(master, 2, "candor01").view()));
    CHECK_FALSE(equal_ct(a.view(), derive_key(master, 1, "candor02").view()));
    Secret<32> other = master;
    other.data()[0] ^= 1;
    CHECK_FALSE(equal_ct(a.view(), derive_key(other, 1, "candor01").view()));
    CHECK_FALSE(equal_ct(a.view(), master.view()));
}
