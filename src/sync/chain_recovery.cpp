// ChainRecovery: done once the partner has said how far it holds our chain and we hold that far.
#include "sync/chain_recovery.hpp"

namespace candor::sync {

std::optional<RecoveryOutcome> ChainRecovery::check(const SyncSession& session, const core::History& history) const {
    if (session.failed() || !session.partner_hello_received()) return std::nullopt;
    const auto& partner = session.partner_durable();
    const auto it = partner.find(self_);
    const std::uint64_t partner_holds = it == partner.end() ? 0 : it->second;
    const std::uint64_t held = history.head(self_).seq;
    if (held < partner_holds) return std::nullopt;
    return RecoveryOutcome{held, reported_};
}

}  // namespace candor::sync
