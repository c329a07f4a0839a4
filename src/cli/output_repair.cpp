// Human output of the repair kinds (output.hpp): warm, short lines; nothing reads like a score.
#include <ostream>

#include "cli/output.hpp"

namespace candor::cli {

namespace {

std::string field(const json::Value& v, std::string_view key) { return v.get_string(key).value_or(""); }

std::string with(std::string line, const std::string& extra) {
    return extra.empty() ? line : line + " · " + extra;
}

std::string ref(const json::Value& e, std::string_view key) {
    const std::string id = short_id(e[key]);
    return id.empty() ? "" : "for " + id;
}

}  // namespace

std::optional<std::string> describe_repair_entry(const json::Value& e, const TimeContext& ctx) {
    const std::string kind = field(e, "kind");
    if (kind == "reassurance_request") return with("asks for reassurance", field(e, "note"));
    if (kind == "reassurance_answer") return with("reassurance: " + field(e, "text"), ref(e, "request"));
    if (kind == "reassurance_settled") return with(with("feels settled", field(e, "note")), ref(e, "request"));
    if (kind == "reassurance_facts") return with("what happened: " + field(e, "text"), ref(e, "request"));
    if (kind == "breathe") {
        const auto seconds = e.get_int("seconds").value_or(0);
        return "breathe together: " + std::to_string(seconds) + " s, starting " + when(e["starts_at"], ctx);
    }
    if (kind == "pause") {
        const std::string what = e["extends"].is_null() ? "needs a pause" : "extends the pause";
        return with(what + ", back by " + when(e["until"], ctx), field(e, "note"));
    }
    if (kind == "pause_end") return with("ready to talk", field(e, "note"));
    if (kind == "apology") return "apology: " + field(e, "did");
    if (kind == "apology_answer") {
        const std::string what = field(e, "answer") == "read" ? "has read the apology" : "is not ready yet";
        return with(with(what, field(e, "note")), ref(e, "apology"));
    }
    return std::nullopt;
}

void print_reassurances(std::ostream& out, const json::Value& list, const TimeContext& ctx) {
    const json::Array* items = list.if_array();
    if (items == nullptr || items->empty()) {
        out << "No requests for reassurance yet. 'candor reassure ask' sends your code word.\n";
        return;
    }
    for (const json::Value& r : *items) {
        std::string line = short_id(r["id"]) + "  " + field(r, "asked_by_name") + " asked " + when(r["asked_at"], ctx);
        line = with(line, field(r, "note"));
        if (const auto minutes = r.get_int("recovery_minutes"))
            line = with(line, "settled after " + std::to_string(*minutes) + " min");
        else
            line = with(line, r["answers"].if_array() && !r["answers"].if_array()->empty() ? "answered" : "waiting");
        out << line << '\n';
        if (const json::Array* answers = r["answers"].if_array())
            for (const json::Value& a : *answers) out << "    " << field(a, "by_name") << ": " << field(a, "text") << '\n';
        if (const json::Array* facts = r["facts"].if_array())
            for (const json::Value& f : *facts)
                out << "    what happened (" << field(f, "by_name") << "): " << field(f, "text") << '\n';
    }
}

void print_apology_saved(std::ostream& out, const json::Value& apology, const TimeContext& ctx) {
    print_saved_entry(out, apology, ctx);
    if (const json::Array* ids = apology["commitments"].if_array(); ids && !ids->empty()) {
        out << "  " << ids->size() << (ids->size() == 1 ? " step is" : " steps are") << " now your commitment:";
        for (const json::Value& id : *ids) out << ' ' << short_id(id);
        out << '\n';
    }
    if (const json::Array* hints = apology["hints"].if_array())
        for (const json::Value& h : *hints)
            if (const std::string* s = h.if_string()) out << "  A thought: " << *s << '\n';
}

}  // namespace candor::cli
