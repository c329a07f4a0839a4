// What a snapshot answers about the people in it: names (a former partner keeps theirs), clock
// offsets, and whether the couple chose to hide the figures.
#include "node/snapshot.hpp"

#include "core/ids.hpp"

namespace candor::node {

bool figures_hidden(const core::State* state, const store::Settings& settings) {
    if (const core::State::Choice* c = state ? state->choice(core::kChoiceHideFigures) : nullptr) return c->on;
    return settings.hide_figures;
}

std::string Snapshot::name_of(const core::DeviceId& author) const {
    if (author == device) return name;
    const std::string hex = core::to_hex(author);
    for (const PeerView& p : peers) {
        if (p.device_id == hex) return p.name;
    }
    if (auto former = store::former_partner_name(settings, hex)) return *former;
    return "device " + core::short_hex(author);
}

std::optional<std::int64_t> Snapshot::clock_offset_of(const core::DeviceId& author) const {
    if (author == device) return 0;
    const std::string hex = core::to_hex(author);
    for (const PeerView& p : peers) {
        if (p.device_id == hex) return p.clock_offset_ms;
    }
    return std::nullopt;
}

}  // namespace candor::node
