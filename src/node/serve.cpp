// Signals are blocked before any thread starts, so only sigwait() here sees SIGINT/SIGTERM and the
// shutdown runs on an ordinary thread (no work in a signal handler).
#include "node/serve.hpp"

#include <signal.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>

namespace candor::node {

int run_serve(NodeOptions options) {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    // `candor quit` ends serve the way Ctrl+C does: the signal reaches the sigwait below.
    if (!options.app.quit) options.app.quit = [] { ::kill(::getpid(), SIGTERM); };
    const std::string dir = options.data_dir.string();
    auto node = Node::start(std::move(options));
    if (!node) {
        std::fprintf(stderr, "candor: %s\n", node.message().c_str());
        return 2;
    }
    const auto snapshot = (*node)->snapshot();
    std::printf("Candor node \"%s\" (%s) is running on UDP port %u for %s\n", snapshot->name.c_str(),
                core::short_hex(snapshot->device).c_str(), static_cast<unsigned>(snapshot->port), dir.c_str());
    for (const std::string& warning : snapshot->warnings) std::printf("warning: %s\n", warning.c_str());
    if (snapshot->read_only) std::printf("warning: %s\n", snapshot->read_only->c_str());
    std::fflush(stdout);

    int signal = 0;
    sigwait(&signals, &signal);
    std::printf("Stopping (%s)…\n", signal == SIGINT ? "SIGINT" : "SIGTERM");
    std::fflush(stdout);
    (*node)->stop();
    node->reset();
    return 0;
}

}  // namespace candor::node
