// Tells when this computer's IPv4 addresses or links change (a laptop joining Wi-Fi, a cable
// plugged in), from the kernel's rtnetlink notifications, so the Node can announce itself at
// once without re-reading the interface list every second. Linux only; start() gives nullptr
// where netlink is not available, and the caller then polls as before.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

namespace candor::net {

class InterfaceWatch {
public:
    // `on_change` runs on the watch's own thread after each batch of notifications.
    [[nodiscard]] static std::unique_ptr<InterfaceWatch> start(std::function<void()> on_change);
    ~InterfaceWatch();
    InterfaceWatch(const InterfaceWatch&) = delete;
    InterfaceWatch& operator=(const InterfaceWatch&) = delete;

    // True once after any change since the last call (and once at the start).
    [[nodiscard]] bool take_changed() { return changed_.exchange(false); }

private:
    InterfaceWatch(int netlink_fd, int stop_read, int stop_write, std::function<void()> on_change);
    void run();

    int netlink_fd_ = -1;
    int stop_read_ = -1;
    int stop_write_ = -1;
    std::function<void()> on_change_;
    std::atomic<bool> changed_{true};
    std::thread thread_;
};

}  // namespace candor::net
