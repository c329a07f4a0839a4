// How views talk to the Node without blocking: requests go to the Node's queue; replies come back
// to the UI thread through a small inbox that the frame loop drains (Tracy's RunQueue idea).
#pragma once

#include <functional>
#include <mutex>
#include <vector>

#include "node/json.hpp"

namespace candor::node {
class Node;
}

namespace candor::ui {

class Actions {
public:
    using Done = std::function<void(const json::Value& response)>;
    // `wake` gets the UI loop out of its idle wait (glfwPostEmptyEvent in the app).
    Actions(node::Node* node, std::function<void()> wake) : node_(node), wake_(std::move(wake)) {}

    [[nodiscard]] bool available() const { return node_ != nullptr; }
    // Sends a control request; `done` later runs on the UI thread with the response.
    void send(json::Value request, Done done = {});
    // Runs the replies that have arrived (UI thread, once per frame).
    void run_replies();
    [[nodiscard]] int in_flight() const;

private:
    node::Node* node_;
    std::function<void()> wake_;
    mutable std::mutex mutex_;
    std::vector<std::function<void()>> ready_;
    int in_flight_ = 0;
};

// The one-line error of a control response, or empty when it succeeded.
// A response's error as a sentence ("The update is empty: write what you want to share."), or
// empty when it succeeded.
[[nodiscard]] std::string response_error(const json::Value& response);
// The Node's words for the command line put in the app's: "--peer HOST:PORT" becomes "Connect by
// address below", "the Candor node" becomes "Candor".
[[nodiscard]] std::string app_words(std::string text);
// `text` in the app's words, with a capital first letter and a full stop, as its messages read.
[[nodiscard]] std::string sentence(std::string text);

}  // namespace candor::ui
