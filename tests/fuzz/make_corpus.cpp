// Writes the seed corpus of every fuzz target (tests/fuzz/corpus/<target>/): a few valid inputs
// made with the real encoders and the fixed keys the targets use. Run by hand after a format
// change: fuzz_make_corpus <repo>/tests/fuzz/corpus
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/entry.hpp"
#include "fuzz_input.hpp"
#include "net/beacon.hpp"
#include "net/pairing.hpp"
#include "net/session.hpp"
#include "sync/messages.hpp"

using namespace candor;
using fuzz::append_chunk;
using fuzz::Bytes;
using fuzz::ByteView;

namespace {

// Where the corpus goes; set once by main before anything is written.
struct Out {
    std::filesystem::path root;
};

void write(const Out& out_dir, const std::string& target, const std::string& name, const Bytes& bytes) {
    const auto dir = out_dir.root / target;
    std::filesystem::create_directories(dir);
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    FUZZ_CHECK(out.good());
}

Bytes with_mode(std::uint8_t mode, const Bytes& rest) {
    Bytes out{mode};
    out.insert(out.end(), rest.begin(), rest.end());
    return out;
}

Bytes op_chunk(std::uint8_t op, ByteView data) {
    Bytes c{op};
    c.insert(c.end(), data.begin(), data.end());
    return c;
}

Bytes text(std::string_view s) { return Bytes(s.begin(), s.end()); }

void beacons(const Out& o) {
    net::PairingBeacon b;
    b.port = 4242;
    b.display_name = "Sam's desktop";
    b.invite_nonce.fill(0x5a);
    write(o, "fuzz_beacon", "pairing", *net::encode_pairing_beacon(b));
    b.display_name = "Zoë — café";
    write(o, "fuzz_beacon", "pairing_utf8", *net::encode_pairing_beacon(b));
    write(o, "fuzz_beacon", "paired_key0", net::make_paired_beacon(fuzz::fixed_secret<net::PairKey>(0xA0), 4242, 1000));
    write(o, "fuzz_beacon", "paired_other", net::make_paired_beacon(fuzz::fixed_secret<net::PairKey>(0x01), 9, 1000));
}

void frames(const Out& o) {
    net::SecureChannel tx(fuzz::fixed_secret<crypto::AeadKey>(0x10), fuzz::fixed_secret<crypto::AeadKey>(0x20),
                          net::Role::initiator, crypto::PublicKey{});
    const Bytes f0 = *tx.seal(text("first"));
    const Bytes f1 = *tx.seal(text("second"));
    write(o, "fuzz_frame", "envelope", with_mode(0, net::encode_frame(net::FrameType::pairing, text("payload"))));

    Bytes raw;  // sealed frames arriving in order, then a replay
    append_chunk(raw, op_chunk(0, f0));
    append_chunk(raw, op_chunk(0, f1));
    append_chunk(raw, op_chunk(0, f1));
    write(o, "fuzz_frame", "channel_raw", with_mode(1, raw));

    Bytes model;  // delivered, altered, lost, replayed
    append_chunk(model, op_chunk(1, text("hello")));
    append_chunk(model, op_chunk(4, text("again")));
    append_chunk(model, op_chunk(3, text("lost")));
    append_chunk(model, op_chunk(2, text("\x10" "flip")));
    write(o, "fuzz_frame", "channel_model", with_mode(1, model));

    const crypto::Identity id = fuzz::fixed_identity(0);
    net::Handshake ini(net::Role::initiator, id, [](const crypto::PublicKey&) { return true; });
    Bytes hello;
    for (const Bytes& f : ini.take_outgoing()) append_chunk(hello, f);
    write(o, "fuzz_frame", "responder_hello", with_mode(2, hello));

    write(o, "fuzz_frame", "mitm_honest", with_mode(3, {}));
    Bytes mitm;
    append_chunk(mitm, op_chunk(0, {}));
    append_chunk(mitm, op_chunk(1, text("\x07")));
    write(o, "fuzz_frame", "mitm_flip", with_mode(3, mitm));
}

core::Entry entry_of(int author, const core::AuthorHead& head, std::uint64_t lamport, core::Kind kind,
                     Bytes body) {
    auto e = core::make_entry(fuzz::fixed_identity(author), head, lamport, 1'700'000'000'000, 60, kind,
                              std::move(body));
    FUZZ_CHECK(e.ok());
    return *e;
}

void entries(const Out& o) {
    const auto update = entry_of(0, {}, 1, core::Kind::update,
                                 core::encode_body(core::UpdateBody{"at the gym", "gym", 0}));
    const auto commitment = entry_of(
        1, {}, 2, core::Kind::commitment,
        core::encode_body(core::CommitmentBody{"home by 7", 1'700'000'360'000, std::nullopt}));
    const auto bytes_of = [](const core::Entry& e) { return Bytes(e.bytes().begin(), e.bytes().end()); };
    write(o, "fuzz_entry", "update", with_mode(0, bytes_of(update)));
    write(o, "fuzz_entry", "commitment", with_mode(0, bytes_of(commitment)));

    // A built history, in fuzz_entry.cpp's chunk layout: who, kind - 1, time (u8 < 200, u16 minutes
    // around now + 0x8000), UTC offset (u16), then the body's fields.
    Bytes built;
    append_chunk(built, Bytes{0x00, 2, 0x00, 0x00, 0x80, 0x3c, 0x00,                   // commitment
                              0x05, 'h', 'o', 'm', 'e', '!', 0x00, 0x06, 0x80, 0x00});
    append_chunk(built, Bytes{0x00, 1, 0x00, 0x01, 0x80, 0x3c, 0x00,                   // late for it
                              0x0a, 0x00, 0x00, 0x00, 0x04, 'b', 'u', 's', '!', 0x00, 0x0a, 0x80, 0x02});
    append_chunk(built, Bytes{0x00, 3, 0x00, 0x02, 0x80, 0x3c, 0x00,                   // resolution
                              0x02, 0x00, 0x00, 0x00, 0x80, 0x02, 'o', 'k'});
    append_chunk(built, Bytes{0x01, 4, 0x00, 0x03, 0x80, 0x3c, 0x00,                   // ack
                              0x04, 0x03, 'y', 'a', 'y'});
    append_chunk(built, Bytes{0x01, 0, 0x00, 0x04, 0x80, 0x3c, 0x00,                   // update
                              0x03, 'g', 'y', 'm', 0x00, 0x00, 0x10, 0x80});
    write(o, "fuzz_entry", "history", with_mode(1, built));

    // Sync messages carrying them.
    core::VersionVector have{{update.author(), 1}, {commitment.author(), 1}};
    write(o, "fuzz_sync", "hello", sync::encode_hello(have));
    write(o, "fuzz_sync", "entries", sync::encode_entries(1, {update.bytes(), commitment.bytes()}));
    write(o, "fuzz_sync", "ack", sync::encode_ack(1, have));
}

void pairing(const Out& o) {
    auto invite = net::PairingInvite::with_code(*net::PairingCode::parse("12345678"), 1'700'000'000'000);
    net::PairingInitiator ini(net::PairingDeviceId{}, "Alex's laptop", *net::PairingCode::parse("12345678"));
    net::PairingResponder res(net::PairingDeviceId{1}, "Sam's desktop", *invite, 1'700'000'000'000);
    Bytes to_res;
    for (const Bytes& f : ini.take_outgoing()) {
        append_chunk(to_res, f);
        (void)res.receive(f);
    }
    Bytes to_ini;
    for (const Bytes& f : res.take_outgoing()) append_chunk(to_ini, f);
    write(o, "fuzz_pairing", "responder_hello", with_mode(0, to_res));
    write(o, "fuzz_pairing", "initiator_hello_share", with_mode(1, to_ini));
    write(o, "fuzz_pairing", "mitm_honest", with_mode(2, {}));
    write(o, "fuzz_pairing", "mitm_wrong_code", with_mode(3, {}));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    crypto::init();
    const Out o{argv[1]};
    beacons(o);
    frames(o);
    entries(o);
    pairing(o);
    return 0;
}
