// ControlServer and ControlClient over a Unix domain stream socket (control_socket.hpp).
#include "node/control_socket.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>
#include <string>

#include "node/control_protocol.hpp"
#include "store/data_dir.hpp"

namespace candor::node {

namespace fs = std::filesystem;
using control::Clock;

namespace {

std::string errno_string(int e) { return std::strerror(e); }

std::int64_t steady_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

std::string busy_message(const fs::path& dir) {
    return "the Candor node for " + dir.string() + " is busy; try again in a moment";
}

class UniqueFd {
public:
    explicit UniqueFd(int fd = -1) : fd_(fd) {}
    ~UniqueFd() { reset(); }
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    [[nodiscard]] int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }
    void reset(int fd = -1) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = fd;
    }

private:
    int fd_;
};

// sun_path holds 107 characters. A longer path is reached through /proc/self/fd/N/NAME with N
// an O_PATH descriptor of its directory, which Linux resolves like the real path.
struct UnixAddress {
    sockaddr_un sun{};
    socklen_t length = 0;
    UniqueFd dir_fd;
};

Status make_address(const fs::path& path, UnixAddress& out) {
    std::string text = path.string();
    if (text.size() >= sizeof(out.sun.sun_path)) {
        out.dir_fd.reset(::open(path.parent_path().c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (out.dir_fd.get() < 0)
            return make_error("cannot open " + path.parent_path().string() + ": " +
                              errno_string(errno));
        text = "/proc/self/fd/" + std::to_string(out.dir_fd.get()) + "/" +
               path.filename().string();
        if (text.size() >= sizeof(out.sun.sun_path))
            return make_error("the control socket name is too long: " + path.string());
    }
    out.sun.sun_family = AF_UNIX;
    std::memcpy(out.sun.sun_path, text.c_str(), text.size() + 1);
    out.length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + text.size() + 1);
    return {};
}

enum class ConnectState { connected, nobody, busy, failed };
struct ConnectOutcome {
    ConnectState state = ConnectState::failed;
    UniqueFd fd;
    std::string error;
};

// A missing socket file or a refused connection mean nobody is listening (a stale file from a
// crashed Node refuses); a full backlog means someone is, but busy, so it is retried.
void connect_socket(const fs::path& path, Clock::time_point deadline, ConnectOutcome& out) {
    UnixAddress address;
    if (Status s = make_address(path, address); !s) {
        out.error = s.message();
        return;
    }
    while (true) {
        out.fd.reset(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
        if (out.fd.get() < 0) {
            out.error = "cannot create a socket: " + errno_string(errno);
            return;
        }
        if (::connect(out.fd.get(), reinterpret_cast<const sockaddr*>(&address.sun),
                      address.length) == 0) {
            out.state = ConnectState::connected;
            return;
        }
        const int e = errno;
        out.fd.reset();
        if (e == ENOENT || e == ECONNREFUSED || e == ENOTDIR) {
            out.state = ConnectState::nobody;
            return;
        }
        if ((e == EAGAIN || e == EINTR) && Clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            continue;
        }
        if (e == EAGAIN) {
            out.state = ConnectState::busy;
            out.error = busy_message(path.parent_path());
            return;
        }
        out.error = "cannot connect to " + path.string() + ": " + errno_string(e);
        return;
    }
}

}  // namespace

std::string not_running_message(const fs::path& dir) {
    return "no Candor node is running for " + dir.string() +
           " (start it with 'candor' or 'candor serve')";
}

// ---- ControlServer -------------------------------------------------------------------------

ControlServer::ControlServer(fs::path path, Handler handler, Options options)
    : path_(std::move(path)), handler_(std::move(handler)), options_(options) {}

Result<std::unique_ptr<ControlServer>> ControlServer::start(const fs::path& dir, Handler handler,
                                                            Options options) {
    const fs::path path = dir / store::kControlSocketFile;
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
        if (!S_ISSOCK(st.st_mode))
            return make_error(path.string() + " exists and is not a socket; move it away");
        ConnectOutcome probe;
        connect_socket(path, Clock::now() + std::chrono::seconds(1), probe);
        if (probe.state == ConnectState::connected)
            return make_error("another Candor node is already running for " + dir.string());
        if (probe.state == ConnectState::busy)
            return make_error("another Candor node is already running for " + dir.string());
        if (probe.state == ConnectState::failed) return make_error(probe.error);
        if (::unlink(path.c_str()) != 0 && errno != ENOENT)
            return make_error("cannot remove the stale " + path.string() + ": " +
                              errno_string(errno));
    }

    std::unique_ptr<ControlServer> server(new ControlServer(path, std::move(handler), options));
    if (!server->options_.allowed_uid) server->options_.allowed_uid = ::geteuid();

    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (fd.get() < 0) return make_error("cannot create the control socket: " + errno_string(errno));
    UnixAddress address;
    if (Status s = make_address(path, address); !s) return s.error();
    // The socket file is created 0600 from the start; the chmod below only repeats it.
    const mode_t old_umask = ::umask(0177);
    const int bound = ::bind(fd.get(), reinterpret_cast<const sockaddr*>(&address.sun),
                             address.length);
    const int bind_errno = errno;
    ::umask(old_umask);
    if (bound != 0)
        return make_error("cannot create " + path.string() + ": " + errno_string(bind_errno));
    if (::chmod(path.c_str(), 0600) != 0 || ::lstat(path.c_str(), &st) != 0) {
        const int e = errno;
        ::unlink(path.c_str());
        return make_error("cannot secure " + path.string() + ": " + errno_string(e));
    }
    server->socket_dev_ = st.st_dev;
    server->socket_ino_ = st.st_ino;
    if (::listen(fd.get(), 32) != 0) {
        const int e = errno;
        ::unlink(path.c_str());
        return make_error("cannot listen on " + path.string() + ": " + errno_string(e));
    }
    int pipe_fds[2];
    if (::pipe2(pipe_fds, O_CLOEXEC | O_NONBLOCK) != 0) {
        const int e = errno;
        ::unlink(path.c_str());
        return make_error("cannot create a pipe: " + errno_string(e));
    }
    server->wake_read_fd_ = pipe_fds[0];
    server->wake_write_fd_ = pipe_fds[1];
    server->listen_fd_ = fd.release();
    server->accept_thread_ = std::thread([s = server.get()] { s->accept_loop(); });
    return server;
}

ControlServer::~ControlServer() { stop(); }

void ControlServer::stop() {
    if (stopped_.exchange(true)) return;
    // The byte is never read: the pipe stays readable, so every poll sees it from now on.
    const char byte = 1;
    [[maybe_unused]] const ssize_t w = ::write(wake_write_fd_, &byte, 1);
    if (accept_thread_.joinable()) accept_thread_.join();
    std::list<std::unique_ptr<Connection>> connections;
    {
        std::lock_guard lock(connections_mutex_);
        connections.swap(connections_);
    }
    for (auto& c : connections)
        if (c->thread.joinable()) c->thread.join();
    ::close(listen_fd_);
    // Only our own socket file: a newer Node may already have replaced it.
    struct stat st {};
    if (::lstat(path_.c_str(), &st) == 0 && st.st_dev == socket_dev_ && st.st_ino == socket_ino_)
        ::unlink(path_.c_str());
    ::close(wake_read_fd_);
    ::close(wake_write_fd_);
}

void ControlServer::reap_finished_connections() {
    std::lock_guard lock(connections_mutex_);
    for (auto it = connections_.begin(); it != connections_.end();) {
        if ((*it)->done.load()) {
            (*it)->thread.join();
            it = connections_.erase(it);
        } else {
            ++it;
        }
    }
}

bool ControlServer::evict_idle_connection() {
    Connection* oldest = nullptr;
    for (auto& c : connections_) {
        if (c->done.load() || c->in_handler.load() || c->fd < 0) continue;
        if (!oldest || c->idle_since_ns.load() < oldest->idle_since_ns.load()) oldest = c.get();
    }
    if (!oldest) return false;
    // Its thread sees the end of the stream and closes the descriptor (under this mutex, so it
    // is still open here). It stays in the list until reaped, so mark it as leaving now.
    ::shutdown(oldest->fd, SHUT_RDWR);
    oldest->idle_since_ns.store(std::numeric_limits<std::int64_t>::max());
    oldest->in_handler.store(true);
    return true;
}

void ControlServer::accept_loop() {
    while (!stopped_.load()) {
        pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_read_fd_, POLLIN, 0}};
        // Idle (no connection to reap later) means asleep until a client or stop() comes.
        bool any_connection = false;
        {
            std::lock_guard lock(connections_mutex_);
            any_connection = !connections_.empty();
        }
        const int n = ::poll(fds, 2, any_connection ? 1000 : -1);
        if (n < 0 && errno != EINTR) break;
        if ((fds[1].revents & POLLIN) != 0) break;
        reap_finished_connections();
        if (n <= 0 || (fds[0].revents & POLLIN) == 0) continue;

        UniqueFd fd(::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
        if (fd.get() < 0) {
            // Out of descriptors: back off instead of spinning on a readable listen socket.
            if (errno == EMFILE || errno == ENFILE)
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            continue;
        }
        std::lock_guard lock(connections_mutex_);
        std::size_t open = 0;
        for (const auto& c : connections_) open += c->done.load() ? 0 : 1;
        if (open >= options_.max_connections && !evict_idle_connection()) {
            (void)control::write_message(
                fd.get(), control::make_error_response(control::kCodeFailed, busy_message(path_.parent_path())),
                Clock::now() + std::chrono::milliseconds(100));
            continue;
        }
        auto connection = std::make_unique<Connection>();
        connection->idle_since_ns.store(steady_ns());
        connection->fd = fd.release();
        Connection& c = *connection;
        connections_.push_back(std::move(connection));
        c.thread = std::thread([this, &c] { serve_connection(c); });
    }
}

void ControlServer::serve_connection(Connection& connection) {
    const int fd = connection.fd;
    const auto reply_timeout = std::chrono::seconds(10);

    ucred peer{};
    socklen_t peer_length = sizeof peer;
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &peer_length) != 0 ||
        peer.uid != *options_.allowed_uid) {
        (void)control::write_message(
            fd,
            control::make_error_response(
                control::kCodeFailed, "refused: this Candor node only answers its own user"),
            Clock::now() + std::chrono::milliseconds(200));
    } else {
        while (!stopped_.load()) {
            auto message = control::read_message(fd, Clock::now() + options_.idle_timeout,
                                                 wake_read_fd_);
            if (!message) {
                // The stream cannot be resynchronised after a bad frame: answer, then close.
                if (!stopped_.load())
                    (void)control::write_message(
                        fd, control::make_error_response(control::kCodeBadInput, message.message()),
                        Clock::now() + std::chrono::milliseconds(200));
                break;
            }
            if (!message->has_value()) break;  // the client is done
            const json::Value& request = **message;

            json::Value response;
            connection.in_handler.store(true);
            if (auto parsed = control::parse_request(request); !parsed) {
                response = control::make_error_response(control::kCodeBadInput, parsed.message());
            } else {
                try {
                    response = handler_(request);
                } catch (const std::exception& e) {
                    response = control::make_error_response(
                        control::kCodeFailed, std::string("internal error in the node: ") + e.what());
                } catch (...) {
                    response = control::make_error_response(control::kCodeFailed,
                                                            "internal error in the node");
                }
            }
            connection.in_handler.store(false);
            connection.idle_since_ns.store(steady_ns());
            auto frame = control::encode_frame(json::write(response));
            if (!frame)
                frame = control::encode_frame(json::write(control::make_error_response(
                    control::kCodeFailed,
                    "the answer is too large for the control socket (over 4 MiB)")));
            if (!frame || !control::write_frame(fd, *frame, Clock::now() + reply_timeout)) break;
        }
    }
    std::lock_guard lock(connections_mutex_);
    ::close(fd);
    connection.fd = -1;
    connection.done.store(true);
}

// ---- ControlClient -------------------------------------------------------------------------

Result<json::Value> ControlClient::call(const fs::path& dir, const json::Value& request,
                                        std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    ConnectOutcome outcome;
    connect_socket(dir / store::kControlSocketFile, deadline, outcome);
    if (outcome.state == ConnectState::nobody) return make_error(not_running_message(dir));
    if (outcome.state == ConnectState::busy)
        return control::make_error_response(control::kCodeFailed, outcome.error);
    if (outcome.state == ConnectState::failed) return make_error(outcome.error);

    if (Status s = control::write_message(outcome.fd.get(), request, deadline); !s) {
        // A Node too busy to take the call answers at once and closes: read that answer.
        auto early = control::read_message(outcome.fd.get(), Clock::now() + std::chrono::milliseconds(200));
        if (early && early->has_value()) return std::move(**early);
        return make_error("could not send the request to the Candor node for " + dir.string() +
                          ": " + s.message());
    }
    auto response = control::read_message(outcome.fd.get(), deadline);
    if (!response) {
        if (Clock::now() >= deadline)
            return control::make_error_response(
                control::kCodeFailed, "the Candor node for " + dir.string() + " did not answer within " +
                                          std::to_string((timeout.count() + 999) / 1000) +
                                          " s; it may be busy: try again in a moment");
        return make_error("bad answer from the Candor node for " + dir.string() + ": " +
                          response.message());
    }
    if (!response->has_value())
        return make_error("the Candor node for " + dir.string() +
                          " closed the connection without answering");
    return std::move(**response);
}

}  // namespace candor::node
