// Entry point: chooses the desktop app, `serve`, or a CLI command.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli.hpp"
#include "cli/passphrase.hpp"
#include "node/control_protocol.hpp"
#include "node/control_socket.hpp"
#include "node/demo.hpp"
#include "node/serve.hpp"

#ifdef CANDOR_WITH_GUI
#include "ui/app.hpp"
#include "ui/views/repair_forms.hpp"
#endif

namespace {

int usage_error(const std::string& message) {
    std::fprintf(stderr, "candor: %s (see 'candor --help')\n", message.c_str());
    return 1;
}

#ifdef CANDOR_WITH_GUI
// One Node per data directory: when one already runs, `candor` asks it to show its window and
// exits (`candor --background` just leaves it be). nullopt: none answers, so start one here.
std::optional<int> show_running_node(const std::string& data_dir, bool background) {
    namespace control = candor::node::control;
    const auto cmd = background ? control::cmd::kStatus : control::cmd::kShow;
    auto raw = candor::node::ControlClient::call(data_dir, control::make_request(cmd), std::chrono::seconds(5));
    if (!raw) return std::nullopt;
    auto response = control::parse_response(*raw);
    if (!response) return std::nullopt;
    if (!response->ok) {
        std::fprintf(stderr, "candor: Candor already runs for %s, but %s\n", data_dir.c_str(), response->error.c_str());
        return 3;
    }
    if (background) std::printf("Candor already runs in the background for %s.\n", data_dir.c_str());
    return 0;
}

bool parse_int(const char* text, int& out) {
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || value <= 0 || value > 100000) return false;
    out = static_cast<int>(value);
    return true;
}

int run_gui(const std::vector<std::string_view>& args) {
    candor::ui::GuiOptions options;
    bool passphrase_stdin = false;
    if (auto dir = candor::cli::resolve_data_dir(std::nullopt)) options.data_dir = dir->string();
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
            if (!section) return usage_error("unknown section '" + name + "' (home, history, commitments, agreement, devices, settings, check-ins, progress)");
            options.section = *section;
        } else if (arg == "--theme" && has_value) {
            options.theme = value();
            if (options.theme != "light" && options.theme != "dark") return usage_error("--theme is light or dark");
        } else if (arg == "--data-dir" && has_value) {
            options.data_dir = value();
        } else if (arg == "--report-timing") {
            options.report_timing = true;
        } else if (arg == "--background") {
            options.background = true;
        } else if (arg == "--passphrase-stdin") {
            passphrase_stdin = true;
        } else if (arg == "--prompt" && has_value) {
            options.prompt = value();
            if (options.prompt != "keeps-running" && options.prompt != "autostart" && options.prompt != "welcome")
                return usage_error("--prompt is keeps-running, autostart or welcome");
        } else if (arg == "--moment" && has_value) {
            options.moment = value();
            if (options.moment != "milestone") return usage_error("--moment is milestone");
        } else if (arg == "--form" && has_value) {
            options.form = value();
            if (candor::ui::composer_kind_named(options.form) == candor::ui::ComposerKind::none &&
                !candor::ui::RepairForms::is_form_name(options.form))
                return usage_error("--form is update, late, commitment, ask, answer, facts, pause, apology, "
                                   "read-apology or breathe");
        } else {
            return usage_error("unknown option '" + std::string(arg) + "'");
        }
    }
    if (!options.screenshot_path) {
        if (auto shown = show_running_node(options.data_dir, options.background)) return *shown;
    }
    // With no window to ask on, a locked directory needs its passphrase on stdin.
    if (options.background || passphrase_stdin) {
        const auto unlocked = candor::cli::unlock_for_start(options.data_dir, passphrase_stdin);
        if (unlocked.exit_code != 0) return unlocked.exit_code;
        options.keys = unlocked.keys;
    }
    return candor::ui::run_app(options);
}
#endif



bool is_gui_option(std::string_view arg) {
    for (std::string_view option : {"--screenshot", "--size", "--frames", "--section", "--theme", "--report-timing",
                                    "--background", "--prompt", "--form", "--moment"}) {
        if (arg == option) return true;
    }
    return false;
}

int run_serve(const candor::cli::ParsedCommandLine& parsed) {
    candor::node::NodeOptions options;
    auto dir = candor::cli::resolve_data_dir(parsed.globals.data_dir);
    if (!dir) return usage_error(dir.message());
    options.data_dir = *dir;
    if (auto name = parsed.args.value("name")) {
        auto valid = candor::cli::validate_text("--name", *name);
        if (!valid) return usage_error(valid.message());
        options.name = *valid;
    }
    if (auto port = parsed.args.value("port")) {
        auto valid = candor::cli::validate_int("--port", *port, 0, 65535);
        if (!valid) return usage_error(valid.message());
        options.port = static_cast<std::uint16_t>(*valid);
    }
    if (auto bind = parsed.args.value("bind")) options.bind_address = *bind;
    options.discovery = !parsed.args.flag("no-discovery");
    options.desktop_notifications = true;
    const auto unlocked = candor::cli::unlock_for_start(options.data_dir, parsed.args.flag("passphrase-stdin"));
    if (unlocked.exit_code != 0) return unlocked.exit_code;
    options.keys = unlocked.keys;
    return candor::node::run_serve(std::move(options));
}

// Two windows, each its own `candor` process on its own data directory (one Node per directory).
int run_demo(const char* self) {
    char pattern[] = "/tmp/candor-demo-XXXXXX";
    const char* root = mkdtemp(pattern);
    if (!root) return usage_error("could not create a temporary folder for the demo");
    std::printf("Setting up the demo in %s: pairing Alex and Sam over loopback…\n", root);
    std::fflush(stdout);
    auto setup = candor::node::prepare_demo(root);
    if (!setup) {
        std::fprintf(stderr, "candor: the demo could not start: %s\n", setup.message().c_str());
        return 2;
    }
    std::vector<pid_t> children;
    for (const auto& dir : {setup->alex_dir, setup->sam_dir}) {
        const pid_t pid = fork();
        if (pid == 0) {
            const std::string dir_text = dir.string();
            execl(self, self, "--data-dir", dir_text.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        if (pid > 0) children.push_back(pid);
    }
    std::printf("Two windows are open: Alex and Sam. Their data stays in %s until you delete it.\n", root);
    int status = 0;
    for (pid_t pid : children) waitpid(pid, &status, 0);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> words(argv + 1, argv + argc);
    const std::vector<std::string_view> args(words.begin(), words.end());
    if (!args.empty() && args[0] == "--version") {
        std::printf("candor %s\n", CANDOR_VERSION);
        return 0;
    }
    bool gui = false;
    for (std::string_view arg : args) gui = gui || is_gui_option(arg);
    if (!gui) {
        auto parsed = candor::cli::parse_command_line(words);
        if (parsed && !parsed->globals.help && parsed->command == nullptr) {
            gui = true;
        } else if (parsed && !parsed->globals.help && parsed->command->name == "serve") {
            return run_serve(*parsed);
        } else if (parsed && !parsed->globals.help && parsed->command->name == "demo") {
            return run_demo("/proc/self/exe");
        } else {
            // Everything else, including --help and argument errors, is the CLI's to answer.
            return candor::cli::run_cli(std::span<char* const>(argv + 1, argv + argc));
        }
    }
#ifdef CANDOR_WITH_GUI
    return run_gui(args);
#else
    return usage_error("this build has no desktop app; use 'candor serve'");
#endif
}
