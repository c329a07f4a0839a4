// `candor progress` for people: one line per week, each figure as "mine/partner's", then the
// milestones reached. The same figures as --json, in columns.
#include <iomanip>

#include "cli/output.hpp"

namespace candor::cli {
namespace {

// "3/1": mine, then the partner's; "-" for a figure with no value (no settled request). ASCII
// only, so the columns line up.
std::string both(const json::Value& pair, std::string_view suffix = {}) {
    const auto one = [&](std::string_view who) {
        const std::int64_t* n = pair[who].if_int();
        return n ? std::to_string(*n) + std::string(suffix) : std::string("-");
    };
    return one("me") + "/" + one("partner");
}

struct Column {
    const char* heading;
    const char* group;  // "commitments" or "" for a figure of the week itself
    const char* key;
    const char* suffix;
};
constexpr Column kColumns[] = {
    {"made", "commitments", "made", ""},           {"on time", "commitments", "kept_on_time", ""},
    {"warned", "commitments", "kept_late_warned", ""}, {"late", "commitments", "kept_late", ""},
    {"missed", "commitments", "missed", ""},       {"in time", "", "late_warned_in_time", ""},
    {"recovery", "", "recovery_minutes_median", "m"}, {"check-ins", "", "checkin_days", ""},
    {"thanks", "", "appreciations", ""},
};
constexpr int kWidth = 10;

}  // namespace

void print_progress(std::ostream& out, const json::Value& progress) {
    const json::Array* weeks = progress["weeks"].if_array();
    if (!weeks || weeks->empty()) {
        out << "No weeks to show yet.\n";
        return;
    }
    out << "Week by week, yours/your partner's. warned: kept late with a warning in time; in time: late notices\n"
           "sent before the due time; recovery: median minutes from asking for reassurance to feeling settled.\n";
    out << std::left << std::setw(kWidth) << "week";
    for (const Column& c : kColumns) out << std::setw(kWidth) << c.heading;
    out << '\n';
    for (const json::Value& w : *weeks) {
        out << std::setw(kWidth) << w.get_string("week").value_or("?");
        for (const Column& c : kColumns) {
            const json::Value& pair = std::string_view(c.group).empty() ? w[c.key] : w[c.group][c.key];
            out << std::setw(kWidth) << both(pair, c.suffix);
        }
        out << '\n';
    }
    out << std::right;
    const json::Array* milestones = progress["milestones"].if_array();
    if (!milestones || milestones->empty()) {
        out << "Milestones: none yet. They come with time, one small step after another.\n";
        return;
    }
    out << "Milestones:\n";
    for (const json::Value& m : *milestones) {
        out << "  " << m.get_string("reached_at").value_or("").substr(0, 10) << "  " << m.get_string("text").value_or("")
            << '\n';
    }
}

}  // namespace candor::cli
