// The author-time rules (core/entry_times.hpp) with injected times: a clock set back is refused
// against the author's previous entry and against what an entry refers to, a small skew passes,
// a clock far ahead is flagged, and judging uses the earlier of author time and receive time.
#include <doctest/doctest.h>

#include "core/entry_times.hpp"
#include "core_helpers.hpp"

using namespace candor;
using namespace candor::core;
using namespace candor::core::test;

namespace {

constexpr std::int64_t kHour = 3'600'000;

struct Pair {
    Author alex, sam;
    History history;
    Pair() {
        history.allow_author(alex.id());
        history.allow_author(sam.id());
    }
    // Checked the way the Node receives: history rules, then times, then accepted.
    AcceptResult receive(const Entry& e) {
        AcceptResult r = check_times(e, history);
        if (r.ok()) r = history.accept(e);
        return r;
    }
};

}  // namespace

TEST_CASE("times: an entry dated before the author's previous one is refused, a small skew is not") {
    Pair p;
    REQUIRE(p.receive(p.alex.post(UpdateBody{"first", "", 0}, kT0)).is_new());
    const Entry skewed = p.alex.post(UpdateBody{"a minute early", "", 0}, kT0 - 60'000);
    CHECK(p.receive(skewed).is_new());
    const Entry backdated = p.alex.post(UpdateBody{"two days back", "", 0}, kT0 - 48 * kHour);
    const AcceptResult r = p.receive(backdated);
    CHECK(r.reason == RejectReason::bad_time);
    CHECK(r.message.find("clock was set back") != std::string::npos);
    CHECK(p.history.head(p.alex.id()).seq == 2);  // nothing held was replaced
}

TEST_CASE("times: a resolution dated before its commitment is refused (keep under faketime -3h)") {
    Pair p;
    const Entry commitment = p.sam.post(CommitmentBody{"call at 7", kT0 + 4 * kHour, std::nullopt}, kT0);
    REQUIRE(p.receive(commitment).is_new());
    p.alex.saw(commitment);
    // A different author, so only the reference can catch it.
    const Entry early = p.alex.post(ResolutionBody{commitment.id(), Outcome::kept, 0, ""}, kT0 - 3 * kHour);
    CHECK(p.receive(early).reason == RejectReason::bad_time);
    const std::vector<EntryId> refs = referenced_ids(early);
    REQUIRE(refs.size() == 1);
    CHECK(refs[0] == commitment.id());
}

TEST_CASE("times: far-future times are flagged and judged no later than they arrived") {
    Pair p;
    const Entry ahead = p.alex.post(UpdateBody{"from the future", "", 0}, kT0 + 2 * kHour);
    CHECK(clock_ahead(ahead, kT0));
    CHECK_FALSE(clock_ahead(ahead, kT0 + 2 * kHour));
    CHECK_FALSE(clock_ahead(ahead, kT0 + 2 * kHour - kFarFutureMs));
    CHECK(judged_time(ahead, {kT0, 0}) == kT0);
    CHECK(judged_time(ahead, {kT0 + 3 * kHour, 0}) == kT0 + 2 * kHour);
    CHECK(judged_time(ahead, {}) == kT0 + 2 * kHour);  // receive time unknown: the author's
}

TEST_CASE("times: a clock set back is judged no earlier than the computers last spoke") {
    Pair p;
    // Made three hours "ago" by its clock, but this device knew until kT0 that it had not been made.
    const Entry backdated = p.alex.post(UpdateBody{"kept, honestly", "", 0}, kT0 - 3 * kHour);
    CHECK(judged_time(backdated, {kT0 + 1000, kT0}) == kT0 - kClockSkewMs);
    // A small skew within kClockSkewMs keeps the author's time.
    const Entry skewed = p.alex.post(UpdateBody{"a minute slow", "", 0}, kT0 - 60'000);
    CHECK(judged_time(skewed, {kT0 + 1000, kT0}) == kT0 - 60'000);
    // Made while the computers were apart (evidence from long before): the author's time stands.
    const Entry offline = p.alex.post(UpdateBody{"while apart", "", 0}, kT0);
    CHECK(judged_time(offline, {kT0 + 5 * kHour, kT0 - 2 * kHour}) == kT0);
    // Never later than it arrived, whatever the evidence says.
    CHECK(judged_time(backdated, {kT0 - 4 * kHour, kT0}) == kT0 - 4 * kHour);
}
