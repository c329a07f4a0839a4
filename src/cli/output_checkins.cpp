// `candor checkins` for people: one block per period, the partner's answer only once revealed.
#include "cli/output.hpp"

namespace candor::cli {
namespace {

std::string text_of(const json::Value& v, std::string_view key) {
    const std::string* s = v[key].if_string();
    return s ? *s : std::string();
}

std::string number(const json::Value& v, std::string_view key) {
    const std::int64_t* n = v[key].if_int();
    return n ? std::to_string(*n) : "?";
}

void print_answer(std::ostream& out, std::string_view who, const json::Value& a) {
    out << "  " << who << ": ";
    if (a.is_null()) {
        out << "not answered\n";
        return;
    }
    if (a.get_bool("sealed").value_or(false)) {
        out << "answered (sealed until you answer too)\n";
        return;
    }
    if (a.find("safe")) {
        out << "safe " << number(a, "safe") << ", connected " << number(a, "connected") << ", trust " << number(a, "trust");
        if (const std::string note = text_of(a, "note"); !note.empty()) out << " · " << note;
        out << '\n';
        return;
    }
    out << '\n';
    if (const json::Array* list = a["appreciations"].if_array()) {
        for (const json::Value& line : *list)
            if (const std::string* s = line.if_string()) out << "    appreciates: " << *s << '\n';
    }
    for (std::string_view key : {"went_right", "issue", "request"}) {
        if (const std::string t = text_of(a, key); !t.empty()) out << "    " << key << ": " << t << '\n';
    }
}

}  // namespace

void print_checkins(std::ostream& out, const json::Value& list) {
    const json::Array* items = list.if_array();
    if (!items || items->empty()) {
        out << "No check-ins yet. `candor checkin daily --safe N --connected N --trust N` takes a minute.\n";
        return;
    }
    for (const json::Value& p : *items) {
        out << text_of(p, "kind") << " " << text_of(p, "period")
            << (p.get_bool("revealed").value_or(false) ? "" : " (sealed)") << '\n';
        print_answer(out, "me", p["mine"]);
        print_answer(out, "partner", p["partner"]);
    }
}

}  // namespace candor::cli
