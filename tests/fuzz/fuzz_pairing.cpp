// libFuzzer target: the pairing machines' receive(), fed by a hostile peer (modes 0 and 1) or
// by a man in the middle between two honest devices (mode 2). Two sides that both complete must
// share the same pair key and hold each other's ids; an invite never takes more than 3 wrong codes.
#include <cstddef>
#include <cstdint>

#include "fuzz_input.hpp"
#include "net/pairing.hpp"

using namespace candor;

namespace {

using fuzz::Bytes;
using fuzz::ByteView;

constexpr std::int64_t kNow = 1'700'000'000'000;

net::PairingCode code(std::string_view digits) {
    auto c = net::PairingCode::parse(digits);
    FUZZ_CHECK(c.ok());
    return std::move(c).value();
}

net::PairingDeviceId device(std::uint8_t fill) {
    net::PairingDeviceId id{};
    id.fill(fill);
    return id;
}

void responder_raw(fuzz::Chunks& chunks) {
    auto invite = net::PairingInvite::with_code(code("12345678"), kNow);
    FUZZ_CHECK(invite.ok());
    // Several runs against one invite, as the Node does: every frame goes to the current run,
    // and a failed run is replaced by a new one while the invite lasts.
    std::optional<net::PairingResponder> run;
    run.emplace(device(0xBB), "Sam's desktop", *invite, kNow);
    (void)run->take_outgoing();
    while (auto chunk = chunks.next()) {
        if (run->failed()) {
            if (!invite->active(kNow)) break;
            run.emplace(device(0xBB), "Sam's desktop", *invite, kNow);
            (void)run->take_outgoing();
        }
        const Status s = run->receive(*chunk);
        (void)run->take_outgoing();
        if (!s.ok()) FUZZ_CHECK(run->failed() || run->complete());
        // Completing needs the code, which the fuzzer does not know and cannot test offline.
        FUZZ_CHECK(!run->complete());
        FUZZ_CHECK(invite->wrong_tries() <= net::PairingInvite::kMaxWrongTries);
    }
}

void initiator_raw(fuzz::Chunks& chunks) {
    net::PairingInitiator run(device(0xAA), "Alex's laptop", code("12345678"), "Sam's desktop");
    (void)run.take_outgoing();
    while (auto chunk = chunks.next()) {
        const bool was_failed = run.failed();
        const Status s = run.receive(*chunk);
        (void)run.take_outgoing();
        if (was_failed) FUZZ_CHECK(!s.ok());
        FUZZ_CHECK(!run.complete());
    }
}

void man_in_the_middle(fuzz::Chunks& chunks, bool same_code) {
    auto invite = net::PairingInvite::with_code(code("12345678"), kNow);
    FUZZ_CHECK(invite.ok());
    net::PairingInitiator ini(device(0xAA), "Alex's laptop", code(same_code ? "12345678" : "12345679"),
                              "Sam's desktop");
    net::PairingResponder res(device(0xBB), "Sam's desktop", *invite, kNow);
    bool tampered = false;
    for (int round = 0; round < 10; ++round) {
        bool moved = false;
        for (int dir = 0; dir < 2; ++dir) {
            net::PairingMachine& from = dir == 0 ? static_cast<net::PairingMachine&>(ini) : res;
            for (Bytes& frame : from.take_outgoing()) {
                moved = true;
                auto chunk = chunks.next();
                const std::uint8_t op = chunk && !chunk->empty() ? (*chunk)[0] % 5 : 0;
                ByteView arg = chunk && !chunk->empty() ? chunk->subspan(1) : ByteView{};
                auto deliver = [&](ByteView f) {
                    if (dir == 0) {
                        (void)res.receive(f);
                    } else {
                        (void)ini.receive(f);
                    }
                };
                switch (op) {
                    case 0: deliver(frame); break;
                    case 1:
                        if (!frame.empty()) frame[(arg.empty() ? 0 : arg[0]) % frame.size()] ^= 0x04;
                        tampered = true;
                        deliver(frame);
                        break;
                    case 2: tampered = true; break;  // dropped
                    case 3:
                        tampered = true;
                        deliver(frame);
                        deliver(frame);
                        break;
                    case 4:
                        tampered = true;
                        deliver(arg);
                        break;
                }
            }
        }
        if (!moved) break;
    }
    FUZZ_CHECK(invite->wrong_tries() <= 1);
    if (!same_code) {
        FUZZ_CHECK(!ini.complete() && !res.complete());
        return;
    }
    if (!tampered) FUZZ_CHECK(ini.complete() && res.complete());
    if (res.complete()) FUZZ_CHECK(invite->status(kNow) == net::InviteStatus::used);
    if (!(ini.complete() && res.complete())) return;
    auto a = ini.take_result();
    auto b = res.take_result();
    FUZZ_CHECK(a.ok() && b.ok());
    FUZZ_CHECK(a->peer_device_id == device(0xBB) && b->peer_device_id == device(0xAA));
    FUZZ_CHECK(a->peer_name == "Sam's desktop" && b->peer_name == "Alex's laptop");
    FUZZ_CHECK(crypto::equal_ct(a->pair_key.view(), b->pair_key.view()));
    FUZZ_CHECK(a->safety_number == b->safety_number && a->safety_number.size() == 60);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    crypto::init();
    if (size == 0) return 0;
    fuzz::Chunks chunks(ByteView(data + 1, size - 1));
    switch (data[0] % 4) {
        case 0: responder_raw(chunks); break;
        case 1: initiator_raw(chunks); break;
        case 2: man_in_the_middle(chunks, true); break;
        case 3: man_in_the_middle(chunks, false); break;
    }
    return 0;
}
