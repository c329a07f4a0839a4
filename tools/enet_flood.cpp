// enet_flood: the connection flood of a hostile LAN device, for tests/e2e/flood_test.sh. Sends
// well-formed ENet CONNECTs to TARGET at RATE per second for SECONDS, completes ENet's own
// handshake and then says nothing, holding every connection it gets. Prints how many ENet
// accepted. Not a test by itself.
//   usage: enet_flood TARGET_IP:PORT RATE SECONDS
#include <enet/enet.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: enet_flood TARGET_IP:PORT RATE SECONDS\n");
        return 1;
    }
    const std::string target = argv[1];
    const auto colon = target.rfind(':');
    const int rate = std::atoi(argv[2]);
    const int seconds = std::atoi(argv[3]);
    if (colon == std::string::npos || rate <= 0 || seconds <= 0 || enet_initialize() != 0) {
        std::fprintf(stderr, "enet_flood: bad arguments or ENet failed\n");
        return 1;
    }
    ENetAddress address{};
    if (enet_address_set_host_ip(&address, target.substr(0, colon).c_str()) != 0) return 1;
    address.port = static_cast<enet_uint16>(std::atoi(target.c_str() + colon + 1));
    ENetHost* host = enet_host_create(nullptr, 4095, 2, 0, 0);
    if (host == nullptr) return 1;

    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const auto end = start + std::chrono::seconds(seconds);
    const auto interval = std::chrono::microseconds(1'000'000 / rate);
    auto next = start;
    long sent = 0, accepted = 0, dropped = 0;
    while (Clock::now() < end) {
        if (Clock::now() >= next) {
            if (enet_host_connect(host, &address, 2, 0) != nullptr) ++sent;
            next += interval;
        }
        ENetEvent event;
        while (enet_host_service(host, &event, 5) > 0) {
            if (event.type == ENET_EVENT_TYPE_CONNECT) ++accepted;
            if (event.type == ENET_EVENT_TYPE_DISCONNECT) ++dropped;
            if (event.type == ENET_EVENT_TYPE_RECEIVE) enet_packet_destroy(event.packet);
        }
    }
    std::printf("enet_flood: %ld CONNECTs sent, %ld accepted, %ld dropped by the target\n", sent, accepted, dropped);
    enet_host_destroy(host);
    enet_deinitialize();
    return 0;
}
