// The sync messages: round trips, and every malformed form refused before it is read.
#include <doctest/doctest.h>

#include "net/wire.hpp"
#include "sync_helpers.hpp"

using namespace candor;
using namespace candor::sync;

namespace {

core::DeviceId dev(std::uint8_t b) {
    core::DeviceId d{};
    d.fill(b);
    return d;
}

VersionVector sample_vector() { return {{dev(1), 7}, {dev(2), 1}, {dev(0xff), 123456789}}; }

// Every strict prefix of a valid message must be refused.
void check_prefixes_refused(const Bytes& m) {
    for (std::size_t n = 0; n < m.size(); ++n) {
        auto d = decode_message(ByteView{m.data(), n});
        CHECK_MESSAGE(!d.ok(), "prefix of length ", n, " was accepted");
    }
}

}  // namespace

TEST_CASE("hello round trip, truncation and trailing bytes") {
    const Bytes m = encode_hello(sample_vector());
    auto d = decode_message(m);
    REQUIRE(d.ok());
    auto* h = std::get_if<HelloMessage>(&*d);
    REQUIRE(h != nullptr);
    CHECK(h->version == kSyncVersion);
    CHECK(h->have == sample_vector());
    check_prefixes_refused(m);
    Bytes longer = m;
    longer.push_back(0);
    CHECK(!decode_message(longer).ok());

    auto empty = decode_message(encode_hello({}));
    REQUIRE(empty.ok());
    CHECK(std::get<HelloMessage>(*empty).have.empty());
    // A zero seq means "nothing" and is left out, so the encoding stays canonical.
    auto zero = decode_message(encode_hello({{dev(3), 0}, {dev(4), 2}}));
    REQUIRE(zero.ok());
    CHECK(std::get<HelloMessage>(*zero).have == VersionVector{{dev(4), 2}});
}

TEST_CASE("hello from another sync version says which side to update") {
    Bytes m = encode_hello({});
    m[1] = kSyncVersion + 1;
    auto d = decode_message(m);
    REQUIRE(!d.ok());
    CHECK(d.message().find("this computer") != std::string::npos);
    m[1] = 0;
    d = decode_message(m);
    REQUIRE(!d.ok());
    CHECK(d.message().find("partner's Candor") != std::string::npos);
}

TEST_CASE("vectors must be canonical: ascending authors, no repeats, no zero seq") {
    auto vec_message = [](std::vector<std::pair<std::uint8_t, std::uint64_t>> items,
                          std::uint32_t count_override = 0xffffffff) {
        net::Writer w;
        w.u8(static_cast<std::uint8_t>(MessageType::ack));
        w.u64(1);
        w.u32(count_override != 0xffffffff ? count_override : static_cast<std::uint32_t>(items.size()));
        for (auto [b, seq] : items) {
            w.array(dev(b));
            w.u64(seq);
        }
        return w.take();
    };
    CHECK(decode_message(vec_message({{1, 1}, {2, 5}})).ok());
    CHECK(!decode_message(vec_message({{2, 1}, {1, 5}})).ok());  // descending
    CHECK(!decode_message(vec_message({{1, 1}, {1, 5}})).ok());  // repeated author
    CHECK(!decode_message(vec_message({{1, 0}})).ok());          // zero seq
    CHECK(!decode_message(vec_message({{1, 1}}, 2)).ok());       // count above what is carried
    CHECK(!decode_message(vec_message({}, 0xfffffff0)).ok());    // huge count, no allocation
    CHECK(!decode_message(vec_message({{1, 1}}, 0)).ok());       // trailing item
}

TEST_CASE("entries round trip and limits") {
    Bytes e1(200, 0x11), e2(core::kMaxEntrySize, 0x22);
    const Bytes m = encode_entries(9, {ByteView{e1}, ByteView{e2}});
    auto d = decode_message(m);
    REQUIRE(d.ok());
    auto* em = std::get_if<EntriesMessage>(&*d);
    REQUIRE(em != nullptr);
    CHECK(em->batch == 9);
    REQUIRE(em->entries.size() == 2);
    CHECK(Bytes(em->entries[0].begin(), em->entries[0].end()) == e1);
    CHECK(Bytes(em->entries[1].begin(), em->entries[1].end()) == e2);
    check_prefixes_refused(m);
    Bytes longer = m;
    longer.push_back(0);
    CHECK(!decode_message(longer).ok());

    // The sender refuses to build what a receiver would refuse.
    CHECK_THROWS(encode_entries(1, {}));
    std::vector<ByteView> too_many(kMaxBatchEntries + 1, ByteView{e1});
    CHECK_THROWS(encode_entries(1, too_many));
    std::vector<ByteView> too_big(3, ByteView{e2});  // 3 x ~64 KiB > 192 KiB
    CHECK_THROWS(encode_entries(1, too_big));
    Bytes share(kMaxBatchBytes / kMaxBatchEntries, 0x33);
    std::vector<ByteView> just_fits(kMaxBatchEntries, ByteView{share});
    CHECK(encode_entries(1, just_fits).size() <= kMaxMessageSize);
}

TEST_CASE("oversized and malformed entries messages are refused") {
    auto raw_entries = [](std::uint64_t batch, std::uint16_t count, std::vector<std::uint32_t> lengths) {
        net::Writer w;
        w.u8(static_cast<std::uint8_t>(MessageType::entries));
        w.u64(batch);
        w.u16(count);
        for (auto n : lengths) w.bytes32(Bytes(n, 0xab));
        return w.take();
    };
    CHECK(decode_message(raw_entries(1, 1, {10})).ok());
    CHECK(!decode_message(raw_entries(0, 1, {10})).ok());  // batch 0
    CHECK(!decode_message(raw_entries(1, 0, {})).ok());    // empty batch
    CHECK(!decode_message(raw_entries(1, 2, {10})).ok());  // count above what is carried
    // Over the entry count: refused from the header, before reading the entries.
    std::vector<std::uint32_t> many(kMaxBatchEntries + 1, 1);
    auto count_error = decode_message(raw_entries(1, static_cast<std::uint16_t>(many.size()), many));
    REQUIRE(!count_error.ok());
    CHECK(count_error.message().find("257") != std::string::npos);
    // Over the byte budget, though each entry alone is fine.
    auto bytes_error = decode_message(raw_entries(1, 3, {70000, 70000, 70000}));
    REQUIRE(!bytes_error.ok());
    CHECK(bytes_error.message().find("KiB") != std::string::npos);
    // A length field claiming 4 GiB is refused without trying to read it.
    net::Writer w;
    w.u8(static_cast<std::uint8_t>(MessageType::entries));
    w.u64(1);
    w.u16(1);
    w.u32(0xffffffff);
    CHECK(!decode_message(w.data()).ok());
    // Any message above the channel's plaintext limit, whatever it contains.
    Bytes huge(kMaxMessageSize + 1, 0);
    huge[0] = static_cast<std::uint8_t>(MessageType::hello);
    CHECK(!decode_message(huge).ok());
}

TEST_CASE("ack round trip; unknown and empty messages") {
    const Bytes m = encode_ack(42, sample_vector());
    auto d = decode_message(m);
    REQUIRE(d.ok());
    auto* a = std::get_if<AckMessage>(&*d);
    REQUIRE(a != nullptr);
    CHECK(a->through_batch == 42);
    CHECK(a->have == sample_vector());
    check_prefixes_refused(m);
    CHECK(!decode_message(encode_ack(0, {})).ok());  // batch 0 is never sent, never acked

    CHECK(!decode_message(Bytes{}).ok());
    for (std::uint8_t type : {0, 4, 0x7f, 0xff}) {
        Bytes unknown = encode_hello({});
        unknown[0] = type;
        CHECK(!decode_message(unknown).ok());
    }
}
