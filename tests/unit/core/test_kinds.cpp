// Body encoding: round trips, names, newer-version tolerance and hostile bodies.
#include <doctest/doctest.h>

#include <chrono>
#include <cstring>

#include "core/kinds.hpp"
#include "core_helpers.hpp"

using namespace candor;
using namespace candor::core;

namespace {
EntryId id_of(std::uint8_t b) {
    EntryId id{};
    id.fill(b);
    return id;
}
}  // namespace

TEST_CASE("kind names are the CLI's") {
    CHECK(kind_name(Kind::update) == "update");
    CHECK(kind_name(Kind::late) == "late");
    CHECK(kind_name(Kind::commitment) == "commitment");
    CHECK(kind_name(Kind::resolution) == "resolution");
    CHECK(kind_name(Kind::ack) == "ack");
    CHECK(kind_name(Kind::agreement_proposal) == "agreement_proposal");
    CHECK(kind_name(Kind::agreement_answer) == "agreement_answer");
    CHECK(kind_name(Kind::agreement_review) == "agreement_review");
    CHECK(kind_name(Kind::commitment_request) == "commitment_request");
    CHECK(kind_name(Kind::request_answer) == "request_answer");
    CHECK(kind_name(Kind::late_end) == "late_end");
    CHECK(kind_name(Kind::new_chain) == "new_chain");
    CHECK(kind_name(Kind{99}) == "unknown");
    CHECK_FALSE(is_known_kind(Kind{0}));
    CHECK_FALSE(is_known_kind(Kind{13}));
    for (std::uint16_t k = 1; k <= 12; ++k) {
        CHECK(is_known_kind(Kind{k}));
        CHECK(kind_from_name(kind_name(Kind{k})) == Kind{k});
    }
    CHECK_FALSE(kind_from_name("Update"));
}

TEST_CASE("every body round trips") {
    auto u = decode_body<UpdateBody>(encode_body(UpdateBody{"at the gym", "gym", 123}));
    REQUIRE(u.ok());
    CHECK(u->text == "at the gym");
    CHECK(u->where == "gym");
    CHECK(u->until_ms == 123);

    auto l = decode_body<LateBody>(encode_body(LateBody{15, "bus", 456, id_of(7)}));
    REQUIRE(l.ok());
    CHECK(l->minutes == 15);
    CHECK(l->reason == "bus");
    CHECK(l->eta_ms == 456);
    CHECK(l->for_commitment == id_of(7));
    auto l2 = decode_body<LateBody>(encode_body(LateBody{1, "", 2, std::nullopt}));
    REQUIRE(l2.ok());
    CHECK_FALSE(l2->for_commitment);

    CHECK(decode_body<LateEndBody>(encode_body(LateEndBody{id_of(3)}))->late_id == id_of(3));

    auto c = decode_body<CommitmentBody>(encode_body(CommitmentBody{"call at 7", -5, id_of(9)}));
    REQUIRE(c.ok());
    CHECK(c->text == "call at 7");
    CHECK(c->due_at_ms == -5);
    CHECK(c->request_id == id_of(9));

    auto r = decode_body<ResolutionBody>(encode_body(ResolutionBody{id_of(1), Outcome::renegotiated, 99, "sorry"}));
    REQUIRE(r.ok());
    CHECK(r->commitment_id == id_of(1));
    CHECK(r->outcome == Outcome::renegotiated);
    CHECK(r->new_due_ms == 99);
    CHECK(r->note == "sorry");

    auto a = decode_body<AckBody>(encode_body(AckBody{id_of(2), "thank you"}));
    REQUIRE(a.ok());
    CHECK(a->target_id == id_of(2));
    CHECK(a->note == "thank you");

    auto cr = decode_body<CommitmentRequestBody>(encode_body(CommitmentRequestBody{"text me", 77}));
    REQUIRE(cr.ok());
    CHECK(cr->text == "text me");
    CHECK(cr->due_at_ms == 77);

    auto ra = decode_body<RequestAnswerBody>(encode_body(RequestAnswerBody{id_of(4), true, "ok"}));
    REQUIRE(ra.ok());
    CHECK(ra->request_id == id_of(4));
    CHECK(ra->accepted);
    CHECK(ra->note == "ok");

    auto ap = decode_body<AgreementProposalBody>(encode_body(AgreementProposalBody{id_of(5), R"({"title":"t"})"}));
    REQUIRE(ap.ok());
    CHECK(ap->parent_version == id_of(5));
    CHECK(ap->agreement_json == R"({"title":"t"})");

    auto aa = decode_body<AgreementAnswerBody>(encode_body(AgreementAnswerBody{id_of(6), false, "not yet"}));
    REQUIRE(aa.ok());
    CHECK(aa->version == id_of(6));
    CHECK_FALSE(aa->accepted);
    CHECK(aa->note == "not yet");

    auto rv = decode_body<AgreementReviewBody>(encode_body(AgreementReviewBody{"went well", 1000}));
    REQUIRE(rv.ok());
    CHECK(rv->note == "went well");
    CHECK(rv->next_review_ms == 1000);
}

TEST_CASE("bytes appended by a newer version are ignored") {
    auto b = encode_body(UpdateBody{"x", "y", 5});
    b.insert(b.end(), {1, 2, 3, 4, 5, 6, 7, 8, 9});
    auto u = decode_body<UpdateBody>(b);
    REQUIRE(u.ok());
    CHECK(u->text == "x");
    CHECK(u->until_ms == 5);
}

TEST_CASE("hostile body declaring a 2^40-byte string is refused without allocating it") {
    auto b = encode_body(UpdateBody{"abc", "", 0});
    // Layout: endianness byte, class version (u32), then the text's u64 size tag.
    REQUIRE(b.size() > 13);
    std::uint64_t declared = 0;
    std::memcpy(&declared, b.data() + 5, 8);
    REQUIRE(declared == 3);  // (this machine is little-endian, as is the archive)
    for (std::uint64_t size : {std::uint64_t{1} << 40, std::uint64_t{4}, ~std::uint64_t{0}}) {
        CAPTURE(size);
        auto hostile = b;
        std::memcpy(hostile.data() + 5, &size, 8);
        const auto start = std::chrono::steady_clock::now();
        auto r = decode_body<UpdateBody>(hostile);
        CHECK_FALSE(r.ok());
        CHECK(r.message().find("malformed") != std::string::npos);
        CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
    }
}

TEST_CASE("truncated bodies, bad yes/no bytes and bad outcomes are errors, never crashes") {
    auto full = encode_body(LateBody{15, "traffic on the bridge", 456, id_of(7)});
    for (std::size_t n = 0; n < full.size(); ++n) {
        CAPTURE(n);
        CHECK_FALSE(decode_body<LateBody>(crypto::ByteView(full.data(), n)).ok());
    }
    auto ans = encode_body(RequestAnswerBody{id_of(4), true, ""});
    // endianness(1) + version(4) + id(32) -> the accepted byte.
    REQUIRE(ans[37] == 1);
    ans[37] = 2;
    CHECK_FALSE(decode_body<RequestAnswerBody>(ans).ok());
    auto res = encode_body(ResolutionBody{id_of(1), Outcome::kept, 0, ""});
    REQUIRE(res[37] == 1);
    res[37] = 4;
    CHECK_FALSE(decode_body<ResolutionBody>(res).ok());
    res[37] = 0;
    CHECK_FALSE(decode_body<ResolutionBody>(res).ok());
    CHECK_FALSE(decode_body<UpdateBody>({}).ok());
}
