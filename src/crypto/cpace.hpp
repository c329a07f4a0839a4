// CPace password-authenticated key exchange, pinned to draft-irtf-cfrg-cpace-21, cipher suite
// CPACE-RISTR255-SHA512 (ristretto255 + SHA-512 from libsodium), plus key confirmation and key
// derivation on top of its ISK. Pairing uses it to turn a short code into a shared key.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "common/result.hpp"
#include "crypto/bytes.hpp"

namespace candor::crypto::cpace {

// An encoded ristretto255 element: the public share Y that goes on the wire.
using Point = ByteArray<32>;
// Intermediate session key, CPace's output (H.b_in_bytes = 64 for SHA-512).
using Isk = Secret<64>;
// Explicit key-confirmation tag (HMAC-SHA-512).
using ConfirmationTag = ByteArray<64>;
// A per-run random string each side contributes to the session id.
using Nonce = ByteArray<16>;

// Received associated data longer than this is refused before anything else is done with it.
inline constexpr std::size_t kMaxAdSize = 256;

// Initiator-responder mode (draft §6.3 transcript_ir): the initiator's message comes first in
// the transcript. A device takes exactly one role per (code, sid); that is what rules out the
// loopback/relay attacks of draft §10.1.2 without symmetric-mode uniqueness checks.
enum class Role : std::uint8_t {
    initiator,  // party A in the draft
    responder,  // party B
};

// What goes on the wire, in each direction.
struct Message {
    Point share{};  // Y = y * g
    Bytes ad;       // ADa / ADb: sent in the clear, authenticated by the run, <= kMaxAdSize
};

// How callers must build CI and sid for Candor pairing (draft §10.1.1 and §10.9):
//
//   1. Before CPace, both sides exchange a hello carrying their identity (the device's Ed25519
//      public key) and a fresh Nonce from session_nonce().
//   2. CI  = pairing_channel_id(initiator_identity, responder_identity): both identities, in
//      role order, under a domain label. CI is never sent, so the keys agree only if both sides
//      saw the same two identities in the same roles; an attacker who swaps an identity in the
//      hello makes the run fail instead of pairing the wrong device.
//   3. sid = pairing_session_id(initiator_nonce, responder_nonce): unique per run, public.
//   4. AD  = the protocol name and version (e.g. "candor-pair/1"): public, authenticated.
//   5. PRS = the pairing code exactly as normalised by the caller (same bytes on both sides).
//
// After finish(), each side sends Session::confirmation() and checks the peer's with
// verify_peer_confirmation(); only then derive_key() works. Whatever is exchanged afterwards
// (names, identity keys again) must be sealed under a derived key, and identity keys received
// there must equal the ones bound into CI.
[[nodiscard]] Bytes pairing_channel_id(ByteView initiator_identity, ByteView responder_identity);
[[nodiscard]] ByteArray<32> pairing_session_id(const Nonce& initiator, const Nonce& responder);
[[nodiscard]] Nonce session_nonce();

// The outcome of one run: the ISK plus the key-confirmation round of draft §10.4.
class Session {
public:
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;
    Session(Session&&) = default;
    Session& operator=(Session&&) = default;

    // The raw ISK, for tests and for comparing runs; use derive_key() for anything else.
    [[nodiscard]] const Isk& isk() const { return isk_; }
    // Our tag, to send to the peer: HMAC-SHA-512(mac_key, lv_cat(our Y, our AD)) with
    // mac_key = SHA-512("CPaceMac" || sid || ISK).
    [[nodiscard]] const ConfirmationTag& confirmation() const { return own_tag_; }
    // Constant-time check of the peer's tag. A wrong tag burns the session (ISK wiped): the
    // code was wrong or the run was tampered with. Any length other than 64 bytes is wrong.
    [[nodiscard]] Status verify_peer_confirmation(ByteView tag);
    [[nodiscard]] bool confirmed() const { return state_ == State::confirmed; }
    // A 32-byte key for one purpose: first half of HMAC-SHA-512(ISK, lv_cat(label, purpose)).
    // Refused until the peer's confirmation has been verified.
    [[nodiscard]] Result<Secret<32>> derive_key(std::string_view purpose) const;

private:
    friend class Party;
    Session() = default;

    enum class State : std::uint8_t { unconfirmed, confirmed, failed };
    Isk isk_;
    ConfirmationTag own_tag_{};
    ConfirmationTag expected_peer_tag_{};
    State state_ = State::unconfirmed;
};

// One PAKE run. Each Party draws a fresh scalar and can finish only once; it cannot be copied,
// and moving it leaves the source unusable, so a scalar is never used twice.
class Party {
public:
    [[nodiscard]] static Result<Party> start(Role role, ByteView prs, ByteView channel_id, ByteView sid,
                                             ByteView ad);
    // Only for checking the draft's test vectors: a fixed scalar (32 bytes, canonical, non-zero).
    [[nodiscard]] static Result<Party> start_with_scalar_for_test(Role role, ByteView prs,
                                                                  ByteView channel_id, ByteView sid,
                                                                  ByteView ad, const Secret<32>& scalar);

    Party(const Party&) = delete;
    Party& operator=(const Party&) = delete;
    Party(Party&& other) noexcept;
    Party& operator=(Party&& other) noexcept;
    ~Party() = default;

    [[nodiscard]] Role role() const { return role_; }
    [[nodiscard]] const Message& message() const { return own_; }
    // Checks the peer's message (size, not our own share echoed back, a valid non-identity
    // element: scalar_mult_vfy), derives the ISK and the confirmation tags. Wipes the scalar
    // whatever the outcome: after an error, start a new run.
    [[nodiscard]] Result<Session> finish(const Message& peer);

private:
    Party() = default;
    static Result<Party> start_impl(Role role, ByteView prs, ByteView channel_id, ByteView sid,
                                    ByteView ad, const Secret<32>& scalar);

    Role role_ = Role::initiator;
    Bytes sid_;
    Message own_;
    Secret<32> scalar_;
    bool used_ = true;
};

// The draft's building blocks, public so the golden-vector tests can check each step.
// Production code uses Party and Session.
namespace internal {

inline constexpr std::string_view kDsi = "CPaceRistretto255";
inline constexpr std::string_view kDsiIsk = "CPaceRistretto255_ISK";
inline constexpr std::size_t kHashBlockSize = 128;  // SHA-512's s_in_bytes

[[nodiscard]] Bytes prepend_len(ByteView data);  // LEB128 length || data
[[nodiscard]] Bytes lv_cat(std::initializer_list<ByteView> parts);
[[nodiscard]] bool lexicographically_larger(ByteView a, ByteView b);
[[nodiscard]] Bytes o_cat(ByteView a, ByteView b);
[[nodiscard]] Bytes transcript_ir(ByteView ya, ByteView ada, ByteView yb, ByteView adb);
[[nodiscard]] Bytes transcript_oc(ByteView ya, ByteView ada, ByteView yb, ByteView adb);
// Contains the PRS: the caller wipes it.
[[nodiscard]] Bytes generator_string(ByteView prs, ByteView channel_id, ByteView sid);
// The encoded generator g (secret: it is derived from the password).
[[nodiscard]] Secret<32> calculate_generator(ByteView prs, ByteView channel_id, ByteView sid);
// encode(y * decode(x)); nullopt stands for G.I: x does not decode, or the result is the identity.
[[nodiscard]] std::optional<Secret<32>> scalar_mult_vfy(const Secret<32>& y, ByteView x);
// ISK = SHA-512(lv_cat(DSI || "_ISK", sid, K) || transcript).
[[nodiscard]] Isk derive_isk(ByteView sid, const Secret<32>& k, ByteView transcript);
// Draft §10.6: SHA-512("CPaceSidOutput" || transcript), for runs without a sid.
[[nodiscard]] ByteArray<64> sid_output(ByteView transcript);
[[nodiscard]] ConfirmationTag confirmation_tag(const Isk& isk, ByteView sid, const Point& share,
                                               ByteView ad);

}  // namespace internal

}  // namespace candor::crypto::cpace
