// The session handshake between two in-memory parties, and the sealed channel's negative cases.
#include <doctest/doctest.h>

#include <functional>
#include <set>

#include "net/session.hpp"

using namespace candor;
using namespace candor::net;

namespace {

struct Party {
    crypto::Identity identity = crypto::Identity::generate();
    std::set<crypto::PublicKey> pinned;
    IsPinned check() {
        return [this](const crypto::PublicKey& id) { return pinned.contains(id); };
    }
};

// Edits a frame in flight: (sender is initiator, index of that sender's frame, bytes).
using Tamper = std::function<void(bool from_initiator, int index, Bytes&)>;

// Delivers queued frames both ways until neither side has anything to say or one failed.
// Returns how many frames were delivered.
int pump(Handshake& i, Handshake& r, const Tamper& tamper = {}) {
    int sent_i = 0, sent_r = 0, delivered = 0;
    for (int round = 0; round < 10; ++round) {
        auto from_i = i.take_outgoing();
        auto from_r = r.take_outgoing();
        if (from_i.empty() && from_r.empty()) break;
        for (auto& f : from_i) {
            if (i.failed() || r.failed()) break;
            if (tamper) tamper(true, sent_i, f);
            ++sent_i;
            ++delivered;
            (void)r.receive(f);
        }
        for (auto& f : from_r) {
            if (i.failed() || r.failed()) break;
            if (tamper) tamper(false, sent_r, f);
            ++sent_r;
            ++delivered;
            (void)i.receive(f);
        }
        if (i.failed() || r.failed()) break;
    }
    return delivered;
}

struct Pinned {
    Party a, b;
    Pinned() {
        a.pinned.insert(b.identity.public_key());
        b.pinned.insert(a.identity.public_key());
    }
};

std::pair<SecureChannel, SecureChannel> channel_pair() {
    auto k1 = crypto::aead_keygen();
    auto k2 = crypto::aead_keygen();
    crypto::PublicKey id{};
    return {SecureChannel(k1, k2, Role::initiator, id), SecureChannel(k2, k1, Role::responder, id)};
}

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

}  // namespace

TEST_CASE("session: handshake yields matching, per-direction keys") {
    Pinned p;
    Handshake hi(Role::initiator, p.a.identity, p.a.check());
    Handshake hr(Role::responder, p.b.identity, p.b.check());
    CHECK(pump(hi, hr) == 6);  // hello x2, identify x2, auth x2
    REQUIRE(hi.complete());
    REQUIRE(hr.complete());
    auto ci = hi.take_channel();
    auto cr = hr.take_channel();
    REQUIRE(ci.ok());
    REQUIRE(cr.ok());
    CHECK(ci->peer_id() == p.b.identity.public_key());
    CHECK(cr->peer_id() == p.a.identity.public_key());
    CHECK(ci->send_key_fingerprint() == cr->receive_key_fingerprint());
    CHECK(ci->receive_key_fingerprint() == cr->send_key_fingerprint());
    CHECK(ci->send_key_fingerprint() != ci->receive_key_fingerprint());

    auto f = ci->seal(text("hello bob"));
    REQUIRE(f.ok());
    auto m = cr->open(*f);
    REQUIRE(m.ok());
    CHECK(*m == text("hello bob"));
    auto g = cr->seal(text("hi alice"));
    REQUIRE(g.ok());
    auto n = ci->open(*g);
    REQUIRE(n.ok());
    CHECK(*n == text("hi alice"));

    CHECK(!hi.take_channel().ok());  // only once
}

TEST_CASE("session: every handshake gives fresh keys") {
    Pinned p;
    ByteArray<32> first{};
    for (int k = 0; k < 2; ++k) {
        Handshake hi(Role::initiator, p.a.identity, p.a.check());
        Handshake hr(Role::responder, p.b.identity, p.b.check());
        pump(hi, hr);
        auto ci = hi.take_channel();
        REQUIRE(ci.ok());
        if (k == 0) first = ci->send_key_fingerprint();
        else CHECK(ci->send_key_fingerprint() != first);
    }
}

TEST_CASE("session: an unknown initiator is refused and learns nothing of the responder") {
    Party stranger, b;
    stranger.pinned.insert(b.identity.public_key());  // b does not pin the stranger
    Handshake hi(Role::initiator, stranger.identity, stranger.check());
    Handshake hr(Role::responder, b.identity, b.check());
    // Hellos, then the stranger's identify reaches b and fails there.
    (void)hr.receive(hi.take_outgoing().at(0));
    (void)hi.receive(hr.take_outgoing().at(0));
    auto ident = hi.take_outgoing();
    REQUIRE(ident.size() == 1);
    auto st = hr.receive(ident[0]);
    CHECK(!st.ok());
    CHECK(st.message().find("unknown device") != std::string::npos);
    CHECK(hr.failed());
    CHECK(hr.take_outgoing().empty());  // b never sent its id
    CHECK(!hr.take_channel().ok());
    CHECK(!hi.complete());
}

TEST_CASE("session: an unknown responder is refused by the initiator") {
    Party a, stranger;
    stranger.pinned.insert(a.identity.public_key());
    Handshake hi(Role::initiator, a.identity, a.check());
    Handshake hr(Role::responder, stranger.identity, stranger.check());
    pump(hi, hr);
    CHECK(hi.failed());
    CHECK(!hi.complete());
    CHECK(!hr.complete());
}

TEST_CASE("session: no pin callback means nobody is trusted") {
    Pinned p;
    Handshake hi(Role::initiator, p.a.identity, p.a.check());
    Handshake hr(Role::responder, p.b.identity, IsPinned{});
    pump(hi, hr);
    CHECK(hr.failed());
    CHECK(!hi.complete());
}

TEST_CASE("session: a bit flipped anywhere in any handshake frame stops the handshake") {
    Pinned p;
    int cases = 0;
    for (bool from_initiator : {true, false}) {
        for (int index = 0; index < 3; ++index) {  // hello, identify, auth
            for (std::size_t pos = 0;; ++pos) {
                Handshake hi(Role::initiator, p.a.identity, p.a.check());
                Handshake hr(Role::responder, p.b.identity, p.b.check());
                bool hit = false;
                pump(hi, hr, [&](bool from_i, int i, Bytes& f) {
                    if (from_i == from_initiator && i == index && pos < f.size()) {
                        f[pos] ^= (pos % 2 == 0) ? 0x01 : 0x80;
                        hit = true;
                    }
                });
                if (!hit) break;
                ++cases;
                CHECK_MESSAGE(!(hi.complete() && hr.complete()), "initiator ", from_initiator,
                              " frame ", index, " byte ", pos);
                CHECK(hi.failed() != hr.failed());
            }
        }
    }
    // hello 5+65, identify 5+32+16, auth 5+64+16 bytes, from each side
    CHECK(cases == 2 * (70 + 53 + 85));
}

TEST_CASE("session: a replayed, reordered or out-of-phase handshake frame is refused") {
    Pinned p;
    SUBCASE("hello twice") {
        Handshake hi(Role::initiator, p.a.identity, p.a.check());
        Handshake hr(Role::responder, p.b.identity, p.b.check());
        auto hello = hi.take_outgoing().at(0);
        CHECK(hr.receive(hello).ok());
        CHECK(!hr.receive(hello).ok());
        CHECK(hr.failed());
    }
    SUBCASE("identify before hello") {
        Handshake hi(Role::initiator, p.a.identity, p.a.check());
        Handshake hr(Role::responder, p.b.identity, p.b.check());
        auto hello_i = hi.take_outgoing().at(0);
        CHECK(hi.receive(hr.take_outgoing().at(0)).ok());
        auto ident = hi.take_outgoing().at(0);
        CHECK(!hr.receive(ident).ok());
        (void)hello_i;
    }
    SUBCASE("session data before the handshake") {
        Handshake hr(Role::responder, p.b.identity, p.b.check());
        auto [ci, cr] = channel_pair();
        auto f = ci.seal(text("x"));
        REQUIRE(f.ok());
        CHECK(!hr.receive(*f).ok());
    }
    SUBCASE("frames from another handshake between the same devices") {
        Handshake hi(Role::initiator, p.a.identity, p.a.check());
        Handshake hr(Role::responder, p.b.identity, p.b.check());
        Handshake hi2(Role::initiator, p.a.identity, p.a.check());
        Handshake hr2(Role::responder, p.b.identity, p.b.check());
        CHECK(hr.receive(hi.take_outgoing().at(0)).ok());
        CHECK(hi.receive(hr.take_outgoing().at(0)).ok());
        CHECK(hr2.receive(hi2.take_outgoing().at(0)).ok());
        CHECK(hi2.receive(hr2.take_outgoing().at(0)).ok());
        auto ident2 = hi2.take_outgoing().at(0);
        CHECK(!hr.receive(ident2).ok());  // sealed under the other handshake's keys
    }
}

TEST_CASE("session: a peer speaking another protocol version gets a clear error") {
    Pinned p;
    Handshake hi(Role::initiator, p.a.identity, p.a.check());
    Handshake hr(Role::responder, p.b.identity, p.b.check());
    auto hello = hi.take_outgoing().at(0);
    hello[kFrameHeaderSize] = kProtocolVersion + 1;  // the version inside the Hello
    auto st = hr.receive(hello);
    REQUIRE(!st.ok());
    CHECK(st.message().find("newer Candor") != std::string::npos);

    Handshake hr2(Role::responder, p.b.identity, p.b.check());
    hello = Handshake(Role::initiator, p.a.identity, p.a.check()).take_outgoing().at(0);
    hello[3] = kProtocolVersion + 1;  // the envelope's version
    st = hr2.receive(hello);
    REQUIRE(!st.ok());
    CHECK(st.message().find("newer Candor") != std::string::npos);
}

TEST_CASE("session: low-order ephemeral key is refused") {
    Pinned p;
    Handshake hr(Role::responder, p.b.identity, p.b.check());
    Hello evil;  // all-zero ephemeral key: the shared secret would be zero
    CHECK(!hr.receive(encode_frame(FrameType::hello, encode_hello(evil))).ok());
}

TEST_CASE("hello: codec round trip and exact length") {
    Hello h;
    h.ephemeral.fill(3);
    h.nonce.fill(4);
    Bytes b = encode_hello(h);
    CHECK(b.size() == kHelloSize);
    auto back = parse_hello(b);
    REQUIRE(back);
    CHECK(back->ephemeral == h.ephemeral);
    CHECK(back->nonce == h.nonce);
    for (std::size_t n = 0; n < b.size(); ++n) CHECK(!parse_hello(ByteView{b.data(), n}));
    b.push_back(0);
    CHECK(!parse_hello(b));
}

TEST_CASE("channel: round trip both ways, empty and maximum plaintexts") {
    auto [a, b] = channel_pair();
    for (int k = 0; k < 5; ++k) {
        auto f = a.seal(text("message " + std::to_string(k)));
        REQUIRE(f.ok());
        auto m = b.open(*f);
        REQUIRE(m.ok());
        CHECK(*m == text("message " + std::to_string(k)));
    }
    auto e = b.seal({});
    REQUIRE(e.ok());
    auto em = a.open(*e);
    REQUIRE(em.ok());
    CHECK(em->empty());

    Bytes big(SecureChannel::kMaxPlaintextSize, 0x42);
    auto bf = a.seal(big);
    REQUIRE(bf.ok());
    CHECK(bf->size() == kMaxFrameSize);
    auto bm = b.open(*bf);
    REQUIRE(bm.ok());
    CHECK(*bm == big);
    CHECK(a.frames_sent() == 6);
    CHECK(b.frames_received() == 6);
}

TEST_CASE("channel: oversized plaintext is refused before sealing") {
    auto [a, b] = channel_pair();
    auto f = a.seal(Bytes(SecureChannel::kMaxPlaintextSize + 1, 0));
    CHECK(!f.ok());
    CHECK(!a.broken());  // the sender's own mistake does not end the session
    auto g = a.seal(text("fine"));
    REQUIRE(g.ok());
    CHECK(b.open(*g).ok());
}

TEST_CASE("channel: oversized incoming frame ends the session") {
    auto [a, b] = channel_pair();
    Bytes huge = encode_frame(FrameType::sealed, Bytes(kMaxFrameSize - kFrameHeaderSize, 0));
    huge.push_back(0);
    auto r = b.open(huge);
    CHECK(!r.ok());
    CHECK(b.broken());
}

TEST_CASE("channel: replayed frame is an error and ends the session") {
    auto [a, b] = channel_pair();
    auto f0 = a.seal(text("once"));
    REQUIRE(f0.ok());
    REQUIRE(b.open(*f0).ok());
    auto again = b.open(*f0);
    CHECK(!again.ok());
    CHECK(again.message().find("out of order or twice") != std::string::npos);
    CHECK(b.broken());
    auto f1 = a.seal(text("next"));
    REQUIRE(f1.ok());
    CHECK(!b.open(*f1).ok());  // broken for good
}

TEST_CASE("channel: reordered and skipped frames are errors") {
    auto [a, b] = channel_pair();
    auto f0 = a.seal(text("zero"));
    auto f1 = a.seal(text("one"));
    REQUIRE(f0.ok());
    REQUIRE(f1.ok());
    CHECK(!b.open(*f1).ok());

    auto [c, d] = channel_pair();
    auto g0 = c.seal(text("zero"));
    auto g1 = c.seal(text("one"));
    auto g2 = c.seal(text("two"));
    REQUIRE(d.open(*g0).ok());
    CHECK(!d.open(*g2).ok());
}

TEST_CASE("channel: a frame sent back to its sender is refused") {
    auto [a, b] = channel_pair();
    auto f = a.seal(text("reflect me"));
    REQUIRE(f.ok());
    CHECK(!a.open(*f).ok());
}

TEST_CASE("channel: a flipped bit anywhere is an error") {
    auto [a0, b0] = channel_pair();
    (void)b0;
    auto f = a0.seal(text("integrity"));
    REQUIRE(f.ok());
    for (std::size_t pos = 0; pos < f->size(); ++pos) {
        for (std::uint8_t bit : {0x01, 0x80}) {
            auto [a, b] = channel_pair();
            auto g = a.seal(text("integrity"));
            REQUIRE(g.ok());
            (*g)[pos] ^= bit;
            CHECK_MESSAGE(!b.open(*g).ok(), "byte ", pos);
            CHECK(b.broken());
        }
    }
}

TEST_CASE("channel: every truncation is an error") {
    auto [a0, b0] = channel_pair();
    (void)b0;
    auto f = a0.seal(text("truncate me"));
    REQUIRE(f.ok());
    for (std::size_t n = 0; n < f->size(); ++n) {
        auto [a, b] = channel_pair();
        auto g = a.seal(text("truncate me"));
        REQUIRE(g.ok());
        CHECK_MESSAGE(!b.open(ByteView{g->data(), n}).ok(), "length ", n);
    }
    auto [a, b] = channel_pair();
    auto g = a.seal(text("extra"));
    REQUIRE(g.ok());
    g->push_back(0);
    CHECK(!b.open(*g).ok());
}

TEST_CASE("channel: a frame from another session is a forgery") {
    auto [a, b] = channel_pair();
    auto [c, d] = channel_pair();
    (void)b;
    (void)c;
    auto f = a.seal(text("wrong session"));
    REQUIRE(f.ok());
    auto r = d.open(*f);
    REQUIRE(!r.ok());
    CHECK(r.message().find("integrity") != std::string::npos);
}

TEST_CASE("channel: a moved-from channel is broken, the moved-to one works") {
    auto [a, b] = channel_pair();
    SecureChannel moved(std::move(a));
    CHECK(a.broken());  // NOLINT(bugprone-use-after-move): that is the point
    CHECK(!a.seal(text("x")).ok());
    auto f = moved.seal(text("y"));
    REQUIRE(f.ok());
    CHECK(b.open(*f).ok());
}
