#include "net/interface_watch.hpp"

#include <fcntl.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace candor::net {

std::unique_ptr<InterfaceWatch> InterfaceWatch::start(std::function<void()> on_change) {
    const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_ROUTE);
    if (fd < 0) return nullptr;
    sockaddr_nl address{};
    address.nl_family = AF_NETLINK;
    address.nl_groups = RTMGRP_LINK | RTMGRP_IPV4_IFADDR;
    int pipe_fds[2] = {-1, -1};
    if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        ::close(fd);
        return nullptr;
    }
    return std::unique_ptr<InterfaceWatch>(new InterfaceWatch(fd, pipe_fds[0], pipe_fds[1], std::move(on_change)));
}

InterfaceWatch::InterfaceWatch(int netlink_fd, int stop_read, int stop_write, std::function<void()> on_change)
    : netlink_fd_(netlink_fd), stop_read_(stop_read), stop_write_(stop_write), on_change_(std::move(on_change)) {
    thread_ = std::thread([this] { run(); });
}

InterfaceWatch::~InterfaceWatch() {
    const char byte = 1;
    (void)::write(stop_write_, &byte, 1);
    if (thread_.joinable()) thread_.join();
    ::close(netlink_fd_);
    ::close(stop_read_);
    ::close(stop_write_);
}

void InterfaceWatch::run() {
    std::array<char, 8192> buffer{};
    for (;;) {
        pollfd fds[2] = {{netlink_fd_, POLLIN, 0}, {stop_read_, POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            return;
        }
        if ((fds[1].revents & POLLIN) != 0) return;
        if ((fds[0].revents & (POLLERR | POLLHUP | POLLNVAL)) != 0 && (fds[0].revents & POLLIN) == 0) return;
        // What changed is read again from the interface list; the messages only say "something".
        // An overrun (ENOBUFS) means changes were lost: that is a change too.
        bool any = false;
        for (;;) {
            const ssize_t n = ::recv(netlink_fd_, buffer.data(), buffer.size(), 0);
            if (n > 0 || (n < 0 && errno == ENOBUFS)) {
                any = true;
                continue;
            }
            break;
        }
        if (any) {
            changed_.store(true);
            if (on_change_) on_change_();
        }
    }
}

}  // namespace candor::net
