// Repair in the moment: reassurance, breathing together, a pause, an apology. Each handler checks
// its arguments again (the control socket is a boundary), so nothing the fold would ignore is
// ever written: bad input is code 1, an id that is not what it should be is code 3.
#include "node/repair_commands.hpp"

#include <algorithm>
#include <memory>

#include "node/command_args.hpp"
#include "node/repair_json.hpp"

namespace candor::node {
namespace {

namespace arg = control::arg;
namespace cmd = control::cmd;

std::string minutes_text(std::int64_t ms) { return std::to_string(ms / 60'000) + " min"; }

class RepairCommands : EntryCommands {
public:
    using EntryCommands::EntryCommands;

    json::Value ask(const json::Object& args) {
        return entry_json(post(core::ReassuranceRequestBody{text_arg(args, arg::kNote, false, "the note")}));
    }

    json::Value answer(const json::Object& args) {
        const core::EntryId id = request_id(args);
        const core::Reassurance* r = core_.state().repair().reassurance(id);
        if (r->asked_by == core_.device()) failed("that request is your own; your partner answers it");
        std::string text = text_arg(args, arg::kText, true, "the answer", "write a few kind words, or pick a preset");
        return entry_json(post(core::ReassuranceAnswerBody{id, std::move(text)}));
    }

    json::Value settled(const json::Object& args) {
        const core::EntryId id = request_id(args);
        const core::Reassurance* r = core_.state().repair().reassurance(id);
        if (r->asked_by != core_.device()) failed("only the one who asked can say they feel settled");
        if (r->settled()) failed("you already said you feel settled about that request");
        return entry_json(post(core::ReassuranceSettledBody{id, text_arg(args, arg::kNote, false, "the note")}));
    }

    json::Value facts(const json::Object& args) {
        const core::EntryId id = request_id(args);
        std::string text = text_arg(args, arg::kText, true, "what happened", "write the facts, not guesses");
        return entry_json(post(core::ReassuranceFactsBody{id, std::move(text)}));
    }

    json::Value reassurances(const json::Object& args) const {
        const std::int64_t limit = int_arg(args, arg::kLimit, 1, 10'000).value_or(50);
        const auto& all = core_.state().repair().reassurances();
        json::Array out;
        for (auto it = all.rbegin(); it != all.rend() && static_cast<std::int64_t>(out.size()) < limit; ++it)
            out.push_back(reassurance_to_json(*it, name_of()));
        return out;
    }

    json::Value breathe(const json::Object& args) {
        const auto seconds = int_arg(args, arg::kSeconds, core::kBreatheMinSeconds, core::kBreatheMaxSeconds);
        core::BreatheBody body;
        body.seconds = static_cast<std::uint32_t>(seconds.value_or(core::kBreatheDefaultSeconds));
        // The entry is dated no earlier than my previous one (a clock set back, entry_times.hpp);
        // the start must not lie before the entry's own time, or the fold would not count it.
        std::int64_t base = clock_();
        if (const core::Entry* prev = core_.history().find(core_.history().head(core_.device()).id))
            base = std::max(base, prev->created_at_ms());
        body.starts_at_ms = base + core::kBreatheLeadMs;
        return entry_json(post(body));
    }

    // A pause while mine is still open extends it (visibly: the story keeps the first time).
    json::Value pause(const json::Object& args) {
        const std::int64_t now = clock_();
        const auto until = time_arg(args, arg::kUntil, now);
        if (!until) bad_input("a pause needs a return time: --until 20:30, +1h");
        core::PauseBody body;
        body.until_ms = *until;
        body.note = text_arg(args, arg::kNote, false, "the note");
        if (*until - now > core::kPauseMaxMs)
            bad_input("a pause lasts at most 24 hours (this one: " + minutes_text(*until - now) + "); give an earlier time");
        if (const core::Pause* open = core_.state().repair().open_pause(core_.device())) {
            if (*until <= open->until_ms()) bad_input("your pause already runs until then; give a later time to extend it");
            body.extends = open->id;
        } else if (*until - now < core::kPauseMinMs) {
            bad_input("a pause lasts at least 20 minutes (this one: " + minutes_text(std::max<std::int64_t>(*until - now, 0)) +
                      "), so there is time to calm down");
        }
        return entry_json(post(body));
    }

    json::Value resume(const json::Object& args) {
        const core::Pause* open = core_.state().repair().open_pause(core_.device());
        if (!open) failed("you have no pause to end");
        return entry_json(post(core::PauseEndBody{open->id, text_arg(args, arg::kNote, false, "the note")}));
    }

    json::Value apology(const json::Object& args) {
        const json::Value* doc = args.find(arg::kApology);
        if (!doc || !doc->if_object()) bad_input("apology needs the apology (did, impact, responsibility, plan, ask)");
        core::ApologyBody body = apology_body(*doc->if_object());
        const core::Entry entry = post(body);
        json::Array commitments;
        for (std::uint32_t i = 0; i < body.plan.size(); ++i) {
            if (body.plan[i].due_ms == 0) continue;
            core::CommitmentBody c;
            c.text = body.plan[i].text;
            c.due_at_ms = body.plan[i].due_ms;
            c.apology_id = entry.id();
            c.apology_step = i;
            commitments.emplace_back(core::to_hex(post(c).id()));
        }
        json::Value out = entry_json(entry);
        json::Array hints;
        for (std::string& h : core::apology_hints(body)) hints.emplace_back(std::move(h));
        out.if_object()->set("commitments", std::move(commitments));
        out.if_object()->set("hints", std::move(hints));
        return out;
    }

    json::Value apology_answer(const json::Object& args) {
        const core::EntryId id = entry_id(core_.state(), text_arg(args, arg::kId, true, "the apology id"));
        const core::Apology* a = core_.state().repair().apology(id);
        if (!a) failed("that entry is not an apology");
        if (a->author == core_.device()) failed("that apology is your own; your partner answers it");
        const std::string answer = text_arg(args, arg::kAnswer, true, "the answer");
        if (answer != "read" && answer != "not_ready") bad_input("the answer is read or not_ready");
        return entry_json(post(core::ApologyAnswerBody{id, answer == "read", text_arg(args, arg::kNote, false, "the note")}));
    }

private:
    core::EntryId request_id(const json::Object& args) const {
        const core::EntryId id = entry_id(core_.state(), text_arg(args, arg::kId, true, "the request id"));
        if (!core_.state().repair().reassurance(id)) failed("that entry is not a reassurance request");
        return id;
    }

    core::ApologyBody apology_body(const json::Object& doc) const {
        core::ApologyBody body;
        body.did = text_arg(doc, "did", false, "what you did");
        body.impact = text_arg(doc, "impact", false, "how it hurt");
        body.responsibility = text_arg(doc, "responsibility", false, "your responsibility");
        body.ask = text_arg(doc, "ask", false, "what you ask");
        const json::Value* plan = doc.find("plan");
        if (plan && !plan->is_null() && !plan->if_array()) bad_input("plan must be a list of steps");
        if (plan && plan->if_array()) {
            for (const json::Value& step : *plan->if_array()) {
                if (!step.if_object()) bad_input("each step of the plan is {\"text\", \"due\"}");
                core::ApologyStep s;
                s.text = text_arg(*step.if_object(), "text", false, "a step");
                s.due_ms = time_arg(*step.if_object(), arg::kDue, clock_()).value_or(0);
                if (s.due_ms != 0 && s.due_ms <= clock_()) bad_input("a step's due time is in the past: give a time still to come");
                body.plan.push_back(std::move(s));
            }
        }
        if (auto problem = core::apology_problem(body)) bad_input("the apology is missing a part: " + *problem);
        return body;
    }
};

}  // namespace

void register_repair_commands(Commands& commands, NodeCore& core, Commands::Clock clock) {
    auto impl = std::make_shared<RepairCommands>(core, std::move(clock));
    const auto add = [&](std::string_view name, json::Value (RepairCommands::*fn)(const json::Object&)) {
        commands.add(std::string(name), guarded([impl, fn](const json::Object& a) { return (*impl.*fn)(a); }));
    };
    add(cmd::kReassureAsk, &RepairCommands::ask);
    add(cmd::kReassureAnswer, &RepairCommands::answer);
    add(cmd::kReassureSettled, &RepairCommands::settled);
    add(cmd::kReassureFacts, &RepairCommands::facts);
    commands.add(std::string(cmd::kReassurances),
                 guarded([impl](const json::Object& a) { return impl->reassurances(a); }));
    add(cmd::kBreathe, &RepairCommands::breathe);
    add(cmd::kPause, &RepairCommands::pause);
    add(cmd::kResume, &RepairCommands::resume);
    add(cmd::kApology, &RepairCommands::apology);
    add(cmd::kApologyAnswer, &RepairCommands::apology_answer);
}

}  // namespace candor::node
