// Entry point: chooses the desktop app, `serve`, or a CLI command.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#ifdef CANDOR_WITH_GUI
#include "ui/app.hpp"
#endif

namespace {

struct CommandInfo {
    const char* usage;
    const char* what;
    bool available;
};

const CommandInfo kCommands[] = {
    {"candor", "open the desktop app", true},
    {"candor serve [--name NAME] [--port PORT] [--bind ADDR] [--no-discovery]", "run the Node without a window", false},
    {"candor demo", "two paired Nodes (Alex and Sam) on this computer, each with a window", false},
    {"candor status", "this device and its partner", false},
    {"candor pair invite [--ttl SECONDS]", "show a pairing code", false},
    {"candor pair join CODE [--peer HOST:PORT] [--timeout S]", "pair with the device showing CODE", false},
    {"candor pair list", "paired devices", false},
    {"candor unpair DEVICE_ID", "forget a paired device", false},
    {"candor connect HOST:PORT", "remember the partner's address", false},
    {"candor update TEXT [--where PLACE] [--until TIME]", "share a transparency update", false},
    {"candor late MINUTES [--reason TEXT] [--for ID]", "tell your partner you are running late", false},
    {"candor commit TEXT --due TIME", "make a commitment", false},
    {"candor keep ID [--note TEXT] / miss ID [--note TEXT]", "resolve a commitment", false},
    {"candor renegotiate ID --due TIME [--note TEXT]", "move a commitment's due time, visibly", false},
    {"candor ack ID [--note TEXT]", "\"seen, thank you\"", false},
    {"candor feed [--kind KIND] [--limit N]", "the shared history, newest first", false},
    {"candor commitments [--open]", "commitments with their status", false},
    {"candor agreement show|propose|accept|decline|review|history", "the shared agreement", false},
    {"candor export --format json|markdown [--out FILE]", "everything this device holds, readable", false},
};

void print_help() {
    std::printf("Candor — a shared, end-to-end encrypted history for two partners, with no server.\n\n"
                "Usage:\n");
    for (const CommandInfo& c : kCommands) {
        std::printf("  %-62s %s%s\n", c.usage, c.what, c.available ? "" : " (not yet available)");
    }
    std::printf("\nEvery command accepts --data-dir DIR and --help; most accept --json.\n"
                "App options: --screenshot FILE [--size WxH] [--frames N] [--section NAME] [--theme light|dark]\n"
                "             --version\n");
}

int usage_error(const std::string& message) {
    std::fprintf(stderr, "candor: %s (see 'candor --help')\n", message.c_str());
    return 1;
}

#ifdef CANDOR_WITH_GUI
bool parse_int(const char* text, int& out) {
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || value <= 0 || value > 100000) return false;
    out = static_cast<int>(value);
    return true;
}

int run_gui(const std::vector<std::string_view>& args) {
    candor::ui::GuiOptions options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        const bool has_value = i + 1 < args.size();
        auto value = [&]() { return std::string(args[++i]); };
        if (arg == "--screenshot" && has_value) {
            options.screenshot_path = value();
        } else if (arg == "--size" && has_value) {
            const std::string size = value();
            const auto x = size.find('x');
            if (x == std::string::npos || !parse_int(size.substr(0, x).c_str(), options.width) ||
                !parse_int(size.substr(x + 1).c_str(), options.height)) {
                return usage_error("--size wants WIDTHxHEIGHT, e.g. 1280x800");
            }
        } else if (arg == "--frames" && has_value) {
            if (!parse_int(value().c_str(), options.frames)) return usage_error("--frames wants a positive number");
        } else if (arg == "--section" && has_value) {
            const std::string name = value();
            const auto section = candor::ui::parse_section(name);
            if (!section) return usage_error("unknown section '" + name + "' (home, history, commitments, agreement, devices, settings)");
            options.section = *section;
        } else if (arg == "--theme" && has_value) {
            options.theme = value();
            if (options.theme != "light" && options.theme != "dark") return usage_error("--theme is light or dark");
        } else if (arg == "--data-dir" && has_value) {
            options.data_dir = value();
        } else if (arg == "--report-timing") {
            options.report_timing = true;
        } else {
            return usage_error("unknown option '" + std::string(arg) + "'");
        }
    }
    return candor::ui::run_app(options);
}
#endif

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string_view> args(argv + 1, argv + argc);
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
        print_help();
        return 0;
    }
    if (!args.empty() && args[0] == "--version") {
        std::printf("candor %s\n", CANDOR_VERSION);
        return 0;
    }
    if (args.empty() || args[0].starts_with("--")) {
#ifdef CANDOR_WITH_GUI
        return run_gui(args);
#else
        return usage_error("this build has no desktop app; use 'candor serve'");
#endif
    }
    for (const CommandInfo& c : kCommands) {
        const std::string_view usage = c.usage;
        if (usage.substr(7).starts_with(args[0]) && !c.available) {
            std::fprintf(stderr, "candor: '%s' is not available yet in this version\n", std::string(args[0]).c_str());
            return 2;
        }
    }
    return usage_error("unknown command '" + std::string(args[0]) + "'");
}
