// Bodies of the repair kinds (30-39): reassurance by code word, breathing together, a pause
// with a return time, and a structured apology. Serialized in repair_kinds.cpp like every body
// (bounded texts, checked flags). The limits here are part of the fold's rules: an entry outside
// them is kept in the feed but ignored, so both devices agree whatever a third program posts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/kinds.hpp"

namespace candor::core {

// A breathing guide lasts 30 s (the default) up to 5 minutes.
inline constexpr std::uint32_t kBreatheDefaultSeconds = 30;
inline constexpr std::uint32_t kBreatheMinSeconds = 30;
inline constexpr std::uint32_t kBreatheMaxSeconds = 5 * 60;
// The guide starts this long after the entry is made, so it reaches the partner first.
inline constexpr std::int64_t kBreatheLeadMs = 3'000;
// A start further than this after the entry's own time is not a guide to start now.
inline constexpr std::int64_t kBreatheMaxLeadMs = 60'000;
// One breath: 4 s in, 6 s out.
inline constexpr std::int64_t kBreathInMs = 4'000;
inline constexpr std::int64_t kBreathOutMs = 6'000;

// A pause lasts 20 minutes to 24 hours from the entry that sets (or extends) it.
inline constexpr std::int64_t kPauseMinMs = 20 * 60'000;
inline constexpr std::int64_t kPauseMaxMs = 24 * 3'600'000;

inline constexpr std::size_t kMaxApologySteps = 10;

// "I need reassurance": the couple's code word, with an optional line.
struct ReassuranceRequestBody {
    std::string note;
};

// The partner's answer: a preset or their own words.
struct ReassuranceAnswerBody {
    EntryId request_id{};
    std::string text;
};

// "I feel settled": only the one who asked; ends the request (recovery time = settled - asked).
struct ReassuranceSettledBody {
    EntryId request_id{};
    std::string note;
};

// "What happened, facts not guesses": either partner's note on a request.
struct ReassuranceFactsBody {
    EntryId request_id{};
    std::string text;
};

// A breathing guide for both screens. starts_at_ms is on the author's clock; the partner's
// device moves it by the clock offset it measured over the session (sync/clock_offset.hpp).
struct BreatheBody {
    std::int64_t starts_at_ms = 0;
    std::uint32_t seconds = kBreatheDefaultSeconds;
};

// "I need a pause and will be back by until_ms". With `extends`, it moves the author's running
// pause to a later return time (visibly: the story keeps every time given).
struct PauseBody {
    std::int64_t until_ms = 0;
    std::string note;
    std::optional<EntryId> extends;
};

// "I'm ready to talk": ends the author's own pause.
struct PauseEndBody {
    EntryId pause_id{};
    std::string note;
};

// One step of "how I'll make amends and change"; with a due time it also becomes a commitment
// (CommitmentBody.apology_id / apology_step point back here).
struct ApologyStep {
    std::string text;
    std::int64_t due_ms = 0;  // 0: no due time (no commitment)
};

// The four parts of a real apology plus "What I'm asking of you" (may be empty).
struct ApologyBody {
    std::string did;             // "I did X"
    std::string impact;          // "I see it hurt you in Y ways"
    std::string responsibility;  // "I take full responsibility"
    std::vector<ApologyStep> plan;
    std::string ask;
};

// The partner's answer: "I've read it" (with a note) or "I'm not ready yet".
struct ApologyAnswerBody {
    EntryId apology_id{};
    bool read = false;
    std::string note;
};

template <> inline constexpr Kind kind_of<ReassuranceRequestBody> = Kind::reassurance_request;
template <> inline constexpr Kind kind_of<ReassuranceAnswerBody> = Kind::reassurance_answer;
template <> inline constexpr Kind kind_of<ReassuranceSettledBody> = Kind::reassurance_settled;
template <> inline constexpr Kind kind_of<ReassuranceFactsBody> = Kind::reassurance_facts;
template <> inline constexpr Kind kind_of<BreatheBody> = Kind::breathe;
template <> inline constexpr Kind kind_of<PauseBody> = Kind::pause;
template <> inline constexpr Kind kind_of<PauseEndBody> = Kind::pause_end;
template <> inline constexpr Kind kind_of<ApologyBody> = Kind::apology;
template <> inline constexpr Kind kind_of<ApologyAnswerBody> = Kind::apology_answer;

// Instantiated in repair_kinds.cpp, next to their serializers (kinds.cpp sees the templates'
// definitions too, and must not instantiate them without those).
#define CANDOR_REPAIR_BODY(T)                       \
    extern template Bytes encode_body<T>(const T&); \
    extern template Result<T> decode_body<T>(ByteView);
CANDOR_REPAIR_BODY(ReassuranceRequestBody)
CANDOR_REPAIR_BODY(ReassuranceAnswerBody)
CANDOR_REPAIR_BODY(ReassuranceSettledBody)
CANDOR_REPAIR_BODY(ReassuranceFactsBody)
CANDOR_REPAIR_BODY(BreatheBody)
CANDOR_REPAIR_BODY(PauseBody)
CANDOR_REPAIR_BODY(PauseEndBody)
CANDOR_REPAIR_BODY(ApologyBody)
CANDOR_REPAIR_BODY(ApologyAnswerBody)
#undef CANDOR_REPAIR_BODY

// What is missing from an apology, in words for its author ("say what you did"), or nullopt
// when the four parts are there: did, impact, responsibility and 1..kMaxApologySteps steps
// with text. The Node refuses such an apology; the fold ignores one.
[[nodiscard]] std::optional<std::string> apology_problem(const ApologyBody& apology);

// Gentle notes when the words read like a non-apology ("I'm sorry you felt", "if you", "but"):
// suggestions for the author, never a block.
[[nodiscard]] std::vector<std::string> apology_hints(const ApologyBody& apology);

}  // namespace candor::core
