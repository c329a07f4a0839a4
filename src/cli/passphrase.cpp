// Terminal input with echo off (termios on /dev/tty), stdin lines, and unlocking at start.
#include "cli/passphrase.hpp"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include "cli/cli.hpp"
#include "crypto/bytes.hpp"
#include "store/key_lock.hpp"

namespace candor::cli {

namespace {

// Wipes a std::string that held a passphrase on its way into guarded memory.
struct WipedLine {
    std::string text;
    ~WipedLine() { crypto::wipe({reinterpret_cast<std::uint8_t*>(text.data()), text.size()}); }
};

void strip_line_end(std::string& line) {
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
}

Result<crypto::Passphrase> stdin_line() {
    WipedLine line;
    if (!std::getline(std::cin, line.text)) {
        return make_error("no passphrase on stdin (--passphrase-stdin reads one line per passphrase)");
    }
    strip_line_end(line.text);
    return crypto::Passphrase(line.text);
}

Result<crypto::Passphrase> terminal_line(const std::string& prompt) {
    const int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return make_error("there is no terminal to ask for the passphrase on; pass it with --passphrase-stdin");
    termios old{};
    const bool is_tty = ::tcgetattr(fd, &old) == 0;
    termios quiet = old;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    if (is_tty) ::tcsetattr(fd, TCSAFLUSH, &quiet);
    (void)!::write(fd, prompt.data(), prompt.size());
    WipedLine line;
    char ch = 0;
    while (::read(fd, &ch, 1) == 1 && ch != '\n') line.text.push_back(ch);
    ch = 0;
    (void)!::write(fd, "\n", 1);
    if (is_tty) ::tcsetattr(fd, TCSAFLUSH, &old);
    ::close(fd);
    strip_line_end(line.text);
    return crypto::Passphrase(line.text);
}

}  // namespace

Result<crypto::Passphrase> read_passphrase(bool from_stdin, const std::string& prompt, Confirm confirm) {
    if (from_stdin) return stdin_line();
    auto first = terminal_line(prompt + ": ");
    if (!first || confirm == Confirm::once) return first;
    auto again = terminal_line("Type it again: ");
    if (!again) return again;
    if (!crypto::equal_ct(crypto::as_bytes(first->view()), crypto::as_bytes(again->view()))) {
        return make_error("the two passphrases differ; nothing was changed");
    }
    return first;
}

void wait_unlock_delay(const std::filesystem::path& dir) {
    using namespace std::chrono;
    const auto now = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    const milliseconds wait = store::unlock_delay(dir, now);
    if (wait.count() > 0) std::this_thread::sleep_for(wait);
}

StartKeys unlock_for_start(const std::filesystem::path& dir, bool passphrase_stdin) {
    StartKeys out;
    if (!store::is_locked(dir)) return out;
    if (!passphrase_stdin) {
        std::fprintf(stderr, "candor: %s (%s): give its passphrase with --passphrase-stdin, or open the window\n",
                     store::kLockedMessage, dir.c_str());
        out.exit_code = kExitNoNode;
        return out;
    }
    auto pass = read_passphrase(true, "");
    if (!pass) {
        std::fprintf(stderr, "candor: %s\n", pass.message().c_str());
        out.exit_code = kExitBadInput;
        return out;
    }
    wait_unlock_delay(dir);
    store::UnwrappedKeys opened = store::unlock_keys(dir, *pass);
    if (opened.failure != store::BoxFailure::none) {
        std::fprintf(stderr, "candor: %s\n", opened.message.c_str());
        out.exit_code = opened.failure == store::BoxFailure::wrong_passphrase ? kExitBadInput : kExitNoNode;
        return out;
    }
    out.keys = std::make_shared<const store::DeviceKeys>(std::move(opened.keys));
    return out;
}

}  // namespace candor::cli
