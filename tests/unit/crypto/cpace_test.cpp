// CPace (draft-irtf-cfrg-cpace-21, ristretto255/SHA-512): the draft's Appendix A and B.3 vectors
// byte for byte, invalid shares that must abort, and two-party runs with their negative cases.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "crypto/cpace.hpp"
#include "crypto/hash.hpp"
#include "helpers.hpp"

using namespace candor::crypto;
using namespace candor::crypto::cpace;
using candor::crypto::test::hex;

namespace {

// The golden files live in tests/unit/data/cpace. CANDOR_TEST_DATA is tried first; the path next
// to this source file is the fallback, since the build currently points CANDOR_TEST_DATA at
// tests/data.
std::ifstream open_data(const std::string& name) {
    std::ifstream in(std::string(CANDOR_TEST_DATA) + "/cpace/" + name);
    if (in.good()) return in;
    const std::string here = __FILE__;
    return std::ifstream(here.substr(0, here.find_last_of('/')) + "/../data/cpace/" + name);
}

std::vector<std::string> data_lines(const std::string& name) {
    std::ifstream in = open_data(name);
    REQUIRE_MESSAGE(in.good(), "missing golden file " << name);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        lines.push_back(line);
    }
    return lines;
}

// "name = hex" lines of the draft's vectors.
const std::map<std::string, Bytes>& vectors() {
    static const std::map<std::string, Bytes> table = [] {
        std::map<std::string, Bytes> out;
        for (const std::string& line : data_lines("draft21_ristretto255_sha512.txt")) {
            const auto eq = line.find(" = ");
            REQUIRE(eq != std::string::npos);
            out[line.substr(0, eq)] = hex(line.substr(eq + 3));
        }
        return out;
    }();
    return table;
}

const Bytes& tv(const std::string& name) {
    const auto it = vectors().find(name);
    REQUIRE_MESSAGE(it != vectors().end(), "no vector named " << name);
    return it->second;
}

template <std::size_t N>
Secret<N> tv_secret(const std::string& name) {
    const Bytes& b = tv(name);
    REQUIRE(b.size() == N);
    Secret<N> s;
    std::copy(b.begin(), b.end(), s.data());
    return s;
}

template <typename T>
std::string why(const candor::Result<T>& r) {
    return r.ok() ? std::string() : r.message();
}

Bytes bytes_of(ByteView v) { return Bytes(v.begin(), v.end()); }
Bytes str(std::string_view s) { return bytes_of(as_bytes(s)); }

Party draft_party(Role role) {
    const bool a = role == Role::initiator;
    auto party = Party::start_with_scalar_for_test(role, tv("prs"), tv("ci"), tv("sid"), tv(a ? "ada" : "adb"),
                                                   tv_secret<32>(a ? "ya" : "yb"));
    REQUIRE_MESSAGE(party.ok(), why(party));
    return std::move(party).value();
}

Party fresh_party(Role role, std::string_view code, ByteView ci, ByteView sid, std::string_view ad = "candor-pair/1") {
    auto party = Party::start(role, as_bytes(code), ci, sid, as_bytes(ad));
    REQUIRE_MESSAGE(party.ok(), why(party));
    return std::move(party).value();
}

struct Pair {
    Session initiator;
    Session responder;
};

// A full run between two fresh parties; both finishes must succeed.
Pair run(Party a, Party b) {
    auto sa = a.finish(b.message());
    auto sb = b.finish(a.message());
    REQUIRE_MESSAGE(sa.ok(), why(sa));
    REQUIRE_MESSAGE(sb.ok(), why(sb));
    return Pair{std::move(sa).value(), std::move(sb).value()};
}

const Bytes kCi = pairing_channel_id(str("device-a-identity"), str("device-b-identity"));
const ByteArray<32> kSid = pairing_session_id(Nonce{1, 2, 3}, Nonce{4, 5, 6});

}  // namespace

TEST_CASE("draft-21 A.1-A.3: prepend_len, lv_cat, o_cat, transcripts") {
    using namespace internal;
    CHECK(to_hex(prepend_len({})) == to_hex(tv("prepend_len_empty")));
    CHECK(to_hex(prepend_len(as_bytes("1234"))) == to_hex(tv("prepend_len_1234")));
    Bytes r127(127), r128(128);
    for (std::size_t i = 0; i < 128; ++i) {
        if (i < 127) r127[i] = static_cast<std::uint8_t>(i);
        r128[i] = static_cast<std::uint8_t>(i);
    }
    CHECK(to_hex(prepend_len(r127)) == to_hex(tv("prepend_len_range127")));
    CHECK(to_hex(prepend_len(r128)) == to_hex(tv("prepend_len_range128")));
    CHECK(to_hex(lv_cat({as_bytes("1234"), as_bytes("5"), as_bytes(""), as_bytes("678")})) == to_hex(tv("lv_cat_1234_5_empty_678")));

    const Bytes z1{0}, z2{0, 0}, one{1}, z_one{0, 1};
    CHECK_FALSE(lexicographically_larger(z1, z2));
    CHECK(lexicographically_larger(one, z2));
    CHECK(lexicographically_larger(z2, z1));
    CHECK_FALSE(lexicographically_larger(z2, one));
    CHECK_FALSE(lexicographically_larger(z_one, one));
    CHECK_FALSE(lexicographically_larger(as_bytes("ABCD"), as_bytes("BCD")));
    CHECK(to_hex(o_cat(as_bytes("ABCD"), as_bytes("BCD"))) == to_hex(tv("o_cat_ABCD_BCD")));
    CHECK(to_hex(o_cat(as_bytes("BCD"), as_bytes("ABCDE"))) == to_hex(tv("o_cat_BCD_ABCDE")));

    CHECK(to_hex(transcript_ir(as_bytes("123"), as_bytes("PartyA"), as_bytes("234"), as_bytes("PartyB"))) ==
          to_hex(tv("transcript_ir_123_234")));
    CHECK(to_hex(transcript_ir(as_bytes("3456"), as_bytes("PartyA"), as_bytes("2345"), as_bytes("PartyB"))) ==
          to_hex(tv("transcript_ir_3456_2345")));
    CHECK(to_hex(transcript_oc(as_bytes("123"), as_bytes("PartyA"), as_bytes("234"), as_bytes("PartyB"))) ==
          to_hex(tv("transcript_oc_123_234")));
    CHECK(to_hex(transcript_oc(as_bytes("3456"), as_bytes("PartyA"), as_bytes("2345"), as_bytes("PartyB"))) ==
          to_hex(tv("transcript_oc_3456_2345")));
}

TEST_CASE("draft-21 B.3.1: generator string, its hash and the generator g") {
    init();
    const Bytes gen_str = internal::generator_string(tv("prs"), tv("ci"), tv("sid"));
    CHECK(to_hex(gen_str) == to_hex(tv("generator_string")));
    CHECK(to_hex(sha512(gen_str)) == to_hex(tv("generator_hash")));
    CHECK(to_hex(internal::calculate_generator(tv("prs"), tv("ci"), tv("sid")).view()) == to_hex(tv("g")));
    // Each input moves the generator.
    CHECK(to_hex(internal::calculate_generator(as_bytes("Passwore"), tv("ci"), tv("sid")).view()) != to_hex(tv("g")));
    CHECK(to_hex(internal::calculate_generator(tv("prs"), tv("sid"), tv("sid")).view()) != to_hex(tv("g")));
    CHECK(to_hex(internal::calculate_generator(tv("prs"), tv("ci"), tv("ci")).view()) != to_hex(tv("g")));
}

TEST_CASE("draft-21 B.3.2-B.3.4: messages Ya, Yb and the secret point K") {
    const Party a = draft_party(Role::initiator);
    const Party b = draft_party(Role::responder);
    CHECK(to_hex(a.message().share) == to_hex(tv("Ya")));
    CHECK(to_hex(a.message().ad) == to_hex(tv("ada")));
    CHECK(to_hex(b.message().share) == to_hex(tv("Yb")));
    CHECK(to_hex(b.message().ad) == to_hex(tv("adb")));

    const auto k_a = internal::scalar_mult_vfy(tv_secret<32>("ya"), tv("Yb"));
    const auto k_b = internal::scalar_mult_vfy(tv_secret<32>("yb"), tv("Ya"));
    REQUIRE(k_a.has_value());
    REQUIRE(k_b.has_value());
    CHECK(to_hex(k_a->view()) == to_hex(tv("K")));
    CHECK(to_hex(k_b->view()) == to_hex(tv("K")));
}

TEST_CASE("draft-21 B.3.5: ISK initiator/responder, through the building blocks and through Party") {
    const Bytes transcript = internal::transcript_ir(tv("Ya"), tv("ada"), tv("Yb"), tv("adb"));
    CHECK(to_hex(transcript) == to_hex(tv("transcript_ir")));
    CHECK(to_hex(str(internal::kDsiIsk)) == to_hex(tv("dsi_isk")));
    Bytes isk_input = internal::lv_cat({as_bytes(internal::kDsiIsk), tv("sid"), tv("K")});
    isk_input.insert(isk_input.end(), transcript.begin(), transcript.end());
    CHECK(to_hex(isk_input) == to_hex(tv("isk_input_ir")));
    CHECK(to_hex(internal::derive_isk(tv("sid"), tv_secret<32>("K"), transcript).view()) == to_hex(tv("isk_ir")));

    Party a = draft_party(Role::initiator);
    Party b = draft_party(Role::responder);
    auto sa = a.finish(b.message());
    auto sb = b.finish(a.message());
    REQUIRE(sa.ok());
    REQUIRE(sb.ok());
    CHECK(to_hex(sa->isk().view()) == to_hex(tv("isk_ir")));
    CHECK(to_hex(sb->isk().view()) == to_hex(tv("isk_ir")));
}

TEST_CASE("draft-21 B.3.6: ISK for parallel execution (ordered concatenation)") {
    const Bytes transcript = internal::transcript_oc(tv("Ya"), tv("ada"), tv("Yb"), tv("adb"));
    CHECK(to_hex(transcript) == to_hex(tv("transcript_oc")));
    // Ordered concatenation does not depend on who is called A.
    CHECK(internal::transcript_oc(tv("Yb"), tv("adb"), tv("Ya"), tv("ada")) == transcript);
    Bytes isk_input = internal::lv_cat({as_bytes(internal::kDsiIsk), tv("sid"), tv("K")});
    isk_input.insert(isk_input.end(), transcript.begin(), transcript.end());
    CHECK(to_hex(isk_input) == to_hex(tv("isk_input_oc")));
    CHECK(to_hex(internal::derive_isk(tv("sid"), tv_secret<32>("K"), transcript).view()) == to_hex(tv("isk_sy")));
}

TEST_CASE("draft-21 B.3.7: optional session id output") {
    CHECK(to_hex(internal::sid_output(tv("transcript_ir"))) == to_hex(tv("sid_output_ir")));
    CHECK(to_hex(internal::sid_output(tv("transcript_oc"))) == to_hex(tv("sid_output_oc")));
}

TEST_CASE("draft-21 B.3.10/B.3.11: scalar_mult_vfy on valid and invalid inputs") {
    const auto s = tv_secret<32>("valid_s");
    const auto valid = internal::scalar_mult_vfy(s, tv("valid_X"));
    REQUIRE(valid.has_value());
    CHECK(to_hex(valid->view()) == to_hex(tv("valid_sX")));

    CHECK_FALSE(internal::scalar_mult_vfy(s, tv("invalid_Y1")).has_value());
    CHECK_FALSE(internal::scalar_mult_vfy(s, tv("invalid_Y2")).has_value());
    // Wrong lengths are G.I too, never read past.
    CHECK_FALSE(internal::scalar_mult_vfy(s, ByteView(tv("valid_X")).first(31)).has_value());
    CHECK_FALSE(internal::scalar_mult_vfy(s, {}).has_value());
}

TEST_CASE("a peer share that is invalid or the identity aborts the run, and burns the party") {
    std::vector<std::string> bad = {to_hex(tv("invalid_Y1")), to_hex(tv("invalid_Y2"))};
    for (const std::string& line : data_lines("ristretto255_bad_encodings.txt")) bad.push_back(line);
    CHECK(bad.size() == 32);

    for (const std::string& h : bad) {
        CAPTURE(h);
        for (Role role : {Role::initiator, Role::responder}) {
            Party party = draft_party(role);
            Message peer{candor::crypto::test::hex_array<32>(h), tv(role == Role::initiator ? "adb" : "ada")};
            auto session = party.finish(peer);
            CHECK_FALSE(session.ok());
            // The scalar is gone: even the honest peer message is refused now.
            const Party honest = draft_party(role == Role::initiator ? Role::responder : Role::initiator);
            CHECK_FALSE(party.finish(honest.message()).ok());
        }
    }
}

TEST_CASE("same code: both sides agree, confirmation passes both ways, derived keys match") {
    Pair p = run(fresh_party(Role::initiator, "4711-TIGER", kCi, kSid),
                 fresh_party(Role::responder, "4711-TIGER", kCi, kSid));
    CHECK(equal_ct(p.initiator.isk().view(), p.responder.isk().view()));
    CHECK(p.initiator.confirmation() != p.responder.confirmation());  // each side tags its own message

    // No key before confirmation.
    CHECK_FALSE(p.initiator.derive_key("pair-key").ok());
    CHECK(p.initiator.verify_peer_confirmation(p.responder.confirmation()).ok());
    CHECK(p.responder.verify_peer_confirmation(p.initiator.confirmation()).ok());
    CHECK(p.initiator.confirmed());

    auto ka = p.initiator.derive_key("pair-key");
    auto kb = p.responder.derive_key("pair-key");
    REQUIRE(ka.ok());
    REQUIRE(kb.ok());
    CHECK(equal_ct(ka->view(), kb->view()));
    auto other = p.initiator.derive_key("identity-exchange");
    REQUIRE(other.ok());
    CHECK_FALSE(equal_ct(ka->view(), other->view()));
    CHECK_FALSE(p.initiator.derive_key("").ok());
}

TEST_CASE("confirmation tags follow draft §10.4 (mac_key = SHA-512(\"CPaceMac\" || sid || ISK))") {
    Party a = draft_party(Role::initiator);
    Party b = draft_party(Role::responder);
    auto sa = a.finish(b.message());
    REQUIRE(sa.ok());
    Bytes key_input = str("CPaceMac");
    key_input.insert(key_input.end(), tv("sid").begin(), tv("sid").end());
    key_input.insert(key_input.end(), tv("isk_ir").begin(), tv("isk_ir").end());
    const auto mac_key = sha512(key_input);
    CHECK(sa->confirmation() == hmac_sha512(mac_key, internal::lv_cat({tv("Ya"), tv("ada")})));
    const auto tb = hmac_sha512(mac_key, internal::lv_cat({tv("Yb"), tv("adb")}));
    CHECK(sa->verify_peer_confirmation(tb).ok());
}

TEST_CASE("different codes: different ISK, confirmation fails and the session is burnt") {
    Pair p = run(fresh_party(Role::initiator, "4711-TIGER", kCi, kSid),
                 fresh_party(Role::responder, "4712-TIGER", kCi, kSid));
    CHECK_FALSE(equal_ct(p.initiator.isk().view(), p.responder.isk().view()));
    CHECK_FALSE(p.initiator.verify_peer_confirmation(p.responder.confirmation()).ok());
    CHECK_FALSE(p.responder.verify_peer_confirmation(p.initiator.confirmation()).ok());
    CHECK_FALSE(p.initiator.confirmed());
    CHECK_FALSE(p.initiator.derive_key("pair-key").ok());
    const ByteView wiped = p.initiator.isk().view();
    CHECK(std::all_of(wiped.begin(), wiped.end(), [](std::uint8_t x) { return x == 0; }));
}

TEST_CASE("tampered, truncated or replayed confirmation tags are refused") {
    auto fresh = [] {
        return run(fresh_party(Role::initiator, "code", kCi, kSid), fresh_party(Role::responder, "code", kCi, kSid));
    };
    {
        Pair p = fresh();
        ConfirmationTag tag = p.responder.confirmation();
        tag[17] ^= 0x01;
        CHECK_FALSE(p.initiator.verify_peer_confirmation(tag).ok());
        // Burnt: not even the right tag helps afterwards.
        CHECK_FALSE(p.initiator.verify_peer_confirmation(p.responder.confirmation()).ok());
    }
    {
        Pair p = fresh();
        const ConfirmationTag& tag = p.responder.confirmation();
        CHECK_FALSE(p.initiator.verify_peer_confirmation(ByteView(tag).first(32)).ok());
    }
    {
        Pair p = fresh();
        CHECK_FALSE(p.initiator.verify_peer_confirmation({}).ok());
    }
    {
        Pair p = fresh();
        // Reflecting our own tag back is not the peer's tag.
        CHECK_FALSE(p.initiator.verify_peer_confirmation(p.initiator.confirmation()).ok());
    }
    {
        Pair old = fresh();
        Pair now = fresh();
        // A tag from an earlier run (other scalars) does not confirm this one.
        CHECK_FALSE(now.initiator.verify_peer_confirmation(old.responder.confirmation()).ok());
    }
}

TEST_CASE("mismatched sid, channel id, associated data or roles give different keys") {
    const Bytes other_ci = pairing_channel_id(str("device-a-identity"), str("device-c-identity"));
    const auto other_sid = pairing_session_id(Nonce{1, 2, 3}, Nonce{4, 5, 7});

    Pair sid_mismatch = run(fresh_party(Role::initiator, "code", kCi, kSid),
                            fresh_party(Role::responder, "code", kCi, other_sid));
    CHECK_FALSE(equal_ct(sid_mismatch.initiator.isk().view(), sid_mismatch.responder.isk().view()));
    CHECK_FALSE(sid_mismatch.initiator.verify_peer_confirmation(sid_mismatch.responder.confirmation()).ok());

    Pair ci_mismatch = run(fresh_party(Role::initiator, "code", kCi, kSid),
                           fresh_party(Role::responder, "code", other_ci, kSid));
    CHECK_FALSE(equal_ct(ci_mismatch.initiator.isk().view(), ci_mismatch.responder.isk().view()));
    CHECK_FALSE(ci_mismatch.responder.verify_peer_confirmation(ci_mismatch.initiator.confirmation()).ok());

    // An attacker rewriting the clear-text AD in flight.
    Party a = fresh_party(Role::initiator, "code", kCi, kSid);
    Party b = fresh_party(Role::responder, "code", kCi, kSid);
    Message tampered = a.message();
    tampered.ad = str("candor-pair/0");
    auto sb = b.finish(tampered);
    auto sa = a.finish(b.message());
    REQUIRE(sa.ok());
    REQUIRE(sb.ok());
    CHECK_FALSE(equal_ct(sa->isk().view(), sb->isk().view()));

    // Both sides believing they are the initiator.
    Pair roles = run(fresh_party(Role::initiator, "code", kCi, kSid), fresh_party(Role::initiator, "code", kCi, kSid));
    CHECK_FALSE(equal_ct(roles.initiator.isk().view(), roles.responder.isk().view()));
}

TEST_CASE("every run draws a fresh scalar: shares never repeat for identical inputs") {
    std::set<Point> shares;
    for (int i = 0; i < 32; ++i) {
        shares.insert(fresh_party(Role::initiator, "code", kCi, kSid).message().share);
    }
    CHECK(shares.size() == 32);
}

TEST_CASE("a party finishes once; a moved-from party cannot finish at all") {
    Party a = fresh_party(Role::initiator, "code", kCi, kSid);
    const Party b = fresh_party(Role::responder, "code", kCi, kSid);
    Party moved = std::move(a);
    CHECK_FALSE(a.finish(b.message()).ok());  // NOLINT(bugprone-use-after-move): that is the test
    CHECK(moved.finish(b.message()).ok());
    CHECK_FALSE(moved.finish(b.message()).ok());
}

TEST_CASE("refused inputs: own share echoed back, oversized AD, empty code, bad test scalars") {
    Party a = fresh_party(Role::initiator, "code", kCi, kSid);
    CHECK_FALSE(a.finish(a.message()).ok());

    Party c = fresh_party(Role::initiator, "code", kCi, kSid);
    Message big = fresh_party(Role::responder, "code", kCi, kSid).message();
    big.ad.assign(kMaxAdSize + 1, 'x');
    CHECK_FALSE(c.finish(big).ok());

    Message at_limit = fresh_party(Role::responder, "code", kCi, kSid).message();
    at_limit.ad.assign(kMaxAdSize, 'x');
    Party d = fresh_party(Role::initiator, "code", kCi, kSid);
    CHECK(d.finish(at_limit).ok());

    CHECK_FALSE(Party::start(Role::initiator, {}, kCi, kSid, {}).ok());
    CHECK_FALSE(Party::start(Role::initiator, as_bytes("code"), kCi, kSid, Bytes(kMaxAdSize + 1, 'x')).ok());

    Secret<32> zero;
    CHECK_FALSE(Party::start_with_scalar_for_test(Role::initiator, as_bytes("code"), kCi, kSid, {}, zero).ok());
    // L itself (the group order) is not a canonical scalar.
    const auto l = candor::crypto::test::hex_secret<32>("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
    CHECK_FALSE(Party::start_with_scalar_for_test(Role::initiator, as_bytes("code"), kCi, kSid, {}, l).ok());
}

TEST_CASE("pairing inputs: CI binds both identities in role order, unambiguously; sid is both nonces") {
    CHECK(pairing_channel_id(str("A"), str("B")) != pairing_channel_id(str("B"), str("A")));
    CHECK(pairing_channel_id(str("ab"), str("c")) != pairing_channel_id(str("a"), str("bc")));
    const Nonce n1 = session_nonce();
    const Nonce n2 = session_nonce();
    CHECK(n1 != n2);
    const auto sid = pairing_session_id(n1, n2);
    CHECK(std::equal(n1.begin(), n1.end(), sid.begin()));
    CHECK(std::equal(n2.begin(), n2.end(), sid.begin() + 16));
    CHECK(pairing_session_id(n2, n1) != sid);
}
