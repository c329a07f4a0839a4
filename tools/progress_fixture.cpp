// Writes two paired data directories (Alex and Sam) holding twelve weeks of a couple's life as
// Progress charts it: commitments that go better over the weeks, late notices, reassurance
// requests that come less often and settle sooner, daily and weekly check-ins both opened, an
// agreement with a transparency plan accepted by both and reviewed. For screenshots and for
// trying Progress by hand; not a test. Usage: progress_fixture DIR_ALEX DIR_SAM [--weeks N]
//   then: candor --data-dir DIR_ALEX --section progress --screenshot out.png
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/checkin_seal.hpp"
#include "core/repair_kinds.hpp"
#include "core/time_format.hpp"
#include "node/agreement_json.hpp"
#include "node/node.hpp"
#include "node/node_core.hpp"

namespace {

using namespace candor;
using node::NodeCore;
constexpr std::int64_t kMinute = 60'000, kHour = 60 * kMinute, kDay = 24 * kHour;

struct Couple {
    std::unique_ptr<NodeCore> alex, sam;

    // Posts on `who`'s device at `at` and delivers it to the other at once.
    template <typename Body>
    core::Entry post(NodeCore& who, const Body& body, std::int64_t at) {
        auto e = who.post(body, at);
        if (!e) fail(e.message());
        NodeCore& other = &who == alex.get() ? *sam : *alex;
        const auto got = other.receive({*e}, at + 1000);
        if (!got.rejected.empty()) fail("the partner refused an entry");
        return *e;
    }
    void checkin(const core::CheckinAnswer& a, const core::CheckinAnswer& s, std::int64_t at) {
        const core::Sealed sa = core::seal_answer(a, alex->device(), alex->checkin_own_key(), std::nullopt);
        const core::Entry ea = post(*alex, sa.body, at);
        const core::Sealed ss = core::seal_answer(s, sam->device(), sam->checkin_own_key(), std::nullopt);
        const core::Entry es = post(*sam, ss.body, at + 20 * kMinute);
        (void)post(*alex, core::CheckinKeyBody{ea.id(), core::key_bytes(sa.key)}, at + 21 * kMinute);
        (void)post(*sam, core::CheckinKeyBody{es.id(), core::key_bytes(ss.key)}, at + 22 * kMinute);
    }
    [[noreturn]] static void fail(const std::string& why) {
        std::fprintf(stderr, "progress_fixture: %s\n", why.c_str());
        std::exit(1);
    }
};

void pair(NodeCore& a, NodeCore& b) {
    store::PairedDevice peer;
    peer.device_id = b.device();
    peer.name = b.settings().display_name;
    crypto::random_bytes(peer.pair_key.span());
    if (auto ok = a.update_peers({peer}); !ok) Couple::fail(ok.message());
}

// The agreement both accept in week 1, with a plan stepping down from now on.
void agreement(Couple& c, std::int64_t at, std::int64_t now) {
    // Phases end at midnight (UTC+1, the offset they are written with), as the editor writes them.
    const auto midnight = [](std::int64_t t) { return (t + 3'600'000) / kDay * kDay - 3'600'000; };
    const std::string plan_json = R"({"title": "Our repair agreement", "transparency_plan": {"phases": [
        {"expects": "an update when you leave work", "until": ")" + core::format_iso8601(midnight(now + 20 * kDay), 60) + R"("},
        {"expects": "an update only when plans change", "until": ")" + core::format_iso8601(midnight(now + 80 * kDay), 60) + R"("},
        {"expects": "sharing as we like", "until": null}], "retire_figures": true},
        "talk_times": [{"day": "sunday", "at": "19:00", "minutes": 45}, {"day": "wednesday", "at": "20:30", "minutes": 30}]})";
    auto parsed = json::parse(plan_json);
    if (!parsed) Couple::fail(parsed.message());
    auto doc = node::agreement_from_proposal(*parsed, node::AgreementPeople{c.alex->device(), c.sam->device()});
    if (!doc) Couple::fail(doc.message());
    const core::Entry v = c.post(*c.alex, core::AgreementProposalBody{std::nullopt, node::canonical_agreement_json(*doc)}, at);
    (void)c.post(*c.sam, core::AgreementAnswerBody{v.id(), true, "yes, let's"}, at + kHour);
}

// One week, in time order for each author (nothing after `now`).
void week(Couple& c, int w, int weeks, std::int64_t monday, std::int64_t now) {
    const double better = static_cast<double>(w) / weeks;  // 0 at the start, towards 1 now
    if (w == 4) (void)c.post(*c.sam, core::AgreementReviewBody{"Going better than we hoped", 0}, monday + 7 * kHour);
    for (int d = 0; d < 7; ++d) {
        const std::int64_t day = monday + d * kDay;
        if (day + 23 * kHour > now) return;
        for (NodeCore* who : {c.alex.get(), c.sam.get()}) {
            const std::int64_t t = day + (who == c.alex.get() ? 8 : 9) * kHour;
            (void)c.post(*who, core::UpdateBody{"Leaving work now", "office", 0}, t);
            const core::Entry made = c.post(*who, core::CommitmentBody{"Call when I get home", t + 9 * kHour, std::nullopt}, t);
            const int roll = (w * 7 + d * 3 + (who == c.alex.get() ? 0 : 5)) % 10;
            const bool late = roll >= 6 + static_cast<int>(better * 4), missed = roll == 9 && better < 0.5;
            if (late && roll % 2 == 0) (void)c.post(*who, core::LateBody{20, "traffic", t + 9 * kHour + 20 * kMinute, made.id()}, t + 8 * kHour);
            const std::int64_t kept_at = t + 9 * kHour + (late ? 25 * kMinute : -10 * kMinute);
            (void)c.post(*who, core::ResolutionBody{made.id(), missed ? core::Outcome::missed : core::Outcome::kept, 0, {}}, kept_at);
        }
        if (d % (better < 0.5 ? 2 : 4) == 0) {  // Sam asks less often, and settles sooner
            const core::Entry ask = c.post(*c.sam, core::ReassuranceRequestBody{""}, day + 19 * kHour);
            (void)c.post(*c.alex, core::ReassuranceAnswerBody{ask.id(), "I'm here, and I love you"}, day + 19 * kHour + 2 * kMinute);
            const auto minutes = static_cast<std::int64_t>(70 - better * 55);
            (void)c.post(*c.sam, core::ReassuranceSettledBody{ask.id(), ""}, day + 19 * kHour + minutes * kMinute);
        }
        if ((d + w) % 7 != 3 || better < 0.2) {
            const auto r = static_cast<std::uint8_t>(2 + (better > 0.5) + (d % 2));
            c.checkin(core::DailyAnswer{r, static_cast<std::uint8_t>(r + 1 > 5 ? 5 : r + 1), r, ""},
                      core::DailyAnswer{static_cast<std::uint8_t>(r + (better > 0.7)), r, r, ""}, day + 21 * kHour);
        }
    }
    if (monday + 6 * kDay + 23 * kHour > now) return;
    std::vector<std::string> thanks_a{"the soup", "the walk"}, thanks_s{"listening"};
    if (better > 0.4) thanks_s.push_back("the flowers");
    if (better > 0.7) thanks_a.push_back("texting from the station");
    c.checkin(core::WeeklyAnswer{thanks_a, "", "", ""}, core::WeeklyAnswer{thanks_s, "", "", ""}, monday + 6 * kDay + 22 * kHour);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: progress_fixture DIR_ALEX DIR_SAM [--weeks N]\n");
        return 2;
    }
    const int weeks = argc >= 5 && std::string(argv[3]) == "--weeks" ? std::atoi(argv[4]) : 12;
    Couple c;
    for (auto [dir, name, out] : {std::tuple{argv[1], "Alex", &c.alex}, std::tuple{argv[2], "Sam", &c.sam}}) {
        auto core = NodeCore::open({dir, std::string(name), nullptr});
        if (!core) Couple::fail(core.message());
        *out = std::move(*core);
    }
    pair(*c.alex, *c.sam);
    pair(*c.sam, *c.alex);
    const std::int64_t now = node::system_now_ms();
    const std::int64_t offset = node::local_utc_offset_minutes(now) * kMinute;
    const std::int64_t local_day = (now + offset) / kDay;  // 1970-01-01 was a Thursday (3)
    const std::int64_t first_monday = (local_day - (local_day + 3) % 7) * kDay - offset - (weeks - 1) * 7 * kDay;
    agreement(c, first_monday - kDay, now);
    for (int w = 0; w < weeks; ++w) {
        const std::int64_t monday = first_monday + w * 7 * kDay;
        week(c, w, weeks, monday, now);
    }
    for (NodeCore* core : {c.alex.get(), c.sam.get()}) {
        if (auto ok = core->commit(); !ok) Couple::fail(ok.message());
        // The partner holds everything already: nothing reads as waiting for delivery.
        auto peers = core->peers();
        peers.front().delivered_seq = core->history().by_author().at(core->device()).back().seq();
        if (auto ok = core->update_peers(std::move(peers)); !ok) Couple::fail(ok.message());
    }
    std::printf("%zu entries in %s and %s\n", c.alex->history().size(), argv[1], argv[2]);
    return 0;
}
