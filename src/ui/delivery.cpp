// See delivery.hpp. The stages come from the snapshot only: the partner's durable vector
// (PeerView::delivered_seq) and the acks in the State.
#include "ui/delivery.hpp"

#include "ui/entry_text.hpp"

namespace candor::ui {

std::optional<DeliveryStatus> delivery_of(const node::Snapshot& snap, const core::FeedEntry& fe) {
    if (fe.entry.author() != snap.device || snap.peers.empty() || !snap.state) return std::nullopt;
    const node::PeerView& peer = snap.peers.front();
    DeliveryStatus s;
    for (const core::AckView& ack : snap.state->acks_for(fe.entry.id())) {
        if (ack.by == snap.device) continue;
        s.stage = Delivery::seen;
        s.seen_at_ms = ack.at_ms;
        s.note = ack.note;
        return s;
    }
    s.stage = fe.entry.seq() <= peer.delivered_seq ? Delivery::delivered : Delivery::waiting;
    return s;
}

std::string delivery_chip_text(const node::Snapshot& snap, const core::FeedEntry& fe) {
    const auto s = delivery_of(snap, fe);
    if (!s) return {};
    switch (s->stage) {
        case Delivery::seen: return "seen " + local_clock(s->seen_at_ms);
        case Delivery::delivered: return "delivered";
        case Delivery::waiting: return snap.peers.front().online ? "sending…" : "not delivered yet";
    }
    return {};
}

void delivery_chip(const Look& look, const node::Snapshot& snap, const core::FeedEntry& fe) {
    const auto s = delivery_of(snap, fe);
    if (!s) return;
    const std::string text = delivery_chip_text(snap, fe);
    const std::string& partner = snap.peers.front().name;
    chip(look, text.c_str(), s->stage == Delivery::seen ? look.palette->accent : look.palette->text_muted);
    if (!ImGui::IsItemHovered()) return;
    switch (s->stage) {
        case Delivery::seen:
            ImGui::SetTooltip("%s", s->note.empty() ? "Seen, thank you" : s->note.c_str());
            break;
        case Delivery::delivered:
            ImGui::SetTooltip("Saved on %s's computer; %s hasn't marked it seen yet.", partner.c_str(), partner.c_str());
            break;
        case Delivery::waiting:
            ImGui::SetTooltip("Not on %s's computer yet; it goes as soon as both computers are on the network.",
                              partner.c_str());
            break;
    }
}

std::string delivery_sentence(const node::Snapshot& snap, const node::PeerView& peer) {
    if (peer.undelivered == 0) return {};
    // Name what waits in the words of its kind when it is all one kind ("2 updates").
    std::string kind;
    std::uint64_t counted = 0;
    const auto& entries = snap.state->entries();
    for (auto it = entries.rbegin(); it != entries.rend() && counted < peer.undelivered; ++it) {
        if (it->entry.author() != snap.device) continue;
        ++counted;
        const std::string k(core::kind_name(it->entry.kind()));
        kind = kind.empty() || kind == k ? k : "mixed";
    }
    const bool one = peer.undelivered == 1;
    const std::string what = kind == "update"       ? (one ? "update" : "updates")
                             : kind == "commitment" ? (one ? "commitment" : "commitments")
                             : kind == "late"       ? (one ? "late notice" : "late notices")
                                                    : (one ? "entry" : "entries");
    const std::string count = std::to_string(peer.undelivered) + " " + what;
    if (peer.online) return "Sending " + count + " to " + peer.name + "…";
    return count + " will reach " + peer.name + " when both computers are on the network.";
}

}  // namespace candor::ui
