// One function per kind keeps the JSON fields next to each other and easy to extend.
#include "node/entry_json.hpp"

#include "core/ledger.hpp"

#include "core/checkin_period.hpp"
#include "core/time_format.hpp"
#include "node/node.hpp"
#include "node/repair_json.hpp"

namespace candor::node {
namespace {

json::Value id_or_null(const std::optional<core::EntryId>& id) {
    return id ? json::Value(core::to_hex(*id)) : json::Value(nullptr);
}

void add_body_fields(json::Object& out, const core::Entry& e) {
    using core::Kind;
    switch (e.kind()) {
        case Kind::update:
            if (auto b = e.body_as<core::UpdateBody>()) {
                out.set("text", b->text);
                out.set("where", b->where.empty() ? json::Value(nullptr) : json::Value(b->where));
                out.set("until", time_json(b->until_ms));
            }
            break;
        case Kind::late:
            if (auto b = e.body_as<core::LateBody>()) {
                out.set("minutes", static_cast<std::int64_t>(b->minutes));
                out.set("reason", b->reason.empty() ? json::Value(nullptr) : json::Value(b->reason));
                out.set("eta", time_json(b->eta_ms));
                out.set("for", id_or_null(b->for_commitment));
            }
            break;
        case Kind::late_end:
            if (auto b = e.body_as<core::LateEndBody>()) out.set("late", core::to_hex(b->late_id));
            break;
        case Kind::couple_choice:
            if (auto b = e.body_as<core::CoupleChoiceBody>()) {
                out.set("choice", b->name);
                out.set("on", b->on);
            }
            break;
        case Kind::new_chain:
            if (auto b = e.body_as<core::NewChainBody>()) {
                out.set("resumes_after", static_cast<std::int64_t>(b->resumes_after));
                out.set("skipped_through", static_cast<std::int64_t>(b->skipped_through));
                out.set("reason", b->reason.empty() ? json::Value(nullptr) : json::Value(b->reason));
            }
            break;
        case Kind::commitment:
            if (auto b = e.body_as<core::CommitmentBody>()) {
                out.set("text", b->text);
                out.set("due_at", time_json(b->due_at_ms));
                out.set("request", id_or_null(b->request_id));
            }
            break;
        case Kind::resolution:
            if (auto b = e.body_as<core::ResolutionBody>()) {
                out.set("commitment", core::to_hex(b->commitment_id));
                out.set("outcome", std::string(core::outcome_name(b->outcome)));
                out.set("new_due_at", time_json(b->new_due_ms));
                out.set("note", b->note.empty() ? json::Value(nullptr) : json::Value(b->note));
            }
            break;
        case Kind::ack:
            if (auto b = e.body_as<core::AckBody>()) {
                out.set("target", core::to_hex(b->target_id));
                out.set("note", b->note.empty() ? json::Value(nullptr) : json::Value(b->note));
            }
            break;
        case Kind::commitment_request:
            if (auto b = e.body_as<core::CommitmentRequestBody>()) {
                out.set("text", b->text);
                out.set("due_at", time_json(b->due_at_ms));
            }
            break;
        case Kind::request_answer:
            if (auto b = e.body_as<core::RequestAnswerBody>()) {
                out.set("request", core::to_hex(b->request_id));
                out.set("accepted", b->accepted);
                out.set("note", b->note.empty() ? json::Value(nullptr) : json::Value(b->note));
            }
            break;
        case Kind::agreement_proposal:
            if (auto b = e.body_as<core::AgreementProposalBody>()) {
                out.set("version", core::to_hex(e.id()));
                out.set("parent", id_or_null(b->parent_version));
                auto doc = json::parse(b->agreement_json);
                out.set("agreement", doc ? *doc : json::Value(nullptr));
            }
            break;
        case Kind::agreement_answer:
            if (auto b = e.body_as<core::AgreementAnswerBody>()) {
                out.set("version", core::to_hex(b->version));
                out.set("accepted", b->accepted);
                out.set("note", b->note.empty() ? json::Value(nullptr) : json::Value(b->note));
            }
            break;
        case Kind::checkin:  // sealed: what it says is never here, only which period it answers
            if (auto b = e.body_as<core::CheckinBody>()) {
                out.set("type", std::string(core::checkin_type_name(b->type)));
                out.set("period", core::checkin_period(b->type, e.created_at_ms(), e.utc_offset_minutes()));
                out.set("replaces", id_or_null(b->replaces));
                out.set("sealed", true);
            }
            break;
        case Kind::checkin_key:
            if (auto b = e.body_as<core::CheckinKeyBody>()) out.set("checkin", core::to_hex(b->checkin_id));
            break;
        case Kind::checkin_withdraw:
            if (auto b = e.body_as<core::CheckinWithdrawBody>()) {
                out.set("checkin", core::to_hex(b->checkin_id));
                out.set("note", b->note.empty() ? json::Value(nullptr) : json::Value(b->note));
            }
            break;
        case Kind::agreement_review:
            if (auto b = e.body_as<core::AgreementReviewBody>()) {
                out.set("note", b->note);
                out.set("next_review", time_json(b->next_review_ms));
            }
            break;
        case Kind::reassurance_request:
        case Kind::reassurance_answer:
        case Kind::reassurance_settled:
        case Kind::reassurance_facts:
        case Kind::breathe:
        case Kind::pause:
        case Kind::pause_end:
        case Kind::apology:
        case Kind::apology_answer: add_repair_fields(out, e); break;
    }
}

// The newest late notice in the story, judged against the due time in force when it was sent: a
// notice sent before a later renegotiation was still a warning in time for the time it was about.
json::Value latest_late_json(const core::Commitment& c, const core::State& state) {
    std::int64_t due_in_force = c.original_due_ms;
    const core::StoryEvent* latest = nullptr;
    bool in_time = false;
    for (const core::StoryEvent& ev : c.story) {
        if (ev.type == core::StoryEvent::Type::made || ev.type == core::StoryEvent::Type::renegotiated) {
            due_in_force = ev.due_ms;
        } else if (ev.type == core::StoryEvent::Type::late) {
            latest = &ev;
            in_time = ev.at_ms < due_in_force;
        }
    }
    if (latest == nullptr) return nullptr;
    std::int64_t eta_ms = 0;
    if (const core::FeedEntry* fe = state.find(latest->entry_id)) {
        if (auto body = fe->entry.body_as<core::LateBody>()) eta_ms = body->eta_ms;
    }
    return json::Object{
        {"id", core::to_hex(latest->entry_id)},
        {"minutes", static_cast<std::int64_t>(latest->minutes)},
        {"reason", latest->note.empty() ? json::Value(nullptr) : json::Value(latest->note)},
        {"eta", time_json(eta_ms)},
        {"created_at", core::format_iso8601(latest->at_ms, latest->utc_offset_minutes)},
        {"warned_in_time", in_time},
    };
}

}  // namespace

json::Value time_json(std::int64_t utc_ms) {
    if (utc_ms == 0) return nullptr;
    return core::format_iso8601(utc_ms, local_utc_offset_minutes(utc_ms));
}

json::Value entry_to_json(const core::FeedEntry& fe, const NameOf& name_of) {
    const core::Entry& e = fe.entry;
    json::Object out;
    out.set("id", core::to_hex(e.id()));
    out.set("kind", e.known_kind() ? std::string(core::kind_name(e.kind()))
                                   : "unknown_" + std::to_string(static_cast<unsigned>(e.kind())));
    out.set("author", core::to_hex(e.author()));
    out.set("author_name", name_of(e.author()));
    out.set("seq", static_cast<std::int64_t>(e.seq()));
    out.set("created_at", core::format_iso8601(e.created_at_ms(), e.utc_offset_minutes()));
    add_body_fields(out, e);
    if (fe.effect != core::EntryEffect::counted) {
        out.set("effect", std::string(core::effect_name(fe.effect)));
        out.set("effect_note", fe.note);
    }
    return out;
}

json::Value commitment_to_json(const core::Commitment& c, const core::State& state, std::int64_t now_ms,
                               const NameOf& name_of) {
    json::Object out;
    out.set("id", core::to_hex(c.id));
    out.set("text", c.text);
    out.set("author", core::to_hex(c.author));
    out.set("author_name", name_of(c.author));
    out.set("due_at", time_json(c.due_at_ms));
    out.set("status", std::string(core::status_name(c.status(now_ms))));
    out.set("resolved_at", time_json(c.resolved_at_ms));
    // How it went by what this device knows (core/ledger.hpp), and when the resolution counts
    // when that is not its author's time (core/entry_times.hpp judged_time).
    const core::LedgerItem item = core::ledger_item(c, now_ms);
    out.set("outcome", std::string(core::ledger_outcome_name(item.outcome)));
    if (c.resolved_judged_ms != c.resolved_at_ms) out.set("judged_resolved_at", time_json(c.resolved_judged_ms));
    out.set("made_at", core::format_iso8601(c.made_at_ms, c.utc_offset_minutes));
    out.set("renegotiations", static_cast<std::int64_t>(c.renegotiations));
    out.set("late", latest_late_json(c, state));
    return out;
}

}  // namespace candor::node
