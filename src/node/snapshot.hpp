// What readers (the app, the control socket) see of the Node: an immutable picture, replaced
// as a whole after every change.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/history.hpp"
#include "core/milestones.hpp"
#include "core/state.hpp"
#include "node/checkin_views.hpp"
#include "store/settings.hpp"

namespace candor::node {

struct PeerView {
    std::string device_id;  // 64 hex
    std::string name;
    bool online = false;
    std::int64_t last_seen_ms = 0;  // 0: never
    std::string safety_number;
    std::string address;            // last known "host:port", may be empty
    std::string problem;            // why the last connection attempt failed, if it did
    std::uint64_t undelivered = 0;  // my entries this device has not confirmed as saved
    std::string refusing;           // why its entries are being refused, with the next step
    std::int64_t clock_ahead_ms = 0; // its clock ran this far ahead of ours (0: not noticed)
    std::uint64_t delivered_seq = 0;  // my entries up to this seq are saved on that device
    // Its clock minus ours, measured over the session (sync/clock_offset.hpp); the estimate is
    // within half the round trip. Kept after it goes offline; nullopt: never measured.
    std::optional<std::int64_t> clock_offset_ms;
    std::int64_t clock_round_trip_ms = 0;
};

struct NearbyDevice {  // a device showing a pairing code on this network
    std::string name;
    std::string address;  // "host:port"
    std::int64_t seen_ms = 0;
};

struct InviteView {
    std::string code;  // "1234 5678"
    std::int64_t expires_at_ms = 0;
    int tries_left = 0;
};

struct DiscoveryView {
    bool enabled = true;
    std::vector<std::string> interfaces;  // "eth0 192.168.1.20 → 192.168.1.255"
    std::vector<std::string> addresses;   // "192.168.1.20:47600": where a partner can connect by address
    std::uint64_t beacons_sent = 0;
    std::uint64_t beacons_heard = 0;
};

// Whether the ledger's and progress figures are hidden: the couple's shared choice once either
// of them has made it (it hides on both computers), else this device's setting from before.
[[nodiscard]] bool figures_hidden(const core::State* state, const store::Settings& settings);

struct Snapshot {
    std::uint64_t version = 0;  // increases with every published change
    core::DeviceId device{};
    std::string device_id;      // 64 hex
    std::string name;
    std::uint16_t port = 0;
    std::vector<PeerView> peers;
    std::shared_ptr<const core::State> state;
    std::size_t entries = 0;
    // Check-ins per period, newest first: my answers readable, the partner's only once opened.
    std::shared_ptr<const std::vector<CheckinPeriodView>> checkins;
    // The milestones reached (core/milestones.hpp), computed once per State and shared until it changes.
    std::shared_ptr<const std::vector<core::Milestone>> milestones;
    std::size_t undelivered = 0;               // my entries the partner has not acknowledged
    std::optional<InviteView> invite;          // showing a pairing code
    std::string invite_ended;                  // why the last code stopped working (used up, timed out)
    bool joining = false;                      // entering a code: looking for / talking to the inviter
    std::string join_error;
    std::vector<NearbyDevice> nearby;
    DiscoveryView discovery;
    std::vector<std::string> notices;          // e.g. "Sam unpaired this computer"
    std::vector<std::string> warnings;         // e.g. a torn journal tail that was repaired
    std::optional<std::string> read_only;      // set when the journal refuses writes, with what to do
    // Set while this device gets its own history back from the partner (nothing can be posted):
    // "Getting your history back from Sam's computer…", and why ("restored from a backup").
    std::optional<std::string> recovering;
    std::string recovering_reason;
    store::Settings settings;                  // theme, presets, reminders, figures, notifications
    std::string data_dir;                      // where this device keeps its data (Settings shows it)
    bool locked = false;                       // a passphrase protects the keys on disk
    std::string notify_problem;                // why desktop notifications cannot show, once known

    [[nodiscard]] bool figures_hidden() const { return node::figures_hidden(state.get(), settings); }
    // The display name of an author: "me" is this device.
    [[nodiscard]] std::string name_of(const core::DeviceId& author) const;
    // The author's clock minus this device's: 0 for this device, nullopt when never measured.
    [[nodiscard]] std::optional<std::int64_t> clock_offset_of(const core::DeviceId& author) const;
};

}  // namespace candor::node
