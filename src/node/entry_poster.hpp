// Shared by the command groups that write entries (requests, repair): post a body at the
// injected clock (failing the command with the Node's reason) and answer with the entry's JSON.
#pragma once

#include "node/command_args.hpp"
#include "node/commands.hpp"
#include "node/entry_json.hpp"
#include "node/node_core.hpp"

namespace candor::node {

class EntryPoster {
public:
    EntryPoster(NodeCore& core, Commands::Clock clock) : core_(core), clock_(std::move(clock)) {}

protected:
    template <typename Body>
    core::Entry post(const Body& body) {
        auto entry = core_.post(body, clock_());
        if (!entry) failed(entry.message());
        return *entry;
    }

    [[nodiscard]] json::Value entry_json(const core::Entry& entry) const {
        const core::FeedEntry* fe = core_.state().find(entry.id());
        const core::FeedEntry fallback{entry, core::EntryEffect::counted, {}};
        return entry_to_json(fe ? *fe : fallback, name_of());
    }

    [[nodiscard]] NameOf name_of() const {
        return [this](const core::DeviceId& d) { return core_.name_of(d); };
    }

    NodeCore& core_;
    Commands::Clock clock_;
};

}  // namespace candor::node
