// Every argument is checked again here (the control socket is a boundary): ratings 1..5, 1..5
// appreciations, texts by common/text.hpp and kMaxTextBytes. Nothing is posted when one fails.
#include "node/checkin_commands.hpp"

#include <memory>

#include "core/checkin_period.hpp"
#include "core/checkin_seal.hpp"
#include "node/checkin_views.hpp"
#include "node/command_args.hpp"
#include "node/control_protocol.hpp"
#include "node/entry_json.hpp"
#include "node/node.hpp"

namespace candor::node {
namespace {

namespace arg = control::arg;

std::uint8_t rating_arg(const json::Object& args, std::string_view key, std::string_view what) {
    const json::Value* v = args.find(key);
    if (!v || !v->if_int()) bad_input("say " + std::string(what) + " as a number from 1 to 5");
    const std::int64_t n = *v->if_int();
    if (n < core::kMinRating || n > core::kMaxRating) {
        bad_input(std::string(what) + " is " + std::to_string(n) + ": give a number from 1 to 5");
    }
    return static_cast<std::uint8_t>(n);
}

core::CheckinAnswer weekly_arg(const json::Object& args) {
    core::WeeklyAnswer w;
    const json::Value* list = args.find(arg::kAppreciations);
    if (!list || !list->if_array()) bad_input("a weekly check-in needs 1 to 5 appreciations");
    for (const json::Value& a : *list->if_array()) {
        if (!a.if_string()) bad_input("each appreciation must be text");
        json::Object one{{"a", *a.if_string()}};
        w.appreciations.push_back(text_arg(one, "a", true, "an appreciation", "write it or leave it out"));
    }
    w.went_right = text_arg(args, arg::kWentRight, false, "what went right");
    w.issue = text_arg(args, arg::kIssue, false, "the issue");
    w.request = text_arg(args, arg::kAsk, false, "the request");
    return w;
}

core::CheckinAnswer answer_arg(const json::Object& args) {
    const json::Value* type = args.find(arg::kType);
    const std::string* name = type ? type->if_string() : nullptr;
    core::CheckinAnswer answer;
    if (name && *name == "daily") {
        answer = core::DailyAnswer{rating_arg(args, arg::kSafe, "how safe you felt"),
                                   rating_arg(args, arg::kConnected, "how connected you felt"),
                                   rating_arg(args, arg::kTrust, "how much you trusted"),
                                   text_arg(args, arg::kNote, false, "the note")};
    } else if (name && *name == "weekly") {
        answer = weekly_arg(args);
    } else {
        bad_input("say which check-in: daily or weekly");
    }
    if (Status ok = core::check_answer(answer); !ok) bad_input(ok.message());
    return answer;
}

class CheckinCommands : public EntryCommands {
public:
    using EntryCommands::EntryCommands;

    json::Value checkin(const json::Object& args) {
        const core::CheckinAnswer answer = answer_arg(args);
        const std::int64_t now = clock_();
        const core::PeriodKey key{core::type_of(answer), core::checkin_period(core::type_of(answer), now,
                                                                              local_utc_offset_minutes(now))};
        std::optional<core::EntryId> replaces;
        if (const core::SealedCheckin* mine = core_.state().checkins().current(key, core_.device());
            mine && !mine->withdrawn_by) {
            if (mine->opened()) {
                bad_input("your check-in for " + key.period + " is already open to both of you: it stays as it is");
            }
            replaces = mine->id;
        }
        const core::Sealed sealed = core::seal_answer(answer, core_.device(), core_.checkin_own_key(), replaces);
        const core::Entry entry = post(sealed.body);
        (void)release_checkin_keys(core_, now);  // the partner already answered: open mine now
        json::Value out = entry_json(entry);
        if (json::Object* obj = out.if_object()) {
            obj->set("revealed", core_.state().checkins().revealed(key));
        }
        return out;
    }

    json::Value checkins(const json::Object& args) {
        std::optional<core::CheckinType> type;
        if (const json::Value* k = args.find(arg::kKind)) {
            const std::string* name = k->if_string();
            if (name && *name == "daily") type = core::CheckinType::daily;
            else if (name && *name == "weekly") type = core::CheckinType::weekly;
            else bad_input("--kind is daily or weekly");
        }
        const auto limit = int_arg(args, arg::kLimit, 1, 100000);
        json::Array out;
        for (const CheckinPeriodView& v : checkin_views(core_, own_, type)) {
            if (limit && static_cast<std::int64_t>(out.size()) >= *limit) break;
            out.push_back(checkin_period_json(v));
        }
        return out;
    }

    json::Value withdraw(const json::Object& args) {
        const core::SealedCheckin& mine = my_unopened(args);
        return entry_json(post(core::CheckinWithdrawBody{mine.id, text_arg(args, arg::kNote, false, "the note")}));
    }

    json::Value reveal(const json::Object& args) {
        const core::SealedCheckin& mine = my_unopened(args);
        const std::int64_t now = clock_();
        if (core::checkin_period(mine.type, now, local_utc_offset_minutes(now)) == mine.period) {
            failed("that period is not over yet: your answer opens as soon as your partner has answered too");
        }
        auto key = core::own_key_of(mine.body, mine.author, core_.checkin_own_key());
        if (!key) failed("this computer can no longer open that answer");
        return entry_json(post(core::CheckinKeyBody{mine.id, core::key_bytes(*key)}));
    }

private:
    const core::SealedCheckin& my_unopened(const json::Object& args) {
        const core::EntryId id = entry_id(core_.state(), text_arg(args, arg::kId, true, "the check-in id"));
        const core::SealedCheckin* c = core_.state().checkins().answer(id);
        if (!c) failed("that entry is not a check-in");
        if (c->author != core_.device()) failed("that check-in is your partner's");
        if (!c->in_force()) failed("that check-in was replaced or withdrawn");
        if (c->opened()) failed("that check-in is already open");
        return *c;
    }

    OwnAnswers own_;
};

}  // namespace

std::size_t release_checkin_keys(NodeCore& core, std::int64_t now_ms) {
    if (core.recovery() || core.read_only()) return 0;
    const core::CheckinLog& log = core.state().checkins();
    std::vector<core::CheckinKeyBody> keys;
    for (const core::SealedCheckin& c : log.all()) {
        if (c.author != core.device() || !c.in_force() || c.opened()) continue;
        if (!log.other_answered(core::PeriodKey{c.type, c.period}, c.author)) continue;
        if (auto key = core::own_key_of(c.body, c.author, core.checkin_own_key())) {
            keys.push_back(core::CheckinKeyBody{c.id, core::key_bytes(*key)});
        }
    }
    std::size_t posted = 0;
    for (const auto& body : keys) {
        if (core.post(body, now_ms)) ++posted;
    }
    return posted;
}

void register_checkin_commands(Commands& commands, NodeCore& core, Commands::Clock clock) {
    auto impl = std::make_shared<CheckinCommands>(core, std::move(clock));
    commands.add(std::string(control::cmd::kCheckin), guarded([impl](const json::Object& a) { return impl->checkin(a); }));
    commands.add(std::string(control::cmd::kCheckins), guarded([impl](const json::Object& a) { return impl->checkins(a); }));
    commands.add(std::string(control::cmd::kCheckinWithdraw),
                 guarded([impl](const json::Object& a) { return impl->withdraw(a); }));
    commands.add(std::string(control::cmd::kCheckinReveal),
                 guarded([impl](const json::Object& a) { return impl->reveal(a); }));
}

}  // namespace candor::node
