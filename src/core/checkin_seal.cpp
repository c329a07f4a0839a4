// Sealing uses XChaCha20-Poly1305 (crypto/aead) with a random 24-byte nonce. The associated data
// binds the author's device id and the check-in type, so a sealed answer cannot be passed off as
// someone else's. Poly1305 is not key-committing, so the key commitment is what makes the
// released key the only one that can open the answer (docs/protocol.md).
#include "core/checkin_seal.hpp"

#include <array>
#include <string_view>

#include "common/text.hpp"

namespace candor::core {
namespace {

constexpr std::string_view kCommitDomain = "candor/checkin/key-commitment/v1";
constexpr std::string_view kSealDomain = "candor/checkin/answer/v1";
constexpr std::string_view kOwnDomain = "candor/checkin/own-key/v1";

Bytes associated_data(std::string_view domain, const DeviceId& author, CheckinType type) {
    Bytes ad(domain.begin(), domain.end());
    ad.insert(ad.end(), author.begin(), author.end());
    ad.push_back(static_cast<std::uint8_t>(type));
    return ad;
}

Bytes padded(Bytes plain) {
    const std::size_t target = (plain.size() / kSealPadding + 1) * kSealPadding;
    plain.resize(target, 0);  // trailing bytes are ignored by decode_body (room for newer fields)
    return plain;
}

Bytes encode_answer(const CheckinAnswer& answer) {
    return std::visit([](const auto& a) { return encode_body(a); }, answer);
}

std::optional<CheckinAnswer> decode_answer(CheckinType type, ByteView plain) {
    if (type == CheckinType::daily) {
        auto d = decode_body<DailyAnswer>(plain);
        if (d) return CheckinAnswer{std::move(d).value()};
        return std::nullopt;
    }
    auto w = decode_body<WeeklyAnswer>(plain);
    if (w) return CheckinAnswer{std::move(w).value()};
    return std::nullopt;
}

}  // namespace

CheckinType type_of(const CheckinAnswer& answer) {
    return std::holds_alternative<DailyAnswer>(answer) ? CheckinType::daily : CheckinType::weekly;
}

Status check_answer(const CheckinAnswer& answer) {
    std::vector<std::string_view> texts;
    if (const auto* d = std::get_if<DailyAnswer>(&answer)) {
        for (std::uint8_t r : {d->safe, d->connected, d->trust})
            if (r < kMinRating || r > kMaxRating) return make_error("each rating is a number from 1 to 5");
        texts.push_back(d->note);
    } else {
        const auto& w = std::get<WeeklyAnswer>(answer);
        if (w.appreciations.empty() || w.appreciations.size() > kMaxAppreciations)
            return make_error("write 1 to 5 appreciations");
        for (const auto& a : w.appreciations) {
            if (a.empty()) return make_error("an appreciation is empty: write it or leave the line out");
            texts.push_back(a);
        }
        texts.insert(texts.end(), {w.went_right, w.issue, w.request});
    }
    for (std::string_view t : texts)
        if (auto p = text::problem(t)) return make_error("a text in the check-in " + *p);
    return {};
}

crypto::Hash32 key_commitment(const CheckinKey& key) {
    Bytes data(kCommitDomain.begin(), kCommitDomain.end());
    data.insert(data.end(), key.view().begin(), key.view().end());
    crypto::Hash32 out = crypto::blake2b_256(data);
    crypto::wipe(data);
    return out;
}

Sealed seal_answer(const CheckinAnswer& answer, const DeviceId& author, const crypto::AeadKey& own_key,
                   std::optional<EntryId> replaces) {
    Sealed out{CheckinBody{}, crypto::aead_keygen()};
    CheckinBody& b = out.body;
    b.type = type_of(answer);
    b.replaces = replaces;
    b.key_commitment = key_commitment(out.key);
    b.nonce = crypto::random_nonce();
    Bytes plain = padded(encode_answer(answer));
    b.sealed = crypto::aead_seal(out.key, b.nonce, plain, associated_data(kSealDomain, author, b.type));
    crypto::wipe(plain);
    b.own_nonce = crypto::random_nonce();
    b.own_key = crypto::aead_seal(own_key, b.own_nonce, out.key.view(), associated_data(kOwnDomain, author, b.type));
    return out;
}

std::optional<CheckinKey> own_key_of(const CheckinBody& body, const DeviceId& author, const crypto::AeadKey& own_key) {
    auto opened = crypto::aead_open(own_key, body.own_nonce, body.own_key, associated_data(kOwnDomain, author, body.type));
    if (!opened || opened->size() != CheckinKey::size()) return std::nullopt;
    CheckinKey key;
    std::copy(opened->begin(), opened->end(), key.data());
    crypto::wipe(*opened);
    if (!crypto::equal_ct(key_commitment(key), body.key_commitment)) return std::nullopt;
    return key;
}

std::variant<CheckinAnswer, OpenProblem> open_answer(const CheckinBody& body, const DeviceId& author,
                                                     const CheckinKey& key) {
    if (!crypto::equal_ct(key_commitment(key), body.key_commitment)) return OpenProblem::key_mismatch;
    auto plain = crypto::aead_open(key, body.nonce, body.sealed, associated_data(kSealDomain, author, body.type));
    if (!plain) return OpenProblem::does_not_open;
    auto answer = decode_answer(body.type, *plain);
    crypto::wipe(*plain);
    if (!answer) return OpenProblem::malformed;
    if (const auto* w = std::get_if<WeeklyAnswer>(&*answer)) {
        for (const auto& a : w->appreciations)
            if (a.empty()) return OpenProblem::malformed;
    }
    return std::move(*answer);
}

std::string_view open_problem_words(OpenProblem problem) {
    switch (problem) {
        case OpenProblem::key_mismatch: return "the key does not match the check-in's commitment";
        case OpenProblem::does_not_open: return "the key matches its commitment but does not open the check-in";
        case OpenProblem::malformed: return "the opened check-in is malformed";
    }
    return "unknown";
}

CheckinKey key_from_bytes(const CheckinKeyBytes& bytes) {
    CheckinKey key;
    std::copy(bytes.begin(), bytes.end(), key.data());
    return key;
}

CheckinKeyBytes key_bytes(const CheckinKey& key) {
    CheckinKeyBytes out{};
    std::copy(key.view().begin(), key.view().end(), out.begin());
    return out;
}

}  // namespace candor::core
