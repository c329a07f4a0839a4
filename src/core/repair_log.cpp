// The repair fold (rules in repair_log.hpp) and its canonical dump.
#include "core/repair_log.hpp"

#include <sstream>
#include <utility>

namespace candor::core {

namespace {

RepairNote note_of(const Entry& e, std::string text) {
    return RepairNote{e.id(), e.author(), std::move(text), e.created_at_ms(), e.utc_offset_minutes()};
}

template <typename T>
const T* find_in(const std::vector<T>& items, const std::unordered_map<EntryId, std::size_t, IdHash>& index,
                 const EntryId& id) {
    auto it = index.find(id);
    return it == index.end() ? nullptr : &items[it->second];
}

}  // namespace

std::optional<std::int64_t> Reassurance::recovery_ms() const {
    if (!settled()) return std::nullopt;
    return settled_at_ms - asked_at_ms;
}

const RepairNote* Reassurance::facts_by(const DeviceId& person) const {
    const RepairNote* latest = nullptr;
    for (const RepairNote& n : facts)
        if (n.by == person) latest = &n;
    return latest;
}

const Reassurance* RepairLog::reassurance(const EntryId& id) const {
    return find_in(reassurances_, reassurance_index_, id);
}
Reassurance* RepairLog::find_reassurance(const EntryId& id) {
    return const_cast<Reassurance*>(std::as_const(*this).reassurance(id));
}
const Pause* RepairLog::pause(const EntryId& id) const { return find_in(pauses_, pause_index_, id); }
const Apology* RepairLog::apology(const EntryId& id) const { return find_in(apologies_, apology_index_, id); }

const Pause* RepairLog::open_pause(const DeviceId& author) const {
    for (auto it = pauses_.rbegin(); it != pauses_.rend(); ++it)
        if (it->author == author && !it->ended()) return &*it;
    return nullptr;
}

std::optional<std::string> RepairLog::fold(const Entry& e, ReassuranceRequestBody b) {
    Reassurance r;
    r.id = e.id();
    r.asked_by = e.author();
    r.note = std::move(b.note);
    r.asked_at_ms = e.created_at_ms();
    r.utc_offset_minutes = e.utc_offset_minutes();
    reassurance_index_.emplace(r.id, reassurances_.size());
    reassurances_.push_back(std::move(r));
    return std::nullopt;
}

std::optional<std::string> RepairLog::fold(const Entry& e, ReassuranceAnswerBody b) {
    Reassurance* r = find_reassurance(b.request_id);
    if (!r) return "answers a reassurance request this device does not have";
    if (r->asked_by == e.author()) return "answers the author's own reassurance request";
    r->answers.push_back(note_of(e, std::move(b.text)));
    return std::nullopt;
}

std::optional<std::string> RepairLog::fold(const Entry& e, ReassuranceSettledBody b) {
    Reassurance* r = find_reassurance(b.request_id);
    if (!r) return "settles a reassurance request this device does not have";
    if (r->asked_by != e.author()) return "only the one who asked can say they feel settled";
    if (r->settled()) return "the request was already settled";
    r->settled_id = e.id();
    r->settled_at_ms = e.created_at_ms();
    r->settled_note = std::move(b.note);
    return std::nullopt;
}

std::optional<std::string> RepairLog::fold(const Entry& e, ReassuranceFactsBody b) {
    Reassurance* r = find_reassurance(b.request_id);
    if (!r) return "adds facts to a reassurance request this device does not have";
    r->facts.push_back(note_of(e, std::move(b.text)));
    return std::nullopt;
}

std::optional<std::string> RepairLog::fold(const Entry& e, const BreatheBody& b) {
    if (b.seconds < kBreatheMinSeconds || b.seconds > kBreatheMaxSeconds)
        return "a breathing guide of " + std::to_string(b.seconds) + " s (30 s to 5 min)";
    if (b.starts_at_ms < e.created_at_ms() || b.starts_at_ms > e.created_at_ms() + kBreatheMaxLeadMs)
        return "a breathing guide that does not start when it was made";
    guides_.push_back(BreathingGuide{e.id(), e.author(), e.created_at_ms(), b.starts_at_ms, b.seconds});
    return std::nullopt;
}

std::optional<std::string> RepairLog::fold(const Entry& e, PauseBody b) {
    const std::int64_t length = b.until_ms - e.created_at_ms();
    if (length > kPauseMaxMs) return "a pause longer than 24 hours";
    PauseStep step{e.id(), e.created_at_ms(), b.until_ms, std::move(b.note)};
    if (b.extends) {
        auto it = pause_index_.find(*b.extends);
        if (it == pause_index_.end()) return "extends a pause this device does not have";
        Pause& p = pauses_[it->second];
        if (p.author != e.author()) return "extends someone else's pause";
        if (p.ended()) return "extends a pause that has ended";
        if (b.until_ms <= p.until_ms()) return "an extension must give a later return time";
        p.steps.push_back(std::move(step));
        return std::nullopt;
    }
    if (length < kPauseMinMs) return "a pause shorter than 20 minutes";
    Pause p;
    p.id = e.id();
    p.author = e.author();
    p.utc_offset_minutes = e.utc_offset_minutes();
    p.steps.push_back(std::move(step));
    pause_index_.emplace(p.id, pauses_.size());
    pauses_.push_back(std::move(p));
    return std::nullopt;
}

std::optional<std::string> RepairLog::fold(const Entry& e, PauseEndBody b) {
    auto it = pause_index_.find(b.pause_id);
    if (it == pause_index_.end()) return "ends a pause this device does not have";
    Pause& p = pauses_[it->second];
    if (p.author != e.author()) return "ends someone else's pause";
    if (p.ended()) return "the pause was already ended";
    p.ended_by = e.id();
    p.ended_at_ms = e.created_at_ms();
    p.end_note = std::move(b.note);
    return std::nullopt;
}

std::optional<std::string> RepairLog::fold(const Entry& e, ApologyBody b) {
    if (auto problem = apology_problem(b)) return "an apology missing a part (" + *problem + ")";
    Apology a;
    a.id = e.id();
    a.author = e.author();
    a.created_at_ms = e.created_at_ms();
    a.utc_offset_minutes = e.utc_offset_minutes();
    a.step_commitments.resize(b.plan.size());
    a.body = std::move(b);
    apology_index_.emplace(a.id, apologies_.size());
    apologies_.push_back(std::move(a));
    return std::nullopt;
}

std::optional<std::string> RepairLog::fold(const Entry& e, ApologyAnswerBody b) {
    auto it = apology_index_.find(b.apology_id);
    if (it == apology_index_.end()) return "answers an apology this device does not have";
    Apology& a = apologies_[it->second];
    if (a.author == e.author()) return "answers the author's own apology";
    a.answers.push_back(ApologyAnswer{e.id(), e.author(), b.read, std::move(b.note), e.created_at_ms(),
                                      e.utc_offset_minutes()});
    return std::nullopt;
}

std::optional<std::string> RepairLog::link_commitment(const EntryId& commitment, const DeviceId& author,
                                                      const EntryId& apology, std::uint32_t step) {
    auto it = apology_index_.find(apology);
    if (it == apology_index_.end()) return "carries out an apology this device does not have";
    Apology& a = apologies_[it->second];
    if (a.author != author) return "carries out someone else's apology";
    if (step >= a.body.plan.size()) return "names a step the apology does not have";
    if (a.body.plan[step].due_ms == 0) return "names a step of the apology without a due time";
    if (a.step_commitments[step]) return "that step of the apology already has its commitment";
    a.step_commitments[step] = commitment;
    return std::nullopt;
}

std::string RepairLog::dump() const {
    std::ostringstream o;
    for (const Reassurance& r : reassurances_) {
        o << "reassurance " << to_hex(r.id) << " by=" << to_hex(r.asked_by) << " at=" << r.asked_at_ms
          << " note=" << r.note << " settled=" << (r.settled_id ? to_hex(*r.settled_id) : "-")
          << " recovery=" << r.recovery_ms().value_or(-1) << "\n";
        for (const RepairNote& n : r.answers) o << "  answer " << to_hex(n.id) << " " << n.text << "\n";
        for (const RepairNote& n : r.facts) o << "  facts " << to_hex(n.id) << " " << n.text << "\n";
    }
    for (const BreathingGuide& g : guides_)
        o << "breathe " << to_hex(g.id) << " starts=" << g.starts_at_ms << " seconds=" << g.seconds << "\n";
    for (const Pause& p : pauses_) {
        o << "pause " << to_hex(p.id) << " by=" << to_hex(p.author) << " until=" << p.until_ms()
          << " steps=" << p.steps.size() << " ended=" << (p.ended_by ? to_hex(*p.ended_by) : "-") << "\n";
    }
    for (const Apology& a : apologies_) {
        o << "apology " << to_hex(a.id) << " by=" << to_hex(a.author) << " steps=" << a.body.plan.size();
        for (const auto& c : a.step_commitments) o << " " << (c ? to_hex(*c) : "-");
        o << "\n";
        for (const ApologyAnswer& ans : a.answers)
            o << "  answer " << to_hex(ans.id) << " read=" << ans.read << " note=" << ans.note << "\n";
    }
    return o.str();
}

}  // namespace candor::core
