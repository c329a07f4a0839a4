// The pairing machinery both roles share (message layouts in pairing.hpp): framing, the hello,
// CPace, the sealed identities. The two roles are in pairing_roles.cpp, the safety number in
// safety_number.cpp.
#include "net/pairing.hpp"

#include <algorithm>
#include <utility>

#include "crypto/hash.hpp"
#include "net/beacon.hpp"

namespace candor::net {

namespace cpace = crypto::cpace;

namespace {

constexpr std::size_t kIdentityPlainMax = 1 + kMaxDisplayNameBytes + 32;
constexpr std::string_view kSealLabel = "candor-pair/1 sealed";

bool valid_name(std::string_view name) {
    return !name.empty() && name.size() <= kMaxDisplayNameBytes && is_display_text(name);
}

// Each side seals at most one message of each type under the shared seal key, so (type,
// direction) makes the nonce unique; both are in the associated data too, so a sealed message
// cannot be passed off as another type or as coming from the other side.
std::uint8_t direction_of(cpace::Role sender) { return sender == cpace::Role::initiator ? 0 : 1; }

Bytes seal_ad(PairingMessage type, cpace::Role sender) {
    Bytes ad(kSealLabel.begin(), kSealLabel.end());
    ad.push_back(static_cast<std::uint8_t>(type));
    ad.push_back(direction_of(sender));
    return ad;
}

crypto::AeadNonce seal_nonce(PairingMessage type, cpace::Role sender) {
    return crypto::counter_nonce(static_cast<std::uint8_t>(type), direction_of(sender));
}

cpace::Role other(cpace::Role role) {
    return role == cpace::Role::initiator ? cpace::Role::responder : cpace::Role::initiator;
}

}  // namespace

// ---- PairingMachine -------------------------------------------------------------------------

PairingMachine::PairingMachine(cpace::Role role, const PairingDeviceId& own_id, std::string own_name,
                               const PairingCode& code, std::string peer_label)
    : role_(role),
      own_id_(own_id),
      own_name_(std::move(own_name)),
      code_(code),
      peer_label_(peer_label.empty() ? std::string(kOtherDevice) : std::move(peer_label)),
      own_nonce_(cpace::session_nonce()) {
    if (!valid_name(own_name_)) {
        (void)fail(PairingFailure::protocol,
                   "This device's name must be 1 to 64 bytes of printable text; change it and try again.",
                   false);
    }
}

std::vector<Bytes> PairingMachine::take_outgoing() { return std::exchange(outgoing_, {}); }

Result<PairingResult> PairingMachine::take_result() {
    if (stage_ == Stage::taken) return make_error("internal error: the pairing result was already taken");
    if (stage_ != Stage::complete) {
        return make_error(failed() ? error_.message : "pairing has not finished yet");
    }
    stage_ = Stage::taken;
    PairingResult out = std::move(result_);
    crypto::wipe(result_.pair_key.span());
    return out;
}

void PairingMachine::cancel() {
    if (stage_ == Stage::failed || complete()) return;
    (void)fail(PairingFailure::cancelled, "Pairing was cancelled.");
}

Status PairingMachine::fail(PairingFailure why, std::string message, bool tell_peer,
                            std::uint8_t tries_left) {
    stage_ = Stage::failed;
    failure_ = why;
    error_ = make_error(std::move(message));
    // Nothing of a failed run may be used afterwards.
    code_.reset();
    party_.reset();
    session_.reset();
    crypto::wipe(seal_key_.span());
    crypto::wipe(result_.pair_key.span());
    result_.peer_name.clear();
    result_.safety_number.clear();
    result_.peer_device_id = {};
    if (tell_peer) {
        const std::uint8_t body[2] = {static_cast<std::uint8_t>(why), tries_left};
        send(PairingMessage::abort, body);
    }
    return error_;
}

void PairingMachine::send(PairingMessage type, ByteView body) {
    Writer w;
    w.u8(static_cast<std::uint8_t>(type));
    w.raw(body);
    outgoing_.push_back(encode_frame(FrameType::pairing, w.data()));
}

std::optional<PairingMachine::Incoming> PairingMachine::accept(ByteView frame, PairingMessage expected) {
    if (stage_ == Stage::failed) return std::nullopt;
    if (complete()) return std::nullopt;
    if (frame.size() > kMaxPairingFrameSize) {
        (void)fail(PairingFailure::protocol,
                   "The other device sent an oversized pairing message; pairing stopped. Try again.");
        return std::nullopt;
    }
    Result<Frame> decoded = decode_frame(frame);
    if (!decoded) {
        (void)fail(PairingFailure::protocol, "Pairing stopped: " + decoded.message());
        return std::nullopt;
    }
    if (decoded->type != FrameType::pairing || decoded->payload.empty()) {
        (void)fail(PairingFailure::protocol,
                   "The other device sent something other than a pairing message; pairing stopped.");
        return std::nullopt;
    }
    Reader r(decoded->payload);
    const auto type = static_cast<PairingMessage>(r.u8());
    const ByteView body = r.rest();

    if (type == PairingMessage::abort) {
        Reader a(body);
        const std::uint8_t reason = a.u8();
        const std::uint8_t tries = a.u8();
        if (!a.done()) {
            (void)fail(PairingFailure::protocol, "The other device ended pairing. Try again.", false);
            return std::nullopt;
        }
        const std::string& peer = peer_label_;
        switch (static_cast<PairingFailure>(reason)) {
            case PairingFailure::wrong_code:
                // Unauthenticated, so only ever shown, and never above what an invite allows.
                (void)fail(PairingFailure::wrong_code,
                           wrong_code_message(peer, std::min<int>(tries, PairingInvite::kMaxWrongTries)),
                           false);
                break;
            case PairingFailure::invite_expired:
                (void)fail(PairingFailure::invite_expired,
                           "The invite on " + peer + " has expired. Ask for a new invite and type its code.",
                           false);
                break;
            case PairingFailure::invite_used_up:
                (void)fail(PairingFailure::invite_used_up,
                           "The invite on " + peer + " can no longer be used (it was used, or closed after "
                           "3 wrong codes). Ask for a new invite and type its code.",
                           false);
                break;
            case PairingFailure::cancelled:
                (void)fail(PairingFailure::cancelled, "Pairing was cancelled on " + peer + ".", false);
                break;
            default:
                (void)fail(PairingFailure::protocol,
                           "Pairing stopped on " + peer + " because of an unexpected message. Try again "
                           "(both devices need the same version of Candor).",
                           false);
                break;
        }
        return std::nullopt;
    }
    if (type != expected) {
        (void)fail(PairingFailure::protocol,
                   "The other device sent pairing messages out of order; pairing stopped. Try again.");
        return std::nullopt;
    }
    return Incoming{type, body};
}

void PairingMachine::send_hello() {
    Writer w;
    w.array(own_nonce_);  // no identity key: ids travel only sealed (on_peer_identity)
    send(PairingMessage::hello, w.data());
}

Status PairingMachine::on_peer_hello(ByteView body) {
    if (body.size() == kOldHelloSize) {
        return fail(PairingFailure::protocol,
                    "The other device runs an older Candor; update Candor on both devices, then pair again.");
    }
    Reader r(body);
    peer_nonce_ = r.array<16>();
    if (!r.done()) {
        return fail(PairingFailure::protocol, "The other device sent a malformed pairing hello; pairing stopped.");
    }
    // A hello reflected back at us: never pair with ourselves.
    if (peer_nonce_ == own_nonce_) {
        return fail(PairingFailure::protocol,
                    "The other device presented this device's own identity; pairing stopped.");
    }
    return {};
}

Status PairingMachine::start_cpace() {
    const bool initiator = role_ == cpace::Role::initiator;
    // The identities are not known yet (they come sealed under the session's key): CI names the
    // roles, sid binds both nonces; on_peer_identity binds the identities to the session.
    const Bytes channel_id = cpace::pairing_channel_id(crypto::as_bytes(kJoinerRole), crypto::as_bytes(kInviterRole));
    const auto sid = initiator ? cpace::pairing_session_id(own_nonce_, peer_nonce_)
                               : cpace::pairing_session_id(peer_nonce_, own_nonce_);
    Result<cpace::Party> party =
        cpace::Party::start(role_, code_->bytes(), channel_id, sid, crypto::as_bytes(kPairingAd));
    code_.reset();
    if (!party) return fail(PairingFailure::protocol, "Could not start pairing: " + party.message());
    party_.emplace(std::move(party).value());

    Writer w;
    w.array(party_->message().share);
    w.bytes8(party_->message().ad);
    send(PairingMessage::share, w.data());
    return {};
}

Status PairingMachine::on_peer_share(ByteView body) {
    Reader r(body);
    cpace::Message peer;
    peer.share = r.array<32>();
    const ByteView ad = r.bytes8(cpace::kMaxAdSize);
    if (!r.done()) {
        return fail(PairingFailure::protocol, "The other device sent a malformed pairing message; pairing stopped.");
    }
    if (!std::equal(ad.begin(), ad.end(), kPairingAd.begin(), kPairingAd.end())) {
        return fail(PairingFailure::protocol,
                    "The other device speaks a different pairing version; update Candor on both devices.");
    }
    peer.ad.assign(ad.begin(), ad.end());
    Result<cpace::Session> session = party_->finish(peer);
    party_.reset();
    if (!session) return fail(PairingFailure::protocol, "Pairing stopped: " + session.message());
    session_.emplace(std::move(session).value());
    return {};
}

void PairingMachine::send_confirmation() { send(PairingMessage::confirm, session_->confirmation()); }

Status PairingMachine::verify_peer_confirmation(ByteView body) {
    // Any length other than exactly one tag is a wrong tag (cpace checks it in constant time).
    Status verified = session_->verify_peer_confirmation(body);
    if (!verified) return verified;
    Result<crypto::Secret<32>> seal = session_->derive_key("pair-seal");
    Result<crypto::Secret<32>> pair = session_->derive_key("pair-key");
    if (!seal || !pair) return make_error("internal error: could not derive the pairing keys");
    seal_key_ = *seal;
    result_.pair_key = *pair;
    return {};
}

void PairingMachine::send_sealed(PairingMessage type, ByteView plaintext) {
    send(type, crypto::aead_seal(seal_key_, seal_nonce(type, role_), plaintext, seal_ad(type, role_)));
}

std::optional<Bytes> PairingMachine::open_sealed(PairingMessage type, ByteView body) const {
    const cpace::Role sender = other(role_);
    return crypto::aead_open(seal_key_, seal_nonce(type, sender), body, seal_ad(type, sender));
}

void PairingMachine::send_identity() {
    Writer plain;
    plain.bytes8(crypto::as_bytes(own_name_));
    plain.array(own_id_);
    send_sealed(PairingMessage::identity, plain.data());
}

Status PairingMachine::on_peer_identity(ByteView body) {
    if (body.size() > kIdentityPlainMax + crypto::kAeadTagSize) {
        return fail(PairingFailure::protocol, "The other device sent an oversized identity; pairing stopped.");
    }
    const std::optional<Bytes> plain = open_sealed(PairingMessage::identity, body);
    if (!plain) {
        return fail(PairingFailure::protocol,
                    "The other device's identity did not decrypt (tampering or a bad connection); "
                    "pairing stopped. Try again.");
    }
    Reader r(*plain);
    const ByteView name = r.bytes8(kMaxDisplayNameBytes);
    const PairingDeviceId sealed_id = r.array<32>();
    if (!r.done()) {
        return fail(PairingFailure::protocol, "The other device sent a malformed identity; pairing stopped.");
    }
    // Sealed under a key only the two holders of the code have: this is the device that knew it.
    if (crypto::equal_ct(sealed_id, own_id_)) {
        return fail(PairingFailure::protocol,
                    "The other device presented this device's own identity; pairing stopped.");
    }
    peer_id_ = sealed_id;
    const std::string_view name_text(reinterpret_cast<const char*>(name.data()), name.size());
    if (!valid_name(name_text)) {
        return fail(PairingFailure::protocol,
                    "The other device's name is not valid text; pairing stopped.");
    }
    result_.peer_device_id = peer_id_;
    result_.peer_name.assign(name_text);
    result_.safety_number = safety_number(own_id_, peer_id_);
    return {};
}

void PairingMachine::finish() {
    crypto::wipe(seal_key_.span());
    session_.reset();
    stage_ = Stage::complete;
}

}  // namespace candor::net
