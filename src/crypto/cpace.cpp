// CPace over ristretto255 with SHA-512 (draft-irtf-cfrg-cpace-21 §7, §8.3, §10.4, Appendix A),
// built from libsodium 1.0.18's crypto_core_ristretto255_* and crypto_scalarmult_ristretto255.
#include "crypto/cpace.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace candor::crypto::cpace {

static_assert(crypto_core_ristretto255_BYTES == 32);
static_assert(crypto_core_ristretto255_HASHBYTES == 64);
static_assert(crypto_core_ristretto255_SCALARBYTES == 32);
static_assert(crypto_scalarmult_ristretto255_BYTES == 32);
static_assert(crypto_hash_sha512_BYTES == 64);

namespace {

constexpr std::string_view kChannelLabel = "CandorPairing/1";
constexpr std::string_view kKeyLabel = "CandorCPaceKey/1";
constexpr std::string_view kMacLabel = "CPaceMac";
constexpr std::string_view kSidOutputLabel = "CPaceSidOutput";

// A wiped-on-scope-exit byte buffer for intermediate strings that contain secrets.
struct WipedBytes {
    Bytes bytes;
    ~WipedBytes() { wipe(bytes); }
};

void append(Bytes& out, ByteView part) { out.insert(out.end(), part.begin(), part.end()); }

void hmac_sha512_into(std::uint8_t out[64], ByteView key, ByteView data) {
    crypto_auth_hmacsha512_state state;
    crypto_auth_hmacsha512_init(&state, key.data(), key.size());
    crypto_auth_hmacsha512_update(&state, data.data(), data.size());
    crypto_auth_hmacsha512_final(&state, out);
    sodium_memzero(&state, sizeof state);
}

// libsodium 1.0.18 has no public "is canonical" for scalars: reducing a canonical scalar mod L
// leaves it unchanged, anything >= L changes.
bool is_canonical_nonzero_scalar(const Secret<32>& scalar) {
    std::uint8_t wide[64] = {};
    std::copy_n(scalar.data(), 32, wide);
    std::uint8_t reduced[32];
    crypto_core_ristretto255_scalar_reduce(reduced, wide);
    const bool canonical = sodium_memcmp(reduced, scalar.data(), 32) == 0;
    const bool zero = sodium_is_zero(scalar.data(), 32) == 1;
    sodium_memzero(wide, sizeof wide);
    sodium_memzero(reduced, sizeof reduced);
    return canonical && !zero;
}

// len(prepend_len(x)) for len(x) == n, without copying x (it may be the password).
std::size_t prepended_size(std::size_t n) {
    std::size_t header = 1;
    for (std::size_t rest = n >> 7; rest != 0; rest >>= 7) ++header;
    return header + n;
}

}  // namespace

// ---- Building blocks (draft Appendix A, §8.1, §8.3, §7.2) -------------------------------------

namespace internal {

Bytes prepend_len(ByteView data) {
    Bytes out;
    std::size_t length = data.size();
    do {
        std::uint8_t byte = length & 0x7f;
        length >>= 7;
        if (length != 0) byte |= 0x80;
        out.push_back(byte);
    } while (length != 0);
    append(out, data);
    return out;
}

Bytes lv_cat(std::initializer_list<ByteView> parts) {
    Bytes out;
    for (ByteView part : parts) {
        Bytes field = prepend_len(part);
        append(out, field);
        wipe(field);  // parts may be secret (PRS, K)
    }
    return out;
}

bool lexicographically_larger(ByteView a, ByteView b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (a[i] > b[i]) return true;
        if (a[i] < b[i]) return false;
    }
    return a.size() > b.size();
}

// Sized once and filled in place: the output's length is known, and growing a two-byte vector
// by insert() is what GCC 12 at -O3 misreads as an out-of-bounds memcpy (-Warray-bounds).
Bytes o_cat(ByteView a, ByteView b) {
    const bool a_first = lexicographically_larger(a, b);
    const ByteView first = a_first ? a : b;
    const ByteView second = a_first ? b : a;
    Bytes out(2 + first.size() + second.size());
    out[0] = 'o';
    out[1] = 'c';
    const auto rest = std::copy(first.begin(), first.end(), out.begin() + 2);
    std::copy(second.begin(), second.end(), rest);
    return out;
}

Bytes transcript_ir(ByteView ya, ByteView ada, ByteView yb, ByteView adb) {
    Bytes out = lv_cat({ya, ada});
    append(out, lv_cat({yb, adb}));
    return out;
}

Bytes transcript_oc(ByteView ya, ByteView ada, ByteView yb, ByteView adb) {
    return o_cat(lv_cat({ya, ada}), lv_cat({yb, adb}));
}

Bytes generator_string(ByteView prs, ByteView channel_id, ByteView sid) {
    const ByteView dsi = as_bytes(kDsi);
    // The padding makes DSI and PRS fill the whole first hash block, so the work done on the
    // password does not depend on its length or on the session inputs (draft §8.1).
    const std::size_t used = 1 + prepended_size(prs.size()) + prepended_size(dsi.size());
    const std::size_t len_zpad = used < kHashBlockSize ? kHashBlockSize - used : 0;
    const Bytes zpad(len_zpad, 0);
    return lv_cat({dsi, prs, zpad, channel_id, sid});
}

Secret<32> calculate_generator(ByteView prs, ByteView channel_id, ByteView sid) {
    WipedBytes gen_str{generator_string(prs, channel_id, sid)};
    std::uint8_t hash[crypto_hash_sha512_BYTES];
    crypto_hash_sha512(hash, gen_str.bytes.data(), gen_str.bytes.size());
    Secret<32> g;
    crypto_core_ristretto255_from_hash(g.data(), hash);  // element_derivation, 64-byte input
    sodium_memzero(hash, sizeof hash);
    return g;
}

std::optional<Secret<32>> scalar_mult_vfy(const Secret<32>& y, ByteView x) {
    if (x.size() != crypto_core_ristretto255_BYTES) return std::nullopt;
    Secret<32> k;
    // -1 when x is not a canonical ristretto255 encoding or when y * x is the identity: both are
    // the draft's G.I, on which the protocol MUST abort.
    if (crypto_scalarmult_ristretto255(k.data(), y.data(), x.data()) != 0) return std::nullopt;
    return k;
}

Isk derive_isk(ByteView sid, const Secret<32>& k, ByteView transcript) {
    WipedBytes input{lv_cat({as_bytes(kDsiIsk), sid, k.view()})};
    append(input.bytes, transcript);
    Isk isk;
    crypto_hash_sha512(isk.data(), input.bytes.data(), input.bytes.size());
    return isk;
}

ByteArray<64> sid_output(ByteView transcript) {
    Bytes input(kSidOutputLabel.begin(), kSidOutputLabel.end());
    append(input, transcript);
    ByteArray<64> out{};
    crypto_hash_sha512(out.data(), input.data(), input.size());
    return out;
}

ConfirmationTag confirmation_tag(const Isk& isk, ByteView sid, const Point& share, ByteView ad) {
    WipedBytes key_input{Bytes(kMacLabel.begin(), kMacLabel.end())};
    append(key_input.bytes, sid);
    append(key_input.bytes, isk.view());
    Secret<64> mac_key;
    crypto_hash_sha512(mac_key.data(), key_input.bytes.data(), key_input.bytes.size());
    const Bytes message = lv_cat({share, ad});
    ConfirmationTag tag{};
    hmac_sha512_into(tag.data(), mac_key.view(), message);
    return tag;
}

}  // namespace internal

// ---- Pairing inputs -----------------------------------------------------------------------------

Bytes pairing_channel_id(ByteView initiator_identity, ByteView responder_identity) {
    return internal::lv_cat({as_bytes(kChannelLabel), initiator_identity, responder_identity});
}

ByteArray<32> pairing_session_id(const Nonce& initiator, const Nonce& responder) {
    ByteArray<32> sid{};
    std::copy(initiator.begin(), initiator.end(), sid.begin());
    std::copy(responder.begin(), responder.end(), sid.begin() + initiator.size());
    return sid;
}

Nonce session_nonce() {
    Nonce nonce{};
    random_bytes(nonce);
    return nonce;
}

// ---- Session ------------------------------------------------------------------------------------

Status Session::verify_peer_confirmation(ByteView tag) {
    if (state_ == State::failed) {
        return make_error("this pairing attempt has already failed; start pairing again");
    }
    if (!equal_ct(tag, expected_peer_tag_)) {
        state_ = State::failed;
        wipe(isk_.span());
        return make_error(
            "the pairing code did not match on the two devices (or the exchange was tampered "
            "with); check the code and try again");
    }
    state_ = State::confirmed;
    return {};
}

Result<Secret<32>> Session::derive_key(std::string_view purpose) const {
    if (state_ != State::confirmed) {
        return make_error("pairing key is not confirmed yet: verify the other device's confirmation first");
    }
    if (purpose.empty()) return make_error("internal error: key purpose must not be empty");
    const Bytes info = internal::lv_cat({as_bytes(kKeyLabel), as_bytes(purpose)});
    Secret<64> wide;
    hmac_sha512_into(wide.data(), isk_.view(), info);
    Secret<32> key;
    std::copy_n(wide.data(), key.size(), key.data());
    return key;
}

// ---- Party --------------------------------------------------------------------------------------

Party::Party(Party&& other) noexcept
    : role_(other.role_),
      sid_(std::move(other.sid_)),
      own_(std::move(other.own_)),
      scalar_(other.scalar_),
      used_(other.used_) {
    // The source must not keep a usable copy of the scalar.
    wipe(other.scalar_.span());
    other.used_ = true;
}

Party& Party::operator=(Party&& other) noexcept {
    if (this != &other) {
        role_ = other.role_;
        sid_ = std::move(other.sid_);
        own_ = std::move(other.own_);
        scalar_ = other.scalar_;
        used_ = other.used_;
        wipe(other.scalar_.span());
        other.used_ = true;
    }
    return *this;
}

Result<Party> Party::start(Role role, ByteView prs, ByteView channel_id, ByteView sid, ByteView ad) {
    init();
    Secret<32> scalar;
    // Uniform in [1, L-1]: the draft's permitted alternative to masked random bytes (§8.3).
    crypto_core_ristretto255_scalar_random(scalar.data());
    return start_impl(role, prs, channel_id, sid, ad, scalar);
}

Result<Party> Party::start_with_scalar_for_test(Role role, ByteView prs, ByteView channel_id,
                                                ByteView sid, ByteView ad, const Secret<32>& scalar) {
    init();
    if (!is_canonical_nonzero_scalar(scalar)) {
        return make_error("test scalar must be canonical and non-zero");
    }
    return start_impl(role, prs, channel_id, sid, ad, scalar);
}

Result<Party> Party::start_impl(Role role, ByteView prs, ByteView channel_id, ByteView sid,
                                ByteView ad, const Secret<32>& scalar) {
    if (prs.empty()) return make_error("the pairing code is empty: type the code shown on the other device");
    if (ad.size() > kMaxAdSize) return make_error("internal error: pairing associated data is too long");

    Party party;
    party.role_ = role;
    party.sid_.assign(sid.begin(), sid.end());
    party.own_.ad.assign(ad.begin(), ad.end());
    party.scalar_ = scalar;

    const Secret<32> g = internal::calculate_generator(prs, channel_id, sid);
    // Y = y * g. Only an identity generator could fail here (negligible probability from a hash).
    if (crypto_scalarmult_ristretto255(party.own_.share.data(), party.scalar_.data(), g.data()) != 0) {
        return make_error("could not start pairing (degenerate generator); try again");
    }
    party.used_ = false;
    return party;
}

Result<Session> Party::finish(const Message& peer) {
    if (used_) return make_error("this pairing attempt has already been used; start pairing again");
    used_ = true;
    // Whatever happens below, this scalar is never used again.
    struct WipeScalar {
        Secret<32>& scalar;
        ~WipeScalar() { wipe(scalar.span()); }
    } wipe_scalar{scalar_};

    if (peer.ad.size() > kMaxAdSize) {
        return make_error("the other device sent an oversized pairing message; pairing aborted");
    }
    if (equal_ct(peer.share, own_.share)) {
        return make_error("the other device sent back our own pairing message (possible attack); pairing aborted");
    }
    const std::optional<Secret<32>> k = internal::scalar_mult_vfy(scalar_, peer.share);
    if (!k) {
        return make_error(
            "the other device sent an invalid pairing key share (tampering or an incompatible "
            "version); pairing aborted");
    }

    const Message& a = role_ == Role::initiator ? own_ : peer;
    const Message& b = role_ == Role::initiator ? peer : own_;
    const Bytes transcript = internal::transcript_ir(a.share, a.ad, b.share, b.ad);

    Session session;
    session.isk_ = internal::derive_isk(sid_, *k, transcript);
    session.own_tag_ = internal::confirmation_tag(session.isk_, sid_, own_.share, own_.ad);
    session.expected_peer_tag_ = internal::confirmation_tag(session.isk_, sid_, peer.share, peer.ad);
    return session;
}

}  // namespace candor::crypto::cpace
