// Shape check and wiping output buffer for the data directory's JSON files.
#include "store/json_file.hpp"

#include <algorithm>
#include <cstring>

namespace candor::store::json_file {

Status check_shape(crypto::ByteView bytes, const std::string& file) {
    std::size_t i = 0;
    while (i < bytes.size() && std::strchr(" \t\r\n", bytes[i]) != nullptr && bytes[i] != 0) ++i;
    if (i == bytes.size() || bytes[i] != '{') {
        return make_error(file + " is not readable (it does not hold a JSON object)");
    }
    std::size_t depth = 0;
    bool in_string = false;
    for (; i < bytes.size(); ++i) {
        const auto c = bytes[i];
        if (c == 0) return make_error(file + " is not readable (it contains a NUL byte)");
        if (in_string) {
            if (c == '\\') {
                ++i;  // skip the escaped character, whatever it is
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > kMaxDepth) return make_error(file + " is not readable (nested too deeply)");
        } else if (c == '}' || c == ']') {
            if (depth == 0) return make_error(file + " is not readable (unbalanced brackets)");
            --depth;
        }
    }
    if (depth != 0 || in_string) return make_error(file + " is not readable (it is cut short)");
    return {};
}

WipingStreambuf::WipingStreambuf() { grow(4096); }

WipingStreambuf::~WipingStreambuf() { crypto::wipe(buffer_); }

crypto::ByteView WipingStreambuf::view() const { return {buffer_.data(), used_}; }

void WipingStreambuf::grow(std::size_t at_least) {
    crypto::Bytes bigger(std::max(at_least, buffer_.size() * 2));
    std::copy_n(buffer_.begin(), used_, bigger.begin());
    crypto::wipe(buffer_);
    buffer_.swap(bigger);
}

WipingStreambuf::int_type WipingStreambuf::overflow(int_type ch) {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const char c = traits_type::to_char_type(ch);
    return xsputn(&c, 1) == 1 ? ch : traits_type::eof();
}

std::streamsize WipingStreambuf::xsputn(const char* s, std::streamsize n) {
    if (n <= 0) return 0;
    const auto count = static_cast<std::size_t>(n);
    if (used_ + count > buffer_.size()) grow(used_ + count);
    std::memcpy(buffer_.data() + used_, s, count);
    used_ += count;
    return n;
}

std::string describe_load_error(std::string_view what) {
    if (what.find("rapidjson internal assertion failure") == std::string_view::npos) return std::string(what);
    struct Expected {
        std::string_view check;
        std::string_view words;
    };
    static constexpr Expected kTypes[] = {
        {"IsString", "text in quotes"},
        {"IsBool", "true or false"},
        {"kUint", "a whole number of 0 or more"},  // GetUint's check: data_.f.flags & kUintFlag
        {"kInt", "a whole number"},
        {"IsNumber", "a number"},
        {"IsArray", "a list in [ ]"},
        {"IsObject", "an object in { }"},
    };
    for (const Expected& t : kTypes) {
        if (what.find(t.check) != std::string_view::npos) {
            return "a field has the wrong type: it should be " + std::string(t.words);
        }
    }
    return "a field has the wrong type or is out of range";
}

}  // namespace candor::store::json_file
