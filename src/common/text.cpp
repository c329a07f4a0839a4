// The text rules of text.hpp.
#include "common/text.hpp"

#include <cstdio>

namespace candor::text {

bool is_refused(std::uint32_t cp, Lines lines) {
    if (cp == '\n' || cp == '\t') return lines == Lines::single;
    if (cp < 0x20 || cp == 0x7F) return true;
    if (cp >= 0x80 && cp <= 0x9F) return true;
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

namespace {

std::string code_point_name(std::uint32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

}  // namespace

CodePoint decode_at(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    if (i >= s.size()) return {};
    const unsigned char c = byte(i);
    if (c < 0x80) return {1, c};
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
        return {};
    }
    if (n > s.size() - i) return {};
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return {};
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return {};  // overlong
    if (cp >= 0xD800 && cp <= 0xDFFF) return {};                          // surrogate
    if (cp > 0x10FFFF) return {};
    return {n, cp};
}

std::optional<std::string> problem(std::string_view s, Lines lines) {
    for (std::size_t i = 0; i < s.size();) {
        const CodePoint c = decode_at(s, i);
        if (c.length == 0) return std::string("is not valid UTF-8 text");
        if (is_refused(c.value, lines)) {
            if (c.value == 0) return std::string("holds a NUL character");
            if (c.value >= 0x202A) return "holds a text-direction control (" + code_point_name(c.value) + ")";
            return "holds a control character (" + code_point_name(c.value) + ")";
        }
        i += c.length;
    }
    return std::nullopt;
}

std::string escape_for_terminal(std::string_view s, Lines lines) {
    std::string out;
    out.reserve(s.size());
    char buf[16];
    for (std::size_t i = 0; i < s.size();) {
        const CodePoint c = decode_at(s, i);
        if (c.length == 0) {
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(s[i])));
            out += buf;
            ++i;
            continue;
        }
        if (lines == Lines::multi && (c.value == '\n' || c.value == '\t')) {
            out.append(s.substr(i, c.length));
        } else if (c.value == '\n') {
            out += "\\n";
        } else if (c.value == '\t') {
            out += "\\t";
        } else if (c.value < 0x80 && is_refused(c.value, Lines::single)) {
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c.value));
            out += buf;
        } else if (is_refused(c.value, Lines::single)) {
            std::snprintf(buf, sizeof buf, "\\u{%04x}", static_cast<unsigned>(c.value));
            out += buf;
        } else {
            out.append(s.substr(i, c.length));
        }
        i += c.length;
    }
    return out;
}

std::string excerpt(std::string_view s, std::size_t max_bytes) {
    std::size_t n = 0;
    while (n < s.size()) {
        const std::size_t len = decode_at(s, n).length;
        const std::size_t step = len == 0 ? 1 : len;
        if (n + step > max_bytes) break;
        n += step;
    }
    return "'" + escape_for_terminal(s.substr(0, n)) + (n < s.size() ? "…'" : "'");
}

}  // namespace candor::text
