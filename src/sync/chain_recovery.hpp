// Recovering this device's own chain from its partner, as a socket-free piece beside SyncSession.
// A device that lost entries it had reported as saved (a damaged or missing journal, a restore)
// must not post again until it holds every entry of its own the partner holds: otherwise its
// next entry would reuse a seq the partner already has, and the partner would refuse everything
// after it. No new message is needed: the device's Hello says how far it holds its own chain,
// the partner's Hello says how far the partner holds it, and the partner sends the difference
// like any catch-up. ChainRecovery watches one session and says when the chain is back.
#pragma once

#include <cstdint>
#include <optional>

#include "core/history.hpp"
#include "sync/sync_session.hpp"

namespace candor::sync {

struct RecoveryOutcome {
    std::uint64_t held = 0;     // this device's own head seq once recovered
    std::uint64_t reported = 0; // what this device had reported as saved before the loss
    // Entries reported as saved that neither this device nor the partner holds: they were never
    // delivered, so nobody can have seen them; their seqs may be given out again.
    [[nodiscard]] std::uint64_t lost() const { return reported > held ? reported - held : 0; }
};

class ChainRecovery {
public:
    // `reported`: the highest own seq this device ever reported as saved (ChainMark), 0 if unknown.
    ChainRecovery(const core::DeviceId& self, std::uint64_t reported) : self_(self), reported_(reported) {}

    // Call after every sync message of a session has been handled (entries made durable).
    // Set once the partner's Hello arrived and the History holds every entry of ours the partner
    // holds durably; nullopt while waiting.
    [[nodiscard]] std::optional<RecoveryOutcome> check(const SyncSession& session, const core::History& history) const;

    [[nodiscard]] std::uint64_t reported() const { return reported_; }

private:
    core::DeviceId self_;
    std::uint64_t reported_ = 0;
};

}  // namespace candor::sync
