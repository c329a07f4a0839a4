// The draft's own JSON (not the agreement format): it must hold half-written items as typed.
#include "ui/views/agreement_draft_store.hpp"

#include "node/control_protocol.hpp"

namespace candor::ui {
namespace {

constexpr const char* kDraftName = "agreement";

json::Array strings(const std::vector<std::string>& list) {
    json::Array out;
    for (const std::string& s : list) out.emplace_back(s);
    return out;
}

std::vector<std::string> strings_from(const json::Value& v) {
    std::vector<std::string> out;
    if (const json::Array* a = v.if_array()) {
        for (const json::Value& item : *a) {
            if (const std::string* s = item.if_string()) out.push_back(*s);
        }
    }
    return out;
}

json::Value one_draft(const AgreementDraft& d) {
    json::Array areas;
    for (const DraftArea& a : d.areas) areas.push_back(json::Object{{"name", a.name}, {"items", strings(a.items)}});
    json::Array phases, talk_times;
    for (const DraftPhase& p : d.phases) {
        phases.push_back(json::Object{{"expects", p.expects}, {"until", p.until}, {"from_then_on", p.from_then_on}});
    }
    for (const DraftTalkTime& t : d.talk_times) {
        talk_times.push_back(json::Object{{"day", t.day}, {"at", t.at}, {"minutes", t.minutes}});
    }
    return json::Object{{"title", d.title},
                        {"mine", strings(d.mine)},
                        {"partner", strings(d.partner)},
                        {"support", d.support},
                        {"areas", std::move(areas)},
                        {"breakers", strings(d.breakers)},
                        {"review_every_days", d.review_every_days},
                        {"phases", std::move(phases)},
                        {"retire_figures", d.retire_figures},
                        {"talk_times", std::move(talk_times)},
                        {"parent", d.parent},
                        {"heading", d.heading}};
}

std::optional<AgreementDraft> one_draft_from(const json::Value& v) {
    if (!v.is_object()) return std::nullopt;
    AgreementDraft d;
    d.title = v.get_string("title").value_or("");
    d.mine = strings_from(v["mine"]);
    d.partner = strings_from(v["partner"]);
    d.support = v.get_string("support").value_or("");
    if (const json::Array* areas = v["areas"].if_array()) {
        for (const json::Value& a : *areas) d.areas.push_back({a.get_string("name").value_or(""), strings_from(a["items"])});
    }
    d.breakers = strings_from(v["breakers"]);
    d.review_every_days = static_cast<int>(v.get_int("review_every_days").value_or(30));
    if (const json::Array* phases = v["phases"].if_array()) {
        for (const json::Value& p : *phases) {
            const bool* open = p["from_then_on"].if_bool();
            d.phases.push_back({p.get_string("expects").value_or(""), p.get_string("until").value_or(""), open && *open});
        }
    }
    const bool* retire = v["retire_figures"].if_bool();
    d.retire_figures = retire && *retire;
    if (const json::Array* times = v["talk_times"].if_array()) {
        for (const json::Value& t : *times) {
            const DraftTalkTime usual;
            d.talk_times.push_back({static_cast<int>(t.get_int("day").value_or(usual.day)), t.get_string("at").value_or(usual.at),
                                    static_cast<int>(t.get_int("minutes").value_or(usual.minutes))});
        }
    }
    d.parent = v.get_string("parent").value_or("");
    d.heading = v.get_string("heading").value_or(d.heading);
    return d;
}

json::Value request(std::string_view cmd, json::Object args) {
    args.set("name", kDraftName);
    return node::control::make_request(cmd, std::move(args));
}

}  // namespace

json::Value draft_to_state_json(const AgreementDraft& draft) { return one_draft(draft); }

std::optional<AgreementDraft> draft_from_state_json(const json::Value& value) { return one_draft_from(value); }

void DraftStore::sync(ViewContext& ctx, AgreementEditor& editor) {
    if (!ctx.actions || !ctx.actions->available()) return;
    if (!load_sent_) {
        load_sent_ = true;
        ctx.actions->send(request("draft.load", {}), [this, &editor](const json::Value& response) {
            loaded_ = true;
            const json::Value& content = response["result"]["content"];
            if (!content.is_object() || editor.has_draft()) return;
            auto draft = one_draft_from(content["draft"]);
            auto source = one_draft_from(content["source"]);
            if (draft && source) {
                editor.restore(std::move(*draft), std::move(*source));
                last_saved_ = json::write(content);
            }
        });
    }
    if (!loaded_) return;  // never overwrite a saved draft before it has been read
    const auto& draft = editor.saved_draft();
    const bool edited = draft && *draft != editor.source();
    const std::string now_text =
        edited ? json::write(json::Object{{"draft", one_draft(*draft)}, {"source", one_draft(editor.source())}}) : "";
    if (now_text == last_saved_) return;
    const bool due = ctx.now_ms - last_save_ms_ >= 1000 || !editor.is_open();
    if (!due) {
        ctx.redraw_within(1000);  // come back to save the last keystrokes even if input stops
        return;
    }
    last_save_ms_ = ctx.now_ms;
    last_saved_ = now_text;
    if (now_text.empty()) {
        ctx.actions->send(request("draft.discard", {}));
    } else {
        auto parsed = json::parse(now_text);
        if (parsed) ctx.actions->send(request("draft.save", json::Object{{"content", *parsed}}));
    }
}

}  // namespace candor::ui
