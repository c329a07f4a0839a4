// ControlServer and ControlClient on a real Unix socket in a temporary directory: round trips,
// the socket's mode, stale sockets, concurrency, refusals and stop() with clients connected.
#include <doctest/doctest.h>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "node/control_protocol.hpp"
#include "node/control_socket.hpp"
#include "served.hpp"

using namespace candor;
using namespace candor::node;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "candor-ctl-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

json::Value echo_handler(const json::Value& request) {
    return control::make_ok_response(json::Object{{"echo", request}});
}


}  // namespace

TEST_CASE("control socket: no node gives exactly the spec's message") {
    TempDir dir;
    auto r = ControlClient::call(dir.path, control::make_request("status"), 1s);
    REQUIRE_FALSE(r.ok());
    CHECK(r.message() == "no Candor node is running for " + dir.path.string() +
                             " (start it with 'candor' or 'candor serve')");
    // A directory that does not exist at all is the same case.
    auto missing = ControlClient::call(dir.path / "nope", control::make_request("status"), 1s);
    CHECK(missing.message() == not_running_message(dir.path / "nope"));
}

TEST_CASE("control socket: round trip, mode 0600, removed on stop") {
    TempDir dir;
    auto server = ControlServer::start(dir.path, echo_handler);
    REQUIRE_MESSAGE(server.ok(), (server.ok() ? "" : server.message()));
    const fs::path sock = dir.path / "control.sock";
    CHECK((*server)->socket_path() == sock);

    struct stat st {};
    REQUIRE(::lstat(sock.c_str(), &st) == 0);
    CHECK(S_ISSOCK(st.st_mode));
    CHECK((st.st_mode & 0777) == 0600);

    const json::Value request = control::make_request(control::cmd::kFeed, json::Object{{"limit", 3}});
    auto r = ControlClient::call(dir.path, request, 2s);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.message()));
    auto response = control::parse_response(*r);
    REQUIRE(response.ok());
    CHECK(response->ok);
    CHECK(response->result["echo"] == request);

    (*server)->stop();
    CHECK_FALSE(fs::exists(fs::symlink_status(sock)));
    CHECK(ControlClient::call(dir.path, request, 1s).message() == not_running_message(dir.path));
    (*server)->stop();  // idempotent
}

TEST_CASE("control socket: malformed requests get a code-1 answer, the handler is not called") {
    TempDir dir;
    std::atomic<int> calls{0};
    auto server = ControlServer::start(dir.path, [&](const json::Value& req) {
        ++calls;
        return echo_handler(req);
    });
    REQUIRE(server.ok());
    auto r = ControlClient::call(dir.path, json::Object{{"args", json::Object{}}}, 2s);
    REQUIRE(r.ok());
    auto response = control::parse_response(*r);
    REQUIRE(response.ok());
    CHECK_FALSE(response->ok);
    CHECK(response->code == 1);
    CHECK(calls.load() == 0);

    // A raw garbage frame: answered with an error, then the connection is closed.
    const int fd = test::connect_control_socket(dir.path / "control.sock");
    const char frame[] = "\x03\x00\x00\x00xyz";
    REQUIRE(::send(fd, frame, 7, MSG_NOSIGNAL) == 7);
    auto answer = control::read_message(fd, control::Clock::now() + 2s);
    REQUIRE(answer.ok());
    REQUIRE(answer->has_value());
    CHECK((**answer)["code"] == json::Value(1));
    auto after = control::read_message(fd, control::Clock::now() + 2s);
    REQUIRE(after.ok());
    CHECK_FALSE(after->has_value());  // closed by the server
    ::close(fd);
    CHECK(calls.load() == 0);
}

TEST_CASE("control socket: a handler exception becomes a code-3 answer") {
    TempDir dir;
    auto server = ControlServer::start(dir.path, [](const json::Value&) -> json::Value {
        throw std::runtime_error("boom");
    });
    REQUIRE(server.ok());
    auto r = ControlClient::call(dir.path, control::make_request("status"), 2s);
    REQUIRE(r.ok());
    auto response = control::parse_response(*r);
    REQUIRE(response.ok());
    CHECK(response->code == 3);
    CHECK(response->error.find("boom") != std::string::npos);
}

TEST_CASE("control socket: a stale socket is replaced, a live one is not") {
    TempDir dir;
    const fs::path sock = dir.path / "control.sock";
    {
        // A socket file nobody listens on, as a crashed Node leaves it.
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        std::strncpy(addr.sun_path, sock.c_str(), sizeof addr.sun_path - 1);
        REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        ::close(fd);
        REQUIRE(fs::exists(fs::symlink_status(sock)));
    }
    CHECK(ControlClient::call(dir.path, control::make_request("status"), 1s).message() ==
          not_running_message(dir.path));
    auto first = ControlServer::start(dir.path, echo_handler);
    REQUIRE_MESSAGE(first.ok(), (first.ok() ? "" : first.message()));
    CHECK(ControlClient::call(dir.path, control::make_request("status"), 2s).ok());

    auto second = ControlServer::start(dir.path, echo_handler);
    REQUIRE_FALSE(second.ok());
    CHECK(second.message() == "another Candor node is already running for " + dir.path.string());
    // The first server is untouched by the refused second one.
    CHECK(ControlClient::call(dir.path, control::make_request("status"), 2s).ok());
}

TEST_CASE("control socket: a regular file in the way is not deleted") {
    TempDir dir;
    { std::ofstream(dir.path / "control.sock") << "mine"; }
    auto server = ControlServer::start(dir.path, echo_handler);
    REQUIRE_FALSE(server.ok());
    CHECK(server.message().find("is not a socket") != std::string::npos);
    CHECK(fs::is_regular_file(dir.path / "control.sock"));
}

TEST_CASE("control socket: another user is refused (SO_PEERCRED)") {
    TempDir dir;
    std::atomic<int> calls{0};
    ControlServer::Options options;
    options.allowed_uid = ::geteuid() + 1;  // we play the other user
    auto server = ControlServer::start(
        dir.path,
        [&](const json::Value& req) {
            ++calls;
            return echo_handler(req);
        },
        options);
    REQUIRE(server.ok());
    auto r = ControlClient::call(dir.path, control::make_request("status"), 2s);
    REQUIRE(r.ok());
    auto response = control::parse_response(*r);
    REQUIRE(response.ok());
    CHECK_FALSE(response->ok);
    CHECK(response->error.find("refused") != std::string::npos);
    CHECK(calls.load() == 0);
}

TEST_CASE("control socket: two clients are served concurrently") {
    TempDir dir;
    // Each handler waits until both are inside it: this only finishes if they run in parallel.
    std::mutex m;
    std::condition_variable cv;
    int inside = 0;
    auto server = ControlServer::start(dir.path, [&](const json::Value& req) {
        std::unique_lock lock(m);
        ++inside;
        cv.notify_all();
        const bool both = cv.wait_for(lock, 3s, [&] { return inside >= 2; });
        return control::make_ok_response(json::Object{{"both", both}, {"echo", req}});
    });
    REQUIRE(server.ok());
    auto call = [&](int i) {
        return ControlClient::call(dir.path, control::make_request("status", json::Object{{"i", i}}), 5s);
    };
    auto f1 = std::async(std::launch::async, call, 1);
    auto f2 = std::async(std::launch::async, call, 2);
    auto r1 = f1.get();
    auto r2 = f2.get();
    REQUIRE(r1.ok());
    REQUIRE(r2.ok());
    CHECK((*r1)["result"]["both"] == json::Value(true));
    CHECK((*r2)["result"]["both"] == json::Value(true));
    CHECK((*r1)["result"]["echo"]["args"]["i"] == json::Value(1));
    CHECK((*r2)["result"]["echo"]["args"]["i"] == json::Value(2));
}

TEST_CASE("control socket: stop() returns promptly with idle clients connected") {
    TempDir dir;
    auto server = ControlServer::start(dir.path, echo_handler);
    REQUIRE(server.ok());
    const int idle = test::connect_control_socket(dir.path / "control.sock");
    const int half = test::connect_control_socket(dir.path / "control.sock");
    REQUIRE(::send(half, "\x10\x00", 2, MSG_NOSIGNAL) == 2);  // half a header, then silence
    std::this_thread::sleep_for(50ms);
    const auto t0 = std::chrono::steady_clock::now();
    (*server)->stop();
    CHECK(std::chrono::steady_clock::now() - t0 < 2s);
    // Both connections were closed by the server.
    char c;
    CHECK(::recv(idle, &c, 1, 0) == 0);
    ::close(idle);
    ::close(half);
}

TEST_CASE("control socket: a client waiting on a slow handler gets its answer before stop") {
    TempDir dir;
    std::promise<void> entered;
    auto server = ControlServer::start(dir.path, [&](const json::Value& req) {
        entered.set_value();
        std::this_thread::sleep_for(200ms);
        return echo_handler(req);
    });
    REQUIRE(server.ok());
    auto call = std::async(std::launch::async, [&] {
        return ControlClient::call(dir.path, control::make_request("status"), 5s);
    });
    entered.get_future().wait();
    (*server)->stop();  // waits for the handler, which still answers
    auto r = call.get();
    REQUIRE(r.ok());
    CHECK((*r)["ok"] == json::Value(true));
}

TEST_CASE("control socket: a client times out on a handler that never answers in time") {
    TempDir dir;
    auto server = ControlServer::start(dir.path, [](const json::Value& req) {
        std::this_thread::sleep_for(600ms);
        return echo_handler(req);
    });
    REQUIRE(server.ok());
    auto r = ControlClient::call(dir.path, control::make_request("status"), 100ms);
    // A Node that is there but slow is "busy": an error answer with code 3, not "not running".
    REQUIRE(r.ok());
    auto response = control::parse_response(*r);
    REQUIRE(response.ok());
    CHECK_FALSE(response->ok);
    CHECK(response->code == control::kCodeFailed);
    CHECK(response->error.find("did not answer within") != std::string::npos);
}

TEST_CASE("control socket: a data directory with a path longer than sun_path works") {
    TempDir dir;
    fs::path deep = dir.path;
    while (deep.string().size() < 150) deep /= "a-rather-long-directory-name";
    fs::create_directories(deep);
    auto server = ControlServer::start(deep, echo_handler);
    REQUIRE_MESSAGE(server.ok(), (server.ok() ? "" : server.message()));
    CHECK(fs::exists(fs::symlink_status(deep / "control.sock")));
    auto r = ControlClient::call(deep, control::make_request("status"), 2s);
    REQUIRE(r.ok());
    CHECK((*r)["ok"] == json::Value(true));
}

TEST_CASE("control socket: idle connections make room, so they cannot lock the CLI out") {
    TempDir dir;
    ControlServer::Options options;
    options.max_connections = 4;
    auto server = ControlServer::start(dir.path, echo_handler, options);
    REQUIRE(server.ok());
    std::vector<int> idle;
    for (int i = 0; i < 12; ++i) idle.push_back(test::connect_control_socket(dir.path / "control.sock"));
    // Every call still gets its answer; each newcomer pushes out the longest-idle connection.
    for (int i = 0; i < 3; ++i) {
        auto r = ControlClient::call(dir.path, control::make_request("status"), 5s);
        REQUIRE(r.ok());
        CHECK((*r)["ok"] == json::Value(true));
    }
    for (int fd : idle) ::close(fd);
}

TEST_CASE("control socket: when every connection is working, a call is told 'busy' (code 3)") {
    TempDir dir;
    ControlServer::Options options;
    options.max_connections = 2;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::atomic<int> entered{0};
    auto server = ControlServer::start(
        dir.path,
        [&](const json::Value& req) {
            ++entered;
            released.wait();
            return echo_handler(req);
        },
        options);
    REQUIRE(server.ok());
    std::vector<std::future<Result<json::Value>>> working;
    for (int i = 0; i < 2; ++i)
        working.push_back(std::async(std::launch::async, [&] {
            return ControlClient::call(dir.path, control::make_request("status"), 10s);
        }));
    while (entered.load() < 2) std::this_thread::sleep_for(5ms);
    auto r = ControlClient::call(dir.path, control::make_request("status"), 5s);
    REQUIRE(r.ok());
    auto response = control::parse_response(*r);
    REQUIRE(response.ok());
    CHECK(response->code == control::kCodeFailed);
    CHECK(response->error.find("is busy; try again in a moment") != std::string::npos);
    release.set_value();
    for (auto& w : working) CHECK(w.get().ok());
}
