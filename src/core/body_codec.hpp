// Internal to src/core: the bounded cereal helpers every body serializer uses, and the
// encode/decode templates. kinds.cpp (the first kinds) and repair_kinds.cpp (kinds 30-39)
// include it and instantiate encode_body/decode_body for their own bodies.
//
// Why the bounded text helper: cereal's own std::string loader resizes the string to the size
// the archive declares before reading, so a 20-byte body declaring a 2^40-byte string would make
// us allocate a terabyte. Every string goes through text(), which checks the declared size
// against the bytes actually left in the body first. <cereal/types/string.hpp> is deliberately
// not included, so a plain std::string field added later fails to compile instead of being
// silently unbounded. The wire format is the same as cereal's (size tag, then the characters).
#pragma once

#include "core/kinds.hpp"

#include "common/text.hpp"

#include <cereal/archives/portable_binary.hpp>
#include <cereal/cereal.hpp>
#include <cereal/types/array.hpp>

#include <istream>
#include <sstream>
#include <stdexcept>
#include <streambuf>

namespace candor::core::codec {

struct BodyError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A read-only streambuf over the exact body bytes; in_avail() is the number of bytes left.
class ViewBuf : public std::streambuf {
public:
    explicit ViewBuf(ByteView bytes) {
        // streambuf wants char*; the archive only ever reads through it.
        auto* p = const_cast<char*>(reinterpret_cast<const char*>(bytes.data()));
        setg(p, p, p + bytes.size());
    }
};

// The input archive plus the buffer it reads, so text() can see how many bytes are left.
// cereal dispatches on the base type, so text() recovers this one with a dynamic_cast.
class BoundedInput : public cereal::PortableBinaryInputArchive {
public:
    BoundedInput(std::istream& in, std::streambuf& buf) : PortableBinaryInputArchive(in), buf_(buf) {}
    [[nodiscard]] std::streamsize remaining() const { return buf_.in_avail(); }

private:
    std::streambuf& buf_;
};

// Reads a size tag and checks it against the bytes left in the body (and `max`) before anything
// is allocated for it.
template <class Archive>
std::size_t bounded_size(Archive& ar, std::uint64_t max, const char* what) {
    cereal::size_type size = 0;
    ar(cereal::make_size_tag(size));
    const auto* bounded = dynamic_cast<const BoundedInput*>(&ar);
    if (bounded == nullptr) throw BodyError("internal: bodies must be read through BoundedInput");
    const auto left = bounded->remaining();
    if (size > max || left < 0 || size > static_cast<std::uint64_t>(left)) {
        throw BodyError(std::string(what) + " declares " + std::to_string(size) + " bytes but only " +
                        std::to_string(left) + " remain");
    }
    return static_cast<std::size_t>(size);
}

template <class Archive>
void text(Archive& ar, std::string& s) {
    if constexpr (Archive::is_loading::value) {
        s.resize(bounded_size(ar, UINT64_MAX, "a text field"));
        if (!s.empty()) ar(cereal::binary_data(s.data(), s.size()));
        if (auto problem = candor::text::problem(s)) throw BodyError("a text field " + *problem);
    } else {
        ar(cereal::make_size_tag(static_cast<cereal::size_type>(s.size())));
        if (!s.empty()) ar(cereal::binary_data(s.data(), s.size()));
    }
}

// Bytes with a size tag, bounded like text() but not checked as text (ciphertext).
template <class Archive>
void blob(Archive& ar, Bytes& b, std::size_t max_size) {
    if constexpr (Archive::is_loading::value) {
        b.resize(bounded_size(ar, max_size, "a sealed field"));
    } else {
        ar(cereal::make_size_tag(static_cast<cereal::size_type>(b.size())));
    }
    if (!b.empty()) ar(cereal::binary_data(b.data(), b.size()));
}

// An enum stored as one byte that must be 1..max.
template <class Archive, typename E>
void enum_byte(Archive& ar, E& e, std::uint8_t max, const char* what) {
    auto v = static_cast<std::uint8_t>(e);
    ar(v);
    if constexpr (Archive::is_loading::value) {
        if (v < 1 || v > max) throw BodyError(std::string("unknown ") + what + " " + std::to_string(v));
        e = static_cast<E>(v);
    }
}

// bool through a byte that must be 0 or 1: loading 2 into a bool would be undefined behaviour.
template <class Archive>
void flag(Archive& ar, bool& b) {
    std::uint8_t v = b ? 1 : 0;
    ar(v);
    if constexpr (Archive::is_loading::value) {
        if (v > 1) throw BodyError("a yes/no field holds " + std::to_string(v));
        b = v == 1;
    }
}

// An optional id as a presence byte (0/1, checked like flag()) and then the id. Not cereal's
// optional support, whose bool load is unchecked.
template <class Archive>
void maybe_id(Archive& ar, std::optional<EntryId>& id) {
    bool present = id.has_value();
    flag(ar, present);
    if (!present) {
        id.reset();
        return;
    }
    if constexpr (Archive::is_loading::value) id.emplace();
    ar(*id);
}

template <class Archive>
void outcome(Archive& ar, Outcome& o) {
    enum_byte(ar, o, 3, "resolution outcome");
}

}  // namespace candor::core::codec

namespace candor::core {

template <typename T>
Bytes encode_body(const T& body) {
    std::ostringstream out(std::ios::binary);
    {
        cereal::PortableBinaryOutputArchive ar(out);
        ar(body);
    }
    const std::string s = std::move(out).str();
    return Bytes(s.begin(), s.end());
}

template <typename T>
Result<T> decode_body(ByteView bytes) {
    try {
        codec::ViewBuf buf(bytes);
        std::istream in(&buf);
        codec::BoundedInput ar(in, buf);
        T body{};
        ar(body);
        // Bytes left over are fields from a newer version of this body: ignored on purpose.
        return body;
    } catch (const std::exception& e) {
        const std::string what = kind_of<T> == Kind{0} ? std::string("check-in answer")
                                                       : std::string(kind_name(kind_of<T>)) + " entry";
        return make_error("the " + what + "'s content is malformed (" + e.what() + ")");
    }
}

}  // namespace candor::core
