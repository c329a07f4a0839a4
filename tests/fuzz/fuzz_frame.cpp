// libFuzzer target: the frame envelope, the SecureChannel and the session handshake, fed what a
// hostile peer or a man in the middle could send. The first input byte picks the mode; the rest
// is a sequence of chunks (fuzz_input.hpp).
#include <cstddef>
#include <cstdint>

#include "fuzz_input.hpp"
#include "net/session.hpp"
#include "net/wire.hpp"

using namespace candor;

namespace {

using fuzz::Bytes;
using fuzz::ByteView;

// Fixed channel keys: the corpus's sealed frames are made under them (make_corpus.cpp).
net::SecureChannel sender() {
    return net::SecureChannel(fuzz::fixed_secret<crypto::AeadKey>(0x10),
                              fuzz::fixed_secret<crypto::AeadKey>(0x20), net::Role::initiator,
                              crypto::PublicKey{});
}
net::SecureChannel receiver() {
    return net::SecureChannel(fuzz::fixed_secret<crypto::AeadKey>(0x20),
                              fuzz::fixed_secret<crypto::AeadKey>(0x10), net::Role::responder,
                              crypto::PublicKey{});
}

void check_envelope(ByteView in) {
    const net::FrameDecode d = net::parse_frame(in);
    const auto r = net::decode_frame(in);
    FUZZ_CHECK(d.ok == r.ok());
    if (!d.ok) {
        FUZZ_CHECK(!r.message().empty());
        return;
    }
    FUZZ_CHECK(in.size() <= net::kMaxFrameSize);
    FUZZ_CHECK(d.frame.payload.data() >= in.data() &&
               d.frame.payload.data() + d.frame.payload.size() <= in.data() + in.size());
    FUZZ_CHECK(net::encode_frame(d.frame.type, d.frame.payload) == Bytes(in.begin(), in.end()));
    if (d.frame.type == net::FrameType::hello) {
        if (auto h = net::parse_hello(d.frame.payload)) {
            FUZZ_CHECK(net::encode_hello(*h) == Bytes(d.frame.payload.begin(), d.frame.payload.end()));
        }
    }
}

// Each chunk is an op byte and data. Before every honest delivery the receiver must accept
// exactly when it is unbroken and expects the sender's next counter; once it refused anything,
// it must refuse everything.
void channel_model(fuzz::Chunks& chunks) {
    net::SecureChannel tx = sender();
    net::SecureChannel rx = receiver();
    auto in_step = [&] { return !rx.broken() && rx.frames_received() == tx.frames_sent(); };
    while (auto chunk = chunks.next()) {
        if (chunk->empty()) continue;
        const std::uint8_t op = (*chunk)[0] % 5;
        ByteView data = chunk->subspan(1);
        const bool was_broken = rx.broken();
        switch (op) {
            case 0: {  // raw bytes from the network (the corpus holds frames sealed under the
                       // fixed keys, so some of these open legitimately)
                check_envelope(data);
                auto r = rx.open(data);
                if (was_broken) FUZZ_CHECK(!r.ok());
                if (r.ok()) FUZZ_CHECK(net::parse_frame(data).ok);
                break;
            }
            case 1: {  // honest frame, delivered
                const bool expect = in_step();
                auto f = tx.seal(data);
                FUZZ_CHECK(f.ok());
                check_envelope(*f);
                auto r = rx.open(*f);
                FUZZ_CHECK(r.ok() == expect);
                if (r.ok()) FUZZ_CHECK(*r == Bytes(data.begin(), data.end()));
                break;
            }
            case 2: {  // honest frame, one byte changed or the frame cut short
                auto f = tx.seal(data.empty() ? ByteView{} : data.subspan(1));
                FUZZ_CHECK(f.ok());
                Bytes bad = *f;
                const std::size_t at = data.empty() ? 0 : data[0];
                if (at < bad.size()) {
                    bad[at] ^= 0x01;
                } else {
                    bad.resize(at % bad.size());
                }
                FUZZ_CHECK(!rx.open(bad).ok());
                break;
            }
            case 3:  // honest frame, lost: the next honest one is out of order
                FUZZ_CHECK(tx.seal(data).ok());
                break;
            case 4: {  // an honest frame twice (replay)
                const bool expect = in_step();
                auto f = tx.seal(data);
                FUZZ_CHECK(f.ok());
                FUZZ_CHECK(rx.open(*f).ok() == expect);
                FUZZ_CHECK(!rx.open(*f).ok());
                break;
            }
        }
        if (was_broken) FUZZ_CHECK(rx.broken());
    }
}

bool pinned(const crypto::PublicKey& id) {
    static const crypto::PublicKey a = fuzz::fixed_identity(0).public_key();
    static const crypto::PublicKey b = fuzz::fixed_identity(1).public_key();
    return id == a || id == b;
}

// A responder fed whatever the network sends.
void responder_raw(fuzz::Chunks& chunks) {
    static const crypto::Identity me = fuzz::fixed_identity(1);
    net::Handshake hs(net::Role::responder, me, pinned);
    (void)hs.take_outgoing();
    while (auto chunk = chunks.next()) {
        check_envelope(*chunk);
        const bool was_failed = hs.failed();
        const Status s = hs.receive(*chunk);
        (void)hs.take_outgoing();
        if (was_failed) FUZZ_CHECK(!s.ok());
        if (!s.ok()) FUZZ_CHECK(hs.failed());
        // Without the initiator's ephemeral secret, nothing sealed can be valid.
        FUZZ_CHECK(!hs.complete());
    }
}

// An honest initiator and responder, with the fuzzer in the middle choosing for each frame in
// flight whether to pass, alter, drop, duplicate or replace it. Whatever it does, two sides that
// both complete must hold working channels to each other.
void man_in_the_middle(fuzz::Chunks& chunks) {
    static const crypto::Identity id_i = fuzz::fixed_identity(0);
    static const crypto::Identity id_r = fuzz::fixed_identity(1);
    net::Handshake ini(net::Role::initiator, id_i, pinned);
    net::Handshake res(net::Role::responder, id_r, pinned);
    bool tampered = false;
    for (int round = 0; round < 8; ++round) {
        bool moved = false;
        for (int dir = 0; dir < 2; ++dir) {
            net::Handshake& from = dir == 0 ? ini : res;
            net::Handshake& to = dir == 0 ? res : ini;
            for (Bytes& frame : from.take_outgoing()) {
                moved = true;
                auto chunk = chunks.next();
                const std::uint8_t op = chunk && !chunk->empty() ? (*chunk)[0] % 6 : 0;
                ByteView arg = chunk && !chunk->empty() ? chunk->subspan(1) : ByteView{};
                switch (op) {
                    case 0: (void)to.receive(frame); break;
                    case 1:
                        if (!frame.empty()) frame[(arg.empty() ? 0 : arg[0]) % frame.size()] ^= 0x80;
                        tampered = true;
                        (void)to.receive(frame);
                        break;
                    case 2: tampered = true; break;  // dropped
                    case 3:
                        tampered = true;
                        (void)to.receive(frame);
                        (void)to.receive(frame);
                        break;
                    case 4:
                        tampered = true;
                        (void)to.receive(arg);
                        break;
                    case 5:
                        frame.resize(arg.empty() ? 0 : arg[0] % (frame.size() + 1));
                        tampered = true;
                        (void)to.receive(frame);
                        break;
                }
            }
        }
        if (!moved) break;
    }
    if (!tampered) FUZZ_CHECK(ini.complete() && res.complete());
    if (!(ini.complete() && res.complete())) return;
    auto a = ini.take_channel();
    auto b = res.take_channel();
    FUZZ_CHECK(a.ok() && b.ok());
    FUZZ_CHECK(a->peer_id() == id_r.public_key() && b->peer_id() == id_i.public_key());
    FUZZ_CHECK(a->send_key_fingerprint() == b->receive_key_fingerprint());
    const Bytes hello = {'h', 'i'};
    auto f = a->seal(hello);
    FUZZ_CHECK(f.ok());
    auto opened = b->open(*f);
    FUZZ_CHECK(opened.ok() && *opened == hello);
    FUZZ_CHECK(!ini.take_channel().ok());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    crypto::init();
    if (size == 0) return 0;
    const ByteView rest(data + 1, size - 1);
    fuzz::Chunks chunks(rest);
    switch (data[0] % 4) {
        case 0: check_envelope(rest); break;
        case 1: channel_model(chunks); break;
        case 2: responder_raw(chunks); break;
        case 3: man_in_the_middle(chunks); break;
    }
    return 0;
}
