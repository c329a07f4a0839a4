// Hostile input against a real `candor serve`, as a buggy or malicious local program would send
// it: terminal escapes and NUL in texts (refused, nothing stored), a 4 MiB control request
// (answered with a short error, the Node keeps answering), numbers that would overflow, and
// idle connections that must not lock the CLI out.
#include <doctest/doctest.h>

#include <unistd.h>

#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "net/pairing_code.hpp"
#include "node/control_protocol.hpp"
#include "node/control_socket.hpp"
#include "served.hpp"

using namespace candor;
using namespace candor::node::test;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

// Served, with requests straight over the socket, as any program of this user could send them.
struct Hostile : Served {
    node::control::Response request(std::string_view cmd, json::Object args) const {
        auto raw = node::ControlClient::call(data, node::control::make_request(cmd, std::move(args)), 30s);
        REQUIRE_MESSAGE(raw.ok(), (raw.ok() ? "" : raw.message()));
        auto response = node::control::parse_response(*raw);
        REQUIRE(response.ok());
        return *response;
    }
};

// Sends `payload` as one framed message (no JSON check on our side) and returns the answer.
std::optional<std::string> control_request_raw(const fs::path& dir, const std::string& payload) {
    const int fd = connect_control_socket(dir / "control.sock");
    std::string frame(4, '\0');
    const auto n = static_cast<std::uint32_t>(payload.size());
    for (int k = 0; k < 4; ++k) frame[static_cast<std::size_t>(k)] = static_cast<char>((n >> (8 * k)) & 0xFF);
    frame += payload;
    std::optional<std::string> out;
    std::size_t sent = 0;
    while (sent < frame.size()) {
        const ssize_t w = ::write(fd, frame.data() + sent, frame.size() - sent);
        if (w <= 0) break;
        sent += static_cast<std::size_t>(w);
    }
    std::string got;
    char buf[4096];
    ssize_t r;
    while ((r = ::read(fd, buf, sizeof buf)) > 0) {
        got.append(buf, static_cast<std::size_t>(r));
        if (got.size() < 4) continue;
        std::uint32_t len = 0;
        for (int k = 0; k < 4; ++k)
            len |= static_cast<std::uint32_t>(static_cast<unsigned char>(got[static_cast<std::size_t>(k)])) << (8 * k);
        if (got.size() >= 4 + static_cast<std::size_t>(len)) {
            out = got.substr(4, len);
            break;
        }
    }
    ::close(fd);
    return out;
}

}  // namespace

TEST_CASE("hostile input: terminal escapes and NUL in a text are refused and nothing is stored") {
    Hostile s;
    const std::string escapes = "ctrl\x01\x07\x1b[2J\x1b]0;pwned\x07";
    const ProcessResult r = s.cli({"update", escapes}, false);
    CHECK(r.status == 1);
    CHECK(r.err.find("control character") != std::string::npos);
    CHECK(r.err.find('\x1b') == std::string::npos);  // the error does not echo the escape itself
    CHECK(s.feed_count() == 0);

    // Around the CLI, straight through the socket: the Node applies the same rule.
    const auto nul = s.request("update", json::Object{{"text", std::string("before\0after", 12)}});
    CHECK_FALSE(nul.ok);
    CHECK(nul.code == node::control::kCodeBadInput);
    CHECK(nul.error.find("NUL") != std::string::npos);
    const auto csi = s.request("commit", json::Object{{"text", "call \xc2\x9b" "2J"}, {"due", 4'000'000'000'000}});
    CHECK_FALSE(csi.ok);
    CHECK(csi.error.find("U+009B") != std::string::npos);
    const auto bidi = s.request("update", json::Object{{"text", "at the gym \xe2\x80\xae" "7 litnu"}});
    CHECK_FALSE(bidi.ok);
    CHECK(bidi.error.find("text-direction") != std::string::npos);
    CHECK(s.feed_count() == 0);

    // Ordinary text with newlines, right-to-left script and emoji is kept as written.
    const auto fine = s.request("update", json::Object{{"text", "שלום\nback at 7 🙂"}});
    CHECK(fine.ok);
    CHECK(s.feed_count() == 1);
}

TEST_CASE("hostile input: a 4 MiB control request gets a short answer and the Node keeps going") {
    Hostile s;
    // One huge member name over a long array: the shape that once built a path string per value.
    std::string payload = R"({"cmd":"update","args":{")" + std::string(2u << 20, 'k') + R"(":[)";
    while (payload.size() < (4u << 20) - 64) payload += "1,";
    payload += "1]}}";
    REQUIRE(payload.size() <= node::control::kMaxMessageBytes);
    auto parsed = json::parse(payload);  // the same parser the Node runs
    REQUIRE(parsed.ok());
    auto raw = node::ControlClient::call(s.data, *parsed, 60s);
    REQUIRE_MESSAGE(raw.ok(), (raw.ok() ? "" : raw.message()));
    auto response = node::control::parse_response(*raw);
    REQUIRE(response.ok());
    CHECK_FALSE(response->ok);
    CHECK(response->error.size() < 200);  // no echo of the input

    // A malformed one of the same size: the parse error quotes a few dozen bytes at most.
    std::string bad = R"({"cmd":"update","args":{"text":")" + std::string(4u << 19, 'x') + "\x01" + R"("}})";
    auto answer = control_request_raw(s.data, bad);
    REQUIRE(answer.has_value());
    CHECK(answer->size() < 300);
    CHECK(s.cli({"status"}).status == 0);
}

TEST_CASE("hostile input: numbers that would overflow are refused at the Node") {
    Hostile s;
    constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
    constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
    for (const std::int64_t ttl : {kMax, kMin, std::int64_t{0}}) {
        const auto r = s.request("pair.invite", json::Object{{"ttl", ttl}});
        CHECK_FALSE(r.ok);
        CHECK(r.code == node::control::kCodeBadInput);
    }
    for (const std::int64_t timeout : {kMax, kMin}) {
        const auto r = s.request("pair.join", json::Object{{"code", net::PairingCode::generate().display()}, {"timeout", timeout}});
        CHECK_FALSE(r.ok);
        CHECK(r.code == node::control::kCodeBadInput);
    }
    const auto until = s.request("update", json::Object{{"text", "x"}, {"until", kMax}});
    CHECK_FALSE(until.ok);
    const auto due = s.request("commit", json::Object{{"text", "x"}, {"due", kMax}});
    CHECK_FALSE(due.ok);
    CHECK(s.feed_count() == 0);
}

TEST_CASE("hostile input: idle control connections do not lock the CLI out") {
    Hostile s;
    std::vector<int> idle;
    for (int i = 0; i < 24; ++i) idle.push_back(connect_control_socket(s.data / "control.sock"));
    for (int i = 0; i < 3; ++i) {
        const ProcessResult r = s.cli({"status"});
        CHECK(r.status == 0);
    }
    for (const int fd : idle) ::close(fd);
}
