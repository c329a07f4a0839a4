// The app's own commands: show the window, quit, login autostart. `autostart` needs no running
// Node: it only writes or removes the login entry.
#include <ostream>
#include <thread>

#include "cli/commands.hpp"
#include "node/control_protocol.hpp"
#include "node/control_socket.hpp"
#include "store/autostart.hpp"

namespace candor::cli {
namespace {

namespace cmd = node::control::cmd;

constexpr auto kQuitWait = std::chrono::seconds(10);

// After `quit` answered: until the Node has let go of the directory (its socket stops answering),
// so the next command after `candor quit` finds it stopped.
bool wait_until_stopped(const std::filesystem::path& dir) {
    const auto deadline = std::chrono::steady_clock::now() + kQuitWait;
    const json::Value ping = node::control::make_request(cmd::kStatus);
    while (std::chrono::steady_clock::now() < deadline) {
        if (!node::ControlClient::call(dir, ping, std::chrono::milliseconds(500))) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

}  // namespace

int cmd_show(Invocation& inv) {
    return send_request(inv, cmd::kShow, {}, [](Invocation& i, const json::Value&) {
        i.env.out << "The Candor window is open.\n";
    });
}

int cmd_quit(Invocation& inv) {
    const int code = send_request(inv, cmd::kQuit, {}, [](Invocation& i, const json::Value&) {
        i.env.out << "Candor has stopped.\n";
    });
    if (code != kExitOk) return code;
    if (!wait_until_stopped(inv.data_dir)) {
        inv.env.err << "Candor said it would stop but still runs after " << kQuitWait.count()
                    << " s; try again, or close its window\n";
        return kExitFailed;
    }
    return kExitOk;
}

int cmd_autostart(Invocation& inv) {
    const std::string& what = inv.args.positionals[0];
    if (what != "on" && what != "off" && what != "status")
        return reject(inv, "autostart takes on, off or status, not '" + what + "'");
    auto state = what == "status" ? store::autostart_status(inv.data_dir)
                                  : store::set_autostart(what == "on", inv.data_dir, store::this_program());
    if (!state) {
        inv.env.err << state.message() << '\n';
        return kExitFailed;
    }
    if (inv.json) {
        inv.env.out << json::write(json::Object{{"autostart", state->on}, {"file", state->file.string()}}) << '\n';
    } else if (state->on) {
        inv.env.out << "Candor starts in the background when you log in (" << state->file.string() << ").\n";
    } else {
        inv.env.out << "Candor does not start at login" << (what == "off" ? " any more" : "") << ".\n";
    }
    return kExitOk;
}

}  // namespace candor::cli
