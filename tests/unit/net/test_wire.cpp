// Reader/Writer bounds and the frame envelope: truncations, foreign data, versions, size limit.
#include <doctest/doctest.h>

#include <stdexcept>

#include "net/wire.hpp"

using namespace candor::net;

namespace {

Bytes sample_payload() {
    Writer w;
    w.u8(0xAB);
    w.u16(0x1234);
    w.u32(0xDEADBEEF);
    w.u64(0x0102030405060708ULL);
    w.array(ByteArray<4>{9, 8, 7, 6});
    w.bytes8(Bytes{1, 2, 3});
    w.bytes16(Bytes(300, 0x55));
    w.bytes32(Bytes{4, 5});
    return w.take();
}

// Reads sample_payload() back; ok only when every field was present.
bool read_sample(ByteView data, bool check_values) {
    Reader r(data);
    auto a = r.u8();
    auto b = r.u16();
    auto c = r.u32();
    auto d = r.u64();
    auto e = r.array<4>();
    auto f = r.bytes8();
    auto g = r.bytes16();
    auto h = r.bytes32(16);
    if (!r.done()) return false;
    if (check_values) {
        CHECK(a == 0xAB);
        CHECK(b == 0x1234);
        CHECK(c == 0xDEADBEEF);
        CHECK(d == 0x0102030405060708ULL);
        CHECK(e == ByteArray<4>{9, 8, 7, 6});
        CHECK(Bytes(f.begin(), f.end()) == Bytes{1, 2, 3});
        CHECK(g.size() == 300);
        CHECK(Bytes(h.begin(), h.end()) == Bytes{4, 5});
    }
    return true;
}

}  // namespace

TEST_CASE("wire: writer is little-endian") {
    Writer w;
    w.u16(0x0102);
    w.u32(0x03040506);
    CHECK(w.data() == Bytes{0x02, 0x01, 0x06, 0x05, 0x04, 0x03});
}

TEST_CASE("wire: round trip of every field kind") {
    Bytes p = sample_payload();
    CHECK(read_sample(p, true));
}

TEST_CASE("wire: every truncation of a valid payload fails cleanly") {
    Bytes p = sample_payload();
    for (std::size_t n = 0; n < p.size(); ++n) {
        Bytes cut(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(n));
        CHECK_MESSAGE(!read_sample(cut, false), "length ", n);
    }
}

TEST_CASE("wire: trailing bytes are not done()") {
    Bytes p = sample_payload();
    p.push_back(0);
    CHECK(!read_sample(p, false));
}

TEST_CASE("wire: failed reader stays failed and returns zeros") {
    Bytes one{0xFF};
    Reader r(one);
    CHECK(r.u16() == 0);
    CHECK(!r.ok());
    CHECK(r.u8() == 0);  // the byte is still there, but a failed reader reads nothing
    CHECK(r.raw(0).empty());
    CHECK(r.rest().empty());
    CHECK(r.remaining() == 0);
}

TEST_CASE("wire: length prefix above the caller's maximum fails without reading") {
    Writer w;
    w.bytes32(Bytes(100, 1));
    Reader r(w.data());
    CHECK(r.bytes32(99).empty());
    CHECK(!r.ok());

    Reader ok(w.data());
    CHECK(ok.bytes32(100).size() == 100);
    CHECK(ok.done());
}

TEST_CASE("wire: huge length prefix on a short buffer fails") {
    Bytes b{0xFF, 0xFF, 0xFF, 0xFF, 1, 2};
    Reader r(b);
    CHECK(r.bytes32(SIZE_MAX).empty());
    CHECK(!r.ok());
}

TEST_CASE("frame: round trip") {
    Bytes payload{1, 2, 3, 4};
    Bytes f = encode_frame(FrameType::hello, payload);
    REQUIRE(f.size() == kFrameHeaderSize + payload.size());
    CHECK(f[0] == 'C');
    CHECK(f[1] == 'N');
    CHECK(f[2] == 'F');
    auto d = decode_frame(f);
    REQUIRE(d.ok());
    CHECK(d->type == FrameType::hello);
    CHECK(Bytes(d->payload.begin(), d->payload.end()) == payload);

    auto empty = decode_frame(encode_frame(FrameType::auth, {}));
    REQUIRE(empty.ok());
    CHECK(empty->payload.empty());
}

TEST_CASE("frame: every truncation of the header fails") {
    Bytes f = encode_frame(FrameType::sealed, Bytes{9});
    for (std::size_t n = 0; n < kFrameHeaderSize; ++n) {
        auto d = parse_frame(ByteView{f.data(), n});
        CHECK(!d.ok);
        CHECK(d.error == FrameError::truncated);
    }
}

TEST_CASE("frame: foreign magic") {
    Bytes f = encode_frame(FrameType::hello, Bytes{1});
    for (std::size_t i = 0; i < 3; ++i) {
        Bytes g = f;
        g[i] ^= 0x20;
        auto d = parse_frame(g);
        CHECK(!d.ok);
        CHECK(d.error == FrameError::foreign_magic);
    }
    Bytes http{'G', 'E'};
    CHECK(parse_frame(http).error == FrameError::foreign_magic);
}

TEST_CASE("frame: version mismatch is a user-facing error naming the side to update") {
    Bytes f = encode_frame(FrameType::hello, Bytes{1});
    f[3] = kProtocolVersion + 1;
    auto d = parse_frame(f);
    CHECK(!d.ok);
    CHECK(d.error == FrameError::peer_newer);
    CHECK(d.peer_version == kProtocolVersion + 1);
    auto r = decode_frame(f);
    REQUIRE(!r.ok());
    CHECK(r.message().find("newer Candor") != std::string::npos);

    f[3] = 0;
    d = parse_frame(f);
    CHECK(d.error == FrameError::peer_older);
    r = decode_frame(f);
    REQUIRE(!r.ok());
    CHECK(r.message().find("older Candor") != std::string::npos);
}

TEST_CASE("frame: maximum size") {
    Bytes at_max(kMaxFrameSize - kFrameHeaderSize, 7);
    Bytes f = encode_frame(FrameType::sealed, at_max);
    CHECK(f.size() == kMaxFrameSize);
    CHECK(parse_frame(f).ok);
    f.push_back(0);
    auto d = parse_frame(f);
    CHECK(!d.ok);
    CHECK(d.error == FrameError::too_large);
    CHECK_THROWS_AS((void)encode_frame(FrameType::sealed, Bytes(kMaxFrameSize, 0)), std::length_error);
}

TEST_CASE("frame: unknown type values are passed up, not rejected here") {
    Bytes f = encode_frame(static_cast<FrameType>(200), {});
    auto d = decode_frame(f);
    REQUIRE(d.ok());
    CHECK(static_cast<int>(d->type) == 200);
}
