// This computer's IPv4 interfaces and their broadcast addresses, for discovery beacons
// (255.255.255.255 leaves through one interface only, so each subnet gets its own).
#pragma once

#include <string>
#include <vector>

#include "net/host.hpp"

namespace candor::net {

struct Interface {
    std::string name;        // "eth0"
    Endpoint address;        // port 0
    Endpoint broadcast;      // port 0; zero ip when the interface has none
    bool loopback = false;
};

[[nodiscard]] std::vector<Interface> ipv4_interfaces();

}  // namespace candor::net
