// Kind names and the cereal serialization of every body type, with bounded decoding.
//
// Why the bounded text helper: cereal's own std::string loader resizes the string to the size
// the archive declares before reading, so a 20-byte body declaring a 2^40-byte string would make
// us allocate a terabyte. Every string here goes through text(), which checks the declared size
// against the bytes actually left in the body first. <cereal/types/string.hpp> is deliberately
// not included, so a plain std::string field added later fails to compile instead of being
// silently unbounded. The wire format is the same as cereal's (size tag, then the characters).
#include "core/kinds.hpp"

#include "core/checkin_seal.hpp"

#include "common/text.hpp"

#include <cereal/archives/portable_binary.hpp>
#include <cereal/cereal.hpp>
#include <cereal/types/array.hpp>

#include <array>
#include <istream>
#include <sstream>
#include <stdexcept>
#include <streambuf>

// Versions are declared before any serialize() is instantiated below.
CEREAL_CLASS_VERSION(candor::core::UpdateBody, 1)
CEREAL_CLASS_VERSION(candor::core::LateBody, 1)
CEREAL_CLASS_VERSION(candor::core::LateEndBody, 1)
CEREAL_CLASS_VERSION(candor::core::NewChainBody, 1)
CEREAL_CLASS_VERSION(candor::core::CommitmentBody, 1)
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

namespace {

struct KindInfo {
    Kind kind;
    std::string_view name;
};
constexpr std::array<KindInfo, 15> kKinds{{
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
    {Kind::checkin, "checkin"},
    {Kind::checkin_key, "checkin_key"},
    {Kind::checkin_withdraw, "checkin_withdraw"},
}};

struct BodyError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A read-only streambuf over the exact body bytes; in_avail() is the number of bytes left.
class ViewBuf : public std::streambuf {
public:
    explicit ViewBuf(ByteView bytes) {
        // streambuf wants char*; the archive only ever reads through it.
        auto* p = const_cast<char*>(reinterpret_cast<const char*>(bytes.data()));
        setg(p, p, p + bytes.size());
    }
};

// The input archive plus the buffer it reads, so text() can see how many bytes are left.
// cereal dispatches on the base type, so text() recovers this one with a dynamic_cast.
class BoundedInput : public cereal::PortableBinaryInputArchive {
public:
    BoundedInput(std::istream& in, std::streambuf& buf) : PortableBinaryInputArchive(in), buf_(buf) {}
    [[nodiscard]] std::streamsize remaining() const { return buf_.in_avail(); }

private:
    std::streambuf& buf_;
};

// Reads a size tag and checks it against the bytes left in the body (and `max`) before anything
// is allocated for it.
template <class Archive>
std::size_t bounded_size(Archive& ar, std::uint64_t max, const char* what) {
    cereal::size_type size = 0;
    ar(cereal::make_size_tag(size));
    const auto* bounded = dynamic_cast<const BoundedInput*>(&ar);
    if (bounded == nullptr) throw BodyError("internal: bodies must be read through BoundedInput");
    const auto left = bounded->remaining();
    if (size > max || left < 0 || size > static_cast<std::uint64_t>(left)) {
        throw BodyError(std::string(what) + " declares " + std::to_string(size) + " bytes but only " +
                        std::to_string(left) + " remain");
    }
    return static_cast<std::size_t>(size);
}

template <class Archive>
void text(Archive& ar, std::string& s) {
    if constexpr (Archive::is_loading::value) {
        s.resize(bounded_size(ar, UINT64_MAX, "a text field"));
        if (!s.empty()) ar(cereal::binary_data(s.data(), s.size()));
        if (auto problem = candor::text::problem(s)) throw BodyError("a text field " + *problem);
    } else {
        ar(cereal::make_size_tag(static_cast<cereal::size_type>(s.size())));
        if (!s.empty()) ar(cereal::binary_data(s.data(), s.size()));
    }
}

// bool through a byte that must be 0 or 1: loading 2 into a bool would be undefined behaviour.
template <class Archive>
void flag(Archive& ar, bool& b) {
    std::uint8_t v = b ? 1 : 0;
    ar(v);
    if constexpr (Archive::is_loading::value) {
        if (v > 1) throw BodyError("a yes/no field holds " + std::to_string(v));
        b = v == 1;
    }
}

// An optional id as a presence byte (0/1, checked like flag()) and then the id. Not cereal's
// optional support, whose bool load is unchecked.
template <class Archive>
void maybe_id(Archive& ar, std::optional<EntryId>& id) {
    bool present = id.has_value();
    flag(ar, present);
    if (!present) {
        id.reset();
        return;
    }
    if constexpr (Archive::is_loading::value) id.emplace();
    ar(*id);
}

// Bytes with a size tag, bounded like text() but not checked as text (ciphertext).
template <class Archive>
void blob(Archive& ar, Bytes& b, std::size_t max_size) {
    if constexpr (Archive::is_loading::value) {
        b.resize(bounded_size(ar, max_size, "a sealed field"));
    } else {
        ar(cereal::make_size_tag(static_cast<cereal::size_type>(b.size())));
    }
    if (!b.empty()) ar(cereal::binary_data(b.data(), b.size()));
}

// An enum stored as one byte that must be 1..max.
template <class Archive, typename E>
void enum_byte(Archive& ar, E& e, std::uint8_t max, const char* what) {
    auto v = static_cast<std::uint8_t>(e);
    ar(v);
    if constexpr (Archive::is_loading::value) {
        if (v < 1 || v > max) throw BodyError(std::string("unknown ") + what + " " + std::to_string(v));
        e = static_cast<E>(v);
    }
}

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
template <class A> void serialize(A& ar, NewChainBody& b, std::uint32_t) {
    ar(b.resumes_after, b.skipped_through);
    text(ar, b.reason);
}
template <class A> void serialize(A& ar, CommitmentBody& b, std::uint32_t) {
    text(ar, b.text);
    ar(b.due_at_ms);
    maybe_id(ar, b.request_id);
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

template <typename T>
Bytes encode_body(const T& body) {
    std::ostringstream out(std::ios::binary);
    {
        cereal::PortableBinaryOutputArchive ar(out);
        ar(body);
    }
    const std::string s = std::move(out).str();
    return Bytes(s.begin(), s.end());
}

template <typename T>
Result<T> decode_body(ByteView bytes) {
    try {
        ViewBuf buf(bytes);
        std::istream in(&buf);
        BoundedInput ar(in, buf);
        T body{};
        ar(body);
        // Bytes left over are fields from a newer version of this body: ignored on purpose.
        return body;
    } catch (const std::exception& e) {
        const std::string what = kind_of<T> == Kind{0} ? std::string("check-in answer")
                                                       : std::string(kind_name(kind_of<T>)) + " entry";
        return make_error("the " + what + "'s content is malformed (" + e.what() + ")");
    }
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
        case Kind::checkin: return check_as<CheckinBody>(body);
        case Kind::checkin_key: return check_as<CheckinKeyBody>(body);
        case Kind::checkin_withdraw: return check_as<CheckinWithdrawBody>(body);
    }
    return {};
}

#define CANDOR_BODY(T)                               \
    template Bytes encode_body<T>(const T&);         \
    template Result<T> decode_body<T>(ByteView);
CANDOR_BODY(UpdateBody)
CANDOR_BODY(LateBody)
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
