// posix_spawn rather than fork: the crash test spawns CLI processes from several threads while
// others hold locks, and every pipe is close-on-exec so one child never keeps another's pipe open.
#include "process_helpers.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <thread>

extern char** environ;

namespace candor::node::test {
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kStillRunning = INT_MIN;

int decode_status(int wstatus) {
    if (WIFEXITED(wstatus)) return WEXITSTATUS(wstatus);
    if (WIFSIGNALED(wstatus)) return -WTERMSIG(wstatus);
    return -1;
}

std::vector<char*> c_argv(const std::vector<std::string>& argv) {
    std::vector<char*> out;
    for (const std::string& a : argv) out.push_back(const_cast<char*>(a.c_str()));
    out.push_back(nullptr);
    return out;
}

int wait_pid(pid_t pid, int options) {
    int wstatus = 0;
    for (;;) {
        const pid_t r = ::waitpid(pid, &wstatus, options);
        if (r == pid) return decode_status(wstatus);
        if (r == 0) return kStillRunning;  // WNOHANG: still running
        if (errno != EINTR) return -1;
    }
}

}  // namespace

TempDir::TempDir() {
    std::string pattern = (fs::temp_directory_path() / "candor-node-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    if (!path_.empty()) fs::remove_all(path_, ec);
}

ProcessResult run_process(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
    ProcessResult result;
    int out_pipe[2];
    int err_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0) return result;
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    pid_t pid = -1;
    auto args = c_argv(argv);
    const int spawned = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (spawned != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        result.err = "posix_spawn failed: " + std::to_string(spawned);
        return result;
    }

    const auto deadline = Clock::now() + timeout;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&result.out, &result.err};
    int open_count = 2;
    while (open_count > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            result.timed_out = true;
            ::kill(pid, SIGKILL);
            break;
        }
        const int n = ::poll(fds, 2, static_cast<int>(left));
        if (n < 0 && errno != EINTR) break;
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
            char buffer[4096];
            const ssize_t got = ::read(fds[i].fd, buffer, sizeof buffer);
            if (got > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(got));
            } else if (got == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_count;
            }
        }
    }
    for (pollfd& p : fds) {
        if (p.fd >= 0) ::close(p.fd);
    }
    result.status = wait_pid(pid, 0);
    return result;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const fs::path& output_file)
    : output_file_(output_file) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output_file.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    auto args = c_argv(argv);
    if (::posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
}

ChildProcess::~ChildProcess() {
    if (pid_ > 0 && !status_) {
        ::kill(pid_, SIGKILL);
        status_ = wait_pid(pid_, 0);
    }
}

bool ChildProcess::running() {
    if (pid_ <= 0 || status_) return false;
    const int s = wait_pid(pid_, WNOHANG);
    if (s == kStillRunning) return true;
    status_ = s;
    return false;
}

bool ChildProcess::signal(int signo) { return pid_ > 0 && !status_ && ::kill(pid_, signo) == 0; }

std::optional<int> ChildProcess::wait_for(std::chrono::milliseconds timeout) {
    if (pid_ <= 0) return -1;
    const auto deadline = Clock::now() + timeout;
    while (running()) {
        if (Clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return status_;
}

std::string ChildProcess::output() const {
    std::ifstream in(output_file_, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ServeProcess::ServeProcess(const fs::path& binary, const fs::path& data_dir, const fs::path& log,
                           std::vector<std::string> extra)
    : process_(
          [&] {
              std::vector<std::string> argv{binary.string(), "serve", "--data-dir", data_dir.string(), "--port", "0"};
              argv.insert(argv.end(), extra.begin(), extra.end());
              return argv;
          }(),
          log) {}

bool ServeProcess::wait_ready(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        if (process_.output().find(" is running ") != std::string::npos) return true;
        if (!process_.running()) return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return false;
}

ProcessResult run_cli(const fs::path& binary, const fs::path& data_dir, std::vector<std::string> args, bool json) {
    std::vector<std::string> argv{binary.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--data-dir");
    argv.push_back(data_dir.string());
    if (json) argv.push_back("--json");
    return run_process(argv);
}

std::vector<std::string> with_stdin(const std::vector<std::string>& argv, const fs::path& input_file) {
    auto quote = [](const std::string& word) {
        std::string out = "'";
        for (char ch : word) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
        return out + "'";
    };
    std::string line = "exec";
    for (const std::string& word : argv) line += " " + quote(word);
    line += " < " + quote(input_file.string());
    return {"/bin/sh", "-c", line};
}

ProcessResult run_cli_with_input(const fs::path& binary, const fs::path& data_dir, std::vector<std::string> args,
                                 const std::string& input, const fs::path& scratch, bool json) {
    const fs::path file = scratch / "stdin.txt";
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << input;
    }
    std::vector<std::string> argv{binary.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.push_back("--data-dir");
    argv.push_back(data_dir.string());
    if (json) argv.push_back("--json");
    ProcessResult r = run_process(with_stdin(argv, file), std::chrono::seconds(60));
    fs::remove(file);
    return r;
}

std::optional<json::Value> parse_json_output(const std::string& out) {
    auto parsed = json::parse(out.size() > 0 && out.back() == '\n' ? std::string_view(out).substr(0, out.size() - 1)
                                                                   : std::string_view(out));
    if (!parsed) return std::nullopt;
    return std::move(*parsed);
}

}  // namespace candor::node::test
