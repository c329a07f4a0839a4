// Desktop notifications through the freedesktop notification service, spoken to over the session
// D-Bus with sd-bus (libsystemd): no helper process per notice, the server's answer (its id, or
// that there is no server) comes back, and its ActionInvoked signal tells which button was used.
// A thread of its own waits on the bus socket only once a notice was sent; idle, it sleeps.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "node/notices.hpp"

namespace candor::node {

// Action keys sent to the server; "default" is what clicking the notice itself sends.
inline constexpr std::string_view kActionOpen = "default";
inline constexpr std::string_view kActionSeen = "seen";
inline constexpr std::string_view kActionThanks = "thanks";

class DesktopNotifier {
public:
    // Runs on the notifier's thread when the user picks an action of a notice shown earlier.
    using OnAction = std::function<void(const Notice& notice, std::string_view action)>;
    // Runs on the notifier's thread when whether notices can show changes: empty when they can,
    // else why not ("no notification service is running…").
    using OnProblem = std::function<void(const std::string& problem)>;
    DesktopNotifier(OnAction on_action, OnProblem on_problem);
    ~DesktopNotifier();
    DesktopNotifier(const DesktopNotifier&) = delete;
    DesktopNotifier& operator=(const DesktopNotifier&) = delete;

    // Queues a notice; never blocks. The first one connects to the session bus.
    void notify(Notice notice);

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace candor::node
