// The two pairing roles on top of PairingMachine: the initiator (who typed the code) and the
// responder (who shows it, and counts wrong tries), and the words for a code that didn't match.
#include <algorithm>
#include <utility>

#include "net/pairing.hpp"

namespace candor::net {

namespace cpace = crypto::cpace;

namespace {

std::string tries_text(int tries_left) {
    return std::to_string(tries_left) + (tries_left == 1 ? " try" : " tries") + " left";
}

std::string possessive(std::string_view name) { return std::string(name) + "'s"; }

}  // namespace

std::string wrong_code_message(std::string_view inviter_name, int tries_left) {
    const std::string name = inviter_name.empty() ? std::string(kOtherDevice) : std::string(inviter_name);
    if (tries_left <= 0) {
        return "That code didn't match, and the invite is now closed after 3 wrong codes. Ask for a "
               "new invite on " + name + " and type its code.";
    }
    return "That code didn't match. Check the code on " + possessive(name) +
           " screen and try again (" + tries_text(tries_left) + ").";
}

// ---- PairingInitiator -----------------------------------------------------------------------

PairingInitiator::PairingInitiator(const PairingDeviceId& own_id, std::string own_name,
                                   const PairingCode& code, std::string inviter_name)
    : PairingMachine(cpace::Role::initiator, own_id, std::move(own_name), code, std::move(inviter_name)) {
    if (!failed()) send_hello();
}

Status PairingInitiator::receive(ByteView frame) {
    if (failed()) return error_;
    if (complete()) return make_error("pairing is already complete");
    switch (stage_) {
        case Stage::await_hello: {
            auto in = accept(frame, PairingMessage::hello);
            if (!in) return error_;
            if (Status s = on_peer_hello(in->body); !s) return s;
            if (Status s = start_cpace(); !s) return s;
            stage_ = Stage::await_share;
            return {};
        }
        case Stage::await_share: {
            auto in = accept(frame, PairingMessage::share);
            if (!in) return error_;
            if (Status s = on_peer_share(in->body); !s) return s;
            send_confirmation();
            stage_ = Stage::await_confirm;
            return {};
        }
        case Stage::await_confirm: {
            auto in = accept(frame, PairingMessage::confirm);
            if (!in) return error_;
            if (!verify_peer_confirmation(in->body)) {
                // The inviter accepted our tag, so the codes matched: this is interference.
                return fail(PairingFailure::wrong_code,
                            "The codes did not match on the two devices (or someone interfered with the "
                            "connection). Check the code on " + possessive(peer_label_) +
                                " screen and try again.");
            }
            stage_ = Stage::await_identity;
            return {};
        }
        case Stage::await_identity: {
            auto in = accept(frame, PairingMessage::identity);
            if (!in) return error_;
            if (Status s = on_peer_identity(in->body); !s) return s;
            send_identity();
            stage_ = Stage::await_done;
            return {};
        }
        case Stage::await_done: {
            auto in = accept(frame, PairingMessage::done);
            if (!in) return error_;
            const std::optional<Bytes> plain = open_sealed(PairingMessage::done, in->body);
            if (!plain || !plain->empty()) {
                return fail(PairingFailure::protocol,
                            "Pairing did not finish on " + peer_label_ + " (tampering or a bad connection). "
                            "Try again with a new invite.");
            }
            finish();
            return {};
        }
        default:
            return make_error("pairing is over");
    }
}

// ---- PairingResponder -----------------------------------------------------------------------

PairingResponder::PairingResponder(const PairingDeviceId& own_id, std::string own_name,
                                   PairingInvite& invite, std::int64_t now_ms)
    : PairingMachine(cpace::Role::responder, own_id, std::move(own_name), invite.code(), {}),
      invite_(&invite) {
    if (failed()) return;
    switch (invite.status(now_ms)) {
        case InviteStatus::active:
            break;
        case InviteStatus::expired:
            (void)fail(PairingFailure::invite_expired, invite.check_usable(now_ms).message());
            break;
        case InviteStatus::burned:
        case InviteStatus::used:
            (void)fail(PairingFailure::invite_used_up, invite.check_usable(now_ms).message());
            break;
    }
}

Status PairingResponder::receive(ByteView frame) {
    if (failed()) return error_;
    if (complete()) return make_error("pairing is already complete");
    switch (stage_) {
        case Stage::await_hello: {
            auto in = accept(frame, PairingMessage::hello);
            if (!in) return error_;
            if (Status s = on_peer_hello(in->body); !s) return s;
            send_hello();
            if (Status s = start_cpace(); !s) return s;
            stage_ = Stage::await_share;
            return {};
        }
        case Stage::await_share: {
            auto in = accept(frame, PairingMessage::share);
            if (!in) return error_;
            if (Status s = on_peer_share(in->body); !s) return s;
            // Nothing keyed by the PAKE goes out before the joiner's tag has verified.
            stage_ = Stage::await_confirm;
            return {};
        }
        case Stage::await_confirm: {
            auto in = accept(frame, PairingMessage::confirm);
            if (!in) return error_;
            if (invite_->spent()) {
                return fail(PairingFailure::invite_used_up,
                            "This invite was used up by another attempt. Start a new invite.");
            }
            if (!verify_peer_confirmation(in->body)) {
                const int left = invite_->record_wrong_try();
                std::string message = "Someone typed a code that didn't match (" + tries_text(left) +
                                      " on this invite).";
                if (left == 0) message = "A third wrong code was typed, so this invite is now closed. Start a new invite.";
                return fail(PairingFailure::wrong_code, std::move(message), true,
                            static_cast<std::uint8_t>(left));
            }
            invite_->mark_used();
            send_confirmation();
            send_identity();
            stage_ = Stage::await_identity;
            return {};
        }
        case Stage::await_identity: {
            auto in = accept(frame, PairingMessage::identity);
            if (!in) return error_;
            if (Status s = on_peer_identity(in->body); !s) return s;
            send_sealed(PairingMessage::done, {});
            finish();
            return {};
        }
        default:
            return make_error("pairing is over");
    }
}

}  // namespace candor::net
