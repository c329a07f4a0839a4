// The Node's command handlers: one function per control request (the CLI's commands and the
// app's actions). They run on the Node thread, validate every argument again (the socket is a
// boundary too), and answer with the control protocol's ok/error responses.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "node/json.hpp"
#include "node/node_core.hpp"

namespace candor::node {

class Network;  // pairing and sessions; null until the network is up

class Commands {
public:
    using Clock = std::function<std::int64_t()>;
    Commands(NodeCore& core, Clock clock) : core_(core), clock_(std::move(clock)) {}

    // Returns a control response ({"ok":true,"result":…} or {"ok":false,"code":…,"error":…}).
    [[nodiscard]] json::Value handle(const json::Value& request);

    using Handler = std::function<json::Value(const json::Object& args)>;
    using Reply = std::function<void(json::Value response)>;
    using AsyncHandler = std::function<void(const json::Object& args, Reply reply)>;
    // Lets other parts of the Node (the network) add their commands; async ones answer later
    // (pair join waits for the other device).
    void add(std::string name, Handler handler) { extra_[std::move(name)] = std::move(handler); }
    void add_async(std::string name, AsyncHandler handler) { async_[std::move(name)] = std::move(handler); }
    // True when `request` is an async command; `reply` is then called exactly once, maybe later.
    [[nodiscard]] bool handle_async(const json::Value& request, Reply& reply);

    [[nodiscard]] json::Value status_json() const;
    std::function<json::Array()> paired_json;  // set by the Node: paired devices with online state
    std::function<std::string()> window_state; // set by the Node: "shown", "hidden" or "none"
    std::uint16_t port = 0;                    // the port the Node listens on

private:
    json::Value update(const json::Object& args);
    json::Value new_chain(const json::Object& args);
    [[nodiscard]] json::Value saved_entry_json(const Result<core::Entry>& entry) const;
    json::Value late(const json::Object& args);
    json::Value commit(const json::Object& args);
    json::Value resolve(const json::Object& args, core::Outcome outcome);
    json::Value renegotiate(const json::Object& args);
    json::Value ack(const json::Object& args);
    json::Value feed(const json::Object& args) const;
    json::Value commitments(const json::Object& args) const;
    json::Value settings(const json::Object& args);

    template <typename Body>
    json::Value post(const Body& body);
    [[nodiscard]] std::string name_of(const core::DeviceId& id) const { return core_.name_of(id); }

    NodeCore& core_;
    Clock clock_;
    std::map<std::string, Handler, std::less<>> extra_;
    std::map<std::string, AsyncHandler, std::less<>> async_;
};

}  // namespace candor::node
