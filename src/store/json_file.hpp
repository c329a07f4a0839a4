// Helpers for the small JSON files of the data directory (settings, peers): cereal archives over
// in-memory buffers, with the shape checked first and every parser failure turned into a Result.
#pragma once

#include <cereal/archives/json.hpp>

#include <exception>
#include <istream>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>

#include "common/result.hpp"
#include "crypto/bytes.hpp"

namespace candor::store::json_file {

inline constexpr std::size_t kMaxDepth = 16;

// Refuses bytes that are not a JSON object of modest nesting before cereal sees them: RapidJSON
// parses recursively, so a file of a million '[' must not reach it.
[[nodiscard]] Status check_shape(crypto::ByteView bytes, const std::string& file);

// An istream over bytes we own, so the file content is not copied into buffers we cannot wipe.
class ViewStreambuf : public std::streambuf {
public:
    explicit ViewStreambuf(crypto::ByteView bytes) {
        char* begin = const_cast<char*>(reinterpret_cast<const char*>(bytes.data()));
        setg(begin, begin, begin + bytes.size());
    }
};

// An ostream into a byte vector that wipes every buffer it lets go of (the peers file holds keys).
class WipingStreambuf : public std::streambuf {
public:
    WipingStreambuf();
    ~WipingStreambuf() override;
    WipingStreambuf(const WipingStreambuf&) = delete;
    WipingStreambuf& operator=(const WipingStreambuf&) = delete;
    // The bytes written so far (valid until the next write).
    [[nodiscard]] crypto::ByteView view() const;

protected:
    int_type overflow(int_type ch) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;

private:
    void grow(std::size_t at_least);
    crypto::Bytes buffer_;
    std::size_t used_ = 0;
};

// RapidJSON's "internal assertion failure: IsUint()" in words: which type a field should have.
[[nodiscard]] std::string describe_load_error(std::string_view what);

// Runs `body(archive)` over the file's bytes; any cereal/RapidJSON exception becomes an error
// that names the file and says what to do.
template <typename Body>
[[nodiscard]] Status load(crypto::ByteView bytes, const std::string& file, Body&& body) {
    if (auto shape = check_shape(bytes, file); !shape) return shape;
    ViewStreambuf buf(bytes);
    std::istream in(&buf);
    try {
        cereal::JSONInputArchive archive(in);
        return body(archive);
    } catch (const std::exception& e) {
        return make_error(file + " is not readable (" + describe_load_error(e.what()) + ")");
    }
}

// Runs `body(archive)` and returns the JSON text in a wiping buffer.
template <typename Body>
void save(WipingStreambuf& out_buffer, Body&& body) {
    std::ostream out(&out_buffer);
    {
        cereal::JSONOutputArchive archive(out, cereal::JSONOutputArchive::Options::Default());
        body(archive);
    }  // the archive writes its closing brace when destroyed
    out.flush();
}

}  // namespace candor::store::json_file
