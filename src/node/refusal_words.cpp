// Plain words for refusals; the receiving rules themselves live in core/history.cpp.
#include "node/refusal_words.hpp"

#include "sync/messages.hpp"

namespace candor::node {

std::string refusal_words(core::RejectReason reason, const std::string& partner) {
    using core::RejectReason;
    const std::string from = partner + "'s computer";
    switch (reason) {
        case RejectReason::fork:
            return from + " sent a different version of an entry this computer already has, so its history "
                          "and this one have split. Nothing here was changed. Open Candor on " + from +
                   " and check what it says; if it lost its data, it gets its history back from this computer.";
        case RejectReason::seq_gap:
        case RejectReason::broken_chain:
            return "some of the entries from " + from + " are missing in between, so the later ones are waiting. "
                   "Keep both computers on the network; if this stays, update Candor on both.";
        case RejectReason::bad_signature:
            return "an entry from " + from + " did not carry its valid signature, so it was not kept. If this "
                   "stays, compare the safety numbers on both screens and pair again.";
        case RejectReason::bad_format:
            return "an entry from " + from + " could not be read; it may come from a newer Candor. Update "
                   "Candor on this computer.";
        case RejectReason::bad_lamport:
            return "an entry from " + from + " is out of order with its earlier ones, so it was not kept. "
                   "Update Candor on " + from + ".";
        case RejectReason::bad_time:
            return "an entry from " + from + " is dated before an earlier one it follows (its clock was set "
                   "back), so it was not kept. Set the clock on " + from + " right and update Candor there.";
        case RejectReason::unknown_author:
            return from + " passed on entries from a device this computer is not paired with; they were not kept.";
        case RejectReason::none: break;
    }
    return from + " sent something this computer could not accept.";
}

std::optional<std::string> version_mismatch_words(crypto::ByteView sync_message, const std::string& partner) {
    if (sync_message.size() < 2 || sync_message[0] != static_cast<std::uint8_t>(sync::MessageType::hello)) {
        return std::nullopt;
    }
    const std::uint8_t version = sync_message[1];
    if (version == sync::kSyncVersion) return std::nullopt;
    if (version > sync::kSyncVersion) {
        return partner + "'s computer runs a newer Candor: update Candor on this computer to keep syncing.";
    }
    return partner + "'s computer runs an older Candor: update Candor on " + partner + "'s computer to keep syncing.";
}

}  // namespace candor::node
