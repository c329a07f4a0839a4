// The pairing protocol as two socket-free state machines (frames in, frames out): CPace on the
// typed code, key confirmation, then identity keys and names sealed under the PAKE key. Also the
// safety number both devices show afterwards.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.hpp"
#include "crypto/aead.hpp"
#include "crypto/cpace.hpp"
#include "crypto/sign.hpp"
#include "net/pairing_code.hpp"
#include "net/wire.hpp"

namespace candor::net {

// How the messages name a device whose name is not known yet.
inline constexpr std::string_view kOtherDevice = "the other device";

// A device id is its Ed25519 public key (the same type as core::DeviceId).
using PairingDeviceId = crypto::PublicKey;

// Authenticated by every CPace run; a peer that sends anything else speaks another version.
inline constexpr std::string_view kPairingAd = "candor-pair/2";
// CPace's channel identifier: the two roles (the identity keys are sent only sealed, since 0.2).
inline constexpr std::string_view kJoinerRole = "candor joiner";
inline constexpr std::string_view kInviterRole = "candor inviter";
// 0.1's hello (identity key + nonce), refused with "update Candor on both devices".
inline constexpr std::size_t kOldHelloSize = 32 + 16;
// Pairing frames are small; anything larger is refused before it is parsed.
inline constexpr std::size_t kMaxPairingFrameSize = 512;

// What each side learns when pairing succeeds. pair_key is the secret the couple shares from
// now on (derive_key("pair-key")); derive per-use keys from it (e.g. for beacon MACs).
struct PairingResult {
    PairingDeviceId peer_device_id{};
    std::string peer_name;
    crypto::Secret<32> pair_key;
    std::string safety_number;  // 60 digits; display_safety_number() groups them
};

// Why a run failed, for the caller to choose what to show and whether to count a try.
enum class PairingFailure : std::uint8_t {
    none,
    wrong_code,      // the codes differed (or the exchange was tampered with)
    invite_expired,  // the inviter's code has run out of time
    invite_used_up,  // burned by wrong codes, or already used to pair a device
    cancelled,       // the other side gave up
    protocol,        // malformed, oversized, out of order, invalid or incompatible message
};

// The messages, in order (every one a FrameType::pairing frame whose payload starts with a
// message type byte; nothing is read before its length is checked):
//   initiator (joiner, typed the code)        responder (inviter, shows the code)
//   Hello{nonce_I}                        ->
//                                         <-  Hello{nonce_R}, Share{Y_R, AD}
//   Share{Y_I, AD}, Confirm{tag_I}        ->
//                                         <-  Confirm{tag_R}, Identity{name_R, id_R} (sealed)
//   Identity{name_I, id_I} (sealed)       ->
//                                         <-  Done{} (sealed)
// CI = pairing_channel_id(kJoinerRole, kInviterRole), sid = pairing_session_id(nonce_I, nonce_R),
// PRS = the 8 code digits. No identity key travels in the clear: each side learns the other's
// only from its Identity, sealed under a key derived from the CPace session (so from the one
// device that knew the code), and both show the safety number over the two keys. The responder sends nothing keyed by the PAKE before the initiator's tag has
// verified, so an attacker playing joiner learns nothing from a run unless it sends a tag, and a
// wrong tag is counted against the invite: 3 guesses per invite, however the runs are cut short.
// Either side may send Abort{reason, tries_left} instead of its next message (unauthenticated:
// it can only end a run, which a network attacker can do anyway by dropping packets).
// The joiner completes only on the inviter's Done, i.e. after the inviter has checked and pinned
// the joiner; so `pair join` reports success only when both sides are paired. If that last
// frame is lost, the inviter is paired and the joiner is not (some last message always exists).
enum class PairingMessage : std::uint8_t {
    hello = 1, share = 2, confirm = 3, identity = 4, abort = 5, done = 6
};

// Shared by both roles: the outgoing queue, failure bookkeeping, the result. Use one of the two
// roles below; the run is single-use (start a new machine for a new attempt).
class PairingMachine {
public:
    PairingMachine(const PairingMachine&) = delete;
    PairingMachine& operator=(const PairingMachine&) = delete;

    // Frames to send now, in order. Clears the queue. Also after a failure: it may hold an Abort
    // telling the other side why; send it, then close the connection.
    [[nodiscard]] std::vector<Bytes> take_outgoing();
    [[nodiscard]] bool complete() const { return stage_ == Stage::complete || stage_ == Stage::taken; }
    [[nodiscard]] bool failed() const { return stage_ == Stage::failed; }
    [[nodiscard]] PairingFailure failure() const { return failure_; }
    // Why it failed, as a message a user can act on (empty unless failed()).
    [[nodiscard]] const std::string& error_message() const { return error_.message; }
    // Once complete: what to pin. Moves the result out; a second call is an error.
    [[nodiscard]] Result<PairingResult> take_result();
    // The person gave up: fails the run and queues an Abort for the other side.
    void cancel();

protected:
    enum class Stage : std::uint8_t {
        await_hello, await_share, await_confirm, await_identity, await_done, complete, failed, taken
    };
    struct Incoming {
        PairingMessage type{};
        ByteView body;
    };

    PairingMachine(crypto::cpace::Role role, const PairingDeviceId& own_id, std::string own_name,
                   const PairingCode& code, std::string peer_label);
    PairingMachine(PairingMachine&&) = default;
    PairingMachine& operator=(PairingMachine&&) = default;
    ~PairingMachine() = default;

    // Size, envelope and message type checks, and the peer's Abort; nullopt after failing.
    std::optional<Incoming> accept(ByteView frame, PairingMessage expected);
    Status fail(PairingFailure why, std::string message, bool tell_peer = true,
                std::uint8_t tries_left = 0);
    void send(PairingMessage type, ByteView body);
    void send_hello();
    Status on_peer_hello(ByteView body);
    Status start_cpace();  // queues our Share
    Status on_peer_share(ByteView body);
    // Verifies the peer's tag; on success derives the keys (the caller decides what a wrong tag
    // means and fails the run).
    Status verify_peer_confirmation(ByteView body);
    void send_confirmation();
    // One sealed message per (type, direction) under the seal key: the nonce is the type.
    void send_sealed(PairingMessage type, ByteView plaintext);
    std::optional<Bytes> open_sealed(PairingMessage type, ByteView body) const;
    void send_identity();
    Status on_peer_identity(ByteView body);
    void finish();  // wipes the run's keys; the result stays

    crypto::cpace::Role role_;
    PairingDeviceId own_id_{};
    std::string own_name_;
    std::optional<PairingCode> code_;  // dropped as soon as CPace has started
    std::string peer_label_;           // "Sam's laptop" or "the other device", for messages
    Stage stage_ = Stage::await_hello;
    PairingFailure failure_ = PairingFailure::none;
    Error error_;
    std::vector<Bytes> outgoing_;

    crypto::cpace::Nonce own_nonce_{};
    crypto::cpace::Nonce peer_nonce_{};
    PairingDeviceId peer_id_{};
    std::optional<crypto::cpace::Party> party_;
    std::optional<crypto::cpace::Session> session_;
    crypto::AeadKey seal_key_;
    PairingResult result_;
};

// The joiner: typed the code, connects to the inviter, speaks first.
class PairingInitiator : public PairingMachine {
public:
    // Queues the Hello. `inviter_name` (from the inviter's pairing beacon; may be empty) is used
    // only in messages such as "check the code on NAME's screen". An own name that is not
    // display text of 1 to 64 bytes fails the machine at once (check failed()).
    PairingInitiator(const PairingDeviceId& own_id, std::string own_name, const PairingCode& code,
                     std::string inviter_name = {});
    PairingInitiator(PairingInitiator&&) = default;
    PairingInitiator& operator=(PairingInitiator&&) = default;
    ~PairingInitiator() = default;

    // Feeds one received frame; then send take_outgoing(). An error is final: close the
    // connection (after sending what take_outgoing() holds).
    Status receive(ByteView frame);
};

// The inviter: shows the code and answers one joiner per machine. Holds a pointer to the Node's
// invite, which must outlive it: a wrong code is counted on the invite (record_wrong_try) and a
// successful confirmation marks it used, so parallel attempts share the same 3 tries and only
// one device pairs. An invite that is not active at construction (now_ms) fails the machine at
// once, with an Abort queued that tells the joiner why.
class PairingResponder : public PairingMachine {
public:
    PairingResponder(const PairingDeviceId& own_id, std::string own_name, PairingInvite& invite,
                     std::int64_t now_ms);
    PairingResponder(PairingResponder&&) = default;
    PairingResponder& operator=(PairingResponder&&) = default;
    ~PairingResponder() = default;

    Status receive(ByteView frame);
    // After failure() == wrong_code: how many codes the invite still accepts.
    [[nodiscard]] int tries_left() const { return invite_->remaining_tries(); }

private:
    PairingInvite* invite_;
};

// What the joiner sees after a wrong code, e.g. "That code didn't match. Check the code on
// Sam's laptop's screen and try again (2 tries left)."
[[nodiscard]] std::string wrong_code_message(std::string_view inviter_name, int tries_left);

// ---- Safety number --------------------------------------------------------------------------

// 60 decimal digits that both devices of a pair show, the same on both sides whatever the order
// of the arguments: the two keys are sorted, then SHA-512("CandorSafetyNumber/1" || lv(low) ||
// lv(high)); each of the first 12 five-byte chunks, read big-endian, gives 5 digits (mod 100000;
// the bias of 2^40 mod 10^5 is below 10^-7). As in Signal, people compare it to rule out a
// device in the middle; it depends only on the two identities, so it is the same at every
// pairing of the same devices and can be recomputed from the pinned keys.
[[nodiscard]] std::string safety_number(const PairingDeviceId& a, const PairingDeviceId& b);
// "12345 67890 …": groups of 5 digits separated by spaces (per_line > 0 starts a new line
// after that many groups, e.g. 4 for three lines of four).
[[nodiscard]] std::vector<std::string> safety_number_groups(std::string_view digits);
[[nodiscard]] std::string display_safety_number(std::string_view digits, int per_line = 0);

}  // namespace candor::net
