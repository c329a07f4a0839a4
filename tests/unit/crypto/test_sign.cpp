// Ed25519: RFC 8032 test 1, round trips and rejection of bad signatures and damaged keys.
#include <doctest/doctest.h>

#include "crypto/sign.hpp"
#include "helpers.hpp"

using namespace candor::crypto;
using candor::crypto::test::hex;
using candor::crypto::test::hex_array;

namespace {
const char* kSeed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const char* kPublic = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const char* kSig =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd"
    "25bf5f0595bbe24655141438e7a100b";
}  // namespace

TEST_CASE("Ed25519 RFC 8032 test 1") {
    auto id = Identity::from_secret(hex(std::string(kSeed) + kPublic));
    REQUIRE(id.ok());
    CHECK(to_hex(id->public_key()) == kPublic);
    auto sig = id->sign({});
    CHECK(to_hex(sig) == kSig);
    CHECK(verify(id->public_key(), {}, sig));
}

TEST_CASE("Ed25519 rejects a bad signature") {
    const auto pk = hex_array<32>(kPublic);
    const auto good = hex_array<64>(kSig);
    for (std::size_t i = 0; i < good.size(); ++i) {
        auto bad = good;
        bad[i] ^= 0x01;
        CHECK_FALSE(verify(pk, {}, bad));
    }
    CHECK_FALSE(verify(pk, as_bytes("x"), good));  // other message
    Signature zero{};
    CHECK_FALSE(verify(pk, {}, zero));
    auto other = Identity::generate();
    CHECK_FALSE(verify(other.public_key(), {}, good));  // other key
}

TEST_CASE("Ed25519 generate, sign, verify, reload") {
    auto id = Identity::generate();
    auto sig = id.sign(as_bytes("hello"));
    CHECK(verify(id.public_key(), as_bytes("hello"), sig));
    CHECK_FALSE(verify(id.public_key(), as_bytes("hellp"), sig));
    auto again = Identity::from_secret(id.secret_key().view());
    REQUIRE(again.ok());
    CHECK(again->public_key() == id.public_key());
    CHECK(Identity::generate().public_key() != id.public_key());
}

TEST_CASE("Identity::from_secret rejects damaged keys") {
    auto id = Identity::generate();
    Bytes sk(id.secret_key().view().begin(), id.secret_key().view().end());
    CHECK_FALSE(Identity::from_secret(Bytes(sk.begin(), sk.begin() + 63)).ok());
    CHECK_FALSE(Identity::from_secret(Bytes{}).ok());
    Bytes longer = sk;
    longer.push_back(0);
    CHECK_FALSE(Identity::from_secret(longer).ok());
    Bytes bad_pub = sk;
    bad_pub[40] ^= 1;
    auto r = Identity::from_secret(bad_pub);
    REQUIRE_FALSE(r.ok());
    CHECK(r.message().find("damaged") != std::string::npos);
}
