// The Node: one thread that owns the data directory (store), the folded State, and later the
// network. Readers get immutable snapshots; everything that changes goes through the command
// queue as a control request (the same JSON requests the CLI sends over the control socket).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/result.hpp"
#include "node/json.hpp"
#include "node/snapshot.hpp"
#include "store/keys.hpp"

namespace candor::node {

// Wall clock in ms since the epoch (UTC); injectable for tests.
using WallClock = std::function<std::int64_t()>;
[[nodiscard]] std::int64_t system_now_ms();
// This computer's UTC offset (minutes) at a given instant.
[[nodiscard]] int local_utc_offset_minutes(std::int64_t utc_ms);

// The app around this Node, when there is one: what `show`, `quit` and status's "window" do.
// Called on the Node thread; they must only hand the request over (never block on the UI).
struct AppHooks {
    std::function<Status()> show;         // error: why no window can be shown (no display)
    std::function<void()> quit;           // stop the process cleanly, soon
    std::function<std::string()> window;  // "shown", "hidden" or "none"
};

struct NodeOptions {
    std::filesystem::path data_dir;
    std::optional<std::string> name;        // display name to set (persisted)
    std::optional<std::uint16_t> port;      // 0: pick a free one
    std::string bind_address;               // empty: all interfaces
    bool discovery = true;
    bool control_socket = true;             // listen on DATA_DIR/control.sock
    WallClock clock;                        // default: system_now_ms
    AppHooks app;                           // unset: no window; `quit` is refused
    bool desktop_notifications = false;     // the app and `serve` turn them on; tests leave them off
    // The keys, unlocked with the passphrase, when the directory is locked (store/key_lock.hpp).
    std::shared_ptr<const store::DeviceKeys> keys;
};

class Node {
public:
    // Opens the data directory (lock, keys, journal, fold), starts the Node thread and, unless
    // disabled, the control socket. Fails with a message a user can act on.
    [[nodiscard]] static Result<std::unique_ptr<Node>> start(NodeOptions options);
    ~Node();  // stops and joins
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    [[nodiscard]] std::shared_ptr<const Snapshot> snapshot() const;

    // Queues a control request; `reply` runs on the Node thread once the request is done (for
    // entries: once they are durable). Never blocks.
    using Reply = std::function<void(json::Value response)>;
    void submit(json::Value request, Reply reply);
    // Blocks until the request is done. Not for the UI thread.
    [[nodiscard]] json::Value call(json::Value request);

    // Called on the Node thread after every published change (the app passes glfwPostEmptyEvent).
    void set_on_change(std::function<void()> on_change);

    void stop();

    struct Impl;

private:
    explicit Node(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace candor::node
