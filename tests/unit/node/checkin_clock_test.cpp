// The period of a check-in is the author's local date when it is made, at an injected clock and
// in a real time zone (Europe/Berlin): answers just before and just after local midnight are two
// days; the 25-hour day at the end of summer time is one day from 00:30 (+02:00) to 23:59 (+01:00).
#include <doctest/doctest.h>

#include <atomic>
#include <cstdlib>
#include <ctime>
#include <memory>
#include <optional>
#include <string>

#include "node/control_protocol.hpp"
#include "node/node.hpp"
#include "process_helpers.hpp"

using namespace candor;
using namespace candor::node;

namespace {

// Sets TZ for the test's lifetime (the Node reads local offsets through localtime_r).
struct TimeZone {
    std::optional<std::string> before;
    explicit TimeZone(const char* tz) {
        if (const char* old = std::getenv("TZ")) before = old;
        setenv("TZ", tz, 1);
        tzset();
    }
    ~TimeZone() {
        if (before) setenv("TZ", before->c_str(), 1);
        else unsetenv("TZ");
        tzset();
    }
};

json::Value checkin(Node& node, int safe) {
    auto r = control::parse_response(node.call(control::make_request(
        control::cmd::kCheckin, json::Object{{"type", "daily"}, {"safe", safe}, {"connected", 3}, {"trust", 3}})));
    REQUIRE(r.ok());
    INFO(r->error);
    REQUIRE(r->ok);
    return r->result;
}

}  // namespace

TEST_CASE("checkin node: the period follows the local date at midnight and across the end of summer time") {
    TimeZone berlin("Europe/Berlin");
    test::TempDir tmp;
    auto now = std::make_shared<std::atomic<std::int64_t>>(1'792'881'000'000);  // 2026-10-25T00:30+02:00
    NodeOptions options;
    options.data_dir = tmp.path();
    options.port = 0;
    options.control_socket = false;
    options.discovery = false;
    options.clock = [now] { return now->load(); };
    auto started = Node::start(std::move(options));
    REQUIRE(started.ok());
    Node& node = **started;

    const json::Value first = checkin(node, 2);
    CHECK(first.get_string("period") == "2026-10-25");
    CHECK(first.get_string("created_at") == "2026-10-25T00:30:00+02:00");
    now->store(1'792'969'140'000);  // 2026-10-25T23:59+01:00: still the same (25-hour) day
    const json::Value second = checkin(node, 3);
    CHECK(second.get_string("period") == "2026-10-25");
    CHECK(second.get_string("replaces") == first.get_string("id"));
    now->store(1'792'969'230'000);  // 2026-10-26T00:00:30+01:00: a new day, a new answer
    const json::Value third = checkin(node, 4);
    CHECK(third.get_string("period") == "2026-10-26");
    CHECK(third["replaces"].is_null());
    auto list = control::parse_response(node.call(control::make_request(control::cmd::kCheckins)));
    REQUIRE(list.ok());
    REQUIRE(list->result.if_array()->size() == 2);
    CHECK(list->result[0].get_string("period") == "2026-10-26");
    CHECK(list->result[1]["mine"].get_int("safe") == 3);

    // Nobody answered the 25th: after that day its author may open it by choice; today's can't yet.
    const auto call = [&](std::string_view cmd, const std::string& id) {
        auto r = control::parse_response(node.call(control::make_request(cmd, json::Object{{"id", id}})));
        REQUIRE(r.ok());
        return *r;
    };
    const std::string today = third.get_string("id").value_or("");
    const control::Response early = call(control::cmd::kCheckinReveal, today);
    CHECK_FALSE(early.ok);
    CHECK(early.error.find("not over yet") != std::string::npos);
    const control::Response opened = call(control::cmd::kCheckinReveal, second.get_string("id").value_or(""));
    REQUIRE_MESSAGE(opened.ok, opened.error);
    CHECK(opened.result.get_string("kind") == "checkin_key");
    CHECK_FALSE(call(control::cmd::kCheckinWithdraw, second.get_string("id").value_or("")).ok);  // open: stays
    CHECK_FALSE(call(control::cmd::kCheckinReveal, first.get_string("id").value_or("")).ok);     // replaced
    const control::Response withdrawn = call(control::cmd::kCheckinWithdraw, today);
    REQUIRE_MESSAGE(withdrawn.ok, withdrawn.error);
    list = control::parse_response(node.call(control::make_request(control::cmd::kCheckins)));
    REQUIRE(list.ok());
    REQUIRE(list->result.if_array()->size() == 1);  // the withdrawn day has no answer left
    CHECK(list->result[0].get_string("period") == "2026-10-25");
}
