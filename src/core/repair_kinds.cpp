// Serialization of the repair bodies (kinds 30-39) with the bounded helpers of body_codec.hpp,
// and the apology's checks and gentle hints.
#include "core/repair_kinds.hpp"

#include <algorithm>
#include <cctype>

#include "core/body_codec.hpp"

CEREAL_CLASS_VERSION(candor::core::ReassuranceRequestBody, 1)
CEREAL_CLASS_VERSION(candor::core::ReassuranceAnswerBody, 1)
CEREAL_CLASS_VERSION(candor::core::ReassuranceSettledBody, 1)
CEREAL_CLASS_VERSION(candor::core::ReassuranceFactsBody, 1)
CEREAL_CLASS_VERSION(candor::core::BreatheBody, 1)
CEREAL_CLASS_VERSION(candor::core::PauseBody, 1)
CEREAL_CLASS_VERSION(candor::core::PauseEndBody, 1)
CEREAL_CLASS_VERSION(candor::core::ApologyBody, 1)
CEREAL_CLASS_VERSION(candor::core::ApologyAnswerBody, 1)

namespace candor::core {

using namespace codec;

namespace {

// The plan as a count (at most kMaxApologySteps, checked before anything is allocated) and
// then each step's text and due time.
template <class Archive>
void steps(Archive& ar, std::vector<ApologyStep>& plan) {
    auto count = static_cast<std::uint32_t>(plan.size());
    ar(count);
    if constexpr (Archive::is_loading::value) {
        if (count > kMaxApologySteps)
            throw BodyError("an apology lists " + std::to_string(count) + " steps (at most " +
                            std::to_string(kMaxApologySteps) + ")");
        plan.assign(count, ApologyStep{});
    }
    for (ApologyStep& step : plan) {
        text(ar, step.text);
        ar(step.due_ms);
    }
}

}  // namespace

template <class A> void serialize(A& ar, ReassuranceRequestBody& b, std::uint32_t) { text(ar, b.note); }
template <class A> void serialize(A& ar, ReassuranceAnswerBody& b, std::uint32_t) {
    ar(b.request_id);
    text(ar, b.text);
}
template <class A> void serialize(A& ar, ReassuranceSettledBody& b, std::uint32_t) {
    ar(b.request_id);
    text(ar, b.note);
}
template <class A> void serialize(A& ar, ReassuranceFactsBody& b, std::uint32_t) {
    ar(b.request_id);
    text(ar, b.text);
}
template <class A> void serialize(A& ar, BreatheBody& b, std::uint32_t) { ar(b.starts_at_ms, b.seconds); }
template <class A> void serialize(A& ar, PauseBody& b, std::uint32_t) {
    ar(b.until_ms);
    text(ar, b.note);
    maybe_id(ar, b.extends);
}
template <class A> void serialize(A& ar, PauseEndBody& b, std::uint32_t) {
    ar(b.pause_id);
    text(ar, b.note);
}
template <class A> void serialize(A& ar, ApologyBody& b, std::uint32_t) {
    text(ar, b.did);
    text(ar, b.impact);
    text(ar, b.responsibility);
    steps(ar, b.plan);
    text(ar, b.ask);
}
template <class A> void serialize(A& ar, ApologyAnswerBody& b, std::uint32_t) {
    ar(b.apology_id);
    flag(ar, b.read);
    text(ar, b.note);
}

#define CANDOR_BODY(T)                       \
    template Bytes encode_body<T>(const T&); \
    template Result<T> decode_body<T>(ByteView);
CANDOR_BODY(ReassuranceRequestBody)
CANDOR_BODY(ReassuranceAnswerBody)
CANDOR_BODY(ReassuranceSettledBody)
CANDOR_BODY(ReassuranceFactsBody)
CANDOR_BODY(BreatheBody)
CANDOR_BODY(PauseBody)
CANDOR_BODY(PauseEndBody)
CANDOR_BODY(ApologyBody)
CANDOR_BODY(ApologyAnswerBody)
#undef CANDOR_BODY

namespace {

bool blank(const std::string& s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// `word` as a whole word in `s` (already lower case).
bool has_word(const std::string& s, std::string_view word) {
    for (std::size_t at = s.find(word); at != std::string::npos; at = s.find(word, at + 1)) {
        const bool start = at == 0 || std::isalpha(static_cast<unsigned char>(s[at - 1])) == 0;
        const std::size_t end = at + word.size();
        const bool stop = end >= s.size() || std::isalpha(static_cast<unsigned char>(s[end])) == 0;
        if (start && stop) return true;
    }
    return false;
}

}  // namespace

std::optional<std::string> apology_problem(const ApologyBody& a) {
    if (blank(a.did)) return "say what you did (\"I did X\")";
    if (blank(a.impact)) return "say how it hurt (\"I see it hurt you in Y ways\")";
    if (blank(a.responsibility)) return "say that you take responsibility (\"I take full responsibility\")";
    if (a.plan.empty()) return "give at least one step of how you'll make amends and change";
    if (a.plan.size() > kMaxApologySteps)
        return "at most " + std::to_string(kMaxApologySteps) + " steps; keep the plan to what you will really do";
    for (const ApologyStep& step : a.plan)
        if (blank(step.text)) return "a step of the plan is empty: write what you will do, or remove it";
    return std::nullopt;
}

std::vector<std::string> apology_hints(const ApologyBody& a) {
    const std::string all = lower(a.did + "\n" + a.impact + "\n" + a.responsibility);
    std::vector<std::string> hints;
    if (all.find("sorry you feel") != std::string::npos || all.find("sorry you felt") != std::string::npos ||
        all.find("sorry that you feel") != std::string::npos || all.find("sorry that you felt") != std::string::npos)
        hints.emplace_back("\"I'm sorry you felt…\" puts the weight on their feelings; try naming what you did.");
    if (has_word(all, "if you") || all.find("sorry if") != std::string::npos)
        hints.emplace_back("\"if\" can sound like doubt that it hurt; it did, so you can say so plainly.");
    if (has_word(all, "but"))
        hints.emplace_back("\"but\" tends to cancel what comes before it; consider leaving the reason for later.");
    if (all.find("you made me") != std::string::npos)
        hints.emplace_back("\"you made me\" hands the responsibility back; keep it with what you did.");
    return hints;
}

}  // namespace candor::core
