// Check-ins and progress (../shared/spec/cli.md, added in 0.2): checkin daily, checkin weekly,
// checkins, progress.
// Everything is checked here first, so a mistake exits 1 before anything reaches the Node (which
// checks it all again).
#include <cctype>

#include "cli/agreement_file.hpp"
#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "core/progress.hpp"
#include "node/control_protocol.hpp"

namespace candor::cli {

namespace cmd = node::control::cmd;
namespace arg = node::control::arg;

namespace {

constexpr std::size_t kMaxWeeklyFileBytes = 64 * 1024;
constexpr std::size_t kMaxAppreciations = 5;

void saved(Invocation& inv, const json::Value& entry) {
    print_saved_entry(inv.env.out, entry, inv.env.time);
    const auto revealed = entry.get_bool("revealed");
    inv.env.out << (revealed && *revealed ? "Both of you have answered: `candor checkins` shows both.\n"
                                          : "Sealed until your partner has answered too.\n");
}

bool blank(const std::string& s) {
    for (unsigned char c : s)
        if (!std::isspace(c)) return false;
    return true;
}

// The weekly file: {"appreciations": [1..5 texts], "went_right", "issue", "request"}.
Result<json::Object> weekly_args(const json::Value& doc, const std::string& label) {
    const json::Object* obj = doc.if_object();
    if (!obj) return make_error(label + ": the weekly check-in must be a JSON object { ... }");
    json::Object args{{std::string(arg::kType), "weekly"}};
    for (const auto& [key, value] : *obj) {
        if (key == "appreciations") {
            const json::Array* list = value.if_array();
            if (!list) return make_error(label + ": appreciations must be a list of texts");
            json::Array texts;
            for (const json::Value& a : *list) {
                const std::string* t = a.if_string();
                if (!t) return make_error(label + ": each appreciation must be text in quotes");
                auto ok = validate_text("an appreciation", *t);
                if (!ok) return make_error(label + ": " + ok.message());
                texts.emplace_back(*ok);
            }
            if (texts.empty() || texts.size() > kMaxAppreciations)
                return make_error(label + ": write 1 to 5 appreciations (there are " + std::to_string(texts.size()) + ")");
            args.set(std::string(arg::kAppreciations), std::move(texts));
        } else if (key == "went_right" || key == "issue" || key == "request") {
            const std::string* t = value.if_string();
            if (!t) return make_error(label + ": " + key + " must be text in quotes");
            if (!blank(*t)) {
                auto ok = validate_text(key, *t);
                if (!ok) return make_error(label + ": " + ok.message());
                args.set(key, *ok);
            }
        } else {
            return make_error(label + ": " + key + " is not a field of a weekly check-in (known: appreciations, "
                                                   "went_right, issue, request)");
        }
    }
    if (!args.find(arg::kAppreciations)) return make_error(label + ": a weekly check-in needs 1 to 5 appreciations");
    return args;
}

Result<std::int64_t> rating(Invocation& inv, std::string_view option) {
    auto n = option_int(inv, option, 1, 5);
    if (!n) return n.error();
    if (!*n) return make_error("checkin daily needs --" + std::string(option) + " N (1 to 5)");
    return **n;
}

}  // namespace

int cmd_checkin_daily(Invocation& inv) {
    json::Object args{{std::string(arg::kType), "daily"}};
    for (std::string_view option : {arg::kSafe, arg::kConnected, arg::kTrust}) {
        auto n = rating(inv, option);
        if (!n) return reject(inv, n);
        args.set(std::string(option), *n);
    }
    auto note = option_text(inv, "note");
    if (!note) return reject(inv, note);
    if (*note) args.set(std::string(arg::kNote), **note);
    return send_request(inv, cmd::kCheckin, std::move(args), saved);
}

int cmd_checkin_weekly(Invocation& inv) {
    const auto file = inv.args.value("file");
    if (!file) return reject(inv, "checkin weekly needs --file FILE (see `candor checkin weekly --help`)");
    auto doc = read_json_file(*file, kMaxWeeklyFileBytes, "a weekly check-in file");
    if (!doc) return reject(inv, doc);
    auto args = weekly_args(*doc, *file);
    if (!args) return reject(inv, args);
    return send_request(inv, cmd::kCheckin, std::move(*args), saved);
}

// Extensions: take back my unopened answer; open mine after its period though nobody answered.
int cmd_checkin_withdraw(Invocation& inv) { return send_id_with_note(inv, cmd::kCheckinWithdraw); }

int cmd_checkin_reveal(Invocation& inv) {
    auto id = validate_entry_id(inv.args.positionals[0]);
    if (!id) return reject(inv, id);
    return send_request(inv, cmd::kCheckinReveal, json::Object{{std::string(arg::kId), *id}},
                        [](Invocation& i, const json::Value& r) { print_saved_entry(i.env.out, r, i.env.time); });
}

int cmd_checkins(Invocation& inv) {
    json::Object args;
    if (const auto kind = inv.args.value("kind")) {
        if (*kind != "daily" && *kind != "weekly") return reject(inv, "--kind is daily or weekly, not '" + *kind + "'");
        args.set(std::string(arg::kKind), *kind);
    }
    auto limit = option_int(inv, "limit", 1, 100'000);
    if (!limit) return reject(inv, limit);
    if (*limit) args.set(std::string(arg::kLimit), **limit);
    return send_request(inv, cmd::kCheckins, std::move(args),
                        [](Invocation& i, const json::Value& r) { print_checkins(i.env.out, r); });
}

// `progress [--weeks N]` (spec 0.2 "Progress"): 4 to 52 weeks, checked here and again by the Node.
int cmd_progress(Invocation& inv) {
    json::Object args;
    auto weeks = option_int(inv, "weeks", core::kMinProgressWeeks, core::kMaxProgressWeeks);
    if (!weeks) return reject(inv, weeks);
    if (*weeks) args.set(std::string(arg::kWeeks), **weeks);
    return send_request(inv, cmd::kProgress, std::move(args),
                        [](Invocation& i, const json::Value& r) { print_progress(i.env.out, r); });
}

}  // namespace candor::cli
