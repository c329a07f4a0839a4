// Test helper (doctest): real Nodes in this process on loopback (port 0, no control socket, no
// broadcasts of their own), control requests through call().
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "node/control_protocol.hpp"
#include "node/node.hpp"
#include "process_helpers.hpp"

namespace candor::node::test {

inline std::unique_ptr<Node> start_node(const std::filesystem::path& dir, std::string name, WallClock clock = {}) {
    NodeOptions options;
    options.clock = std::move(clock);  // empty: the system clock
    options.data_dir = dir;
    options.port = 0;
    options.control_socket = false;
    options.discovery = false;  // no broadcasts of our own; announcements still arrive
    options.name = std::move(name);
    auto node = Node::start(std::move(options));
    REQUIRE_MESSAGE(node.ok(), (node.ok() ? std::string() : node.message()));
    return std::move(*node);
}

inline control::Response call(Node& node, std::string_view cmd, json::Object args = {}) {
    auto parsed = control::parse_response(node.call(control::make_request(cmd, std::move(args))));
    REQUIRE(parsed.ok());
    return std::move(*parsed);
}

// Pairs `joiner` with `inviter` over loopback; both then sync.
inline void pair_nodes(Node& inviter, Node& joiner) {
    const auto invite = call(inviter, control::cmd::kPairInvite);
    REQUIRE(invite.ok);
    const auto status = call(inviter, control::cmd::kStatus);
    const auto port = status.result.get_int("port").value_or(0);
    const auto joined = call(joiner, control::cmd::kPairJoin,
                             {{"code", invite.result.get_string("code").value_or("")},
                              {"peer", "127.0.0.1:" + std::to_string(port)},
                              {"timeout", 20}});
    REQUIRE_MESSAGE(joined.ok, joined.error);
}

inline std::uint16_t port_of(Node& node) {
    const auto status = call(node, control::cmd::kStatus);
    return static_cast<std::uint16_t>(status.result.get_int("port").value_or(0));
}

}  // namespace candor::node::test
