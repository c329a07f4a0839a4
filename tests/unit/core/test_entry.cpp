// The signed entry format: round trip, every-byte tampering, size limits, ids.
#include <doctest/doctest.h>

#include "core/entry.hpp"
#include "core/ids.hpp"
#include "core_helpers.hpp"

using namespace candor;
using namespace candor::core;
using candor::core::test::Author;
using candor::core::test::kT0;

TEST_CASE("entry round trip keeps the exact bytes and header") {
    Author a;
    auto first = a.post(UpdateBody{"at the gym", "gym", kT0 + 3'600'000}, kT0);
    auto second = a.post(UpdateBody{"home", "", 0}, kT0 + 5);
    CHECK(first.seq() == 1);
    CHECK(is_zero(first.prev()));
    CHECK(second.seq() == 2);
    CHECK(second.prev() == first.id());
    CHECK(second.lamport() > first.lamport());

    auto back = decode_entry(second.bytes());
    REQUIRE(back.ok());
    CHECK(back->id() == second.id());
    CHECK(back->id() == crypto::blake2b_256(second.bytes()));
    CHECK(back->author() == a.id());
    CHECK(back->seq() == 2);
    CHECK(back->prev() == first.id());
    CHECK(back->created_at_ms() == kT0 + 5);
    CHECK(back->utc_offset_minutes() == 60);
    CHECK(back->kind() == Kind::update);
    CHECK(std::equal(back->bytes().begin(), back->bytes().end(), second.bytes().begin(), second.bytes().end()));
    auto body = back->body_as<UpdateBody>();
    REQUIRE(body.ok());
    CHECK(body->text == "home");
    CHECK_FALSE(back->body_as<LateBody>().ok());  // wrong kind
}

TEST_CASE("header layout is the documented little-endian one") {
    Author a;
    auto e = a.post(AckBody{EntryId{}, "x"}, 0x0102030405060708LL);
    auto b = e.bytes();
    REQUIRE(b.size() == kMinEntrySize + e.body().size());
    CHECK(std::string(b.begin(), b.begin() + 4) == "CNE1");
    CHECK(std::equal(a.id().begin(), a.id().end(), b.begin() + 4));
    CHECK(b[36] == 1);   // seq 1, little-endian
    CHECK(b[84] == 0x08);  // created_at_ms low byte first
    CHECK(b[91] == 0x01);
    CHECK(b[92] == 60);  // utc offset
    CHECK(b[94] == static_cast<std::uint8_t>(Kind::ack));
    CHECK(b[96] == e.body().size());
}

TEST_CASE("a flipped bit at every byte position is rejected") {
    Author a;
    a.post(UpdateBody{"one", "", 0});
    auto e = a.post(LateBody{15, "traffic", kT0 + 900'000, std::nullopt});
    crypto::Bytes bytes(e.bytes().begin(), e.bytes().end());
    std::size_t bad_sig = 0, bad_format = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        for (int bit : {0, 7}) {
            auto t = bytes;
            t[i] ^= static_cast<std::uint8_t>(1u << bit);
            DecodeError why{};
            auto r = decode_entry(t, why);
            CAPTURE(i);
            CHECK_FALSE(r.ok());
            (why == DecodeError::bad_signature ? bad_sig : bad_format)++;
        }
    }
    CHECK(bad_sig > 0);
    CHECK(bad_format > 0);
}

TEST_CASE("sizes are checked before anything is read") {
    Author a;
    auto e = a.post(UpdateBody{"hello", "", 0});
    crypto::Bytes bytes(e.bytes().begin(), e.bytes().end());
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        CHECK_FALSE(decode_entry(crypto::ByteView(bytes.data(), n)).ok());
    }
    auto longer = bytes;
    longer.push_back(0);
    CHECK_FALSE(decode_entry(longer).ok());
    crypto::Bytes huge(kMaxEntrySize + 1, 0);
    auto r = decode_entry(huge);
    REQUIRE_FALSE(r.ok());
    CHECK(r.message().find("too large") != std::string::npos);
    CHECK_FALSE(decode_entry({}).ok());
}

TEST_CASE("make_entry limits") {
    auto id = crypto::Identity::generate();
    CHECK(make_entry(id, {}, 1, kT0, 0, Kind::update, crypto::Bytes(kMaxBodySize, 'x')).ok());
    CHECK_FALSE(make_entry(id, {}, 1, kT0, 0, Kind::update, crypto::Bytes(kMaxBodySize + 1, 'x')).ok());
    CHECK_FALSE(make_entry(id, {}, 0, kT0, 0, Kind::update, {}).ok());            // lamport 0
    CHECK_FALSE(make_entry(id, {}, 1, kT0, 30 * 60, Kind::update, {}).ok());      // offset +30h
    AuthorHead bogus{0, EntryId{1}, 0};                                           // seq 1 with a prev
    CHECK_FALSE(make_entry(id, bogus, 1, kT0, 0, Kind::update, {}).ok());
    auto max = make_entry(id, {}, 1, kT0, 0, Kind::update, crypto::Bytes(kMaxBodySize, 'x'));
    REQUIRE(max.ok());
    CHECK(max->bytes().size() == kMaxEntrySize);
}

TEST_CASE("fold order is lamport, then author, then seq") {
    Author a, b;
    auto a1 = a.post(UpdateBody{"a1", "", 0});
    auto b1 = b.post(UpdateBody{"b1", "", 0});
    REQUIRE(a1.lamport() == b1.lamport());
    CHECK(fold_before(a1, b1) == (a.id() < b.id()));
    CHECK(fold_before(b1, a1) == (b.id() < a.id()));
    auto a2 = a.post(UpdateBody{"a2", "", 0});
    CHECK(fold_before(a1, a2));
    CHECK(fold_before(b1, a2));
    CHECK_FALSE(fold_before(a1, a1));
}

TEST_CASE("ids print as 64 lowercase hex, parse back, short form and prefixes") {
    Author a;
    const auto& id = a.id();
    const auto hex = to_hex(id);
    CHECK(hex.size() == 64);
    CHECK(hex.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(short_hex(id) == hex.substr(0, 8));
    auto back = parse_id(hex);
    REQUIRE(back);
    CHECK(*back == id);
    std::string upper = hex;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(parse_id(upper) == back);
    CHECK_FALSE(parse_id(hex.substr(0, 63)));
    CHECK_FALSE(parse_id(hex + "0"));
    CHECK_FALSE(parse_id(hex.substr(0, 62)));
    CHECK(id_has_prefix(id, hex.substr(0, 6)));
    CHECK(id_has_prefix(id, upper.substr(0, 10)));
    std::string wrong = hex.substr(0, 6);
    wrong[5] = wrong[5] == '0' ? '1' : '0';
    CHECK_FALSE(id_has_prefix(id, wrong));
    CHECK_FALSE(id_has_prefix(id, hex + "00"));
}

TEST_CASE("trusted decode skips only the signature") {
    Author a;
    auto e = a.post(UpdateBody{"hello", "", 0});
    auto t = decode_trusted_entry(e.bytes());
    REQUIRE(t.ok());
    CHECK(t->id() == e.id());
    crypto::Bytes bad_sig(e.bytes().begin(), e.bytes().end());
    bad_sig.back() ^= 1;
    CHECK(decode_trusted_entry(bad_sig).ok());
    CHECK_FALSE(decode_entry(bad_sig).ok());
    crypto::Bytes bad_magic(e.bytes().begin(), e.bytes().end());
    bad_magic[0] ^= 1;
    CHECK_FALSE(decode_trusted_entry(bad_magic).ok());
    CHECK_FALSE(decode_trusted_entry(crypto::ByteView(bad_magic.data(), 10)).ok());
}
