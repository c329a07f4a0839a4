// Entry kinds and their bodies. Bodies are cereal PortableBinary archives with a class version,
// so a later Candor can append fields (older ones read the fields they know and ignore the rest).
// Decoding is hardened: every declared string size is checked against the bytes that remain.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "core/ids.hpp"
#include "crypto/bytes.hpp"

namespace candor::core {

using crypto::Bytes;
using crypto::ByteView;

// Numbers are part of the signed wire format: never renumber, only add.
enum class Kind : std::uint16_t {
    update = 1,
    late = 2,
    commitment = 3,
    resolution = 4,
    ack = 5,
    agreement_proposal = 6,
    agreement_answer = 7,
    agreement_review = 8,
    commitment_request = 9,
    request_answer = 10,
    late_end = 11,
    new_chain = 12,  // the author lost part of its own chain and continues after a declared skip
    couple_choice = 14,  // a choice the couple shares (hide the figures): the latest stands on both
    // Check-ins (20-29): an answer sealed until both partners have answered (core/checkins.hpp).
    checkin = 20,           // a sealed daily or weekly answer
    checkin_key = 21,       // the key that opens the author's sealed answer
    checkin_withdraw = 22,  // the author takes back an answer that was never opened
    // 30-39: repair in the moment (bodies in core/repair_kinds.hpp)
    reassurance_request = 30,
    reassurance_answer = 31,
    reassurance_settled = 32,
    reassurance_facts = 33,  // "what happened, facts not guesses", on a reassurance request
    breathe = 34,
    pause = 35,
    pause_end = 36,
    apology = 37,
    apology_answer = 38,
};

// False for a number this version does not know (an entry from a newer Candor).
[[nodiscard]] bool is_known_kind(Kind kind);
// The CLI names ("update", "late", ...); "unknown" for an unknown number.
[[nodiscard]] std::string_view kind_name(Kind kind);
[[nodiscard]] std::optional<Kind> kind_from_name(std::string_view name);

struct UpdateBody {
    std::string text;
    std::string where;
    std::int64_t until_ms = 0;  // 0 = no end given
};

struct LateBody {
    std::uint32_t minutes = 0;
    std::string reason;
    std::int64_t eta_ms = 0;                 // when the author expects to arrive
    std::optional<EntryId> for_commitment;   // the commitment this is about, if any
};

// A choice that holds for both partners alike, whichever of them made it last (in fold order).
// `name` is a short lower-case key ("hide_figures"); names a version does not know are kept and
// not acted on, so a newer Candor can add choices.
inline constexpr std::size_t kMaxChoiceNameBytes = 32;
inline constexpr std::string_view kChoiceHideFigures = "hide_figures";
struct CoupleChoiceBody {
    std::string name;
    bool on = false;
};

struct LateEndBody {
    EntryId late_id{};  // "I'm here": ends that late notice
};

struct CommitmentBody {
    std::string text;
    std::int64_t due_at_ms = 0;
    std::optional<EntryId> request_id;  // the commitment request this answers, if any
    // Version 2: the apology whose plan step (0-based) this commitment carries out, if any.
    std::optional<EntryId> apology_id = std::nullopt;
    std::uint32_t apology_step = 0;
};

enum class Outcome : std::uint8_t { kept = 1, missed = 2, renegotiated = 3 };
[[nodiscard]] std::string_view outcome_name(Outcome outcome);

struct ResolutionBody {
    EntryId commitment_id{};
    Outcome outcome = Outcome::kept;
    std::int64_t new_due_ms = 0;  // only for renegotiated
    std::string note;
};

struct AckBody {
    EntryId target_id{};
    std::string note;
};

struct CommitmentRequestBody {
    std::string text;
    std::int64_t due_at_ms = 0;
};

struct RequestAnswerBody {
    EntryId request_id{};
    bool accepted = false;
    std::string note;
};

// An agreement version is identified by the entry id of the proposal that introduced it.
struct AgreementProposalBody {
    std::optional<EntryId> parent_version;
    std::string agreement_json;  // the full agreement document as canonical JSON text
};

struct AgreementAnswerBody {
    EntryId version{};
    bool accepted = false;
    std::string note;
};

struct AgreementReviewBody {
    std::string note;
    std::int64_t next_review_ms = 0;  // 0 = none set
};

// "Start a new chain": the author's device lost its own entries after #resumes_after (a damaged or
// lost journal) and its partner's computer cannot send them back. The entry's seq is
// skipped_through + 1 and its prev is the id of entry #resumes_after, so no seq that might have
// been given out before is ever used again; seqs resumes_after+1..skipped_through that nobody
// holds stay a declared hole (History accepts the skip only from this kind). See docs/protocol.md.
struct NewChainBody {
    std::uint64_t resumes_after = 0;    // the last own entry the author still holds
    std::uint64_t skipped_through = 0;  // the highest seq it may have given out before
    std::string reason;                 // in the author's words ("the old computer broke")
};

enum class CheckinType : std::uint8_t { daily = 1, weekly = 2 };
[[nodiscard]] std::string_view checkin_type_name(CheckinType type);  // "daily" / "weekly"

inline constexpr std::size_t kCheckinKeySize = 32;
inline constexpr std::size_t kCheckinNonceSize = 24;
inline constexpr std::size_t kMaxSealedSize = 32 * 1024;
using CheckinKeyBytes = crypto::ByteArray<kCheckinKeySize>;
using CheckinNonce = crypto::ByteArray<kCheckinNonceSize>;

// A sealed answer. `sealed` is the answer (core/checkin_seal.hpp) under a fresh random key;
// `key_commitment` is BLAKE2b of that key, so the key released later can only be that one.
// `own_key` is the same key sealed under a key only the author's device can derive, so the author
// can read and reveal its own answer after a restart without a separate key file. The period
// (local date or ISO week) is the author's local date of the entry's header, never a field.
struct CheckinBody {
    CheckinType type = CheckinType::daily;
    std::optional<EntryId> replaces;  // the author's earlier, still sealed answer for the same period
    crypto::Hash32 key_commitment{};
    CheckinNonce nonce{};
    Bytes sealed;
    CheckinNonce own_nonce{};
    Bytes own_key;
};

// Released by the author's device once it holds the partner's sealed answer for the same
// period (or, by the author's choice, after the period).
struct CheckinKeyBody {
    EntryId checkin_id{};
    CheckinKeyBytes key{};
};

struct CheckinWithdrawBody {
    EntryId checkin_id{};
    std::string note;
};

// The kind each body type is written under, so callers cannot mismatch them.
template <typename T> inline constexpr Kind kind_of = Kind{0};
template <> inline constexpr Kind kind_of<UpdateBody> = Kind::update;
template <> inline constexpr Kind kind_of<LateBody> = Kind::late;
template <> inline constexpr Kind kind_of<LateEndBody> = Kind::late_end;
template <> inline constexpr Kind kind_of<CommitmentBody> = Kind::commitment;
template <> inline constexpr Kind kind_of<ResolutionBody> = Kind::resolution;
template <> inline constexpr Kind kind_of<AckBody> = Kind::ack;
template <> inline constexpr Kind kind_of<CommitmentRequestBody> = Kind::commitment_request;
template <> inline constexpr Kind kind_of<RequestAnswerBody> = Kind::request_answer;
template <> inline constexpr Kind kind_of<AgreementProposalBody> = Kind::agreement_proposal;
template <> inline constexpr Kind kind_of<AgreementAnswerBody> = Kind::agreement_answer;
template <> inline constexpr Kind kind_of<AgreementReviewBody> = Kind::agreement_review;
template <> inline constexpr Kind kind_of<NewChainBody> = Kind::new_chain;
template <> inline constexpr Kind kind_of<CheckinBody> = Kind::checkin;
template <> inline constexpr Kind kind_of<CheckinKeyBody> = Kind::checkin_key;
template <> inline constexpr Kind kind_of<CheckinWithdrawBody> = Kind::checkin_withdraw;
template <> inline constexpr Kind kind_of<CoupleChoiceBody> = Kind::couple_choice;

// Defined in kinds.cpp for exactly the body types above.
template <typename T>
[[nodiscard]] Bytes encode_body(const T& body);
// Texts are checked with common/text.hpp: one holding a control character or a bidi override
// makes the body malformed, so it is never shown.
template <typename T>
[[nodiscard]] Result<T> decode_body(ByteView bytes);

// Whether the body of a known kind decodes (and every text in it is acceptable). Bodies of a
// kind this version does not know are passed on unread: ok.
[[nodiscard]] Status check_body(Kind kind, ByteView body);

}  // namespace candor::core
