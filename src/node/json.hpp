// A small JSON value type with a strict, limited parser and a compact/pretty writer, for the
// control protocol, the CLI's --json output and agreement files. Objects keep insertion order.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "common/result.hpp"

namespace candor::json {

class Value;
using Array = std::vector<Value>;

enum class Type { null, boolean, integer, number, string, array, object };

// Members in insertion order; keys are unique (set() replaces). Lookups are linear because the
// objects we exchange are small; the parser guards against huge ones separately.
class Object {
public:
    using Member = std::pair<std::string, Value>;

    Object() = default;
    Object(std::initializer_list<Member> members);

    [[nodiscard]] const Value* find(std::string_view key) const;
    [[nodiscard]] Value* find(std::string_view key);
    [[nodiscard]] bool contains(std::string_view key) const { return find(key) != nullptr; }
    // Inserts null at the end when the key is missing.
    Value& operator[](std::string_view key);
    void set(std::string key, Value value);
    bool erase(std::string_view key);

    [[nodiscard]] std::size_t size() const { return members_.size(); }
    [[nodiscard]] bool empty() const { return members_.empty(); }
    [[nodiscard]] auto begin() const { return members_.begin(); }
    [[nodiscard]] auto end() const { return members_.end(); }
    [[nodiscard]] auto begin() { return members_.begin(); }
    [[nodiscard]] auto end() { return members_.end(); }

    // Same keys with equal values, in any order.
    bool operator==(const Object& other) const;

private:
    friend class Parser;
    std::vector<Member> members_;
};

class Value {
public:
    Value() = default;
    Value(std::nullptr_t) {}                                   // NOLINT: implicit by design
    Value(bool b) : data_(b) {}                                // NOLINT
    template <std::integral T>
        requires(!std::same_as<T, bool>)
    Value(T i) : data_(static_cast<std::int64_t>(i)) {}        // NOLINT
    Value(double d) : data_(d) {}                              // NOLINT
    Value(const char* s) : data_(std::string(s)) {}            // NOLINT
    Value(std::string s) : data_(std::move(s)) {}              // NOLINT
    Value(std::string_view s) : data_(std::string(s)) {}       // NOLINT
    Value(Array a) : data_(std::move(a)) {}                    // NOLINT
    Value(Object o) : data_(std::move(o)) {}                   // NOLINT

    [[nodiscard]] Type type() const { return static_cast<Type>(data_.index()); }
    [[nodiscard]] bool is_null() const { return type() == Type::null; }
    [[nodiscard]] bool is_bool() const { return type() == Type::boolean; }
    [[nodiscard]] bool is_int() const { return type() == Type::integer; }
    [[nodiscard]] bool is_double() const { return type() == Type::number; }
    [[nodiscard]] bool is_number() const { return is_int() || is_double(); }
    [[nodiscard]] bool is_string() const { return type() == Type::string; }
    [[nodiscard]] bool is_array() const { return type() == Type::array; }
    [[nodiscard]] bool is_object() const { return type() == Type::object; }

    // nullptr when the value has another type: callers must handle the mismatch.
    [[nodiscard]] const bool* if_bool() const { return std::get_if<bool>(&data_); }
    [[nodiscard]] const std::int64_t* if_int() const { return std::get_if<std::int64_t>(&data_); }
    [[nodiscard]] const double* if_double() const { return std::get_if<double>(&data_); }
    [[nodiscard]] const std::string* if_string() const { return std::get_if<std::string>(&data_); }
    [[nodiscard]] const Array* if_array() const { return std::get_if<Array>(&data_); }
    [[nodiscard]] Array* if_array() { return std::get_if<Array>(&data_); }
    [[nodiscard]] const Object* if_object() const { return std::get_if<Object>(&data_); }
    [[nodiscard]] Object* if_object() { return std::get_if<Object>(&data_); }

    // Either number type as a double (an integer beyond 2^53 loses precision).
    [[nodiscard]] std::optional<double> as_number() const;

    // Member of an object; nullptr when this is not an object or the key is missing.
    [[nodiscard]] const Value* find(std::string_view key) const;
    // Member or element, or a shared null value: convenient for reading optional fields.
    [[nodiscard]] const Value& operator[](std::string_view key) const;
    [[nodiscard]] const Value& operator[](std::size_t index) const;
    // Typed member reads for responses and requests: nullopt when missing or of another type.
    [[nodiscard]] std::optional<std::string> get_string(std::string_view key) const;
    [[nodiscard]] std::optional<std::int64_t> get_int(std::string_view key) const;
    [[nodiscard]] std::optional<bool> get_bool(std::string_view key) const;

    bool operator==(const Value& other) const { return data_ == other.data_; }

private:
    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> data_{
        nullptr};
};

struct ParseLimits {
    std::size_t max_bytes = 4u << 20;
    std::size_t max_depth = 64;
};

// Where each value starts in the source, keyed by its path ("" for the root,
// "commitments[1].by" for a nested member), so callers can name the line of a field error.
struct SourcePosition {
    std::size_t line = 1;
    std::size_t column = 1;
};
using PositionMap = std::map<std::string, SourcePosition, std::less<>>;

// Strict RFC 8259: one value, no trailing commas, comments or duplicate keys, valid UTF-8,
// lone surrogates refused. Integers that do not fit int64 become doubles; numbers beyond the
// double range are refused. Errors read "line L, column C: what was wrong".
[[nodiscard]] Result<Value> parse(std::string_view text, const ParseLimits& limits = {},
                                  PositionMap* positions = nullptr);

// Compact has no whitespace; pretty indents by two spaces. Strings with invalid UTF-8 are
// written with U+FFFD in place of bad bytes, so the output is always valid JSON; NaN and
// infinities are written as null.
[[nodiscard]] std::string write(const Value& value);
[[nodiscard]] std::string write_pretty(const Value& value);

[[nodiscard]] bool is_valid_utf8(std::string_view text);

// "commitments[1].by": the path notation used by PositionMap.
[[nodiscard]] std::string member_path(std::string_view parent, std::string_view key);
[[nodiscard]] std::string element_path(std::string_view parent, std::size_t index);

}  // namespace candor::json
