// JSON parser and writer: valid documents, every kind of malformed input with its position,
// limits (depth, size), number ranges and Unicode escapes.
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "node/json.hpp"

using namespace candor;
using json::Value;

namespace {
Value parse_ok(std::string_view text) {
    auto r = json::parse(text);
    INFO(text);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.message()));
    return *r;
}
std::string parse_error(std::string_view text, const json::ParseLimits& limits = {}) {
    auto r = json::parse(text, limits);
    INFO(text);
    REQUIRE_FALSE(r.ok());
    return r.message();
}
}  // namespace

TEST_CASE("json: scalars and containers parse to the right types") {
    CHECK(parse_ok("null").is_null());
    CHECK(*parse_ok("true").if_bool() == true);
    CHECK(*parse_ok(" false ").if_bool() == false);
    CHECK(*parse_ok("0").if_int() == 0);
    CHECK(*parse_ok("-42").if_int() == -42);
    CHECK(*parse_ok("9223372036854775807").if_int() == INT64_MAX);
    CHECK(*parse_ok("-9223372036854775808").if_int() == INT64_MIN);
    CHECK(*parse_ok("1.5").if_double() == 1.5);
    CHECK(*parse_ok("-2e3").if_double() == -2000.0);
    CHECK(*parse_ok("1E+2").if_double() == 100.0);
    CHECK(*parse_ok("\"hi\"").if_string() == "hi");

    Value v = parse_ok(R"({"b": [1, 2, {"c": null}], "a": "x", "e": {}, "f": []})");
    REQUIRE(v.is_object());
    const json::Object& o = *v.if_object();
    REQUIRE(o.size() == 4);
    // Insertion order is kept, not sorted.
    auto it = o.begin();
    CHECK(it->first == "b");
    CHECK((++it)->first == "a");
    CHECK(v["b"][2].find("c")->is_null());
    CHECK(v["b"][1] == Value(2));
    CHECK(v["missing"].is_null());
    CHECK(v["b"][7].is_null());
    CHECK(v.get_string("a") == "x");
    CHECK_FALSE(v.get_int("a").has_value());
}

TEST_CASE("json: integers beyond int64 become doubles, beyond double are refused") {
    Value big = parse_ok("9223372036854775808");
    REQUIRE(big.is_double());
    CHECK(*big.if_double() == doctest::Approx(9.223372036854775808e18));
    CHECK(parse_ok("123456789012345678901234567890").is_double());
    CHECK(parse_ok("1e308").is_double());
    CHECK(*parse_ok("1e-400").if_double() == 0.0);  // underflow is harmless
    CHECK(parse_error("1e309").find("number out of range") != std::string::npos);
    CHECK(parse_error("-1e400").find("number out of range") != std::string::npos);
    CHECK(parse_error(std::string(400, '9')).find("number out of range") != std::string::npos);
}

TEST_CASE("json: strings with escapes, UTF-8 and surrogate pairs") {
    CHECK(*parse_ok(R"("a\"b\\c\/d\b\f\n\r\t")").if_string() == "a\"b\\c/d\b\f\n\r\t");
    CHECK(*parse_ok(R"("\u00e9\u20AC")").if_string() == "\xC3\xA9\xE2\x82\xAC");
    CHECK(*parse_ok(R"("\ud83d\ude00")").if_string() == "\xF0\x9F\x98\x80");  // U+1F600
    CHECK(*parse_ok("\"caf\xC3\xA9 \xF0\x9F\x98\x80\"").if_string() == "caf\xC3\xA9 \xF0\x9F\x98\x80");
    CHECK(*parse_ok(R"("\u0000")").if_string() == std::string(1, '\0'));

    CHECK(parse_error(R"("\ud83d")").find("surrogate") != std::string::npos);
    CHECK(parse_error(R"("\ud83dx")").find("surrogate") != std::string::npos);
    CHECK(parse_error(R"("\ud83d\u0041")").find("surrogate") != std::string::npos);
    CHECK(parse_error(R"("\ude00")").find("surrogate") != std::string::npos);
    CHECK(parse_error(R"("\u12G4")").find("hex digit") != std::string::npos);
    CHECK(parse_error(R"("\u12")").find("\\u") != std::string::npos);
    CHECK(parse_error(R"("\x")").find("invalid escape") != std::string::npos);
    CHECK(parse_error("\"a\nb\"").find("control character") != std::string::npos);
    CHECK(parse_error("\"abc").find("unterminated") != std::string::npos);
    // Invalid UTF-8: stray continuation, overlong '/', encoded surrogate, above U+10FFFF, cut.
    for (const char* bad : {"\"\x80\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\xF4\x90\x80\x80\"",
                            "\"\xE2\x82\""}) {
        CHECK(parse_error(bad).find("invalid UTF-8") != std::string::npos);
    }
}

TEST_CASE("json: malformed documents are refused with line and column") {
    CHECK(parse_error("") == "line 1, column 1: unexpected end of input, expected a value");
    CHECK(parse_error("{\n  \"a\": 1,\n  \"b\" 2\n}") ==
          "line 3, column 7: expected ':' after the member name");
    CHECK(parse_error("[1, 2,]") == "line 1, column 7: unexpected character ']', expected a value");
    CHECK(parse_error("{\"a\": 1,}") == "line 1, column 9: expected a member name in quotes");
    CHECK(parse_error("[1 2]") == "line 1, column 4: expected ',' or ']' after an array element");
    CHECK(parse_error("{\"a\": 1 \"b\": 2}").find("column 9") != std::string::npos);
    CHECK(parse_error("[1] x") == "line 1, column 5: unexpected data after the JSON value");
    CHECK(parse_error("tru") == "line 1, column 1: invalid literal, expected a value");
    CHECK(parse_error("nul") == "line 1, column 1: invalid literal, expected a value");
    CHECK(parse_error("01") == "line 1, column 1: leading zeros are not allowed");
    CHECK(parse_error("-").find("expected a digit") != std::string::npos);
    CHECK(parse_error("1.").find("decimal point") != std::string::npos);
    CHECK(parse_error("1e").find("exponent") != std::string::npos);
    CHECK(parse_error("+1").find("unexpected character '+'") != std::string::npos);
    CHECK(parse_error("// comment\n1").find("line 1, column 1") != std::string::npos);
    CHECK(parse_error("{\"a\": 1, \"a\": 2}") == "line 1, column 10: duplicate member name 'a'");
    // Columns count characters, not bytes: "é" is one column.
    CHECK(parse_error("[\"\xC3\xA9\", x]") == "line 1, column 7: unexpected character 'x', expected a value");
    CHECK(parse_error("[1,\n\n   ?]") == "line 3, column 4: unexpected character '?', expected a value");
    CHECK(parse_error("[\x01]").find("0x01") != std::string::npos);
}

TEST_CASE("json: duplicate keys are found in large objects too") {
    std::string doc = "{";
    for (int i = 0; i < 40; ++i) doc += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
    doc += "\"k3\": 0}";
    CHECK(parse_error(doc).find("duplicate member name 'k3'") != std::string::npos);
    // A huge duplicate key is quoted in a few dozen bytes, not echoed whole.
    const std::string key(100'000, 'k');
    const std::string error = parse_error("{\"" + key + "\": 1, \"" + key + "\": 2}");
    CHECK(error.find("duplicate member name") != std::string::npos);
    CHECK(error.size() < 120);
    doc.replace(doc.rfind("\"k3\""), 4, "\"k99\"");
    CHECK(parse_ok(doc).if_object()->size() == 41);
}

TEST_CASE("json: depth and size limits") {
    const std::string ok_nesting = std::string(64, '[') + std::string(64, ']');
    CHECK(parse_ok(ok_nesting).is_array());
    const std::string bomb = std::string(65, '[') + std::string(65, ']');
    CHECK(parse_error(bomb).find("nesting deeper than 64 levels") != std::string::npos);
    // A depth bomb far beyond the limit fails fast instead of overflowing the stack.
    CHECK(parse_error(std::string(1'000'000, '[')).find("nesting") != std::string::npos);
    CHECK(parse_error(std::string(100, '{'), {4u << 20, 64}).find("member name") != std::string::npos);

    json::ParseLimits small{16, 64};
    CHECK(json::parse("\"0123456789012\"", small).ok());
    CHECK(parse_error("\"01234567890123456789\"", small).find("larger than 16 bytes") !=
          std::string::npos);
}

TEST_CASE("json: positions of values by path") {
    json::PositionMap positions;
    auto r = json::parse("{\n  \"title\": \"x\",\n  \"items\": [\n    {\"by\": \"me\"}\n  ]\n}", {},
                         &positions);
    REQUIRE(r.ok());
    CHECK(positions.at("").line == 1);
    CHECK(positions.at("title").line == 2);
    CHECK(positions.at("title").column == 12);
    CHECK(positions.at("items").line == 3);
    CHECK(positions.at("items[0]").line == 4);
    CHECK(positions.at("items[0].by").line == 4);
    CHECK(positions.at("items[0].by").column == 12);
    CHECK(json::member_path("", "a") == "a");

    // One long line: columns are still exact, a long key is cut in the paths below it, and the
    // map holds a bounded number of positions however many values there are.
    const std::string key(5000, 'k');
    std::string line = "{\"" + key + "\": [";
    for (int i = 0; i < 30'000; ++i) line += "1,";
    line += "2], \"end\": true}";
    json::PositionMap many;
    REQUIRE(json::parse(line, {}, &many).ok());
    CHECK(many.size() <= 10'000);
    CHECK(many.at(key.substr(0, 64)).column == key.size() + 6);
    CHECK(many.at(key.substr(0, 64) + "[1]").column == key.size() + 9);
    CHECK(many.count(key) == 0);
    CHECK(json::element_path("a.b", 2) == "a.b[2]");
}

TEST_CASE("json: writer output, compact and pretty, round trips") {
    json::Object o{{"s", "a\"b\\\n\x01"}, {"i", -7}, {"d", 1.0}, {"t", true}, {"n", nullptr},
                   {"a", json::Array{1, "x"}}, {"e", json::Object{}}, {"ea", json::Array{}}};
    const Value v(o);
    CHECK(json::write(v) ==
          R"({"s":"a\"b\\\n\u0001","i":-7,"d":1.0,"t":true,"n":null,"a":[1,"x"],"e":{},"ea":[]})");
    CHECK(json::write_pretty(Value(json::Object{{"a", json::Array{1, 2}}, {"b", json::Object{}}})) ==
          "{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {}\n}");
    for (const std::string& text : {json::write(v), json::write_pretty(v)}) {
        auto back = json::parse(text);
        REQUIRE(back.ok());
        CHECK(*back == v);
        CHECK(back->find("d")->is_double());  // 1.0 stays a double
    }
    CHECK(json::write(Value(0.1)) == "0.1");
    CHECK(json::write(Value(1e300)) == "1e+300");
    CHECK(json::write(Value(std::numeric_limits<double>::quiet_NaN())) == "null");
    CHECK(json::write(Value(INT64_MIN)) == "-9223372036854775808");
    CHECK(json::write(Value("\xF0\x9F\x98\x80")) == "\"\xF0\x9F\x98\x80\"");
    // Invalid UTF-8 never leaks into the output.
    const std::string written = json::write(Value(std::string("a\xFF" "b\xC3")));
    CHECK(written == R"("a\ufffdb\ufffd")");
    CHECK(json::parse(written).ok());
}

TEST_CASE("json: objects keep order, replace on set and compare by content") {
    json::Object o;
    o["b"] = 1;
    o["a"] = 2;
    o.set("b", 3);
    CHECK(json::write(Value(o)) == R"({"b":3,"a":2})");
    json::Object p{{"a", 2}, {"b", 3}};
    CHECK(o == p);  // same members, other order
    p.set("c", 0);
    CHECK_FALSE(o == p);
    CHECK(p.erase("c"));
    CHECK_FALSE(p.erase("c"));
    CHECK(o == p);
    CHECK_FALSE(Value(1) == Value(1.0));
    CHECK(json::is_valid_utf8("h\xC3\xA9"));
    CHECK_FALSE(json::is_valid_utf8("h\xC3"));
}
