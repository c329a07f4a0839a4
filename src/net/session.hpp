// The authenticated session: a handshake state machine (bytes in, frames out, no sockets) that
// proves both pinned Ed25519 identities over fresh X25519 keys, and the SecureChannel it yields,
// which seals every later frame with a per-direction key and a strict counter nonce.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "common/result.hpp"
#include "crypto/aead.hpp"
#include "crypto/kx.hpp"
#include "crypto/sign.hpp"
#include "net/wire.hpp"

namespace candor::net {

enum class Role : std::uint8_t { initiator, responder };

// Answers "is this device id paired with us?". Called once per handshake, with the peer's id.
using IsPinned = std::function<bool(const crypto::PublicKey&)>;

// The clear-text first message. Device ids are deliberately NOT in it: they travel sealed under
// handshake keys (see Handshake), so a LAN observer cannot learn which device is home.
struct Hello {
    std::uint8_t version = kProtocolVersion;
    ByteArray<32> ephemeral{};  // X25519 public key, fresh per handshake
    ByteArray<32> nonce{};      // random
};
inline constexpr std::size_t kHelloSize = 1 + 32 + 32;

[[nodiscard]] Bytes encode_hello(const Hello& hello);  // payload only, no envelope
[[nodiscard]] std::optional<Hello> parse_hello(ByteView payload);

// One established session. Move-only: a copy would reuse nonces. Keys are wiped on destruction.
// Frame layout: envelope (type sealed) || u64 counter || AEAD(plaintext), with the envelope and
// counter as associated data. The counter must be exactly the next expected one; any error
// breaks the channel for good and the caller must end the session.
class SecureChannel {
public:
    static constexpr std::size_t kOverhead = kFrameHeaderSize + 8 + crypto::kAeadTagSize;
    static constexpr std::size_t kMaxPlaintextSize = kMaxFrameSize - kOverhead;

    SecureChannel(const crypto::AeadKey& send_key, const crypto::AeadKey& receive_key, Role role,
                  const crypto::PublicKey& peer_id);
    SecureChannel(SecureChannel&& other) noexcept;
    SecureChannel& operator=(SecureChannel&& other) noexcept;
    SecureChannel(const SecureChannel&) = delete;
    SecureChannel& operator=(const SecureChannel&) = delete;
    ~SecureChannel() = default;

    // A complete frame ready to send; an error for an oversized plaintext or a spent counter.
    [[nodiscard]] Result<Bytes> seal(ByteView plaintext);
    // The plaintext of the next frame; an error for anything replayed, reordered, forged,
    // truncated or oversized.
    [[nodiscard]] Result<Bytes> open(ByteView frame);

    [[nodiscard]] const crypto::PublicKey& peer_id() const { return peer_id_; }
    [[nodiscard]] bool broken() const { return broken_; }
    [[nodiscard]] std::uint64_t frames_sent() const { return send_counter_; }
    [[nodiscard]] std::uint64_t frames_received() const { return receive_counter_; }
    // One-way fingerprints of the two keys (BLAKE2b under a label): lets tests and diagnostics
    // compare sessions without ever exposing a key.
    [[nodiscard]] ByteArray<32> send_key_fingerprint() const;
    [[nodiscard]] ByteArray<32> receive_key_fingerprint() const;

private:
    crypto::AeadKey send_key_;
    crypto::AeadKey receive_key_;
    std::uint8_t send_direction_ = 0;
    std::uint8_t receive_direction_ = 1;
    std::uint64_t send_counter_ = 0;
    std::uint64_t receive_counter_ = 0;
    crypto::PublicKey peer_id_{};
    bool broken_ = false;
};

// The handshake, as a state machine:
//   both:       Hello (clear)                         -> on start
//   initiator:  Identify{id_I} (sealed)               -> after the responder's Hello
//   responder:  Identify{id_R}, Auth{sig_R} (sealed)  -> after a pinned Identify{id_I}
//   initiator:  Auth{sig_I} (sealed)                  -> after a pinned, verified responder
// The responder reveals its id only to a pinned initiator; the initiator signs only for a
// responder that has already proved itself. Each signature covers the transcript
// hash (label, both Hellos in initiator/responder order, both ids) and the signer's role; the
// session keys come from the X25519 secret and that transcript (HKDF-SHA-512 shape, built on
// HMAC-SHA-512). Timeouts are the caller's business: drop a connection that does not complete.
class Handshake {
public:
    // `identity` must outlive the Handshake.
    Handshake(Role role, const crypto::Identity& identity, IsPinned is_pinned);
    Handshake(const Handshake&) = delete;
    Handshake& operator=(const Handshake&) = delete;
    ~Handshake() = default;

    // Frames to send now, in order (the Hello right after construction). Clears the queue.
    [[nodiscard]] std::vector<Bytes> take_outgoing();
    // Feeds one received frame; then send take_outgoing() (also when it just completed: the
    // initiator's last frame is queued then). An error is final: close the connection.
    Status receive(ByteView frame);

    [[nodiscard]] bool complete() const {
        return stage_ == Stage::complete || stage_ == Stage::taken;
    }
    [[nodiscard]] bool failed() const { return stage_ == Stage::failed; }
    [[nodiscard]] Role role() const { return role_; }
    // Once complete: the session. Moves the keys out; a second call is an error.
    [[nodiscard]] Result<SecureChannel> take_channel();

private:
    enum class Stage : std::uint8_t { await_hello, await_identify, await_auth, complete, failed,
                                      taken };

    Status on_hello(ByteView payload);
    Status on_identify(ByteView payload);
    Status on_auth(ByteView payload);
    Status fail(std::string message);
    void send_sealed(FrameType type, ByteView plaintext, std::uint64_t counter);
    std::optional<Bytes> open_sealed(ByteView payload, std::uint64_t counter) const;
    void send_identify();
    void send_auth();
    [[nodiscard]] ByteView hello_of(Role r) const;
    [[nodiscard]] const crypto::PublicKey& id_of(Role r) const;

    Role role_;
    const crypto::Identity& identity_;
    IsPinned is_pinned_;
    Stage stage_ = Stage::await_hello;
    Error error_;
    std::vector<Bytes> outgoing_;

    crypto::EphemeralKeyPair ephemeral_;
    Bytes my_hello_;
    Bytes peer_hello_;
    crypto::Secret<32> shared_;
    crypto::AeadKey hs_send_key_;
    crypto::AeadKey hs_receive_key_;
    crypto::PublicKey peer_id_{};
    ByteArray<64> transcript_{};
    crypto::AeadKey session_send_key_;
    crypto::AeadKey session_receive_key_;
};

}  // namespace candor::net
