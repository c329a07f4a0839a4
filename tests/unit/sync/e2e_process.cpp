// Implementation of e2e_process.hpp: posix_spawn with close-on-exec pipes, a poll loop with a
// deadline, a recursive-descent JSON reader, and a raw control-socket client.
#include "unit/sync/e2e_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

extern char** environ;

namespace candor::e2e {

// ---- JSON ------------------------------------------------------------------------------------

namespace {

const Json& null_json() {
    static const Json n;
    return n;
}

class JsonReader {
public:
    explicit JsonReader(const std::string& t) : t_(t) {}

    bool value(Json& out, int depth = 0) {
        if (depth > 64) return false;
        ws();
        if (i_ >= t_.size()) return false;
        const char c = t_[i_];
        if (c == '{') return object(out, depth);
        if (c == '[') return array(out, depth);
        if (c == '"') {
            out.type = Json::Type::string;
            return string(out.s);
        }
        if (word("true")) return out.type = Json::Type::boolean, out.b = true, true;
        if (word("false")) return out.type = Json::Type::boolean, out.b = false, true;
        if (word("null")) return out.type = Json::Type::null, true;
        return number(out);
    }
    bool at_end() {
        ws();
        return i_ == t_.size();
    }

private:
    void ws() {
        while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\n' || t_[i_] == '\r' || t_[i_] == '\t')) ++i_;
    }
    bool word(const char* w) {
        const std::size_t n = std::strlen(w);
        if (t_.compare(i_, n, w) != 0) return false;
        i_ += n;
        return true;
    }
    bool number(Json& out) {
        const std::size_t start = i_;
        while (i_ < t_.size() && std::strchr("+-0123456789.eE", t_[i_]) != nullptr) ++i_;
        if (start == i_) return false;
        try {
            out.n = std::stod(t_.substr(start, i_ - start));
        } catch (...) {
            return false;
        }
        out.type = Json::Type::number;
        return true;
    }
    static void put_utf8(std::string& s, unsigned cp) {
        if (cp < 0x80) {
            s += static_cast<char>(cp);
        } else if (cp < 0x800) {
            s += static_cast<char>(0xC0 | (cp >> 6));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            s += static_cast<char>(0xE0 | (cp >> 12));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            s += static_cast<char>(0xF0 | (cp >> 18));
            s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            s += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    bool hex4(unsigned& cp) {
        if (i_ + 4 > t_.size()) return false;
        cp = 0;
        for (int k = 0; k < 4; ++k) {
            const char h = t_[i_++];
            cp <<= 4;
            if (h >= '0' && h <= '9') cp |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f') cp |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') cp |= static_cast<unsigned>(h - 'A' + 10);
            else return false;
        }
        return true;
    }
    bool string(std::string& out) {
        ++i_;  // opening quote
        while (i_ < t_.size()) {
            const char c = t_[i_++];
            if (c == '"') return true;
            if (c != '\\') {
                out += c;
                continue;
            }
            if (i_ >= t_.size()) return false;
            const char e = t_[i_++];
            switch (e) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'u': {
                    unsigned cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xD800 && cp < 0xDC00 && t_.compare(i_, 2, "\\u") == 0) {
                        i_ += 2;
                        unsigned lo = 0;
                        if (!hex4(lo)) return false;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    }
                    put_utf8(out, cp);
                    break;
                }
                default: out += e;
            }
        }
        return false;
    }
    bool array(Json& out, int depth) {
        out.type = Json::Type::array;
        ++i_;
        ws();
        if (i_ < t_.size() && t_[i_] == ']') return ++i_, true;
        for (;;) {
            Json v;
            if (!value(v, depth + 1)) return false;
            out.a.push_back(std::move(v));
            ws();
            if (i_ >= t_.size()) return false;
            if (t_[i_] == ',') {
                ++i_;
                continue;
            }
            if (t_[i_] == ']') return ++i_, true;
            return false;
        }
    }
    bool object(Json& out, int depth) {
        out.type = Json::Type::object;
        ++i_;
        ws();
        if (i_ < t_.size() && t_[i_] == '}') return ++i_, true;
        for (;;) {
            ws();
            if (i_ >= t_.size() || t_[i_] != '"') return false;
            std::string key;
            if (!string(key)) return false;
            ws();
            if (i_ >= t_.size() || t_[i_++] != ':') return false;
            Json v;
            if (!value(v, depth + 1)) return false;
            out.o[key] = std::move(v);
            ws();
            if (i_ >= t_.size()) return false;
            if (t_[i_] == ',') {
                ++i_;
                continue;
            }
            if (t_[i_] == '}') return ++i_, true;
            return false;
        }
    }

    const std::string& t_;
    std::size_t i_ = 0;
};

int decode_status(int w) {
    if (WIFEXITED(w)) return WEXITSTATUS(w);
    if (WIFSIGNALED(w)) return -WTERMSIG(w);
    return -1;
}

pid_t spawn(const std::vector<std::string>& argv, posix_spawn_file_actions_t* actions, char** envp) {
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = -1;
    if (posix_spawn(&pid, args[0], actions, nullptr, args.data(), envp) != 0) return -1;
    return pid;
}

}  // namespace

const Json& Json::operator[](const std::string& key) const {
    if (type != Type::object) return null_json();
    auto it = o.find(key);
    return it == o.end() ? null_json() : it->second;
}

const Json& Json::operator[](std::size_t i) const {
    return type == Type::array && i < a.size() ? a[i] : null_json();
}

std::optional<Json> parse_json(const std::string& text) {
    JsonReader r(text);
    Json out;
    if (!r.value(out) || !r.at_end()) return std::nullopt;
    return out;
}

// ---- Processes -------------------------------------------------------------------------------

TempDir::TempDir(const std::string& tag) {
    static std::atomic<int> counter{0};
    std::random_device rd;
    path_ = fs::temp_directory_path() /
            ("candor-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
             std::to_string(rd() % 100000));
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

RunResult run(const std::vector<std::string>& argv, std::chrono::milliseconds timeout) {
    RunResult result;
    int out_pipe[2], err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0) return result;
    if (pipe2(err_pipe, O_CLOEXEC) != 0) {
        close(out_pipe[0]);
        close(out_pipe[1]);
        return result;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    const pid_t pid = spawn(argv, &actions, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (pid < 0) {
        close(out_pipe[0]);
        close(err_pipe[0]);
        result.err = "spawn failed: " + argv[0];
        return result;
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    int open_fds = 2;
    bool killed = false;
    while (open_fds > 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 && !killed) {
            ::kill(pid, SIGKILL);
            killed = true;
        }
        const int n = poll(fds, 2, killed ? 1000 : static_cast<int>(std::min<long long>(left.count(), 1000)));
        if (n < 0 && errno != EINTR) break;
        for (int k = 0; k < 2; ++k) {
            if (fds[k].fd < 0 || (fds[k].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
            char buf[65536];
            const ssize_t got = read(fds[k].fd, buf, sizeof buf);
            if (got > 0) {
                (k == 0 ? result.out : result.err).append(buf, static_cast<std::size_t>(got));
            } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
                close(fds[k].fd);
                fds[k].fd = -1;
                --open_fds;
            }
        }
    }
    for (auto& f : fds) {
        if (f.fd >= 0) close(f.fd);
    }
    int w = 0;
    while (waitpid(pid, &w, 0) < 0 && errno == EINTR) {
    }
    result.status = decode_status(w);
    return result;
}

Child::Child(const std::vector<std::string>& argv, const fs::path& log, const std::vector<std::string>& env)
    : log_(log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    std::vector<std::string> env_strings;
    for (char** e = environ; *e != nullptr; ++e) env_strings.emplace_back(*e);
    for (const std::string& e : env) env_strings.push_back(e);
    std::vector<char*> envp;
    for (std::string& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_ = spawn(argv, &actions, envp.data());
    posix_spawn_file_actions_destroy(&actions);
}

Child::~Child() {
    if (running()) {
        ::kill(pid_, SIGKILL);
        (void)wait_for(5s);
    }
}

bool Child::running() {
    if (pid_ < 0 || status_) return false;
    int w = 0;
    const pid_t r = waitpid(pid_, &w, WNOHANG);
    if (r == pid_) {
        status_ = decode_status(w);
        return false;
    }
    return r == 0;
}

void Child::signal(int signo) {
    if (running()) ::kill(pid_, signo);
}

std::optional<int> Child::wait_for(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (running()) {
        if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
        std::this_thread::sleep_for(5ms);
    }
    return status_;
}

std::string Child::log_text() const {
    std::ifstream in(log_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

fs::path candor_binary() { return fs::path(CANDOR_BINARY); }

fs::path fault_proxy_binary() { return candor_binary().parent_path() / "tools" / "udp_fault_proxy"; }

CliResult cli(const fs::path& dir, std::vector<std::string> args, std::chrono::milliseconds timeout) {
    std::vector<std::string> argv{candor_binary().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    argv.insert(argv.end(), {"--data-dir", dir.string(), "--json"});
    CliResult r;
    r.raw = run(argv, timeout);
    if (r.raw.status == 0) r.json = parse_json(r.raw.out);
    return r;
}

Serve::Serve(fs::path dir, std::string name, std::vector<std::string> extra)
    : dir_(std::move(dir)), name_(std::move(name)), extra_(std::move(extra)) {}

Serve::~Serve() {
    if (child_ && child_->running()) {
        child_->signal(SIGTERM);
        if (!child_->wait_for(5s)) child_->signal(SIGKILL);
    }
}

bool Serve::start(int port) {
    if (port >= 0) port_ = port;
    const fs::path log = dir_.parent_path() / (dir_.filename().string() + ".log");
    std::vector<std::string> argv{candor_binary().string(), "serve", "--data-dir", dir_.string(),
                                  "--port",                 std::to_string(port_), "--name", name_};
    argv.insert(argv.end(), extra_.begin(), extra_.end());
    child_ = std::make_unique<Child>(argv, log, std::vector<std::string>{"CANDOR_DEBUG=1"});
    ++starts_;
    const bool up = eventually(
        [&] {
            if (!child_->running()) return true;  // gave up: reported below
            CliResult s = cli(dir_, {"status"}, 5s);
            if (s.status() != 0 || !s.json) return false;
            port_ = static_cast<int>((*s.json)["port"].as_int());
            return true;
        },
        15s, 20ms);
    return up && child_->running() && port_ > 0;
}

bool Serve::stop(int signo) {
    if (!child_) return true;
    child_->signal(signo);
    return child_->wait_for(15s).has_value();
}

void Serve::kill9() {
    if (!child_) return;
    child_->signal(SIGKILL);
    (void)child_->wait_for(5s);
}

std::string Serve::why() const { return child_ ? child_->log_text() : std::string("not started"); }

// ---- Convenience -----------------------------------------------------------------------------

bool eventually(const std::function<bool()>& pred, std::chrono::milliseconds timeout, std::chrono::milliseconds step) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (pred()) return true;
        if (std::chrono::steady_clock::now() >= deadline) return false;
        std::this_thread::sleep_for(step);
    }
}

std::vector<Json> feed(const fs::path& dir) {
    CliResult r = cli(dir, {"feed", "--limit", "100000"});
    if (!r.json || r.json->type != Json::Type::array) return {};
    return r.json->a;
}

std::vector<std::string> ids_of(const std::vector<Json>& entries) {
    std::vector<std::string> ids;
    ids.reserve(entries.size());
    for (const Json& e : entries) ids.push_back(e["id"].s);
    return ids;
}

std::int64_t entry_count(const fs::path& dir) {
    CliResult r = cli(dir, {"status"}, 10s);
    return r.json ? (*r.json)["entries"].as_int() : -1;
}

std::int64_t undelivered_count(const fs::path& dir) {
    CliResult r = cli(dir, {"status"}, 10s);
    if (!r.json || (*r.json)["paired"].size() == 0) return -1;
    return (*r.json)["paired"][std::size_t{0}]["undelivered"].as_int();
}

CliResult pair(const Serve& a, const Serve& b, const std::string& peer) {
    CliResult invite = cli(a.dir(), {"pair", "invite"});
    if (!invite.json) return invite;
    return cli(b.dir(), {"pair", "join", (*invite.json)["code"].s, "--peer", peer, "--timeout", "20"});
}

int post_updates(const fs::path& dir, const std::string& prefix, int count, int parallel) {
    std::atomic<int> next{0}, saved{0};
    std::vector<std::thread> workers;
    for (int w = 0; w < parallel; ++w) {
        workers.emplace_back([&] {
            for (int i = next++; i < count; i = next++) {
                if (cli(dir, {"update", prefix + " " + std::to_string(i)}).status() == 0) ++saved;
            }
        });
    }
    for (std::thread& t : workers) t.join();
    return saved.load();
}

std::optional<std::string> control_request(const fs::path& dir, const std::string& request_json) {
    const std::string path = (dir / "control.sock").string();
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof addr.sun_path) return std::nullopt;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return std::nullopt;
    std::optional<std::string> out;
    if (connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0) {
        std::string frame(4, '\0');
        const auto n = static_cast<std::uint32_t>(request_json.size());
        for (int k = 0; k < 4; ++k) frame[static_cast<std::size_t>(k)] = static_cast<char>((n >> (8 * k)) & 0xFF);
        frame += request_json;
        if (write(fd, frame.data(), frame.size()) == static_cast<ssize_t>(frame.size())) {
            std::string got;
            char buf[4096];
            ssize_t r;
            while ((r = read(fd, buf, sizeof buf)) > 0) {
                got.append(buf, static_cast<std::size_t>(r));
                if (got.size() >= 4) {
                    std::uint32_t len = 0;
                    for (int k = 0; k < 4; ++k) len |= static_cast<std::uint32_t>(static_cast<unsigned char>(got[static_cast<std::size_t>(k)])) << (8 * k);
                    if (got.size() >= 4 + static_cast<std::size_t>(len)) {
                        out = got.substr(4, len);
                        break;
                    }
                }
            }
        }
    }
    close(fd);
    return out;
}

}  // namespace candor::e2e
