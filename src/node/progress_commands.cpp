#include "node/progress_commands.hpp"

#include <memory>

#include "node/command_args.hpp"
#include "node/control_protocol.hpp"
#include "node/node.hpp"

namespace candor::node {

ProgressPeople progress_people(const NodeCore& core) {
    ProgressPeople people;
    people.me = core.device();
    if (!core.peers().empty()) {
        people.partner = core.peers().front().device_id;
    } else {
        for (const auto& [author, chain] : core.history().by_author()) {
            if (author != people.me) people.partner = author;
        }
    }
    if (people.partner != core::DeviceId{}) people.partner_name = core.name_of(people.partner);
    return people;
}

void register_progress_commands(Commands& commands, NodeCore& core, Commands::Clock clock) {
    commands.add(std::string(control::cmd::kProgress), guarded([&core, clock](const json::Object& args) {
                     const auto weeks = int_arg(args, control::arg::kWeeks, core::kMinProgressWeeks,
                                                core::kMaxProgressWeeks);
                     const std::int64_t now = clock();
                     const core::Progress p = core::build_progress(
                         core.state(), weeks ? static_cast<unsigned>(*weeks) : core::kDefaultProgressWeeks,
                         local_utc_offset_minutes(now), now);
                     const ProgressPeople people = progress_people(core);
                     // The app's "Export as Markdown": {format: "markdown", out: PATH}.
                     if (const json::Value* out = args.find(control::arg::kOut); out && !out->is_null()) {
                         return write_out_file(*out, progress_markdown(p, people, core.name_of(core.device())), "markdown");
                     }
                     return progress_json(p, people);
                 }));
}

}  // namespace candor::node
