// Prints how long Progress takes to compute over a large history: a couple's journal of N
// entries (default 100,000: commitments with their resolutions, late notices, updates and
// reassurance requests over a year) folded into a State, then build_progress over 12 and 52
// weeks. The app computes it once per snapshot version (ui/views/progress_view.hpp), so a frame
// only draws; this is the cost of one new snapshot. Figures only; not a test.
// Usage: bench_progress [--entries N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/progress.hpp"
#include "core/repair_kinds.hpp"
#include "crypto/sign.hpp"

namespace {

using namespace candor;
using Clock = std::chrono::steady_clock;
constexpr std::int64_t kMinute = 60'000, kDay = 86'400'000;

struct Author {
    crypto::Identity identity = crypto::Identity::generate();
    core::AuthorHead head;
};

double ms_since(Clock::time_point start) { return std::chrono::duration<double, std::milli>(Clock::now() - start).count(); }

}  // namespace

int main(int argc, char** argv) {
    std::size_t count = 100'000;
    if (argc == 3 && std::string(argv[1]) == "--entries") count = std::strtoull(argv[2], nullptr, 10);
    Author people[2];
    std::vector<core::Entry> entries;
    entries.reserve(count);
    std::uint64_t lamport = 0;
    const std::int64_t now = 1'796'000'000'000, start = now - 365 * kDay;
    const auto post = [&](Author& who, core::Kind kind, crypto::Bytes body, std::int64_t at) {
        auto e = core::make_entry(who.identity, who.head, ++lamport, at, 60, kind, std::move(body));
        if (!e) std::exit(1);
        who.head = e->as_head();
        entries.push_back(*e);
        return *e;
    };
    const auto step = static_cast<std::int64_t>(365 * kDay / static_cast<std::int64_t>(count / 4 + 1));
    for (std::size_t i = 0; entries.size() + 4 <= count; ++i) {
        Author& who = people[i % 2];
        const std::int64_t t = start + static_cast<std::int64_t>(i) * step;
        const core::Entry c = post(who, core::kind_of<core::CommitmentBody>,
                                   core::encode_body(core::CommitmentBody{"call", t + 60 * kMinute, std::nullopt}), t);
        post(who, core::Kind::late, core::encode_body(core::LateBody{10, "", t + 70 * kMinute, c.id()}), t + kMinute);
        post(who, core::Kind::resolution, core::encode_body(core::ResolutionBody{c.id(), core::Outcome::kept, 0, {}}),
             t + (i % 3 == 0 ? 70 : 50) * kMinute);
        post(who, core::Kind::reassurance_request, core::encode_body(core::ReassuranceRequestBody{""}), t + 2 * kMinute);
    }
    auto t0 = Clock::now();
    core::State state;
    state.insert(std::span<const core::Entry>(entries));
    std::printf("%zu entries: fold %.1f ms\n", entries.size(), ms_since(t0));
    for (unsigned weeks : {12u, 52u}) {
        t0 = Clock::now();
        const core::Progress p = core::build_progress(state, weeks, 60, now);
        std::printf("build_progress over %u weeks: %.1f ms (%zu milestones)\n", weeks, ms_since(t0), p.milestones.size());
    }
    return 0;
}
