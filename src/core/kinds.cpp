// Kind names and the cereal serialization of every body type, with bounded decoding (the
// helpers and why they are bounded: core/body_codec.hpp).
#include "core/kinds.hpp"

#include <algorithm>
#include <array>

#include "core/body_codec.hpp"
#include "core/checkin_seal.hpp"
#include "core/repair_kinds.hpp"

// Versions are declared before any serialize() is instantiated below.
CEREAL_CLASS_VERSION(candor::core::UpdateBody, 1)
CEREAL_CLASS_VERSION(candor::core::LateBody, 1)
CEREAL_CLASS_VERSION(candor::core::LateEndBody, 1)
CEREAL_CLASS_VERSION(candor::core::CoupleChoiceBody, 1)
CEREAL_CLASS_VERSION(candor::core::NewChainBody, 1)
CEREAL_CLASS_VERSION(candor::core::CommitmentBody, 2)
CEREAL_CLASS_VERSION(candor::core::ResolutionBody, 1)
CEREAL_CLASS_VERSION(candor::core::AckBody, 1)
CEREAL_CLASS_VERSION(candor::core::CommitmentRequestBody, 1)
CEREAL_CLASS_VERSION(candor::core::RequestAnswerBody, 1)
CEREAL_CLASS_VERSION(candor::core::AgreementProposalBody, 1)
CEREAL_CLASS_VERSION(candor::core::AgreementAnswerBody, 1)
CEREAL_CLASS_VERSION(candor::core::AgreementReviewBody, 1)
CEREAL_CLASS_VERSION(candor::core::CheckinBody, 1)
CEREAL_CLASS_VERSION(candor::core::CheckinKeyBody, 1)
CEREAL_CLASS_VERSION(candor::core::CheckinWithdrawBody, 1)
CEREAL_CLASS_VERSION(candor::core::DailyAnswer, 1)
CEREAL_CLASS_VERSION(candor::core::WeeklyAnswer, 1)

namespace candor::core {

using namespace codec;

namespace {

struct KindInfo {
    Kind kind;
    std::string_view name;
};
constexpr std::array<KindInfo, 25> kKinds{{
    {Kind::update, "update"},
    {Kind::late, "late"},
    {Kind::commitment, "commitment"},
    {Kind::resolution, "resolution"},
    {Kind::ack, "ack"},
    {Kind::agreement_proposal, "agreement_proposal"},
    {Kind::agreement_answer, "agreement_answer"},
    {Kind::agreement_review, "agreement_review"},
    {Kind::commitment_request, "commitment_request"},
    {Kind::request_answer, "request_answer"},
    {Kind::late_end, "late_end"},
    {Kind::new_chain, "new_chain"},
    {Kind::couple_choice, "couple_choice"},
    {Kind::checkin, "checkin"},
    {Kind::checkin_key, "checkin_key"},
    {Kind::checkin_withdraw, "checkin_withdraw"},
    {Kind::reassurance_request, "reassurance_request"},
    {Kind::reassurance_answer, "reassurance_answer"},
    {Kind::reassurance_settled, "reassurance_settled"},
    {Kind::reassurance_facts, "reassurance_facts"},
    {Kind::breathe, "breathe"},
    {Kind::pause, "pause"},
    {Kind::pause_end, "pause_end"},
    {Kind::apology, "apology"},
    {Kind::apology_answer, "apology_answer"},
}};

template <class Archive>
void rating(Archive& ar, std::uint8_t& r) {
    ar(r);
    if constexpr (Archive::is_loading::value) {
        if (r < kMinRating || r > kMaxRating) throw BodyError("a rating of " + std::to_string(r) + " is not 1 to 5");
    }
}

}  // namespace

// One serialize per body. Version 1 is the first; a new field goes at the end under
// `if (version >= 2)`, and its CEREAL_CLASS_VERSION above is raised.
template <class A> void serialize(A& ar, UpdateBody& b, std::uint32_t) {
    text(ar, b.text);
    text(ar, b.where);
    ar(b.until_ms);
}
template <class A> void serialize(A& ar, LateBody& b, std::uint32_t) {
    ar(b.minutes);
    text(ar, b.reason);
    ar(b.eta_ms);
    maybe_id(ar, b.for_commitment);
}
template <class A> void serialize(A& ar, LateEndBody& b, std::uint32_t) { ar(b.late_id); }
template <class A> void serialize(A& ar, CoupleChoiceBody& b, std::uint32_t) {
    text(ar, b.name);
    ar(b.on);
    if constexpr (A::is_loading::value) {
        const bool key = !b.name.empty() && b.name.size() <= kMaxChoiceNameBytes &&
                         std::all_of(b.name.begin(), b.name.end(), [](char c) { return (c >= 'a' && c <= 'z') || c == '_'; });
        if (!key) throw BodyError("a choice's name must be 1 to 32 of a-z and _");
    }
}
template <class A> void serialize(A& ar, NewChainBody& b, std::uint32_t) {
    ar(b.resumes_after, b.skipped_through);
    text(ar, b.reason);
}
template <class A> void serialize(A& ar, CommitmentBody& b, std::uint32_t version) {
    text(ar, b.text);
    ar(b.due_at_ms);
    maybe_id(ar, b.request_id);
    if (version >= 2) {  // 0.2: a step of an apology's plan
        maybe_id(ar, b.apology_id);
        ar(b.apology_step);
    }
}
template <class A> void serialize(A& ar, ResolutionBody& b, std::uint32_t) {
    ar(b.commitment_id);
    enum_byte(ar, b.outcome, 3, "resolution outcome");
    ar(b.new_due_ms);
    text(ar, b.note);
}
template <class A> void serialize(A& ar, AckBody& b, std::uint32_t) {
    ar(b.target_id);
    text(ar, b.note);
}
template <class A> void serialize(A& ar, CommitmentRequestBody& b, std::uint32_t) {
    text(ar, b.text);
    ar(b.due_at_ms);
}
template <class A> void serialize(A& ar, RequestAnswerBody& b, std::uint32_t) {
    ar(b.request_id);
    flag(ar, b.accepted);
    text(ar, b.note);
}
template <class A> void serialize(A& ar, AgreementProposalBody& b, std::uint32_t) {
    maybe_id(ar, b.parent_version);
    text(ar, b.agreement_json);
}
template <class A> void serialize(A& ar, AgreementAnswerBody& b, std::uint32_t) {
    ar(b.version);
    flag(ar, b.accepted);
    text(ar, b.note);
}
template <class A> void serialize(A& ar, AgreementReviewBody& b, std::uint32_t) {
    text(ar, b.note);
    ar(b.next_review_ms);
}

template <class A> void serialize(A& ar, CheckinBody& b, std::uint32_t) {
    enum_byte(ar, b.type, 2, "check-in type");
    maybe_id(ar, b.replaces);
    ar(b.key_commitment, b.nonce);
    blob(ar, b.sealed, kMaxSealedSize);
    ar(b.own_nonce);
    blob(ar, b.own_key, kCheckinKeySize + 16);
}
template <class A> void serialize(A& ar, CheckinKeyBody& b, std::uint32_t) { ar(b.checkin_id, b.key); }
template <class A> void serialize(A& ar, CheckinWithdrawBody& b, std::uint32_t) {
    ar(b.checkin_id);
    text(ar, b.note);
}
// The sealed contents (never an entry body of their own).
template <class A> void serialize(A& ar, DailyAnswer& b, std::uint32_t) {
    rating(ar, b.safe);
    rating(ar, b.connected);
    rating(ar, b.trust);
    text(ar, b.note);
}
template <class A> void serialize(A& ar, WeeklyAnswer& b, std::uint32_t) {
    auto count = static_cast<std::uint8_t>(b.appreciations.size());
    ar(count);
    if constexpr (A::is_loading::value) {
        if (count < 1 || count > kMaxAppreciations) throw BodyError("a weekly answer needs 1 to 5 appreciations");
        b.appreciations.resize(count);
    }
    for (auto& a : b.appreciations) text(ar, a);
    text(ar, b.went_right);
    text(ar, b.issue);
    text(ar, b.request);
}

std::string_view checkin_type_name(CheckinType type) {
    switch (type) {
        case CheckinType::daily: return "daily";
        case CheckinType::weekly: return "weekly";
    }
    return "unknown";
}

bool is_known_kind(Kind kind) {
    for (const auto& k : kKinds)
        if (k.kind == kind) return true;
    return false;
}

std::string_view kind_name(Kind kind) {
    for (const auto& k : kKinds)
        if (k.kind == kind) return k.name;
    return "unknown";
}

std::optional<Kind> kind_from_name(std::string_view name) {
    for (const auto& k : kKinds)
        if (k.name == name) return k.kind;
    return std::nullopt;
}

std::string_view outcome_name(Outcome o) {
    switch (o) {
        case Outcome::kept: return "kept";
        case Outcome::missed: return "missed";
        case Outcome::renegotiated: return "renegotiated";
    }
    return "unknown";
}

namespace {
template <typename T>
Status check_as(ByteView body) {
    auto decoded = decode_body<T>(body);
    if (!decoded) return decoded.error();
    return {};
}
}  // namespace

Status check_body(Kind kind, ByteView body) {
    switch (kind) {
        case Kind::update: return check_as<UpdateBody>(body);
        case Kind::late: return check_as<LateBody>(body);
        case Kind::late_end: return check_as<LateEndBody>(body);
        case Kind::commitment: return check_as<CommitmentBody>(body);
        case Kind::resolution: return check_as<ResolutionBody>(body);
        case Kind::ack: return check_as<AckBody>(body);
        case Kind::commitment_request: return check_as<CommitmentRequestBody>(body);
        case Kind::request_answer: return check_as<RequestAnswerBody>(body);
        case Kind::agreement_proposal: return check_as<AgreementProposalBody>(body);
        case Kind::agreement_answer: return check_as<AgreementAnswerBody>(body);
        case Kind::agreement_review: return check_as<AgreementReviewBody>(body);
        case Kind::new_chain: return check_as<NewChainBody>(body);
        case Kind::couple_choice: return check_as<CoupleChoiceBody>(body);
        case Kind::checkin: return check_as<CheckinBody>(body);
        case Kind::checkin_key: return check_as<CheckinKeyBody>(body);
        case Kind::checkin_withdraw: return check_as<CheckinWithdrawBody>(body);
        case Kind::reassurance_request: return check_as<ReassuranceRequestBody>(body);
        case Kind::reassurance_answer: return check_as<ReassuranceAnswerBody>(body);
        case Kind::reassurance_settled: return check_as<ReassuranceSettledBody>(body);
        case Kind::reassurance_facts: return check_as<ReassuranceFactsBody>(body);
        case Kind::breathe: return check_as<BreatheBody>(body);
        case Kind::pause: return check_as<PauseBody>(body);
        case Kind::pause_end: return check_as<PauseEndBody>(body);
        case Kind::apology: return check_as<ApologyBody>(body);
        case Kind::apology_answer: return check_as<ApologyAnswerBody>(body);
    }
    return {};
}

#define CANDOR_BODY(T)                               \
    template Bytes encode_body<T>(const T&);         \
    template Result<T> decode_body<T>(ByteView);
CANDOR_BODY(UpdateBody)
CANDOR_BODY(LateBody)
CANDOR_BODY(CoupleChoiceBody)
CANDOR_BODY(LateEndBody)
CANDOR_BODY(CommitmentBody)
CANDOR_BODY(ResolutionBody)
CANDOR_BODY(AckBody)
CANDOR_BODY(CommitmentRequestBody)
CANDOR_BODY(RequestAnswerBody)
CANDOR_BODY(AgreementProposalBody)
CANDOR_BODY(AgreementAnswerBody)
CANDOR_BODY(AgreementReviewBody)
CANDOR_BODY(NewChainBody)
CANDOR_BODY(CheckinBody)
CANDOR_BODY(CheckinKeyBody)
CANDOR_BODY(CheckinWithdrawBody)
CANDOR_BODY(DailyAnswer)
CANDOR_BODY(WeeklyAnswer)
#undef CANDOR_BODY

}  // namespace candor::core
