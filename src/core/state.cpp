// The fold. Rules (why they exist):
// - Entries are applied in (lamport, author, seq) order. A reference (resolution, ack, late_end,
//   request answer, late "for") counts only when its target was folded before it. An honest
//   author always saw the target first, so its entry has a higher lamport; the rule keeps the
//   result a pure function of the set of entries.
// - A resolution counts only from the commitment's author, and only until the commitment is
//   kept or missed: the first final resolution in fold order wins. A renegotiation is not
//   final: it moves the due time and the commitment is open again.
// - Acks count only from someone other than the target's author ("seen, thank you" is for a
//   partner's entry). A late_end counts only from the late notice's author.
// - Ignored, unknown and unreadable entries stay in the feed with a note.
#include "core/state.hpp"

#include <algorithm>

namespace candor::core {

std::string_view effect_name(EntryEffect effect) {
    switch (effect) {
        case EntryEffect::counted: return "counted";
        case EntryEffect::ignored: return "ignored";
        case EntryEffect::unknown_kind: return "unknown_kind";
        case EntryEffect::unreadable: return "unreadable";
    }
    return "unknown";
}

std::string_view status_name(CommitmentStatus status) {
    switch (status) {
        case CommitmentStatus::open: return "open";
        case CommitmentStatus::due: return "due";
        case CommitmentStatus::kept: return "kept";
        case CommitmentStatus::missed: return "missed";
        case CommitmentStatus::renegotiated: return "renegotiated";
    }
    return "unknown";
}

CommitmentStatus Commitment::status(std::int64_t now_ms) const {
    if (final_outcome == Outcome::kept) return CommitmentStatus::kept;
    if (final_outcome == Outcome::missed) return CommitmentStatus::missed;
    if (now_ms >= due_at_ms) return CommitmentStatus::due;
    return renegotiations > 0 ? CommitmentStatus::renegotiated : CommitmentStatus::open;
}

State State::fold(const History& history, JudgedTimes judged) {
    State s;
    s.judged_ = std::move(judged);
    s.entries_.reserve(history.size());
    for (const auto& [author, chain] : history.by_author())
        for (const auto& e : chain) s.entries_.push_back(FeedEntry{e, EntryEffect::counted, {}});
    std::sort(s.entries_.begin(), s.entries_.end(),
              [](const FeedEntry& a, const FeedEntry& b) { return fold_before(a.entry, b.entry); });
    s.refold();
    return s;
}

void State::judge_at(const EntryId& id, std::int64_t judged_ms) {
    judged_[id] = judged_ms;
    if (entry_index_.count(id) != 0) refold();
}

std::int64_t State::judged_at(const Entry& entry) const {
    auto it = judged_.find(entry.id());
    return it == judged_.end() ? entry.created_at_ms() : it->second;
}

void State::insert(const Entry& entry) {
    if (entry_index_.count(entry.id()) != 0) return;
    if (entries_.empty() || fold_before(entries_.back().entry, entry)) {
        entries_.push_back(FeedEntry{entry, EntryEffect::counted, {}});
        apply(entries_.back());
        return;
    }
    auto pos = std::upper_bound(entries_.begin(), entries_.end(), entry,
                                [](const Entry& e, const FeedEntry& fe) { return fold_before(e, fe.entry); });
    entries_.insert(pos, FeedEntry{entry, EntryEffect::counted, {}});
    refold();
}

void State::insert(std::span<const Entry> batch) {
    std::vector<Entry> fresh;
    std::unordered_map<EntryId, bool, IdHash> in_batch;
    for (const auto& e : batch) {
        if (entry_index_.count(e.id()) == 0 && in_batch.emplace(e.id(), true).second) fresh.push_back(e);
    }
    if (fresh.empty()) return;
    std::sort(fresh.begin(), fresh.end(), fold_before);
    const bool at_end = entries_.empty() || fold_before(entries_.back().entry, fresh.front());
    for (auto& e : fresh) {
        entries_.push_back(FeedEntry{std::move(e), EntryEffect::counted, {}});
        if (at_end) apply(entries_.back());
    }
    if (at_end) return;
    std::sort(entries_.begin(), entries_.end(),
              [](const FeedEntry& a, const FeedEntry& b) { return fold_before(a.entry, b.entry); });
    refold();
}

void State::refold() {
    entry_index_.clear();
    latest_update_.clear();
    acks_.clear();
    commitments_.clear();
    commitment_index_.clear();
    lates_.clear();
    late_index_.clear();
    requests_.clear();
    request_index_.clear();
    agreement_ = AgreementLog{};
    checkins_ = CheckinLog{};
    repair_ = RepairLog{};
    choices_.clear();
    for (auto& fe : entries_) apply(fe);
}

StoryEvent State::story_event(StoryEvent::Type type, const Entry& e) const {
    StoryEvent ev;
    ev.type = type;
    ev.entry_id = e.id();
    ev.at_ms = e.created_at_ms();
    ev.judged_ms = judged_at(e);
    ev.utc_offset_minutes = e.utc_offset_minutes();
    return ev;
}

namespace {

// Decodes the body for one fold function and turns "unreadable" into the feed note.
template <typename T, typename Fn>
void fold_as(FeedEntry& fe, Fn&& fn) {
    auto body = decode_body<T>(fe.entry.body());
    if (!body) {
        fe.effect = EntryEffect::unreadable;
        fe.note = body.message();
        return;
    }
    if (auto ignored = fn(std::move(body).value())) {
        fe.effect = EntryEffect::ignored;
        fe.note = std::move(*ignored);
    }
}
}  // namespace

// The repair kinds fold into the RepairLog (State is its friend, so this lives here).
template <typename T>
void State::fold_repair(FeedEntry& fe, RepairLog& log) {
    fold_as<T>(fe, [&](T b) { return log.fold(fe.entry, std::move(b)); });
}

void State::apply(FeedEntry& fe) {
    const Entry& e = fe.entry;
    fe.effect = EntryEffect::counted;
    fe.note.clear();
    entry_index_.emplace(e.id(), static_cast<std::size_t>(&fe - entries_.data()));
    switch (e.kind()) {
        case Kind::update: return fold_as<UpdateBody>(fe, [&](auto b) { return fold_update(e, std::move(b)); });
        case Kind::late: return fold_as<LateBody>(fe, [&](auto b) { return fold_late(e, std::move(b)); });
        case Kind::late_end: return fold_as<LateEndBody>(fe, [&](auto b) { return fold_late_end(e, b); });
        case Kind::commitment:
            return fold_as<CommitmentBody>(fe, [&](auto b) { return fold_commitment(e, std::move(b)); });
        case Kind::resolution:
            return fold_as<ResolutionBody>(fe, [&](auto b) { return fold_resolution(e, std::move(b)); });
        case Kind::ack: return fold_as<AckBody>(fe, [&](auto b) { return fold_ack(e, std::move(b)); });
        case Kind::commitment_request:
            return fold_as<CommitmentRequestBody>(fe, [&](auto b) { return fold_commitment_request(e, std::move(b)); });
        case Kind::request_answer:
            return fold_as<RequestAnswerBody>(fe, [&](auto b) { return fold_request_answer(e, b); });
        case Kind::agreement_proposal:
            return fold_as<AgreementProposalBody>(fe, [&](auto b) { return fold_agreement_proposal(e, b); });
        case Kind::agreement_answer:
            return fold_as<AgreementAnswerBody>(fe, [&](auto b) { return fold_agreement_answer(e, b); });
        case Kind::agreement_review:
            return fold_as<AgreementReviewBody>(fe, [&](auto b) { return fold_agreement_review(e, b); });
        case Kind::checkin:
            return fold_as<CheckinBody>(fe, [&](const auto& b) { return checkins_.fold_sealed(e, b); });
        case Kind::checkin_key:
            return fold_as<CheckinKeyBody>(fe, [&](const auto& b) { return checkins_.fold_key(e, b); });
        case Kind::checkin_withdraw:
            return fold_as<CheckinWithdrawBody>(fe, [&](const auto& b) { return checkins_.fold_withdraw(e, b); });
        case Kind::couple_choice:
            return fold_as<CoupleChoiceBody>(fe, [&](const CoupleChoiceBody& b) -> std::optional<std::string> {
                choices_[b.name] = Choice{b.on, e.author(), e.id(), e.created_at_ms(), e.utc_offset_minutes()};
                return std::nullopt;
            });
        case Kind::new_chain:  // shown in the feed; History has already applied its skip
            return fold_as<NewChainBody>(fe, [](const NewChainBody&) { return std::optional<std::string>{}; });
        case Kind::reassurance_request: return fold_repair<ReassuranceRequestBody>(fe, repair_);
        case Kind::reassurance_answer: return fold_repair<ReassuranceAnswerBody>(fe, repair_);
        case Kind::reassurance_settled: return fold_repair<ReassuranceSettledBody>(fe, repair_);
        case Kind::reassurance_facts: return fold_repair<ReassuranceFactsBody>(fe, repair_);
        case Kind::breathe: return fold_repair<BreatheBody>(fe, repair_);
        case Kind::pause: return fold_repair<PauseBody>(fe, repair_);
        case Kind::pause_end: return fold_repair<PauseEndBody>(fe, repair_);
        case Kind::apology: return fold_repair<ApologyBody>(fe, repair_);
        case Kind::apology_answer: return fold_repair<ApologyAnswerBody>(fe, repair_);
    }
    fe.effect = EntryEffect::unknown_kind;
    fe.note = std::string(kNeedsNewerCandor) + " (kind " + std::to_string(static_cast<unsigned>(e.kind())) + ")";
}

std::optional<std::string> State::fold_update(const Entry& e, UpdateBody b) {
    latest_update_[e.author()] = UpdateView{e.id(), e.author(), std::move(b), e.created_at_ms(), e.utc_offset_minutes()};
    return std::nullopt;
}

std::optional<std::string> State::fold_late(const Entry& e, LateBody b) {
    LateNotice n{e.id(), e.author(), std::move(b), e.created_at_ms(), e.utc_offset_minutes(), false, std::nullopt};
    std::optional<std::string> note;
    if (n.body.for_commitment) {
        auto it = commitment_index_.find(*n.body.for_commitment);
        if (it == commitment_index_.end()) {
            note = "refers to a commitment this device does not have";
        } else if (commitments_[it->second].author != e.author()) {
            note = "refers to a commitment made by someone else";
        } else {
            n.for_known_commitment = true;
            StoryEvent ev = story_event(StoryEvent::Type::late, e);
            ev.minutes = n.body.minutes;
            ev.note = n.body.reason;
            commitments_[it->second].story.push_back(std::move(ev));
        }
    }
    // A late notice is news even when its "for" is bad, so it is kept either way; the note
    // only explains why it is not in a commitment's story.
    late_index_.emplace(n.id, lates_.size());
    lates_.push_back(std::move(n));
    return note;
}

std::optional<std::string> State::fold_late_end(const Entry& e, const LateEndBody& b) {
    auto it = late_index_.find(b.late_id);
    if (it == late_index_.end()) return "ends a late notice this device does not have";
    LateNotice& n = lates_[it->second];
    if (n.author != e.author()) return "ends someone else's late notice";
    if (n.ended_by) return "the late notice was already ended";
    n.ended_by = e.id();
    return std::nullopt;
}

std::optional<std::string> State::fold_commitment(const Entry& e, CommitmentBody b) {
    Commitment c;
    c.id = e.id();
    c.author = e.author();
    c.text = std::move(b.text);
    c.made_at_ms = e.created_at_ms();
    c.utc_offset_minutes = e.utc_offset_minutes();
    c.original_due_ms = c.due_at_ms = b.due_at_ms;
    StoryEvent ev = story_event(StoryEvent::Type::made, e);
    ev.due_ms = b.due_at_ms;
    c.story.push_back(std::move(ev));
    std::optional<std::string> note;
    if (b.request_id) {
        auto it = request_index_.find(*b.request_id);
        if (it == request_index_.end()) {
            note = "answers a request this device does not have";
        } else if (requests_[it->second].author == e.author()) {
            note = "answers the author's own request";
        } else if (requests_[it->second].commitment_id) {
            note = "the request already has a commitment";
        } else {
            requests_[it->second].commitment_id = e.id();
            c.request_id = b.request_id;
        }
    }
    if (b.apology_id) {
        if (auto refused = repair_.link_commitment(c.id, c.author, *b.apology_id, b.apology_step)) {
            if (!note) note = std::move(refused);
        } else {
            c.apology_id = b.apology_id;
            c.apology_step = b.apology_step;
        }
    }
    commitment_index_.emplace(c.id, commitments_.size());
    commitments_.push_back(std::move(c));
    return note;
}

std::optional<std::string> State::fold_resolution(const Entry& e, ResolutionBody b) {
    auto it = commitment_index_.find(b.commitment_id);
    if (it == commitment_index_.end()) return "resolves a commitment this device does not have";
    Commitment& c = commitments_[it->second];
    if (c.author != e.author()) return "only the commitment's author can resolve it";
    if (c.final_outcome) return "the commitment was already resolved";
    StoryEvent ev = story_event(StoryEvent::Type::resolved, e);
    ev.outcome = b.outcome;
    ev.note = std::move(b.note);
    if (b.outcome == Outcome::renegotiated) {
        if (b.new_due_ms == 0) return "a renegotiation without a new due time";
        ev.type = StoryEvent::Type::renegotiated;
        ev.due_ms = b.new_due_ms;
        c.due_at_ms = b.new_due_ms;
        ++c.renegotiations;
    } else {
        c.final_outcome = b.outcome;
        c.resolution_id = e.id();
        c.resolved_at_ms = e.created_at_ms();
        c.resolved_judged_ms = judged_at(e);
    }
    c.story.push_back(std::move(ev));
    return std::nullopt;
}

std::optional<std::string> State::fold_ack(const Entry& e, AckBody b) {
    auto it = entry_index_.find(b.target_id);
    if (it == entry_index_.end()) return "acknowledges an entry this device does not have";
    if (entries_[it->second].entry.author() == e.author()) return "acknowledges the author's own entry";
    acks_[b.target_id].push_back(AckView{e.id(), e.author(), e.created_at_ms(), e.utc_offset_minutes(), std::move(b.note)});
    return std::nullopt;
}

std::optional<std::string> State::fold_commitment_request(const Entry& e, CommitmentRequestBody b) {
    CommitmentRequest r;
    r.id = e.id();
    r.author = e.author();
    r.body = std::move(b);
    r.created_at_ms = e.created_at_ms();
    r.utc_offset_minutes = e.utc_offset_minutes();
    request_index_.emplace(r.id, requests_.size());
    requests_.push_back(std::move(r));
    return std::nullopt;
}

std::optional<std::string> State::fold_request_answer(const Entry& e, const RequestAnswerBody& b) {
    auto it = request_index_.find(b.request_id);
    if (it == request_index_.end()) return "answers a request this device does not have";
    CommitmentRequest& r = requests_[it->second];
    if (r.author == e.author()) return "answers the author's own request";
    if (r.answer_id) return "the request was already answered";
    r.answer_id = e.id();
    r.accepted = b.accepted;
    r.answer_note = b.note;
    return std::nullopt;
}

}  // namespace candor::core
