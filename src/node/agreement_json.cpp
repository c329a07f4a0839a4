// Agreement documents to and from JSON (agreement_json.hpp). Field problems throw FieldError
// inside this file only; the public functions return them as errors.
#include "node/agreement_json.hpp"

#include <functional>

#include "common/text.hpp"
#include "core/time_format.hpp"
#include "node/plan_json.hpp"

namespace candor::node {
namespace {

struct FieldError {
    std::string message;
};

[[noreturn]] void fail(const std::string& path, std::string_view what) {
    throw FieldError{(path.empty() ? std::string("the agreement") : path) + " " + std::string(what)};
}

std::string trimmed(std::string s) {
    s.erase(0, s.find_first_not_of(" \t\r\n"));
    s.erase(s.find_last_not_of(" \t\r\n") + 1);
    return s;
}

std::string text(const json::Value& v, const std::string& path, std::size_t max, bool allow_empty = false) {
    const std::string* s = v.if_string();
    if (s == nullptr) fail(path, "must be text in quotes");
    std::string t = trimmed(*s);
    if (t.empty() && !allow_empty) fail(path, "must not be empty");
    if (t.size() > max) fail(path, "is too long (at most " + std::to_string(max) + " bytes)");
    if (auto problem = candor::text::problem(t)) fail(path, *problem);
    return t;
}

void only_fields(const json::Object& o, const std::string& path, std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : o) {
        bool known = false;
        for (auto a : allowed) known = known || a == key;
        if (known) continue;
        std::string list;
        for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
        fail(json::member_path(path, key), "is not a field of an agreement here (known: " + list + ")");
    }
}

const json::Array& list(const json::Value& v, const std::string& path) {
    const json::Array* a = v.if_array();
    if (a == nullptr) fail(path, "must be a list [ ... ]");
    if (a->size() > kMaxAgreementItems) fail(path, "has too many items (at most " + std::to_string(kMaxAgreementItems) + ")");
    return *a;
}

using ResolveBy = std::function<core::DeviceId(const std::string& by, const std::string& path)>;

core::AgreementDoc parse_doc(const json::Value& doc, const ResolveBy& resolve_by, bool default_rhythm) {
    const json::Object* o = doc.if_object();
    if (o == nullptr) fail("", "must be a JSON object { ... }");
    only_fields(*o, "", {"title", "commitments", "support", "boundaries", "breakers", "review_every_days",
                         "transparency_plan", "talk_times"});
    core::AgreementDoc d;
    const json::Value* title = o->find("title");
    if (title == nullptr) fail("", "needs a \"title\"");
    d.title = text(*title, "title", kMaxAgreementTitle);
    if (const json::Value* v = o->find("commitments")) {
        const json::Array& items = list(*v, "commitments");
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string path = json::element_path("commitments", i);
            const json::Object* item = items[i].if_object();
            if (item == nullptr) fail(path, "must be {\"by\": \"me\", \"text\": \"...\"}");
            only_fields(*item, path, {"by", "text"});
            const json::Value* by = item->find("by");
            if (by == nullptr || !by->is_string()) fail(json::member_path(path, "by"), "must be \"me\" or \"partner\"");
            const json::Value* t = item->find("text");
            if (t == nullptr) fail(path, "needs a \"text\" field");
            core::AgreementCommitment c;
            c.by = resolve_by(*by->if_string(), json::member_path(path, "by"));
            c.text = text(*t, json::member_path(path, "text"), kMaxAgreementText);
            d.commitments.push_back(std::move(c));
        }
    }
    if (const json::Value* v = o->find("support")) d.support = text(*v, "support", kMaxAgreementText, true);
    if (const json::Value* v = o->find("boundaries")) {
        const json::Array& items = list(*v, "boundaries");
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string path = json::element_path("boundaries", i);
            const json::Object* item = items[i].if_object();
            if (item == nullptr) fail(path, "must be {\"area\": \"...\", \"text\": \"...\"}");
            only_fields(*item, path, {"area", "text"});
            const json::Value* area = item->find("area");
            const json::Value* t = item->find("text");
            if (area == nullptr) fail(path, "needs an \"area\" field");
            if (t == nullptr) fail(path, "needs a \"text\" field");
            d.boundaries.push_back({text(*area, json::member_path(path, "area"), kMaxAgreementArea),
                                    text(*t, json::member_path(path, "text"), kMaxAgreementText)});
        }
    }
    if (const json::Value* v = o->find("breakers")) {
        const json::Array& items = list(*v, "breakers");
        for (std::size_t i = 0; i < items.size(); ++i)
            d.breakers.push_back(text(items[i], json::element_path("breakers", i), kMaxAgreementText));
    }
    if (const json::Value* v = o->find("review_every_days")) {
        const std::int64_t* n = v->if_int();
        if (n == nullptr || *n < 1 || *n > 365) fail("review_every_days", "must be a whole number of days from 1 to 365");
        d.review_every_days = static_cast<std::uint32_t>(*n);
    } else if (default_rhythm) {
        d.review_every_days = kDefaultReviewEveryDays;
    }
    if (const json::Value* v = o->find("transparency_plan"); v && !v->is_null()) {
        auto plan = plan_from_json(*v, "transparency_plan");
        if (!plan) throw FieldError{plan.message()};
        d.plan = std::move(*plan);
    }
    if (const json::Value* v = o->find("talk_times"); v && !v->is_null()) {
        auto times = talk_times_from_json(*v, "talk_times");
        if (!times) throw FieldError{times.message()};
        d.talk_times = std::move(*times);
    }
    return d;
}

json::Value person(const core::DeviceId& id, const NameOf& name_of) {
    return json::Object{{"device_id", core::to_hex(id)}, {"name", name_of(id)}};
}

json::Value answer_json(const core::AgreementAnswerView& a, const NameOf& name_of, bool with_note) {
    json::Object o{{"device_id", core::to_hex(a.by)},
                   {"name", name_of(a.by)},
                   {"at", core::format_iso8601(a.at_ms, a.utc_offset_minutes)},
                   {"entry", core::to_hex(a.entry_id)}};
    if (with_note) {
        o.set("accepted", a.accepted);
        o.set("note", a.note.empty() ? json::Value(nullptr) : json::Value(a.note));
    }
    return o;
}

json::Value id_or_null(const std::optional<core::EntryId>& id) {
    return id ? json::Value(core::to_hex(*id)) : json::Value(nullptr);
}

}  // namespace

Result<core::AgreementDoc> agreement_from_proposal(const json::Value& doc, const AgreementPeople& people) {
    const ResolveBy resolve = [&](const std::string& by, const std::string& path) -> core::DeviceId {
        if (by == "me") return people.me;
        if (by == "partner") {
            if (!people.partner) fail(path, "is \"partner\", but this device is not paired yet: pair with your partner first");
            return *people.partner;
        }
        if (auto id = core::parse_id(by)) {
            if (*id == people.me || (people.partner && *id == *people.partner)) return *id;
        }
        fail(path, "must be \"me\" or \"partner\"");
    };
    try {
        core::AgreementDoc d = parse_doc(doc, resolve, true);
        if (canonical_agreement_json(d).size() > kMaxAgreementJson) {
            return make_error("the agreement is too long to share (at most " + std::to_string(kMaxAgreementJson) +
                              " bytes of JSON): shorten some texts");
        }
        return d;
    } catch (const FieldError& e) {
        return make_error(e.message);
    }
}

std::string canonical_agreement_json(const core::AgreementDoc& d) {
    json::Array commitments;
    for (const auto& c : d.commitments) commitments.push_back(json::Object{{"by", core::to_hex(c.by)}, {"text", c.text}});
    json::Array boundaries;
    for (const auto& b : d.boundaries) boundaries.push_back(json::Object{{"area", b.area}, {"text", b.text}});
    json::Array breakers;
    for (const auto& b : d.breakers) breakers.emplace_back(b);
    json::Object doc{{"title", d.title},
                     {"commitments", std::move(commitments)},
                     {"support", d.support},
                     {"boundaries", std::move(boundaries)},
                     {"breakers", std::move(breakers)},
                     {"review_every_days", static_cast<std::int64_t>(d.review_every_days)}};
    // Only when set, so every agreement written before these sections existed keeps its exact text.
    if (!d.plan.empty()) doc.set("transparency_plan", plan_to_json(d.plan));
    if (!d.talk_times.empty()) doc.set("talk_times", talk_times_to_json(d.talk_times));
    return json::write(doc);
}

Result<core::AgreementDoc> agreement_from_canonical(std::string_view text) {
    auto doc = json::parse(text, json::ParseLimits{kMaxAgreementJson + 4096, 8});
    if (!doc) return make_error("the agreement text does not parse: " + doc.message());
    const ResolveBy resolve = [](const std::string& by, const std::string& path) -> core::DeviceId {
        if (auto id = core::parse_id(by)) return *id;
        fail(path, "must be a device id");
    };
    try {
        // A stored document may say 0 days ("no rhythm"), which a proposal may not.
        json::Value copy = *doc;
        json::Object* o = copy.if_object();
        if (o != nullptr && o->find("review_every_days") && (*o)["review_every_days"] == json::Value(0)) {
            o->erase("review_every_days");
        }
        return parse_doc(copy, resolve, false);
    } catch (const FieldError& e) {
        return make_error(e.message);
    }
}

json::Value agreement_to_json(const core::AgreementDoc& d, const NameOf& name_of) {
    json::Array commitments;
    for (const auto& c : d.commitments) {
        commitments.push_back(json::Object{{"by", core::to_hex(c.by)}, {"by_name", name_of(c.by)}, {"text", c.text}});
    }
    json::Array boundaries;
    for (const auto& b : d.boundaries) boundaries.push_back(json::Object{{"area", b.area}, {"text", b.text}});
    json::Array breakers;
    for (const auto& b : d.breakers) breakers.emplace_back(b);
    return json::Object{{"title", d.title},
                        {"commitments", std::move(commitments)},
                        {"support", d.support},
                        {"boundaries", std::move(boundaries)},
                        {"breakers", std::move(breakers)},
                        {"review_every_days", d.review_every_days == 0 ? json::Value(nullptr)
                                                                       : json::Value(d.review_every_days)},
                        {"transparency_plan", d.plan.empty() ? json::Value(nullptr) : plan_to_json(d.plan)},
                        {"talk_times", talk_times_to_json(d.talk_times)}};
}

json::Value changes_to_json(const std::vector<core::AgreementChange>& changes, const NameOf& name_of) {
    json::Array out;
    for (const auto& c : changes) {
        json::Object o{{"part", std::string(core::part_name(c.part))}, {"change", std::string(core::change_name(c.type))}};
        if (c.by) {
            o.set("by", core::to_hex(*c.by));
            o.set("by_name", name_of(*c.by));
        }
        if (!c.area.empty()) o.set("area", c.area);
        o.set("before", c.before.empty() ? json::Value(nullptr) : json::Value(c.before));
        o.set("after", c.after.empty() ? json::Value(nullptr) : json::Value(c.after));
        out.push_back(std::move(o));
    }
    return out;
}

json::Value version_to_json(const core::AgreementVersion& v, const core::State& state, const NameOf& name_of,
                            bool full) {
    const core::AgreementLog& log = state.agreement();
    auto doc = agreement_from_canonical(v.agreement_json);
    json::Object o;
    o.set("version", core::to_hex(v.id));
    o.set("number", static_cast<std::int64_t>(v.number));
    o.set("parent", id_or_null(v.parent));
    o.set("status", std::string(core::version_status_name(v.status)));
    o.set("open", v.open());
    o.set("title", doc ? json::Value(doc->title) : json::Value(nullptr));
    o.set("proposed_by", person(v.proposer, name_of));
    o.set("proposed_at", core::format_iso8601(v.proposed_at_ms, v.utc_offset_minutes));
    json::Array accepted, declined;
    for (const auto& a : v.accepted_by) accepted.push_back(answer_json(a, name_of, false));
    for (const auto& a : v.declined_by) declined.push_back(answer_json(a, name_of, true));
    o.set("accepted_by", std::move(accepted));
    o.set("declined_by", std::move(declined));
    o.set("active_since", v.activated_at_ms == 0 ? json::Value(nullptr) : time_json(v.activated_at_ms));
    o.set("closed_by", id_or_null(v.closed_by));
    json::Array reviews;
    for (const core::AgreementReview* r : log.reviews_of(v.id)) {
        reviews.push_back(json::Object{{"id", core::to_hex(r->id)},
                                       {"by", person(r->by, name_of)},
                                       {"at", core::format_iso8601(r->at_ms, r->utc_offset_minutes)},
                                       {"note", r->note},
                                       {"next_review", time_json(r->next_review_ms)}});
    }
    o.set("reviews", std::move(reviews));
    if (!full) return o;

    o.set("agreement", doc ? agreement_to_json(*doc, name_of) : json::Value(nullptr));
    if (!doc) o.set("problem", "this version's text cannot be read: " + doc.message());
    json::Array answers;
    for (const auto& a : v.answers) answers.push_back(answer_json(a, name_of, true));
    o.set("answers", std::move(answers));
    const core::AgreementVersion* in_force = log.active();
    if (in_force != nullptr && in_force->id == v.id) {
        const auto next = doc ? log.next_review_ms(doc->review_every_days) : std::nullopt;
        o.set("next_review", next ? time_json(*next) : json::Value(nullptr));
    } else if (doc) {
        core::AgreementDoc base;
        if (in_force != nullptr) {
            if (auto d = agreement_from_canonical(in_force->agreement_json)) base = std::move(*d);
        }
        o.set("changes_against", id_or_null(in_force ? std::optional(in_force->id) : std::nullopt));
        o.set("changes", changes_to_json(core::diff_agreements(base, *doc), name_of));
    }
    return o;
}

}  // namespace candor::node
