// Hex conversion, constant-time compare, randomness and wiping.
#include <doctest/doctest.h>

#include <set>

#include "crypto/bytes.hpp"
#include "helpers.hpp"

using namespace candor::crypto;

TEST_CASE("init is idempotent") {
    init();
    init();
}

TEST_CASE("hex round trip and lowercase output") {
    const Bytes b{0x00, 0x01, 0xab, 0xff};
    CHECK(to_hex(b) == "0001abff");
    CHECK(to_hex(Bytes{}).empty());
    auto back = from_hex("0001ABff");
    REQUIRE(back);
    CHECK(*back == b);
    auto empty = from_hex("");
    REQUIRE(empty);
    CHECK(empty->empty());
}

TEST_CASE("bad hex is rejected") {
    CHECK_FALSE(from_hex("abc"));      // odd length
    CHECK_FALSE(from_hex("zz"));       // not hex
    CHECK_FALSE(from_hex("ab cd"));    // separators are not accepted
    CHECK_FALSE(from_hex("ab:c"));
    CHECK_FALSE(from_hex(std::string_view("ab\0c", 4)));
}

TEST_CASE("wrong-size hex for a fixed array is rejected") {
    const std::string ok(64, 'a');
    CHECK(from_hex_array<32>(ok));
    CHECK_FALSE(from_hex_array<32>(ok.substr(0, 62)));
    CHECK_FALSE(from_hex_array<32>(ok + "aa"));
    CHECK_FALSE(from_hex_array<32>(ok.substr(0, 63)));
    CHECK_FALSE(from_hex_array<32>(""));
    std::string bad = ok;
    bad[10] = 'g';
    CHECK_FALSE(from_hex_array<32>(bad));
}

TEST_CASE("equal_ct") {
    const Bytes a{1, 2, 3};
    Bytes b = a;
    CHECK(equal_ct(a, b));
    b[2] ^= 0x80;
    CHECK_FALSE(equal_ct(a, b));
    CHECK_FALSE(equal_ct(a, Bytes{1, 2}));
    CHECK(equal_ct(Bytes{}, Bytes{}));
}

TEST_CASE("random bytes differ and random_uniform stays in range") {
    init();
    ByteArray<32> x{}, y{};
    random_bytes(x);
    random_bytes(y);
    CHECK(x != y);
    std::set<std::uint32_t> seen;
    for (int i = 0; i < 1000; ++i) {
        auto v = random_uniform(10);
        CHECK(v < 10);
        seen.insert(v);
    }
    CHECK(seen.size() == 10);
}

TEST_CASE("wipe and Secret") {
    Bytes b{1, 2, 3, 4};
    wipe(b);
    CHECK(b == Bytes{0, 0, 0, 0});
    Secret<4> s;
    CHECK(to_hex(s.view()) == "00000000");
    s.data()[0] = 7;
    Secret<4> copy = s;
    CHECK(copy.data()[0] == 7);
}
