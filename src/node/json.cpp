// JSON parser (strict, limited, with positions) and writer for json.hpp.
#include "node/json.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cmath>
#include <string>
#include <unordered_set>

namespace candor::json {

// ---- Object / Value ------------------------------------------------------------------------

Object::Object(std::initializer_list<Member> members) {
    for (const auto& m : members) set(m.first, m.second);
}

const Value* Object::find(std::string_view key) const {
    for (const auto& m : members_)
        if (m.first == key) return &m.second;
    return nullptr;
}

Value* Object::find(std::string_view key) {
    for (auto& m : members_)
        if (m.first == key) return &m.second;
    return nullptr;
}

Value& Object::operator[](std::string_view key) {
    if (Value* v = find(key)) return *v;
    members_.emplace_back(std::string(key), Value{});
    return members_.back().second;
}

void Object::set(std::string key, Value value) {
    if (Value* v = find(key)) {
        *v = std::move(value);
        return;
    }
    members_.emplace_back(std::move(key), std::move(value));
}

bool Object::erase(std::string_view key) {
    for (auto it = members_.begin(); it != members_.end(); ++it) {
        if (it->first == key) {
            members_.erase(it);
            return true;
        }
    }
    return false;
}

bool Object::operator==(const Object& other) const {
    if (members_.size() != other.members_.size()) return false;
    for (const auto& m : members_) {
        const Value* o = other.find(m.first);
        if (o == nullptr || !(*o == m.second)) return false;
    }
    return true;
}

namespace {
const Value& null_value() {
    static const Value null;
    return null;
}
}  // namespace

std::optional<double> Value::as_number() const {
    if (const auto* i = if_int()) return static_cast<double>(*i);
    if (const auto* d = if_double()) return *d;
    return std::nullopt;
}

const Value* Value::find(std::string_view key) const {
    const Object* o = if_object();
    return o == nullptr ? nullptr : o->find(key);
}

const Value& Value::operator[](std::string_view key) const {
    const Value* v = find(key);
    return v == nullptr ? null_value() : *v;
}

const Value& Value::operator[](std::size_t index) const {
    const Array* a = if_array();
    return (a == nullptr || index >= a->size()) ? null_value() : (*a)[index];
}

std::optional<std::string> Value::get_string(std::string_view key) const {
    const Value* v = find(key);
    if (v == nullptr || !v->is_string()) return std::nullopt;
    return *v->if_string();
}

std::optional<std::int64_t> Value::get_int(std::string_view key) const {
    const Value* v = find(key);
    if (v == nullptr || !v->is_int()) return std::nullopt;
    return *v->if_int();
}

std::optional<bool> Value::get_bool(std::string_view key) const {
    const Value* v = find(key);
    if (v == nullptr || !v->is_bool()) return std::nullopt;
    return *v->if_bool();
}

std::string member_path(std::string_view parent, std::string_view key) {
    std::string out(parent);
    if (!out.empty()) out += '.';
    out += key;
    return out;
}

std::string element_path(std::string_view parent, std::size_t index) {
    return std::string(parent) + "[" + std::to_string(index) + "]";
}

// ---- UTF-8 ---------------------------------------------------------------------------------

namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid (overlong forms,
// surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    std::uint32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0;  // overlong
    if (cp >= 0xD800 && cp <= 0xDFFF) return 0;                          // surrogate
    if (cp > 0x10FFFF) return 0;
    return n;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_sequence_length(text, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

// ---- Parser --------------------------------------------------------------------------------

struct ParseFailure {
    std::size_t offset;
    std::string what;
};

class Parser {
public:
    Parser(std::string_view text, const ParseLimits& limits, PositionMap* positions)
        : s_(text), limits_(limits), positions_(positions) {}

    Result<Value> run() {
        try {
            if (s_.size() > limits_.max_bytes)
                return make_error("the document is larger than " +
                                  std::to_string(limits_.max_bytes) + " bytes");
            skip_ws();
            Value v = parse_value("", 0);
            skip_ws();
            if (pos_ != s_.size()) fail("unexpected data after the JSON value");
            return v;
        } catch (const ParseFailure& f) {
            const SourcePosition p = position_of(f.offset);
            return make_error("line " + std::to_string(p.line) + ", column " +
                              std::to_string(p.column) + ": " + f.what);
        }
    }

private:
    [[noreturn]] void fail(std::string what) const { throw ParseFailure{pos_, std::move(what)}; }
    [[noreturn]] void fail_at(std::size_t offset, std::string what) const {
        throw ParseFailure{offset, std::move(what)};
    }

    // The column counts code points, as an editor shows them.
    SourcePosition position_of(std::size_t offset) const {
        std::size_t line = 1;
        std::size_t line_start = 0;
        for (std::size_t i = 0; i < offset && i < s_.size(); ++i) {
            if (s_[i] == '\n') {
                ++line;
                line_start = i + 1;
            }
        }
        std::size_t column = 1;
        for (std::size_t i = line_start; i < offset && i < s_.size(); ++i)
            if ((static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80) ++column;
        return {line, column};
    }

    void skip_ws() {
        while (pos_ < s_.size()) {
            const char c = s_[pos_];
            if (c == '\n') {
                ++line_;
                line_start_ = pos_ + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            ++pos_;
        }
    }

    void record(const std::string& path) {
        if (positions_ == nullptr) return;
        std::size_t column = 1;
        for (std::size_t i = line_start_; i < pos_; ++i)
            if ((static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80) ++column;
        (*positions_)[path] = SourcePosition{line_, column};
    }

    Value parse_value(const std::string& path, std::size_t depth) {
        if (pos_ >= s_.size()) fail("unexpected end of input, expected a value");
        record(path);
        const char c = s_[pos_];
        switch (c) {
            case '{': return parse_object(path, depth + 1);
            case '[': return parse_array(path, depth + 1);
            case '"': return Value(parse_string());
            case 't': expect_word("true"); return Value(true);
            case 'f': expect_word("false"); return Value(false);
            case 'n': expect_word("null"); return Value(nullptr);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
                fail(std::string("unexpected character ") + describe(c) + ", expected a value");
        }
    }

    static std::string describe(char c) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u < 0x7F) return std::string("'") + c + "'";
        char buf[8];
        std::snprintf(buf, sizeof buf, "0x%02X", u);
        return buf;
    }

    void expect_word(std::string_view word) {
        if (s_.substr(pos_, word.size()) != word) fail("invalid literal, expected a value");
        pos_ += word.size();
    }

    void check_depth(std::size_t depth) const {
        if (depth > limits_.max_depth)
            fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    }

    Value parse_object(const std::string& path, std::size_t depth) {
        check_depth(depth);
        ++pos_;  // '{'
        Object obj;
        std::unordered_set<std::string> seen;  // only used once the object gets large
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == '}') {
            ++pos_;
            return Value(std::move(obj));
        }
        while (true) {
            skip_ws();
            if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a member name in quotes");
            const std::size_t key_at = pos_;
            std::string key = parse_string();
            const bool duplicate = obj.members_.size() < 16 ? obj.find(key) != nullptr
                                                             : !seen.insert(key).second;
            if (duplicate) fail_at(key_at, "duplicate member name \"" + key + "\"");
            if (obj.members_.size() == 15)
                for (const auto& m : obj.members_) seen.insert(m.first);
            skip_ws();
            if (pos_ >= s_.size() || s_[pos_] != ':') fail("expected ':' after the member name");
            ++pos_;
            skip_ws();
            std::string child = member_path(path, key);
            Value v = parse_value(child, depth);
            obj.members_.emplace_back(std::move(key), std::move(v));
            skip_ws();
            if (pos_ >= s_.size()) fail("unexpected end of input, expected ',' or '}'");
            if (s_[pos_] == '}') {
                ++pos_;
                return Value(std::move(obj));
            }
            if (s_[pos_] != ',') fail("expected ',' or '}' after an object member");
            ++pos_;
        }
    }

    Value parse_array(const std::string& path, std::size_t depth) {
        check_depth(depth);
        ++pos_;  // '['
        Array arr;
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == ']') {
            ++pos_;
            return Value(std::move(arr));
        }
        while (true) {
            skip_ws();
            arr.push_back(parse_value(element_path(path, arr.size()), depth));
            skip_ws();
            if (pos_ >= s_.size()) fail("unexpected end of input, expected ',' or ']'");
            if (s_[pos_] == ']') {
                ++pos_;
                return Value(std::move(arr));
            }
            if (s_[pos_] != ',') fail("expected ',' or ']' after an array element");
            ++pos_;
        }
    }

    std::uint32_t parse_hex4() {
        if (pos_ + 4 > s_.size()) fail("incomplete \\u escape");
        std::uint32_t v = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = s_[pos_++];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<std::uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<std::uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<std::uint32_t>(c - 'A' + 10);
            else fail_at(pos_ - 1, "invalid hex digit in \\u escape");
        }
        return v;
    }

    std::string parse_string() {
        ++pos_;  // opening quote
        std::string out;
        while (true) {
            if (pos_ >= s_.size()) fail("unterminated string");
            const auto c = static_cast<unsigned char>(s_[pos_]);
            if (c == '"') {
                ++pos_;
                return out;
            }
            if (c < 0x20) fail("control character in a string (escape it)");
            if (c == '\\') {
                parse_escape(out);
                continue;
            }
            const std::size_t n = utf8_sequence_length(s_, pos_);
            if (n == 0) fail("invalid UTF-8 in a string");
            out.append(s_.substr(pos_, n));
            pos_ += n;
        }
    }

    void parse_escape(std::string& out) {
        const std::size_t start = pos_;
        if (pos_ + 1 >= s_.size()) fail("unterminated string");
        const char e = s_[pos_ + 1];
        pos_ += 2;
        switch (e) {
            case '"': out += '"'; return;
            case '\\': out += '\\'; return;
            case '/': out += '/'; return;
            case 'b': out += '\b'; return;
            case 'f': out += '\f'; return;
            case 'n': out += '\n'; return;
            case 'r': out += '\r'; return;
            case 't': out += '\t'; return;
            case 'u': break;
            default: fail_at(start, "invalid escape sequence");
        }
        std::uint32_t cp = parse_hex4();
        if (cp >= 0xDC00 && cp <= 0xDFFF) fail_at(start, "lone low surrogate in \\u escape");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (s_.substr(pos_, 2) != "\\u") fail_at(start, "high surrogate without its pair");
            pos_ += 2;
            const std::uint32_t low = parse_hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail_at(start, "high surrogate without its pair");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        }
        append_utf8(out, cp);
    }

    // Position of the first significant digit relative to the decimal point, plus the exponent:
    // positive for numbers >= 1, so an out-of-range result with it positive is an overflow.
    static long long decimal_magnitude(std::string_view num) {
        if (!num.empty() && num[0] == '-') num.remove_prefix(1);
        const std::size_t e = num.find_first_of("eE");
        long long exponent = 0;
        if (e != std::string_view::npos) {
            std::size_t k = e + 1;
            const bool negative = k < num.size() && num[k] == '-';
            if (k < num.size() && (num[k] == '+' || num[k] == '-')) ++k;
            for (; k < num.size(); ++k)
                exponent = std::min<long long>(exponent * 10 + (num[k] - '0'), 1LL << 40);
            if (negative) exponent = -exponent;
            num = num.substr(0, e);
        }
        const std::size_t dot = num.find('.');
        const std::string_view int_part = num.substr(0, dot);
        const std::string_view frac = dot == std::string_view::npos ? "" : num.substr(dot + 1);
        const std::size_t nz = int_part.find_first_not_of('0');
        if (nz != std::string_view::npos) return static_cast<long long>(int_part.size() - nz) + exponent;
        const std::size_t fz = frac.find_first_not_of('0');
        if (fz == std::string_view::npos) return -(1LL << 41);  // zero
        return -static_cast<long long>(fz) + exponent;
    }

    Value parse_number() {
        const std::size_t start = pos_;
        bool is_integer = true;
        if (s_[pos_] == '-') ++pos_;
        const auto digit = [&] { return pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9'; };
        if (!digit()) fail("expected a digit");
        if (s_[pos_] == '0') {
            ++pos_;
            if (digit()) fail_at(start, "leading zeros are not allowed");
        } else {
            while (digit()) ++pos_;
        }
        if (pos_ < s_.size() && s_[pos_] == '.') {
            is_integer = false;
            ++pos_;
            if (!digit()) fail("expected a digit after the decimal point");
            while (digit()) ++pos_;
        }
        if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
            is_integer = false;
            ++pos_;
            if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
            if (!digit()) fail("expected a digit in the exponent");
            while (digit()) ++pos_;
        }
        const char* first = s_.data() + start;
        const char* last = s_.data() + pos_;
        if (is_integer) {
            std::int64_t i = 0;
            const auto r = std::from_chars(first, last, i);
            if (r.ec == std::errc() && r.ptr == last) return Value(i);
            // Out of int64 range: fall through to a double, as other JSON readers do.
        }
        double d = 0;
        const auto r = std::from_chars(first, last, d);
        if (r.ec == std::errc::result_out_of_range) {
            // Underflow to zero is harmless; overflow has no double to become.
            if (decimal_magnitude(std::string_view(first, last)) > 0)
                fail_at(start, "number out of range");
            return Value(0.0);
        }
        if (r.ec != std::errc() || r.ptr != last || !std::isfinite(d))
            fail_at(start, "number out of range");
        return Value(d);
    }

    std::string_view s_;
    const ParseLimits& limits_;
    PositionMap* positions_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t line_start_ = 0;
};

Result<Value> parse(std::string_view text, const ParseLimits& limits, PositionMap* positions) {
    return Parser(text, limits, positions).run();
}

// ---- Writer --------------------------------------------------------------------------------

namespace {

void write_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                default:
                    if (c < 0x20 || c == 0x7F) {
                        out += "\\u00";
                        out += hex[c >> 4];
                        out += hex[c & 0xF];
                    } else {
                        out += static_cast<char>(c);
                    }
            }
            ++i;
            continue;
        }
        const std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) {
            out += "\\ufffd";
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    out += '"';
}

void write_double(std::string& out, double d) {
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, d);
    const std::string_view text(buf, static_cast<std::size_t>(r.ptr - buf));
    out += text;
    // Keep the type on a round trip: 1.0 must not come back as the integer 1.
    if (text.find_first_of(".eE") == std::string_view::npos) out += ".0";
}

void write_value(std::string& out, const Value& v, int indent, int level) {
    const auto newline = [&](int lvl) {
        if (indent <= 0) return;
        out += '\n';
        out.append(static_cast<std::size_t>(indent * lvl), ' ');
    };
    switch (v.type()) {
        case Type::null: out += "null"; return;
        case Type::boolean: out += *v.if_bool() ? "true" : "false"; return;
        case Type::integer: out += std::to_string(*v.if_int()); return;
        case Type::number: write_double(out, *v.if_double()); return;
        case Type::string: write_string(out, *v.if_string()); return;
        case Type::array: {
            const Array& a = *v.if_array();
            out += '[';
            for (std::size_t i = 0; i < a.size(); ++i) {
                if (i > 0) out += ',';
                newline(level + 1);
                write_value(out, a[i], indent, level + 1);
            }
            if (!a.empty()) newline(level);
            out += ']';
            return;
        }
        case Type::object: {
            const Object& o = *v.if_object();
            out += '{';
            bool first = true;
            for (const auto& [key, member] : o) {
                if (!first) out += ',';
                first = false;
                newline(level + 1);
                write_string(out, key);
                out += indent > 0 ? ": " : ":";
                write_value(out, member, indent, level + 1);
            }
            if (!o.empty()) newline(level);
            out += '}';
            return;
        }
    }
}

}  // namespace

std::string write(const Value& value) {
    std::string out;
    write_value(out, value, 0, 0);
    return out;
}

std::string write_pretty(const Value& value) {
    std::string out;
    write_value(out, value, 2, 0);
    return out;
}

}  // namespace candor::json
