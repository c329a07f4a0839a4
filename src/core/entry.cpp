// Writing and reading the signed entry layout described in entry.hpp.
#include "core/entry.hpp"

#include <cstring>

namespace candor::core {

namespace {

constexpr std::array<std::uint8_t, 4> kMagic{'C', 'N', 'E', '1'};

// Offsets of the header fields.
constexpr std::size_t kOffAuthor = 4;
constexpr std::size_t kOffSeq = 36;
constexpr std::size_t kOffPrev = 44;
constexpr std::size_t kOffLamport = 76;
constexpr std::size_t kOffCreated = 84;
constexpr std::size_t kOffUtcOffset = 92;
constexpr std::size_t kOffKind = 94;
constexpr std::size_t kOffBodyLen = 96;
static_assert(kOffBodyLen + 4 == kEntryHeaderSize);

template <typename U>
void put_le(Bytes& out, U value) {
    for (std::size_t i = 0; i < sizeof(U); ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

template <typename U>
U get_le(ByteView in, std::size_t offset) {  // caller has checked offset + sizeof(U) <= size
    U value = 0;
    for (std::size_t i = 0; i < sizeof(U); ++i) value |= static_cast<U>(static_cast<U>(in[offset + i]) << (8 * i));
    return value;
}

Id32 get_id(ByteView in, std::size_t offset) {
    Id32 id{};
    std::memcpy(id.data(), in.data() + offset, id.size());
    return id;
}

}  // namespace

struct EntryDecoder {
    static Result<Entry> decode(ByteView in, DecodeError& why, bool verify_signature = true,
                                bool check_content = true) {
        why = DecodeError::bad_format;
        if (in.size() < kMinEntrySize) {
            return make_error("entry too short (" + std::to_string(in.size()) + " bytes)");
        }
        if (in.size() > kMaxEntrySize) {
            return make_error("entry too large (" + std::to_string(in.size()) + " bytes, at most " +
                              std::to_string(kMaxEntrySize) + ")");
        }
        if (std::memcmp(in.data(), kMagic.data(), kMagic.size()) != 0) {
            return make_error("not a Candor entry (bad magic)");
        }
        Entry e;
        e.body_len_ = get_le<std::uint32_t>(in, kOffBodyLen);
        if (e.body_len_ != in.size() - kMinEntrySize) {
            return make_error("entry body length " + std::to_string(e.body_len_) +
                              " does not match the entry size");
        }
        e.author_ = get_id(in, kOffAuthor);
        e.seq_ = get_le<std::uint64_t>(in, kOffSeq);
        e.prev_ = get_id(in, kOffPrev);
        e.lamport_ = get_le<std::uint64_t>(in, kOffLamport);
        e.created_at_ms_ = static_cast<std::int64_t>(get_le<std::uint64_t>(in, kOffCreated));
        e.utc_offset_minutes_ = static_cast<std::int16_t>(get_le<std::uint16_t>(in, kOffUtcOffset));
        e.kind_ = static_cast<Kind>(get_le<std::uint16_t>(in, kOffKind));
        if (e.seq_ == 0) return make_error("entry has seq 0 (sequences start at 1)");
        // Only seq 1 follows nothing, except a new chain that kept none of its author's entries.
        if (e.seq_ == 1 ? !is_zero(e.prev_) : is_zero(e.prev_) && e.kind_ != Kind::new_chain) {
            return make_error("entry's previous-entry hash does not fit its seq " + std::to_string(e.seq_));
        }
        if (e.lamport_ == 0) return make_error("entry has lamport clock 0");
        if (e.utc_offset_minutes_ > kMaxUtcOffsetMinutes || e.utc_offset_minutes_ < -kMaxUtcOffsetMinutes) {
            return make_error("entry has an impossible UTC offset");
        }
        const std::size_t signed_len = in.size() - kEntrySignatureSize;
        crypto::Signature sig{};
        std::memcpy(sig.data(), in.data() + signed_len, sig.size());
        if (verify_signature && !crypto::verify(e.author_, in.first(signed_len), sig)) {
            why = DecodeError::bad_signature;
            return make_error("entry signature does not verify for author " + short_hex(e.author_));
        }
        // Received entries only: what the journal holds was checked when it arrived, and new
        // ones were checked by the Node's commands (tests make unreadable ones on purpose).
        if (check_content) {
            if (Status body = check_body(e.kind_, in.subspan(kEntryHeaderSize, e.body_len_)); !body) {
                return make_error(body.message());
            }
        }
        e.bytes_ = std::make_shared<const Bytes>(in.begin(), in.end());
        e.id_ = crypto::blake2b_256(in);
        return e;
    }
};

bool fold_before(const Entry& a, const Entry& b) {
    if (a.lamport() != b.lamport()) return a.lamport() < b.lamport();
    if (a.author() != b.author()) return a.author() < b.author();
    return a.seq() < b.seq();
}

Result<Entry> make_entry(const crypto::Identity& identity, const AuthorHead& head, std::uint64_t lamport,
                         std::int64_t now_ms, std::int16_t utc_offset_minutes, Kind kind, Bytes body) {
    if (body.size() > kMaxBodySize) {
        return make_error("the text is too long (" + std::to_string(body.size()) + " bytes encoded, at most " +
                          std::to_string(kMaxBodySize) + ")");
    }
    if (lamport <= head.lamport) return make_error("internal: lamport clock must move forward");
    if (utc_offset_minutes > kMaxUtcOffsetMinutes || utc_offset_minutes < -kMaxUtcOffsetMinutes) {
        return make_error("internal: impossible UTC offset");
    }
    Bytes out;
    out.reserve(kMinEntrySize + body.size());
    out.insert(out.end(), kMagic.begin(), kMagic.end());
    out.insert(out.end(), identity.public_key().begin(), identity.public_key().end());
    put_le<std::uint64_t>(out, head.seq + 1);
    out.insert(out.end(), head.id.begin(), head.id.end());
    put_le<std::uint64_t>(out, lamport);
    put_le<std::uint64_t>(out, static_cast<std::uint64_t>(now_ms));
    put_le<std::uint16_t>(out, static_cast<std::uint16_t>(utc_offset_minutes));
    put_le<std::uint16_t>(out, static_cast<std::uint16_t>(kind));
    put_le<std::uint32_t>(out, static_cast<std::uint32_t>(body.size()));
    out.insert(out.end(), body.begin(), body.end());
    const auto sig = identity.sign(out);
    out.insert(out.end(), sig.begin(), sig.end());
    // Decoding what we just made checks our own writer with the same code every receiver runs;
    // the signature was made here a moment ago, so it is not checked again (~50 us a post). The
    // tests check that every made entry verifies as a receiver would.
    DecodeError why{};
    return EntryDecoder::decode(out, why, false, false);
}

Result<Entry> decode_entry(ByteView bytes, DecodeError& why) { return EntryDecoder::decode(bytes, why); }

Result<Entry> decode_trusted_entry(ByteView bytes) {
    DecodeError why{};
    return EntryDecoder::decode(bytes, why, false, false);
}

Result<Entry> decode_entry(ByteView bytes) {
    DecodeError why{};
    return EntryDecoder::decode(bytes, why);
}

}  // namespace candor::core
