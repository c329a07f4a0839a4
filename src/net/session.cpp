// The session handshake and the sealed channel it produces.
#include "net/session.hpp"

#include <string_view>

#include "crypto/hash.hpp"

namespace candor::net {

namespace {

constexpr std::string_view kHandshakeLabel = "candor session v1 handshake";
constexpr std::string_view kTranscriptLabel = "candor session v1 transcript";
constexpr std::string_view kSignInitiator = "candor session v1 auth by initiator";
constexpr std::string_view kSignResponder = "candor session v1 auth by responder";
constexpr std::string_view kHsKeyI2R = "candor hs key initiator->responder";
constexpr std::string_view kHsKeyR2I = "candor hs key responder->initiator";
constexpr std::string_view kKeyI2R = "candor session key initiator->responder";
constexpr std::string_view kKeyR2I = "candor session key responder->initiator";

// Handshake frames are sealed with counters 0 (identify) and 1 (auth) under handshake keys
// that are never used for anything else.
constexpr std::uint64_t kIdentifyCounter = 0;
constexpr std::uint64_t kAuthCounter = 1;

// The nonce direction byte of each sender, so the two directions never share a nonce even if
// they ever shared a key.
std::uint8_t direction_of(Role sender) { return sender == Role::initiator ? 0 : 1; }
Role other(Role r) { return r == Role::initiator ? Role::responder : Role::initiator; }

// HKDF-SHA-512 (RFC 5869) for a single 32-byte output: PRK = HMAC(salt, ikm), then
// OKM = HMAC(PRK, info || 0x01) truncated. libsodium 1.0.18 has no HKDF of its own.
crypto::AeadKey hkdf32(ByteView salt, ByteView ikm, std::string_view info) {
    crypto::Hash64 prk = crypto::hmac_sha512(salt, ikm);
    Bytes message(info.begin(), info.end());
    message.push_back(0x01);
    crypto::Hash64 okm = crypto::hmac_sha512(prk, message);
    crypto::AeadKey key;
    std::copy(okm.begin(), okm.begin() + 32, key.data());
    crypto::wipe(prk);
    crypto::wipe(okm);
    return key;
}

ByteView view_of(std::string_view s) { return crypto::as_bytes(s); }

}  // namespace

// ---- Hello ---------------------------------------------------------------------------------

Bytes encode_hello(const Hello& hello) {
    Writer w;
    w.u8(hello.version);
    w.array(hello.ephemeral);
    w.array(hello.nonce);
    return w.take();
}

std::optional<Hello> parse_hello(ByteView payload) {
    Reader r(payload);
    Hello h;
    h.version = r.u8();
    h.ephemeral = r.array<32>();
    h.nonce = r.array<32>();
    if (!r.done()) return std::nullopt;
    return h;
}

// ---- SecureChannel -------------------------------------------------------------------------

SecureChannel::SecureChannel(const crypto::AeadKey& send_key, const crypto::AeadKey& receive_key,
                             Role role, const crypto::PublicKey& peer_id)
    : send_key_(send_key),
      receive_key_(receive_key),
      send_direction_(direction_of(role)),
      receive_direction_(direction_of(other(role))),
      peer_id_(peer_id) {}

SecureChannel::SecureChannel(SecureChannel&& other) noexcept
    : send_key_(other.send_key_),
      receive_key_(other.receive_key_),
      send_direction_(other.send_direction_),
      receive_direction_(other.receive_direction_),
      send_counter_(other.send_counter_),
      receive_counter_(other.receive_counter_),
      peer_id_(other.peer_id_),
      broken_(other.broken_) {
    crypto::wipe(other.send_key_.span());
    crypto::wipe(other.receive_key_.span());
    other.broken_ = true;
}

SecureChannel& SecureChannel::operator=(SecureChannel&& other) noexcept {
    if (this == &other) return *this;
    send_key_ = other.send_key_;
    receive_key_ = other.receive_key_;
    send_direction_ = other.send_direction_;
    receive_direction_ = other.receive_direction_;
    send_counter_ = other.send_counter_;
    receive_counter_ = other.receive_counter_;
    peer_id_ = other.peer_id_;
    broken_ = other.broken_;
    crypto::wipe(other.send_key_.span());
    crypto::wipe(other.receive_key_.span());
    other.broken_ = true;
    return *this;
}

namespace {
ByteArray<32> fingerprint(const crypto::AeadKey& key) {
    Writer w;
    w.raw(view_of("candor session key fingerprint"));
    w.raw(key.view());
    Bytes material = w.take();
    ByteArray<32> out = crypto::blake2b_256(material);
    crypto::wipe(material);
    return out;
}
}  // namespace

ByteArray<32> SecureChannel::send_key_fingerprint() const { return fingerprint(send_key_); }
ByteArray<32> SecureChannel::receive_key_fingerprint() const { return fingerprint(receive_key_); }

Result<Bytes> SecureChannel::seal(ByteView plaintext) {
    if (broken_) return make_error("the secure session has ended; reconnect to the other device");
    if (plaintext.size() > kMaxPlaintextSize) {
        return make_error("message too large to send (" + std::to_string(plaintext.size()) +
                          " bytes; the limit is " + std::to_string(kMaxPlaintextSize) + ")");
    }
    if (send_counter_ == UINT64_MAX) {
        broken_ = true;
        return make_error("the secure session is used up; reconnect to the other device");
    }
    Writer w;
    w.array(kFrameMagic);
    w.u8(kProtocolVersion);
    w.u8(static_cast<std::uint8_t>(FrameType::sealed));
    w.u64(send_counter_);
    Bytes frame = w.take();
    Bytes ct = crypto::aead_seal(send_key_, crypto::counter_nonce(send_counter_, send_direction_),
                                 plaintext, frame);
    frame.insert(frame.end(), ct.begin(), ct.end());
    ++send_counter_;
    return frame;
}

Result<Bytes> SecureChannel::open(ByteView frame) {
    if (broken_) return make_error("the secure session has ended; reconnect to the other device");
    // Every error below is final: a session that saw one bad frame is not trusted again.
    broken_ = true;
    FrameDecode d = parse_frame(frame);
    if (!d.ok) return make_error(describe(d.error, d.peer_version));
    if (d.frame.type != FrameType::sealed) {
        return make_error("the other device sent an unexpected message; the session was closed");
    }
    Reader r(d.frame.payload);
    std::uint64_t counter = r.u64();
    ByteView ct = r.rest();
    if (!r.ok() || ct.size() < crypto::kAeadTagSize) {
        return make_error(describe(FrameError::truncated));
    }
    if (counter != receive_counter_) {
        return make_error("the other device sent a message out of order or twice (a replay?); "
                          "the session was closed");
    }
    ByteView header = frame.first(kFrameHeaderSize + 8);
    auto plaintext = crypto::aead_open(receive_key_,
                                       crypto::counter_nonce(counter, receive_direction_), ct, header);
    if (!plaintext) {
        return make_error("a message from the other device failed its integrity check (damaged "
                          "or forged); the session was closed");
    }
    ++receive_counter_;
    broken_ = false;
    return std::move(*plaintext);
}

// ---- Handshake -----------------------------------------------------------------------------

Handshake::Handshake(Role role, const crypto::Identity& identity, IsPinned is_pinned)
    : role_(role), identity_(identity), is_pinned_(std::move(is_pinned)) {
    crypto::init();
    ephemeral_ = crypto::x25519_generate();
    Hello hello;
    hello.ephemeral = ephemeral_.public_key;
    crypto::random_bytes(hello.nonce);
    my_hello_ = encode_hello(hello);
    outgoing_.push_back(encode_frame(FrameType::hello, my_hello_));
}

std::vector<Bytes> Handshake::take_outgoing() { return std::exchange(outgoing_, {}); }

Status Handshake::fail(std::string message) {
    stage_ = Stage::failed;
    error_ = make_error(std::move(message));
    outgoing_.clear();
    // Nothing derived from this attempt is useful any more.
    crypto::wipe(shared_.span());
    crypto::wipe(hs_send_key_.span());
    crypto::wipe(hs_receive_key_.span());
    crypto::wipe(session_send_key_.span());
    crypto::wipe(session_receive_key_.span());
    return error_;
}

Status Handshake::receive(ByteView frame) {
    if (stage_ == Stage::failed) return error_;
    if (stage_ == Stage::complete || stage_ == Stage::taken) {
        return fail("the other device sent handshake data after the handshake finished");
    }
    FrameDecode d = parse_frame(frame);
    if (!d.ok) return fail(describe(d.error, d.peer_version));
    const FrameType type = d.frame.type;
    if (stage_ == Stage::await_hello && type == FrameType::hello) return on_hello(d.frame.payload);
    if (stage_ == Stage::await_identify && type == FrameType::identify) {
        return on_identify(d.frame.payload);
    }
    if (stage_ == Stage::await_auth && type == FrameType::auth) return on_auth(d.frame.payload);
    return fail("the other device did not follow the Candor handshake; the connection was closed");
}

Status Handshake::on_hello(ByteView payload) {
    auto hello = parse_hello(payload);
    if (!hello) return fail(describe(FrameError::truncated));
    if (hello->version != kProtocolVersion) {
        return fail(describe(hello->version > kProtocolVersion ? FrameError::peer_newer
                                                               : FrameError::peer_older,
                             hello->version));
    }
    auto shared = crypto::x25519_shared(ephemeral_.secret_key, hello->ephemeral);
    if (!shared) return fail("the other device sent an invalid key; the connection was closed");
    shared_ = *shared;
    crypto::wipe(shared->span());
    peer_hello_.assign(payload.begin(), payload.end());

    Writer salt;
    salt.raw(view_of(kHandshakeLabel));
    salt.raw(hello_of(Role::initiator));
    salt.raw(hello_of(Role::responder));
    const crypto::Hash64 hs_salt = crypto::sha512(salt.data());
    auto i2r = hkdf32(hs_salt, shared_.view(), kHsKeyI2R);
    auto r2i = hkdf32(hs_salt, shared_.view(), kHsKeyR2I);
    hs_send_key_ = role_ == Role::initiator ? i2r : r2i;
    hs_receive_key_ = role_ == Role::initiator ? r2i : i2r;

    stage_ = Stage::await_identify;
    // The initiator identifies itself first; the responder waits to see a pinned id.
    if (role_ == Role::initiator) send_identify();
    return {};
}

Status Handshake::on_identify(ByteView payload) {
    auto plaintext = open_sealed(payload, kIdentifyCounter);
    if (!plaintext) return fail("the other device's handshake failed its integrity check");
    Reader r(*plaintext);
    peer_id_ = r.array<32>();
    if (!r.done()) return fail(describe(FrameError::truncated));
    if (peer_id_ == identity_.public_key()) {
        return fail("the other device claims this device's own identity; the connection was closed");
    }
    if (!is_pinned_ || !is_pinned_(peer_id_)) {
        return fail("unknown device: a device that is not paired with this one tried to connect");
    }

    Writer t;
    t.raw(view_of(kTranscriptLabel));
    t.raw(hello_of(Role::initiator));
    t.raw(hello_of(Role::responder));
    t.array(id_of(Role::initiator));
    t.array(id_of(Role::responder));
    transcript_ = crypto::sha512(t.data());

    stage_ = Stage::await_auth;
    // The initiator signs only for a responder that has proved itself (in on_auth); that costs
    // no round trip because the responder's identify and auth arrive together.
    if (role_ == Role::responder) {
        send_identify();
        send_auth();
    }
    return {};
}

Status Handshake::on_auth(ByteView payload) {
    auto plaintext = open_sealed(payload, kAuthCounter);
    if (!plaintext) return fail("the other device's handshake failed its integrity check");
    Reader r(*plaintext);
    auto signature = r.array<64>();
    if (!r.done()) return fail(describe(FrameError::truncated));
    Writer signed_message;
    signed_message.raw(view_of(role_ == Role::initiator ? kSignResponder : kSignInitiator));
    signed_message.array(transcript_);
    if (!crypto::verify(peer_id_, signed_message.data(), signature)) {
        return fail("the other device could not prove its identity (bad signature); the "
                    "connection was closed");
    }
    auto i2r = hkdf32(transcript_, shared_.view(), kKeyI2R);
    auto r2i = hkdf32(transcript_, shared_.view(), kKeyR2I);
    session_send_key_ = role_ == Role::initiator ? i2r : r2i;
    session_receive_key_ = role_ == Role::initiator ? r2i : i2r;
    crypto::wipe(shared_.span());
    if (role_ == Role::initiator) send_auth();
    crypto::wipe(hs_send_key_.span());
    crypto::wipe(hs_receive_key_.span());
    stage_ = Stage::complete;
    return {};
}

void Handshake::send_identify() {
    const crypto::PublicKey& id = identity_.public_key();
    send_sealed(FrameType::identify, ByteView{id.data(), id.size()}, kIdentifyCounter);
}

void Handshake::send_auth() {
    Writer signed_message;
    signed_message.raw(view_of(role_ == Role::initiator ? kSignInitiator : kSignResponder));
    signed_message.array(transcript_);
    const crypto::Signature sig = identity_.sign(signed_message.data());
    send_sealed(FrameType::auth, ByteView{sig.data(), sig.size()}, kAuthCounter);
}

void Handshake::send_sealed(FrameType type, ByteView plaintext, std::uint64_t counter) {
    // The envelope header is associated data, so a sealed identify cannot pass as an auth.
    const ByteArray<kFrameHeaderSize> header = {kFrameMagic[0], kFrameMagic[1], kFrameMagic[2],
                                                kProtocolVersion, static_cast<std::uint8_t>(type)};
    Bytes ct = crypto::aead_seal(hs_send_key_, crypto::counter_nonce(counter, direction_of(role_)),
                                 plaintext, header);
    outgoing_.push_back(encode_frame(type, ct));
}

std::optional<Bytes> Handshake::open_sealed(ByteView payload, std::uint64_t counter) const {
    const FrameType type = counter == kIdentifyCounter ? FrameType::identify : FrameType::auth;
    const ByteArray<kFrameHeaderSize> header = {kFrameMagic[0], kFrameMagic[1], kFrameMagic[2],
                                                kProtocolVersion, static_cast<std::uint8_t>(type)};
    return crypto::aead_open(hs_receive_key_,
                             crypto::counter_nonce(counter, direction_of(other(role_))), payload,
                             header);
}

ByteView Handshake::hello_of(Role r) const { return r == role_ ? my_hello_ : peer_hello_; }

const crypto::PublicKey& Handshake::id_of(Role r) const {
    return r == role_ ? identity_.public_key() : peer_id_;
}

Result<SecureChannel> Handshake::take_channel() {
    if (stage_ != Stage::complete) {
        return make_error(stage_ == Stage::failed ? error_.message
                                                  : "the handshake has not finished");
    }
    stage_ = Stage::taken;
    SecureChannel channel(session_send_key_, session_receive_key_, role_, peer_id_);
    crypto::wipe(session_send_key_.span());
    crypto::wipe(session_receive_key_.span());
    return channel;
}

}  // namespace candor::net
