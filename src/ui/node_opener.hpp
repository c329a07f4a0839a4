// Opening the Node off the UI thread: with a long history, opening the journal and folding it
// takes a while (hundreds of ms at 100k entries), and the window should be there at once. The
// window draws "Opening your history…" until the Node is in, then the app as usual.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "common/result.hpp"
#include "node/node.hpp"
#include "ui/widgets.hpp"

namespace candor::ui {

class NodeOpener {
public:
    using Opened = Result<std::unique_ptr<node::Node>>;
    NodeOpener() = default;
    NodeOpener(const NodeOpener&) = delete;
    NodeOpener& operator=(const NodeOpener&) = delete;
    ~NodeOpener() { wait(); }

    // Starts Node::start(options) on a thread of its own; `done` runs on that thread when it is
    // finished (the app wakes its window with it).
    void start(node::NodeOptions options, std::function<void()> done);
    [[nodiscard]] bool opening() const { return thread_.joinable(); }
    // The Node (or why it could not start) once it is ready; nullopt while still opening.
    [[nodiscard]] std::optional<Opened> take();
    // Blocks until it is ready (the window closed while opening: the Node keeps running).
    void wait();

private:
    std::thread thread_;
    std::mutex mutex_;
    std::optional<Opened> result_;
};

// The whole window while the Node opens: the app's background, a calm line in the middle.
void draw_opening(const Look& look);

}  // namespace candor::ui
