// The strict JSON parser of json.hpp: size and depth limits, exact UTF-8, errors with line and
// column, and optional positions of every member for error messages about fields.
//
// Time and memory are linear in the input: the path of a value is one string grown and cut
// back as the parser descends (and only built when positions are wanted), keys in it are cut
// to kMaxPathKeyBytes, columns are counted on from the last recorded one, and an error quotes
// at most a few dozen bytes of the input.
#include "node/json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_set>

#include "common/text.hpp"
#include "node/json_internal.hpp"

namespace candor::json {

using detail::append_utf8;
using detail::utf8_sequence_length;

// ---- Parser --------------------------------------------------------------------------------

namespace {
// A key longer than this is cut in a position path: field names are short, and a long key
// repeated in the path of every value below it would cost memory quadratic in its length.
constexpr std::size_t kMaxPathKeyBytes = 64;
// Positions of more values than this are not kept (errors past them name no line).
constexpr std::size_t kMaxPositions = 10000;
}  // namespace

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
            Value v = parse_value(0);
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

    void record() {
        if (positions_ == nullptr || positions_->size() >= kMaxPositions) return;
        // pos_ only moves forward: count on from the last recorded column on the same line.
        if (column_line_start_ != line_start_) {
            column_line_start_ = line_start_;
            column_at_ = line_start_;
            column_ = 1;
        }
        for (; column_at_ < pos_; ++column_at_)
            if ((static_cast<unsigned char>(s_[column_at_]) & 0xC0) != 0x80) ++column_;
        positions_->insert_or_assign(path_, SourcePosition{line_, column_});
    }

    // Appends to path_ (when positions are wanted) and restores it when the child is parsed.
    class PathStep {
    public:
        PathStep(Parser& p, std::string_view key) : p_(p), size_(p.path_.size()) {
            if (p_.positions_ == nullptr) return;
            if (!p_.path_.empty()) p_.path_ += '.';
            p_.path_ += key.substr(0, kMaxPathKeyBytes);
        }
        PathStep(Parser& p, std::size_t index) : p_(p), size_(p.path_.size()) {
            if (p_.positions_ != nullptr) p_.path_ += "[" + std::to_string(index) + "]";
        }
        ~PathStep() { p_.path_.resize(size_); }
        PathStep(const PathStep&) = delete;
        PathStep& operator=(const PathStep&) = delete;

    private:
        Parser& p_;
        std::size_t size_;
    };

    Value parse_value(std::size_t depth) {
        if (pos_ >= s_.size()) fail("unexpected end of input, expected a value");
        record();
        const char c = s_[pos_];
        switch (c) {
            case '{': return parse_object(depth + 1);
            case '[': return parse_array(depth + 1);
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

    Value parse_object(std::size_t depth) {
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
            if (duplicate) fail_at(key_at, "duplicate member name " + text::excerpt(key));
            if (obj.members_.size() == 15)
                for (const auto& m : obj.members_) seen.insert(m.first);
            skip_ws();
            if (pos_ >= s_.size() || s_[pos_] != ':') fail("expected ':' after the member name");
            ++pos_;
            skip_ws();
            Value v = [&] {
                const PathStep step(*this, key);
                return parse_value(depth);
            }();
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

    Value parse_array(std::size_t depth) {
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
            const PathStep step(*this, arr.size());
            arr.push_back(parse_value(depth));
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
    std::string path_;                  // of the value being parsed (only with positions_)
    std::size_t column_line_start_ = 0;  // record()'s running column: line, offset, column
    std::size_t column_at_ = 0;
    std::size_t column_ = 1;
};

Result<Value> parse(std::string_view text, const ParseLimits& limits, PositionMap* positions) {
    return Parser(text, limits, positions).run();
}

// ---- Writer --------------------------------------------------------------------------------

}  // namespace candor::json
