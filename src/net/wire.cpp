// Bounds-checked field access and the frame envelope.
#include "net/wire.hpp"

#include <stdexcept>

namespace candor::net {

void Writer::bytes8(ByteView bytes) {
    if (bytes.size() > 0xff) throw std::length_error("net::Writer::bytes8: too long");
    u8(static_cast<std::uint8_t>(bytes.size()));
    raw(bytes);
}

void Writer::bytes16(ByteView bytes) {
    if (bytes.size() > 0xffff) throw std::length_error("net::Writer::bytes16: too long");
    u16(static_cast<std::uint16_t>(bytes.size()));
    raw(bytes);
}

void Writer::bytes32(ByteView bytes) {
    if (bytes.size() > 0xffffffffu) throw std::length_error("net::Writer::bytes32: too long");
    u32(static_cast<std::uint32_t>(bytes.size()));
    raw(bytes);
}

std::uint64_t Reader::get_le(std::size_t n) {
    if (failed_ || data_.size() - pos_ < n) {
        failed_ = true;
        return 0;
    }
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < n; ++i) v |= std::uint64_t{data_[pos_ + i]} << (8 * i);
    pos_ += n;
    return v;
}

ByteView Reader::raw(std::size_t n) {
    if (failed_ || data_.size() - pos_ < n) {
        failed_ = true;
        return {};
    }
    ByteView out = data_.subspan(pos_, n);
    pos_ += n;
    return out;
}

ByteView Reader::length_prefixed(std::size_t length, std::size_t max) {
    if (failed_ || length > max) {
        failed_ = true;
        return {};
    }
    return raw(length);
}

ByteView Reader::bytes8(std::size_t max) {
    std::size_t n = u8();
    return length_prefixed(n, max);
}

ByteView Reader::bytes16(std::size_t max) {
    std::size_t n = u16();
    return length_prefixed(n, max);
}

ByteView Reader::bytes32(std::size_t max) {
    std::size_t n = u32();
    return length_prefixed(n, max);
}

ByteView Reader::rest() {
    if (failed_) return {};
    ByteView out = data_.subspan(pos_);
    pos_ = data_.size();
    return out;
}

Bytes encode_frame(FrameType type, ByteView payload) {
    if (payload.size() > kMaxFrameSize - kFrameHeaderSize) {
        throw std::length_error("net::encode_frame: payload above kMaxFrameSize");
    }
    Writer w(kFrameHeaderSize + payload.size());
    w.array(kFrameMagic);
    w.u8(kProtocolVersion);
    w.u8(static_cast<std::uint8_t>(type));
    w.raw(payload);
    return w.take();
}

FrameDecode parse_frame(ByteView bytes) {
    FrameDecode out;
    if (bytes.size() > kMaxFrameSize) {
        out.error = FrameError::too_large;
        return out;
    }
    Reader r(bytes);
    auto magic = r.array<3>();
    std::uint8_t version = r.u8();
    std::uint8_t type = r.u8();
    if (!r.ok()) {
        // A short buffer that is not even a prefix of our magic is foreign, not truncated.
        std::size_t n = std::min<std::size_t>(bytes.size(), kFrameMagic.size());
        bool prefix = std::equal(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n),
                                 kFrameMagic.begin());
        out.error = prefix ? FrameError::truncated : FrameError::foreign_magic;
        return out;
    }
    if (magic != kFrameMagic) {
        out.error = FrameError::foreign_magic;
        return out;
    }
    if (version != kProtocolVersion) {
        out.error = version > kProtocolVersion ? FrameError::peer_newer : FrameError::peer_older;
        out.peer_version = version;
        return out;
    }
    out.ok = true;
    out.frame = Frame{static_cast<FrameType>(type), r.rest()};
    return out;
}

Result<Frame> decode_frame(ByteView bytes) {
    FrameDecode d = parse_frame(bytes);
    if (!d.ok) return make_error(describe(d.error, d.peer_version));
    return d.frame;
}

std::string describe(FrameError error, std::uint8_t peer_version) {
    const std::string ours = std::to_string(kProtocolVersion);
    const std::string theirs = std::to_string(peer_version);
    switch (error) {
        case FrameError::truncated:
            return "received a truncated message from the other device";
        case FrameError::foreign_magic:
            return "received data that is not from Candor (another program may use this port)";
        case FrameError::too_large:
            return "received a message larger than Candor allows (" +
                   std::to_string(kMaxFrameSize / 1024) + " KiB); the connection was closed";
        case FrameError::peer_newer:
            return "the other device runs a newer Candor (protocol " + theirs + ", this one speaks " +
                   ours + "); update Candor on this device";
        case FrameError::peer_older:
            return "the other device runs an older Candor (protocol " + theirs +
                   ", this one speaks " + ours + "); update Candor on the other device";
    }
    return "received an unreadable message";
}

}  // namespace candor::net
