// JSON values and the writer for json.hpp (the parser is json_parse.cpp).
#include "node/json.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "common/text.hpp"
#include "node/json_internal.hpp"

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
        const text::CodePoint cp = text::decode_at(s, i);
        const std::size_t n = cp.length;
        if (n == 0) {
            out += "\\ufffd";
            ++i;
        } else if (text::is_refused(cp.value, text::Lines::single)) {
            // C1 controls and bidi overrides: escaped, so a terminal showing raw JSON is safe too.
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp.value >> shift) & 0xF];
            i += n;
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
