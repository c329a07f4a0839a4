// JSON of the repair kinds. Texts that may be empty come out as null, like the other kinds'.
#include "node/repair_json.hpp"

#include "core/time_format.hpp"

namespace candor::node {
namespace {

json::Value text_or_null(const std::string& s) { return s.empty() ? json::Value(nullptr) : json::Value(s); }

json::Value id_or_null(const std::optional<core::EntryId>& id) {
    return id ? json::Value(core::to_hex(*id)) : json::Value(nullptr);
}

json::Value note_json(const core::RepairNote& n, const NameOf& name_of) {
    return json::Object{{"id", core::to_hex(n.id)},
                        {"by", core::to_hex(n.by)},
                        {"by_name", name_of(n.by)},
                        {"text", n.text},
                        {"at", core::format_iso8601(n.at_ms, n.utc_offset_minutes)}};
}

json::Array plan_json(const core::ApologyBody& a) {
    json::Array plan;
    for (const core::ApologyStep& s : a.plan) plan.push_back(json::Object{{"text", s.text}, {"due", time_json(s.due_ms)}});
    return plan;
}

void add_apology(json::Object& out, const core::ApologyBody& a) {
    out.set("did", a.did);
    out.set("impact", a.impact);
    out.set("responsibility", a.responsibility);
    out.set("plan", plan_json(a));
    out.set("ask", text_or_null(a.ask));
}

template <typename Body, typename Fn>
void with_body(const core::Entry& e, Fn&& fn) {
    if (auto b = e.body_as<Body>()) fn(*b);
}

}  // namespace

void add_repair_fields(json::Object& out, const core::Entry& e) {
    using core::Kind;
    switch (e.kind()) {
        case Kind::reassurance_request:
            return with_body<core::ReassuranceRequestBody>(e, [&](const auto& b) { out.set("note", text_or_null(b.note)); });
        case Kind::reassurance_answer:
            return with_body<core::ReassuranceAnswerBody>(e, [&](const auto& b) {
                out.set("request", core::to_hex(b.request_id));
                out.set("text", b.text);
            });
        case Kind::reassurance_settled:
            return with_body<core::ReassuranceSettledBody>(e, [&](const auto& b) {
                out.set("request", core::to_hex(b.request_id));
                out.set("note", text_or_null(b.note));
            });
        case Kind::reassurance_facts:
            return with_body<core::ReassuranceFactsBody>(e, [&](const auto& b) {
                out.set("request", core::to_hex(b.request_id));
                out.set("text", b.text);
            });
        case Kind::breathe:
            return with_body<core::BreatheBody>(e, [&](const auto& b) {
                out.set("starts_at", time_json(b.starts_at_ms));
                out.set("starts_at_ms", b.starts_at_ms);  // the exact instant, on the author's clock
                out.set("seconds", static_cast<std::int64_t>(b.seconds));
            });
        case Kind::pause:
            return with_body<core::PauseBody>(e, [&](const auto& b) {
                out.set("until", time_json(b.until_ms));
                out.set("note", text_or_null(b.note));
                out.set("extends", id_or_null(b.extends));
            });
        case Kind::pause_end:
            return with_body<core::PauseEndBody>(e, [&](const auto& b) {
                out.set("pause", core::to_hex(b.pause_id));
                out.set("note", text_or_null(b.note));
            });
        case Kind::apology: return with_body<core::ApologyBody>(e, [&](const auto& b) { add_apology(out, b); });
        case Kind::apology_answer:
            return with_body<core::ApologyAnswerBody>(e, [&](const auto& b) {
                out.set("apology", core::to_hex(b.apology_id));
                out.set("answer", b.read ? "read" : "not_ready");
                out.set("note", text_or_null(b.note));
            });
        default: return;
    }
}

json::Value reassurance_to_json(const core::Reassurance& r, const NameOf& name_of) {
    json::Array answers;
    for (const core::RepairNote& n : r.answers) answers.push_back(note_json(n, name_of));
    json::Array facts;
    for (const core::RepairNote& n : r.facts) facts.push_back(note_json(n, name_of));
    json::Value recovery = nullptr;
    if (auto ms = r.recovery_ms()) recovery = (*ms + 30'000) / 60'000;  // whole minutes, rounded
    const auto at = [](std::int64_t ms, std::int16_t offset) {
        return ms == 0 ? json::Value(nullptr) : json::Value(core::format_iso8601(ms, offset));
    };
    return json::Object{{"id", core::to_hex(r.id)},
                        {"asked_by", core::to_hex(r.asked_by)},
                        {"asked_by_name", name_of(r.asked_by)},
                        {"asked_at", at(r.asked_at_ms, r.utc_offset_minutes)},
                        {"note", text_or_null(r.note)},
                        {"answered_at", r.answered() ? at(r.answered_at_ms(), r.answers.front().utc_offset_minutes)
                                                     : json::Value(nullptr)},
                        {"settled_at", r.settled() ? time_json(r.settled_at_ms) : json::Value(nullptr)},
                        {"settled_note", text_or_null(r.settled_note)},
                        {"recovery_minutes", std::move(recovery)},
                        {"answers", std::move(answers)},
                        {"facts", std::move(facts)}};
}

json::Value apology_to_json(const core::Apology& a, const core::State& state, std::int64_t now_ms,
                            const NameOf& name_of) {
    json::Object out{{"id", core::to_hex(a.id)},
                     {"author", core::to_hex(a.author)},
                     {"author_name", name_of(a.author)},
                     {"created_at", core::format_iso8601(a.created_at_ms, a.utc_offset_minutes)}};
    add_apology(out, a.body);
    json::Array commitments;
    for (const auto& id : a.step_commitments) {
        if (!id) continue;
        if (const core::Commitment* c = state.commitment(*id)) commitments.push_back(commitment_to_json(*c, state, now_ms, name_of));
    }
    out.set("commitments", std::move(commitments));
    const core::ApologyAnswer* answer = a.latest_answer();
    out.set("answer", answer ? json::Value(json::Object{{"answer", answer->read ? "read" : "not_ready"},
                                                        {"note", text_or_null(answer->note)},
                                                        {"at", core::format_iso8601(answer->at_ms, answer->utc_offset_minutes)}})
                             : json::Value(nullptr));
    return out;
}

}  // namespace candor::node
