// See cli_device.hpp.
#include "cli_device.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <fstream>
#include <thread>

namespace candor::node::test {

using namespace std::chrono_literals;

namespace {
const std::filesystem::path kBinary = CANDOR_BINARY;
}

CliDevice::CliDevice(std::filesystem::path data_dir, std::string device_name, std::filesystem::path log_dir)
    : dir(std::move(data_dir)), name(std::move(device_name)), logs(std::move(log_dir)) {}

bool CliDevice::start() {
    const std::filesystem::path log = logs / (name + "-" + std::to_string(++starts) + ".log");
    std::vector<std::string> argv{kBinary.string(), "serve", "--data-dir", dir.string(), "--name", name,
                                  "--port", std::to_string(port), "--no-discovery"};
    if (!passphrase.empty()) {
        const std::filesystem::path input = logs / (name + "-passphrase.txt");
        std::ofstream(input, std::ios::trunc) << passphrase << '\n';
        argv.push_back("--passphrase-stdin");
        argv = with_stdin(argv, input);
    }
    serve = std::make_unique<ChildProcess>(argv, log);
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (serve->output().find(" is running ") == std::string::npos) {
        if (!serve->running() || std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(5ms);
    }
    if (port == 0) port = static_cast<int>(ok({"status"}).get_int("port").value_or(0));
    return port != 0;
}

PairedCli::PairedCli() {
    REQUIRE(std::filesystem::exists(kBinary));
    REQUIRE_MESSAGE(a.start(), a.serve->output());
    REQUIRE_MESSAGE(b.start(), b.serve->output());
    joined = pair_devices(a, b);
}

bool CliDevice::stop() {
    if (!serve || !serve->signal(SIGTERM)) return false;
    const bool exited = serve->wait_for(10s) == 0;
    serve.reset();
    return exited;
}

ProcessResult CliDevice::cli(std::vector<std::string> args, bool json) const {
    return run_cli(kBinary, dir, std::move(args), json);
}

ProcessResult CliDevice::cli_input(std::vector<std::string> args, const std::string& input) const {
    return run_cli_with_input(kBinary, dir, std::move(args), input, logs);
}

json::Value CliDevice::ok(std::vector<std::string> args) const {
    const std::string shown = args.empty() ? std::string() : args[0] + (args.size() > 1 ? " " + args[1] : "");
    const ProcessResult r = cli(std::move(args));
    INFO(name << ": " << shown << " -> exit " << r.status << ", stderr: " << r.err);
    REQUIRE(r.status == 0);
    auto parsed = parse_json_output(r.out);
    REQUIRE_MESSAGE(parsed.has_value(), r.out);
    return std::move(*parsed);
}

bool CliDevice::partner_online() const {
    const json::Value s = ok({"status"});
    return s["paired"].if_array() && !s["paired"].if_array()->empty() && s["paired"][0].get_bool("online") == true;
}

std::int64_t CliDevice::entries() const { return ok({"status"}).get_int("entries").value_or(-1); }

json::Value pair_devices(const CliDevice& inviter, const CliDevice& joiner) {
    const std::string code = *inviter.ok({"pair", "invite"}).get_string("code");
    json::Value joined = joiner.ok({"pair", "join", code, "--peer", inviter.endpoint(), "--timeout", "20"});
    REQUIRE(eventually([&] { return inviter.partner_online() && joiner.partner_online(); }));
    return joined;
}

void check_refused(const CliDevice& d, std::vector<std::string> args, int code, const std::string& says) {
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    const ProcessResult r = d.cli(std::move(args));
    INFO(d.name << ": " << shown << "-> exit " << r.status << ", stdout: " << r.out << ", stderr: " << r.err);
    CHECK(r.status == code);
    CHECK(r.out.empty());
    REQUIRE(r.err.size() > 1);
    CHECK(r.err.back() == '\n');
    CHECK(r.err.find('\n') == r.err.size() - 1);
    if (!says.empty()) CHECK(r.err.find(says) != std::string::npos);
}

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!pred()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(50ms);
    }
    return true;
}

std::filesystem::path write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path) << text;
    return path;
}

}  // namespace candor::node::test
