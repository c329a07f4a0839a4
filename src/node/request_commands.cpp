// Each handler validates its arguments again (the control socket is a boundary) and answers with
// the entry it wrote, like the other entry commands.
#include "node/request_commands.hpp"

#include <algorithm>
#include <memory>

#include "node/command_args.hpp"
#include "node/control_protocol.hpp"
#include "node/entry_json.hpp"

namespace candor::node {
namespace {

namespace arg = control::arg;
core::EntryId id_arg(const NodeCore& core, const json::Object& args, std::string_view what) {
    const std::string typed = text_arg(args, arg::kId, true, what);
    return entry_id(core.state(), typed);
}

class RequestCommands : EntryCommands {
public:
    using EntryCommands::EntryCommands;

    json::Value request(const json::Object& args) {
        core::CommitmentRequestBody body;
        body.text = text_arg(args, arg::kText, true, "the request");
        const auto due = time_arg(args, arg::kDue, clock_());
        if (!due) bad_input("a request needs a time: by when would you like it?");
        if (*due <= clock_()) bad_input("the time is in the past: give a time still to come");
        body.due_at_ms = *due;
        return entry_json(post(body));
    }

    json::Value answer(const json::Object& args) {
        const core::EntryId id = id_arg(core_, args, "the request id");
        const core::CommitmentRequest* r = core_.state().request(id);
        if (!r) failed("that entry is not a request for a commitment");
        if (r->author == core_.device()) failed("that request is your own; your partner answers it");
        if (r->answer_id) failed(std::string("that request was already ") + (r->accepted ? "accepted" : "declined"));
        const json::Value* accepted_v = args.find(arg::kAccepted);
        if (!accepted_v || !accepted_v->if_bool()) bad_input("say whether you accept the request (accepted: true/false)");
        const bool accepted = *accepted_v->if_bool();
        core::RequestAnswerBody body;
        body.request_id = id;
        body.accepted = accepted;
        body.note = text_arg(args, arg::kNote, false, "the note");
        core::CommitmentBody commitment;
        if (accepted) {
            commitment.text = r->body.text;
            commitment.request_id = id;
            commitment.due_at_ms = time_arg(args, arg::kDue, clock_()).value_or(r->body.due_at_ms);
            if (commitment.due_at_ms <= clock_()) {
                bad_input("the asked time has passed: accept with a new time still to come");
            }
        }
        // Copy what we need before posting: posting changes the State `r` points into.
        json::Value answer_json = entry_json(post(body));
        if (accepted) {
            if (json::Object* obj = answer_json.if_object()) obj->set("commitment", entry_json(post(commitment)));
        }
        return answer_json;
    }

    // {id?}: the id of my late notice, or of the commitment it is for; none: my newest one
    // still running ("I'm here" ends the one that applies now).
    json::Value late_end(const json::Object& args) {
        const auto& lates = core_.state().late_notices();
        const auto mine_running_for = [&](const std::optional<core::EntryId>& commitment) {
            auto newest = std::find_if(lates.rbegin(), lates.rend(), [&](const core::LateNotice& n) {
                return n.author == core_.device() && !n.ended_by && (!commitment || n.body.for_commitment == commitment);
            });
            return newest == lates.rend() ? nullptr : &*newest;
        };
        if (!args.find(arg::kId)) {
            const core::LateNotice* running = mine_running_for(std::nullopt);
            if (!running) failed("you have no running-late notice to end");
            return entry_json(post(core::LateEndBody{running->id}));
        }
        const core::EntryId id = id_arg(core_, args, "the late notice id");
        if (core_.state().commitment(id)) {
            const core::LateNotice* running = mine_running_for(id);
            if (!running) failed("you have no running-late notice for that commitment");
            return entry_json(post(core::LateEndBody{running->id}));
        }
        auto it = std::find_if(lates.begin(), lates.end(), [&](const core::LateNotice& n) { return n.id == id; });
        if (it == lates.end()) failed("that entry is not a running-late notice");
        if (it->author != core_.device()) failed("that late notice is your partner's; only they can end it");
        if (it->ended_by) failed("that late notice has already ended");
        return entry_json(post(core::LateEndBody{id}));
    }

};

}  // namespace

void register_request_commands(Commands& commands, NodeCore& core, Commands::Clock clock) {
    auto impl = std::make_shared<RequestCommands>(core, std::move(clock));
    commands.add(std::string(control::cmd::kRequest), guarded([impl](const json::Object& a) { return impl->request(a); }));
    commands.add(std::string(control::cmd::kRequestAnswer), guarded([impl](const json::Object& a) { return impl->answer(a); }));
    commands.add(std::string(control::cmd::kLateEnd), guarded([impl](const json::Object& a) { return impl->late_end(a); }));
}

}  // namespace candor::node
