// Repair words (repair_text.hpp).
#include "ui/repair_text.hpp"

#include "core/repair_kinds.hpp"
#include "node/node.hpp"

namespace candor::ui {
namespace {

constexpr std::int64_t kMinute = 60'000;

// The local time of day `hour`:00 on the local day of `now_ms` (+ `days`).
std::int64_t local_hour(std::int64_t now_ms, int hour, int days) {
    const std::int64_t offset = static_cast<std::int64_t>(node::local_utc_offset_minutes(now_ms)) * kMinute;
    const std::int64_t day = 24 * 60 * kMinute;
    const std::int64_t local_midnight = (now_ms + offset) / day * day;
    return local_midnight + days * day + hour * 60 * kMinute - offset;
}

}  // namespace

bool describe_repair(const core::Entry& e, EntryText& t) {
    using core::Kind;
    switch (e.kind()) {
        case Kind::reassurance_request:
            t.kind = "Reassurance";
            t.headline = "Asked for reassurance";
            if (auto b = e.body_as<core::ReassuranceRequestBody>()) t.detail = b->note;
            return true;
        case Kind::reassurance_answer:
            t.kind = "Reassurance";
            if (auto b = e.body_as<core::ReassuranceAnswerBody>()) t.headline = b->text;
            return true;
        case Kind::reassurance_settled:
            t.kind = "Reassurance";
            t.headline = "I feel settled";
            if (auto b = e.body_as<core::ReassuranceSettledBody>()) t.detail = b->note;
            return true;
        case Kind::reassurance_facts:
            t.kind = "What happened";
            if (auto b = e.body_as<core::ReassuranceFactsBody>()) t.headline = b->text;
            return true;
        case Kind::breathe:
            t.kind = "Breathe together";
            if (auto b = e.body_as<core::BreatheBody>()) t.headline = "Breathed together for " + duration_words(b->seconds * 1000LL);
            return true;
        case Kind::pause:
            t.kind = "Pause";
            if (auto b = e.body_as<core::PauseBody>()) {
                t.headline = (b->extends ? "More time, back by " : "Needed a pause, back by ") + local_clock(b->until_ms);
                t.detail = b->note;
            }
            return true;
        case Kind::pause_end:
            t.kind = "Pause";
            t.headline = "I'm ready to talk";
            if (auto b = e.body_as<core::PauseEndBody>()) t.detail = b->note;
            return true;
        case Kind::apology:
            t.kind = "Apology";
            if (auto b = e.body_as<core::ApologyBody>()) {
                t.headline = b->did;
                t.detail = b->impact;
            }
            return true;
        case Kind::apology_answer:
            t.kind = "Apology";
            if (auto b = e.body_as<core::ApologyAnswerBody>()) {
                t.headline = b->read ? "I've read it" : "I'm not ready yet";
                t.detail = b->note;
            }
            return true;
        default: return false;
    }
}

std::string pause_words(const node::Snapshot& snap, const core::Pause& p) {
    const std::string back = local_clock(p.until_ms());
    if (p.author == snap.device) return "You're taking a pause until " + back;
    return snap.name_of(p.author) + " needs a pause and will be back by " + back;
}

std::string apology_link_words(const node::Snapshot& snap, const core::Commitment& c) {
    const core::Apology* a = c.apology_id ? snap.state->repair().apology(*c.apology_id) : nullptr;
    if (!a) return {};
    const std::string whose = a->author == snap.device ? "your" : snap.name_of(a->author) + "'s";
    return "a step of " + whose + " apology of " + local_clock(a->created_at_ms);
}

std::string apology_steps_words(const node::Snapshot& snap, const core::EntryId& id, std::int64_t now_ms) {
    const core::Apology* a = snap.state->repair().apology(id);
    if (!a) return {};
    std::string out;
    for (const auto& cid : a->step_commitments) {
        const core::Commitment* c = cid ? snap.state->commitment(*cid) : nullptr;
        if (c) out += "  ·  " + c->text + ": " + ledger_words(core::ledger_item(*c, now_ms), now_ms);
    }
    return out;
}

std::optional<std::int64_t> pause_preset(int index, std::int64_t now_ms) {
    std::int64_t until = 0;
    switch (index) {
        case 0: until = now_ms + core::kPauseMinMs; break;
        case 1: until = now_ms + 60 * kMinute; break;
        case 2: until = local_hour(now_ms, 20, 0); break;
        case 3: until = local_hour(now_ms, 9, 1); break;
        default: return std::nullopt;
    }
    if (until - now_ms < core::kPauseMinMs || until - now_ms > core::kPauseMaxMs) return std::nullopt;
    return until;
}

}  // namespace candor::ui
