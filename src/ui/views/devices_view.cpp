// Pairing in the app uses the same control requests as `candor pair invite` / `pair join`, so the
// two can never disagree about what pairing means.
#include "ui/views/devices_view.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/time_format.hpp"
#include "node/control_protocol.hpp"
#include "ui/delivery.hpp"
#include "ui/entry_text.hpp"
#include "ui/toasts.hpp"

namespace candor::ui {
namespace {

namespace cmd = node::control::cmd;

std::string countdown(std::int64_t remaining_ms) {
    if (remaining_ms < 0) remaining_ms = 0;
    const std::int64_t s = (remaining_ms + 999) / 1000;
    const std::string seconds = std::to_string(s % 60);
    return std::to_string(s / 60) + ":" + (seconds.size() < 2 ? "0" : "") + seconds;
}

// "12345 67890 …" in three lines of four groups, so it can be read out and compared.
std::string safety_lines(const std::string& digits) {
    std::string out;
    for (std::size_t i = 0; i < digits.size(); i += 5) {
        if (i > 0) out += (i % 20 == 0) ? "\n" : "  ";
        out += digits.substr(i, 5);
    }
    return out;
}

void bold(const Look& look, const char* text) {
    ImGui::PushFont(look.fonts->body_bold);
    wrapped_text(text);
    ImGui::PopFont();
}

}  // namespace

void DevicesView::draw(ViewContext& ctx) {
    const Look& look = ctx.look;
    title(look, "Devices");
    if (!ctx.snapshot) {
        empty_state(look, "Candor could not start on this computer.", ctx.node_error.c_str());
        return;
    }
    const node::Snapshot& snap = *ctx.snapshot;
    for (const std::string& notice : snap.notices) {
        Card card(look, look.palette->rose);
        wrapped_text(notice.c_str());
    }
    // What this computer noticed about itself (another program on Candor's port, a repaired
    // journal): said here in words, not only in `candor status`.
    for (const std::string& warning : snap.warnings) {
        Card card(look, look.palette->amber);
        wrapped_text(warning.c_str());
    }
    if (!result_.empty()) {
        Card card(look, look.palette->accent);
        wrapped_text(result_.c_str());
        if (quiet_button(look, "OK")) result_.clear();
    }
    if (snap.peers.empty()) {
        draw_unpaired(ctx, snap);
    } else {
        for (const node::PeerView& peer : snap.peers) draw_paired(ctx, snap, peer);
    }
    draw_troubleshooting(ctx, snap);
}

void DevicesView::draw_unpaired(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    if (snap.invite) mode_ = Mode::showing;
    if (mode_ == Mode::showing && !snap.invite && !busy_) mode_ = Mode::choose;
    muted_text(look, "Candor talks only to your partner's computer, directly over your home network. No server and "
                     "no account. Pair once: one of you shows a code, the other types it.");
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    switch (mode_) {
        case Mode::choose: {
            const float half = (ImGui::GetContentRegionAvail().x - 12 * look.scale) * 0.5f;
            ImGui::BeginGroup();
            {
                Card card(look, ImVec4(0, 0, 0, 0), half);
                bold(look, "Show a code");
                muted_text(look, "On this computer. Your partner types it on theirs.");
                if (primary_button(look, "Show a code")) {
                    busy_ = true;
                    error_.clear();
                    mode_ = Mode::showing;
                    ctx.actions->send(node::control::make_request(cmd::kPairInvite), [this](const json::Value& r) {
                        busy_ = false;
                        error_ = response_error(r);
                        if (!error_.empty()) mode_ = Mode::choose;
                    });
                }
            }
            ImGui::EndGroup();
            ImGui::SameLine(0, 12 * look.scale);
            ImGui::BeginGroup();
            {
                Card card(look, ImVec4(0, 0, 0, 0), half);
                bold(look, "Enter a code");
                muted_text(look, "Your partner's computer shows it under Devices.");
                if (quiet_button(look, "Enter a code")) {
                    mode_ = Mode::entering;
                    error_.clear();
                }
            }
            ImGui::EndGroup();
            break;
        }
        case Mode::showing: draw_showing(ctx, snap); break;
        case Mode::entering: draw_entering(ctx, snap); break;
    }
    if (mode_ == Mode::choose && !snap.invite_ended.empty()) muted_text(look, "%s", snap.invite_ended.c_str());
    if (!error_.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->rose);
        wrapped_text(error_.c_str());
        ImGui::PopStyleColor();
    }
}

void DevicesView::draw_showing(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    Card card(look, look.palette->accent);
    if (!snap.invite) {
        muted_text(look, "Making a code…");
        return;
    }
    bold(look, "Your pairing code");
    ImGui::PushFont(look.fonts->code);
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->accent);
    ImGui::TextUnformatted(snap.invite->code.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    const std::int64_t remaining = snap.invite->expires_at_ms - ctx.now_ms;
    const std::string left = "Works for " + countdown(remaining) + " more · " +
                             std::to_string(snap.invite->tries_left) + " tries left";
    ctx.redraw_within(remaining > 0 ? (remaining % 1000) + 1 : 1000);  // the countdown ticks each second
    chip(look, left.c_str(), look.palette->amber);
    wrapped_text("On your partner's computer, open Candor, go to Devices, choose \"Enter a code\" and type this code.");
    if (quiet_button(look, "Stop showing the code")) {
        ctx.actions->send(node::control::make_request(cmd::kPairCancel));
        mode_ = Mode::choose;
    }
}

void DevicesView::join(ViewContext& ctx, const std::string& peer) {
    busy_ = true;
    error_.clear();
    json::Object args{{"code", code}, {"timeout", 30}};
    if (!peer.empty()) args.set("peer", peer);
    ctx.actions->send(node::control::make_request(cmd::kPairJoin, std::move(args)), [this](const json::Value& r) {
        busy_ = false;
        error_ = response_error(r);
        if (error_.empty()) {
            const json::Value& result = r["result"];
            result_ = "Paired with " + result.get_string("name").value_or("your partner") +
                      ". Compare the safety number below with the one on their screen.";
            code.clear();
            mode_ = Mode::choose;
        }
    });
}

void DevicesView::draw_entering(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    Card card(look, look.palette->partner);
    bold(look, "Type the code from your partner's screen");
    ImGui::SetNextItemWidth(260 * look.scale);
    ImGui::PushFont(look.fonts->heading);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    const bool enter = ImGui::InputTextWithHint("##code", "1234 5678", &code, ImGuiInputTextFlags_EnterReturnsTrue);
    focus::stop(true);
    ImGui::PopFont();
    if (snap.nearby.empty()) {
        muted_text(look, "Looking for a computer showing a code on this network…");
    } else {
        for (const node::NearbyDevice& d : snap.nearby) {
            muted_text(look, "Found: %s (%s)", d.name.c_str(), d.address.c_str());
        }
    }
    if (busy_) {
        muted_text(look, "Pairing… %s", snap.join_error.c_str());
    } else if (primary_button(look, "Pair") || enter) {
        join(ctx, "");
    }
    ImGui::SameLine();
    if (!busy_ && quiet_button(look, "Back")) mode_ = Mode::choose;
    if (ImGui::TreeNode("Connect by address")) {
        muted_text(look, "If the two computers don't find each other, type the address shown under \"Not finding "
                         "each other?\" on your partner's computer.");
        ImGui::SetNextItemWidth(260 * look.scale);
        ImGui::InputTextWithHint("##address", "192.168.1.20:47600", &address);
        focus::stop(true);
        ImGui::SameLine();
        if (!busy_ && quiet_button(look, "Pair at this address")) join(ctx, address);
        ImGui::TreePop();
    }
}

void DevicesView::draw_paired(ViewContext& ctx, const node::Snapshot& snap, const node::PeerView& peer) {
    const Look& look = ctx.look;
    Card card(look, look.palette->partner);
    ImGui::PushFont(look.fonts->heading);
    ImGui::TextUnformatted(peer.name.c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    if (peer.online) {
        chip(look, "online", look.palette->accent);
    } else {
        const std::string seen = peer.last_seen_ms ? "last seen " + core::format_relative(peer.last_seen_ms, ctx.now_ms)
                                                   : std::string("not seen yet");
        chip(look, seen.c_str(), look.palette->text_muted);
    }
    if (!peer.address.empty()) muted_text(look, "Last reached at %s", peer.address.c_str());
    if (!peer.problem.empty() && !peer.online) muted_text(look, "Last attempt: %s", peer.problem.c_str());
    if (!peer.refusing.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->rose);
        wrapped_text(("Not kept: " + peer.refusing).c_str());
        ImGui::PopStyleColor();
    }
    if (peer.clock_ahead_ms > 0) {
        muted_text(look, "The clock on %s's computer runs about %lld minutes ahead of this one; set it right there.",
                   peer.name.c_str(), static_cast<long long>(peer.clock_ahead_ms / 60000));
    }
    if (const std::string line = delivery_sentence(snap, peer); !line.empty()) muted_text(look, "%s", line.c_str());
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    bold(look, "Safety number");
    muted_text(look, "Compare this with %s's screen. If they match, nobody sits between your two computers.",
               peer.name.c_str());
    ImGui::PushFont(look.fonts->body_bold);
    ImGui::TextUnformatted(safety_lines(peer.safety_number).c_str());
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, 4 * look.scale));
    if (ImGui::TreeNode("Connect by address")) {
        ImGui::SetNextItemWidth(260 * look.scale);
        ImGui::InputTextWithHint("##connect", "192.168.1.20:47600", &connect_address_);
        focus::stop(true);
        ImGui::SameLine();
        if (quiet_button(look, "Remember")) {
            ctx.actions->send(node::control::make_request(cmd::kConnect, node::control::make_args({{node::control::arg::kPeer, connect_address_}})),
                              [this](const json::Value& r) {
                                  connect_message_ = response_error(r);
                                  if (connect_message_.empty()) connect_message_ = "Saved. Trying that address now.";
                              });
        }
        if (!connect_message_.empty()) muted_text(look, "%s", connect_message_.c_str());
        ImGui::TreePop();
    }
    if (!confirm_unpair_) {
        if (quiet_button(look, "Unpair…")) confirm_unpair_ = true;
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, look.palette->rose);
        wrapped_text(("Unpair " + peer.name + "? Your shared history stays on this computer, but nothing more is "
                      "exchanged until you pair again.").c_str());
        ImGui::PopStyleColor();
        if (primary_button(look, "Unpair")) {
            ctx.actions->send(node::control::make_request(cmd::kUnpair, node::control::make_args({{node::control::arg::kDeviceId, peer.device_id}})));
            confirm_unpair_ = false;
        }
        ImGui::SameLine();
        if (quiet_button(look, "Keep paired")) confirm_unpair_ = false;
    }
}

void DevicesView::draw_troubleshooting(ViewContext& ctx, const node::Snapshot& snap) {
    const Look& look = ctx.look;
    const bool partner_online = std::any_of(snap.peers.begin(), snap.peers.end(), [](const auto& p) { return p.online; });
    if (partner_online) return;
    ImGui::Dummy(ImVec2(0, 6 * look.scale));
    if (!ImGui::CollapsingHeader("Not finding each other?")) return;
    Card card(look);
    bold(look, "What this computer tried");
    if (!snap.discovery.enabled) {
        wrapped_text("Discovery is off (--no-discovery): only addresses typed in by hand are used.");
    } else if (snap.discovery.interfaces.empty()) {
        wrapped_text("No network connection was found: connect to your home network first.");
    } else {
        for (const std::string& line : snap.discovery.interfaces) muted_text(look, "Announced on %s", line.c_str());
    }
    if (!snap.discovery.addresses.empty()) {
        bold(look, "This computer's address");
        muted_text(look, "Your partner can type it under \"Connect by address\".");
        for (const std::string& here : snap.discovery.addresses) {
            ImGui::PushID(here.c_str());
            ImGui::PushFont(look.fonts->body_bold);
            ImGui::TextUnformatted(here.c_str());
            ImGui::PopFont();
            ImGui::SameLine();
            if (quiet_button(look, "Copy")) {
                ImGui::SetClipboardText(here.c_str());
                if (ctx.toasts) ctx.toasts->add("Copied " + here, "", ToastTone::info, ctx.now_ms, 3000);
            }
            ImGui::PopID();
        }
    }
    muted_text(look, "UDP port %u · %llu announcements sent · %llu heard from other Candor devices",
               static_cast<unsigned>(snap.port), static_cast<unsigned long long>(snap.discovery.beacons_sent),
               static_cast<unsigned long long>(snap.discovery.beacons_heard));
    bold(look, "What to check");
    wrapped_text("• Both computers are on the same network (not a guest network, not a VPN).");
    wrapped_text(("• The firewall allows UDP port " + std::to_string(snap.port) + " on both computers.").c_str());
    wrapped_text("• Some routers keep devices apart (\"AP isolation\" or \"client isolation\"): connect by address "
                 "instead, using this computer's address above.");
}

}  // namespace candor::ui
