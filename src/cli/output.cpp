// Human output of the CLI (output.hpp). The Node's JSON is the contract; this only reads what is
// there, so a missing optional field shortens a line instead of failing.
#include "cli/output.hpp"

#include <algorithm>
#include <vector>

namespace candor::cli {

namespace {

std::string str(const json::Value& v, std::string_view key) {
    return v.get_string(key).value_or("");
}

// A person may come as a name, a device id, or an object with both.
std::string person(const json::Value& v) {
    if (const auto* s = v.if_string()) return *s;
    if (v.is_object()) {
        if (auto name = v.get_string("name"); name && !name->empty()) return *name;
        if (auto id = v.get_string("device_id")) return short_id(json::Value(*id));
    }
    return "";
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

std::string pad(std::string s, std::size_t width) {
    // Pads by characters, not bytes, so names with accents line up.
    std::size_t chars = 0;
    for (const char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
    if (chars < width) s.append(width - chars, ' ');
    return s;
}

std::string int_text(const json::Value& v) {
    if (const auto* i = v.if_int()) return std::to_string(*i);
    if (const auto* s = v.if_string()) return *s;
    return "";
}

}  // namespace

// A version is a number or the proposal's entry id (shortened like every id).
std::string version_text(const json::Value& v) {
    if (const auto* i = v.if_int()) return std::to_string(*i);
    return short_id(v);
}

namespace {

}  // namespace

std::optional<std::int64_t> time_of(const json::Value& field, const TimeContext& ctx) {
    if (const auto* i = field.if_int()) return *i;
    if (const auto* s = field.if_string()) {
        auto t = parse_iso8601(*s, ctx);
        if (t) return *t;
    }
    return std::nullopt;
}

std::string when(const json::Value& field, const TimeContext& ctx) {
    const auto t = time_of(field, ctx);
    if (!t) return "";
    return format_local_short(*t, ctx) + " (" + format_relative(*t, ctx.now_ms) + ")";
}

std::string short_id(const json::Value& id) {
    const auto* s = id.if_string();
    if (s == nullptr) return "";
    return s->substr(0, 8);
}

std::string describe_entry(const json::Value& e, const TimeContext& ctx) {
    const std::string kind = str(e, "kind");
    const std::string note = str(e, "note");
    const auto until = [&](std::string_view key, std::string_view label) {
        const std::string w = when(e[key], ctx);
        return w.empty() ? std::string() : std::string(label) + " " + w;
    };
    const auto ref = [&](std::string_view key, std::string_view label) {
        const std::string id = short_id(e[key]);
        return id.empty() ? std::string() : std::string(label) + " " + id;
    };
    const auto answer = [&] {
        const auto accepted = e.get_bool("accepted");
        return accepted ? (*accepted ? std::string("accepted") : std::string("declined"))
                        : std::string("answered");
    };
    std::string line;
    if (kind == "update") {
        line = "update: " + join({str(e, "text"), str(e, "where"), until("until", "until")}, " · ");
    } else if (kind == "late") {
        const std::string minutes = int_text(e["minutes"]);
        line = "late: " + join({minutes.empty() ? "running late" : "running " + minutes + " min late",
                                str(e, "reason"), until("eta", "there by"), ref("for", "for")},
                               " · ");
    } else if (kind == "new_chain") {
        line = "started a new chain: " + join({str(e, "reason")}, " · ");
    } else if (kind == "late_end") {
        line = "late: " + join({"arrived", ref("late", "notice")}, " · ");
    } else if (kind == "commitment") {
        line = "commitment: " + join({str(e, "text"), until("due_at", "due")}, " · ");
    } else if (kind == "commitment_request") {
        line = "asks for a commitment: " + join({str(e, "text"), until("due_at", "due")}, " · ");
    } else if (kind == "request_answer") {
        line = "request " + answer() + ": " + join({ref("request", "request"), note}, " · ");
    } else if (kind == "resolution") {
        std::string outcome = str(e, "outcome");
        if (outcome.empty()) outcome = "resolved";
        line = "resolution: " + join({outcome, ref("commitment", "commitment"),
                                      until("new_due_at", "new due"), note},
                                     " · ");
    } else if (kind == "ack") {
        line = "ack: " + join({"seen, thank you", ref("target", "for"), note}, " · ");
    } else if (kind == "agreement_proposal") {
        line = "agreement: proposed version " + version_text(e["version"]);
        if (const std::string title = str(e["agreement"], "title"); !title.empty())
            line += " · " + title;
    } else if (kind == "agreement_answer") {
        line = "agreement: " + join({answer() + " version " + version_text(e["version"]), note}, " · ");
    } else if (kind == "checkin") {
        line = str(e, "type") + " check-in for " + str(e, "period") + (e["replaces"].if_string() ? " (replaces the earlier one)" : "");
    } else if (kind == "checkin_key") {
        line = "check-in opened: " + ref("checkin", "check-in");
    } else if (kind == "checkin_withdraw") {
        line = "check-in withdrawn: " + join({ref("checkin", "check-in"), note}, " · ");
    } else if (kind == "agreement_review") {
        line = "agreement review: " + join({note, until("next_review", "next review")}, " · ");
    } else if (auto repair = describe_repair_entry(e, ctx)) {
        line = *repair;
    } else {
        line = (kind.empty() ? std::string("entry") : kind) + ": needs a newer Candor to show";
    }
    if (str(e, "effect") == "ignored") {
        const std::string why = str(e, "effect_note");
        line += why.empty() ? " (no effect)" : " (no effect: " + why + ")";
    }
    return line;
}

void print_saved_entry(std::ostream& out, const json::Value& entry, const TimeContext& ctx) {
    out << "Saved " << describe_entry(entry, ctx);
    if (const std::string id = short_id(entry["id"]); !id.empty()) out << "  [" << id << "]";
    out << '\n';
}

void print_feed(std::ostream& out, const json::Value& entries, const TimeContext& ctx) {
    const json::Array* list = entries.if_array();
    if (list == nullptr || list->empty()) {
        out << "Nothing shared yet.\n";
        return;
    }
    std::size_t name_width = 4;
    for (const auto& e : *list) name_width = std::max(name_width, person(e["author_name"]).size());
    for (const auto& e : *list) {
        const auto created = time_of(e["created_at"], ctx);
        out << short_id(e["id"]) << "  "
            << pad(created ? format_relative(*created, ctx.now_ms) : "", 14) << "  "
            << pad(person(e["author_name"]), name_width) << "  " << describe_entry(e, ctx) << '\n';
    }
}

void print_commitments(std::ostream& out, const json::Value& list, const TimeContext& ctx) {
    const json::Array* items = list.if_array();
    if (items == nullptr || items->empty()) {
        out << "No commitments.\n";
        return;
    }
    for (const auto& c : *items) {
        const std::string status = str(c, "status");
        std::string due = when(c["due_at"], ctx);
        if (status == "kept" || status == "missed") {
            const std::string resolved = when(c["resolved_at"], ctx);
            due = resolved.empty() ? "" : "resolved " + resolved;
        } else if (!due.empty()) {
            due = "due " + due;
        }
        std::string author = person(c["author_name"]);
        if (author.empty()) author = person(c["author"]);
        out << short_id(c["id"]) << "  " << pad(status, 12) << "  "
            << join({author.empty() ? str(c, "text") : author + ": " + str(c, "text"), due}, " · ")
            << '\n';
    }
}

void print_device(std::ostream& out, const json::Value& d, const TimeContext& ctx) {
    std::string presence;
    if (d.get_bool("online").value_or(false)) {
        presence = "online";
    } else if (const std::string seen = when(d["last_seen"], ctx); !seen.empty()) {
        presence = "last seen " + seen;
    } else {
        presence = "not seen yet";
    }
    out << join({str(d, "name"), "id " + str(d, "device_id"), presence}, " · ") << '\n';
    if (const std::string sn = str(d, "safety_number"); !sn.empty())
        out << "  safety number " << sn << '\n';
}

void print_status(std::ostream& out, const json::Value& s, const TimeContext& ctx) {
    out << "This device: "
        << join({str(s, "name"), "id " + str(s, "device_id"),
                 s["port"].is_int() ? "port " + int_text(s["port"]) : "",
                 s["entries"].is_int() ? int_text(s["entries"]) + " entries" : ""},
                " · ")
        << '\n';
    const json::Array* paired = s["paired"].if_array();
    if (paired == nullptr || paired->empty()) {
        out << "Not paired yet: run 'candor pair invite' here and 'candor pair join CODE' on the "
               "other device.\n";
        return;
    }
    for (const auto& d : *paired) {
        out << "Partner: ";
        print_device(out, d, ctx);
    }
}

void print_agreement(std::ostream& out, const json::Value& shown) {
    // Either the agreement's fields at the top level, or wrapped as {"version", "agreement"}.
    json::Value a = shown;
    if (const json::Object* inner = shown["agreement"].if_object()) {
        json::Object merged = *inner;
        for (const auto& [key, value] : *shown.if_object())
            if (key != "agreement" && !merged.contains(key)) merged.set(key, value);
        a = json::Value(std::move(merged));
    }
    if (!a.is_object() || a.if_object()->empty()) {
        out << "No agreement yet: write one and run 'candor agreement propose --file FILE'.\n";
        return;
    }
    std::string heading = str(a, "title");
    const std::string version = version_text(a["version"]);
    const std::string status = str(a, "status");
    const std::string meta = join({version.empty() ? "" : "version " + version, status}, ", ");
    out << (heading.empty() ? "Agreement" : heading) << (meta.empty() ? "" : " (" + meta + ")")
        << '\n';
    if (const json::Array* cs = a["commitments"].if_array(); cs != nullptr && !cs->empty()) {
        out << "\nCommitments\n";
        for (const auto& c : *cs) {
            std::string by = person(c["by_name"]);
            if (by.empty()) by = person(c["by"]);
            out << "  - " << (by.empty() ? "" : by + ": ") << str(c, "text") << '\n';
        }
    }
    if (const std::string support = str(a, "support"); !support.empty())
        out << "\nSupport\n  " << support << '\n';
    if (const json::Array* bs = a["boundaries"].if_array(); bs != nullptr && !bs->empty()) {
        out << "\nBoundaries\n";
        for (const auto& b : *bs) out << "  - " << str(b, "area") << ": " << str(b, "text") << '\n';
    }
    if (const json::Array* br = a["breakers"].if_array(); br != nullptr && !br->empty()) {
        out << "\nWhat breaks it\n";
        for (const auto& b : *br)
            if (const auto* s = b.if_string()) out << "  - " << *s << '\n';
    }
    if (a["review_every_days"].is_int())
        out << "\nReviewed together every " << int_text(a["review_every_days"]) << " days.\n";
}

void print_agreement_history(std::ostream& out, const json::Value& versions) {
    const json::Array* list = versions.if_array();
    if (list == nullptr || list->empty()) {
        out << "No agreement versions yet.\n";
        return;
    }
    for (const auto& v : *list) {
        std::vector<std::string> accepted;
        if (const json::Array* by = v["accepted_by"].if_array())
            for (const auto& p : *by) accepted.push_back(person(p));
        const std::string parent = version_text(v["parent"]);
        const std::string version = version_text(v["version"]);
        const bool numbered = v["version"].is_int();
        out << pad(numbered ? "v" + version : version, numbered ? 5 : 8) << "  "
            << pad(str(v, "status"), 10) << "  "
            << join({"proposed by " + person(v["proposed_by"]),
                     parent.empty() ? "" : "amends " + std::string(numbered ? "v" : "") + parent,
                     accepted.empty() ? "" : "accepted by " + join(accepted, ", ")},
                    " · ")
            << '\n';
    }
}

}  // namespace candor::cli
