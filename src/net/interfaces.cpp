// getifaddrs is cheap enough to call every beacon round, which is how interface changes (a laptop
// joining Wi-Fi) are noticed without platform-specific notifications.
#include "net/interfaces.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <cstring>

namespace candor::net {
namespace {

Endpoint endpoint_of(const sockaddr* sa) {
    Endpoint e;
    if (sa && sa->sa_family == AF_INET) {
        const auto* in = reinterpret_cast<const sockaddr_in*>(sa);
        std::memcpy(e.ip.data(), &in->sin_addr.s_addr, 4);
    }
    return e;
}

}  // namespace

std::vector<Interface> ipv4_interfaces() {
    std::vector<Interface> out;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return out;
    for (ifaddrs* it = list; it; it = it->ifa_next) {
        if (!it->ifa_addr || it->ifa_addr->sa_family != AF_INET || !(it->ifa_flags & IFF_UP)) continue;
        Interface i;
        i.name = it->ifa_name ? it->ifa_name : "";
        i.address = endpoint_of(it->ifa_addr);
        i.loopback = (it->ifa_flags & IFF_LOOPBACK) != 0;
        if ((it->ifa_flags & IFF_BROADCAST) && it->ifa_broadaddr) i.broadcast = endpoint_of(it->ifa_broadaddr);
        out.push_back(std::move(i));
    }
    ::freeifaddrs(list);
    return out;
}

}  // namespace candor::net
