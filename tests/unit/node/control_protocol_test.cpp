// Control protocol: framing over a real socket pair (oversized, empty, truncated, garbage),
// request and response shapes.
#include <doctest/doctest.h>

#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "node/control_protocol.hpp"

using namespace candor;
using namespace candor::node;
using control::Clock;

namespace {

struct SocketPair {
    int a = -1;
    int b = -1;
    SocketPair() { REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, &a) == 0); }
    ~SocketPair() {
        close_a();
        if (b >= 0) ::close(b);
    }
    void close_a() {
        if (a >= 0) ::close(a);
        a = -1;
    }
    void send_raw(std::string_view bytes) const {
        REQUIRE(::send(a, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()));
    }
};

std::string header(std::uint32_t n) {
    std::string h;
    for (int i = 0; i < 4; ++i) h += static_cast<char>((n >> (8 * i)) & 0xFF);
    return h;
}

auto soon() { return Clock::now() + std::chrono::seconds(2); }

}  // namespace

TEST_CASE("control: a message round trips with a little-endian length") {
    SocketPair p;
    const json::Value msg = control::make_request(control::cmd::kUpdate,
                                                  json::Object{{"text", "at the gym"}});
    REQUIRE(control::write_message(p.a, msg, soon()).ok());
    // The wire bytes: length then the compact JSON.
    char buf[256];
    const ssize_t n = ::recv(p.b, buf, sizeof buf, 0);
    const std::string body = R"({"cmd":"update","args":{"text":"at the gym"}})";
    REQUIRE(n == static_cast<ssize_t>(4 + body.size()));
    CHECK(std::string(buf, 4) == header(static_cast<std::uint32_t>(body.size())));
    CHECK(std::string(buf + 4, body.size()) == body);

    // And read back through read_message, twice on one stream.
    REQUIRE(control::write_message(p.a, msg, soon()).ok());
    REQUIRE(control::write_message(p.a, json::Value(7), soon()).ok());
    auto first = control::read_message(p.b, soon());
    REQUIRE(first.ok());
    REQUIRE(first->has_value());
    CHECK(**first == msg);
    auto second = control::read_message(p.b, soon());
    REQUIRE(second.ok());
    CHECK(**second == json::Value(7));
}

TEST_CASE("control: a clean close between messages is not an error") {
    SocketPair p;
    p.close_a();
    auto r = control::read_message(p.b, soon());
    REQUIRE(r.ok());
    CHECK_FALSE(r->has_value());
}

TEST_CASE("control: oversized, empty, truncated and invalid messages are refused") {
    SUBCASE("length above 4 MiB is refused before reading the payload") {
        SocketPair p;
        p.send_raw(header(control::kMaxMessageBytes + 1));
        auto r = control::read_message(p.b, soon());
        REQUIRE_FALSE(r.ok());
        CHECK(r.message().find("too large") != std::string::npos);
    }
    SUBCASE("0xFFFFFFFF") {
        SocketPair p;
        p.send_raw("\xFF\xFF\xFF\xFF");
        CHECK(control::read_message(p.b, soon()).message().find("too large") != std::string::npos);
    }
    SUBCASE("zero length") {
        SocketPair p;
        p.send_raw(header(0));
        CHECK(control::read_message(p.b, soon()).message() == "empty control message");
    }
    SUBCASE("truncated payload") {
        SocketPair p;
        p.send_raw(header(100) + "{\"cmd\":");
        p.close_a();
        auto r = control::read_message(p.b, soon());
        REQUIRE_FALSE(r.ok());
        CHECK(r.message().find("closed in the middle") != std::string::npos);
    }
    SUBCASE("truncated header") {
        SocketPair p;
        p.send_raw(std::string("\x05\x00", 2));
        p.close_a();
        CHECK(control::read_message(p.b, soon()).message().find("closed in the middle") !=
              std::string::npos);
    }
    SUBCASE("payload that is not JSON") {
        SocketPair p;
        p.send_raw(header(5) + "hello");
        auto r = control::read_message(p.b, soon());
        REQUIRE_FALSE(r.ok());
        CHECK(r.message().find("invalid JSON") != std::string::npos);
        CHECK(r.message().find("line 1, column 1") != std::string::npos);
    }
    SUBCASE("a stalled sender hits the deadline") {
        SocketPair p;
        p.send_raw(header(10) + "{");
        auto r = control::read_message(p.b, Clock::now() + std::chrono::milliseconds(50));
        REQUIRE_FALSE(r.ok());
        CHECK(r.message().find("timed out") != std::string::npos);
    }
    SUBCASE("writing more than 4 MiB is refused") {
        SocketPair p;
        CHECK_FALSE(control::encode_frame(std::string(control::kMaxMessageBytes + 1, 'x')).ok());
        CHECK(control::encode_frame(std::string(control::kMaxMessageBytes, 'x')).ok());
        auto big = json::Value(std::string(control::kMaxMessageBytes, 'x'));
        CHECK(control::write_message(p.a, big, soon()).message().find("too large") !=
              std::string::npos);
    }
}

TEST_CASE("control: decode_frame_length bounds") {
    const unsigned char max[4] = {0x00, 0x00, 0x40, 0x00};  // exactly 4 MiB
    CHECK(*control::decode_frame_length(max) == control::kMaxMessageBytes);
    const unsigned char over[4] = {0x01, 0x00, 0x40, 0x00};
    CHECK_FALSE(control::decode_frame_length(over).ok());
    const unsigned char one[4] = {0x01, 0x00, 0x00, 0x00};
    CHECK(*control::decode_frame_length(one) == 1);
}

TEST_CASE("control: request and response shapes") {
    auto req = control::parse_request(control::make_request("feed", json::Object{{"limit", 5}}));
    REQUIRE(req.ok());
    CHECK(req->cmd == "feed");
    CHECK(req->args.find("limit")->if_int() != nullptr);
    CHECK(control::parse_request(json::Object{{"cmd", "status"}}).ok());  // args optional
    CHECK_FALSE(control::parse_request(json::Value(json::Array{})).ok());
    CHECK_FALSE(control::parse_request(json::Object{{"cmd", 3}}).ok());
    CHECK_FALSE(control::parse_request(json::Object{{"cmd", ""}}).ok());
    CHECK_FALSE(control::parse_request(json::Object{{"cmd", "x"}, {"args", json::Array{}}}).ok());

    auto ok = control::parse_response(control::make_ok_response(json::Object{{"a", 1}}));
    REQUIRE(ok.ok());
    CHECK(ok->ok);
    CHECK(ok->result["a"] == json::Value(1));

    auto err = control::parse_response(control::make_error_response(3, "unknown id\nabc"));
    REQUIRE(err.ok());
    CHECK_FALSE(err->ok);
    CHECK(err->code == 3);
    CHECK(err->error == "unknown id abc");  // kept to one line

    auto odd_code = control::parse_response(json::Object{{"ok", false}, {"code", 42}});
    REQUIRE(odd_code.ok());
    CHECK(odd_code->code == control::kCodeFailed);
    CHECK_FALSE(odd_code->error.empty());
    CHECK_FALSE(control::parse_response(json::Object{{"result", 1}}).ok());
    CHECK_FALSE(control::parse_response(json::Value("ok")).ok());
}
