// Where my entries stand with the partner, in words that never overstate: "sending…" while the
// partner's computer has not saved an entry, "delivered" once it has (its durable ack), and
// "seen 18:42" only once the partner said so. Home, History and Devices all use these.
#pragma once

#include <string>

#include "core/state.hpp"
#include "node/snapshot.hpp"
#include "ui/widgets.hpp"

namespace candor::ui {

enum class Delivery { waiting, delivered, seen };

struct DeliveryStatus {
    Delivery stage = Delivery::waiting;
    std::int64_t seen_at_ms = 0;  // when seen
    std::string note;             // the partner's words with the ack, if any
};

// My entry `fe` with the first partner: nullopt when the entry is not mine or there is no partner.
[[nodiscard]] std::optional<DeliveryStatus> delivery_of(const node::Snapshot& snap, const core::FeedEntry& fe);
// "seen 18:42" (accent), "delivered" or "sending…" / "not delivered yet" (muted), with a tooltip
// saying what it means. Draws nothing for entries that are not mine.
void delivery_chip(const Look& look, const node::Snapshot& snap, const core::FeedEntry& fe);
// The chip's text and width, for right-aligning it; empty text when there is none.
[[nodiscard]] std::string delivery_chip_text(const node::Snapshot& snap, const core::FeedEntry& fe);
// "Sending 1 update to Sam…" / "2 updates will reach Sam when both computers are on the
// network."; empty when everything of mine is on `peer`'s computer.
[[nodiscard]] std::string delivery_sentence(const node::Snapshot& snap, const node::PeerView& peer);

}  // namespace candor::ui
