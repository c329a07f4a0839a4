// Sync message encoding; decoding checks every count and length before it reads or allocates.
#include "sync/messages.hpp"

#include <stdexcept>
#include <string>

#include "net/wire.hpp"

namespace candor::sync {

namespace {

void write_vector(net::Writer& w, const VersionVector& v) {
    std::size_t count = 0;
    for (const auto& item : v) count += item.second != 0 ? 1 : 0;
    if (count > kMaxVectorAuthors) throw std::length_error("sync: version vector too large");
    w.u32(static_cast<std::uint32_t>(count));
    for (const auto& [author, seq] : v) {
        if (seq == 0) continue;  // "nothing" needs no item; keeps the encoding canonical
        w.array(author);
        w.u64(seq);
    }
}

// Canonical form only: strictly ascending authors (a std::map's order), no zero seqs, so a
// vector has exactly one encoding and a repeated author cannot smuggle in a second value.
Result<VersionVector> read_vector(net::Reader& r, const char* what) {
    const std::uint32_t count = r.u32();
    if (!r.ok()) return make_error(std::string("sync: truncated ") + what);
    if (count > kMaxVectorAuthors || std::size_t{count} * kVectorItemSize > r.remaining()) {
        return make_error(std::string("sync: ") + what + " lists more authors than it carries");
    }
    VersionVector v;
    const core::DeviceId* last = nullptr;
    for (std::uint32_t i = 0; i < count; ++i) {
        const auto author = r.array<32>();
        const std::uint64_t seq = r.u64();
        if (!r.ok()) return make_error(std::string("sync: truncated ") + what);
        if (seq == 0 || (last != nullptr && !(*last < author))) {
            return make_error(std::string("sync: malformed ") + what + " (not in canonical form)");
        }
        auto it = v.emplace_hint(v.end(), author, seq);
        last = &it->first;
    }
    return v;
}

Result<Message> decode_hello(net::Reader& r) {
    const std::uint8_t version = r.u8();
    if (!r.ok()) return make_error("sync: truncated hello");
    if (version != kSyncVersion) {
        return make_error("the partner's Candor speaks sync protocol " + std::to_string(version) +
                          " and this one speaks " + std::to_string(kSyncVersion) + "; update the " +
                          (version > kSyncVersion ? "Candor on this computer" : "partner's Candor"));
    }
    auto have = read_vector(r, "hello");
    if (!have) return have.error();
    if (!r.done()) return make_error("sync: trailing bytes after hello");
    return Message{HelloMessage{version, std::move(*have)}};
}

Result<Message> decode_entries(net::Reader& r) {
    EntriesMessage m;
    m.batch = r.u64();
    const std::uint16_t count = r.u16();
    if (!r.ok()) return make_error("sync: truncated entries message");
    if (m.batch == 0) return make_error("sync: entries batch numbered 0");
    if (count == 0) return make_error("sync: empty entries batch");
    if (count > kMaxBatchEntries) {
        return make_error("sync: batch of " + std::to_string(count) + " entries refused (limit " +
                          std::to_string(kMaxBatchEntries) + ")");
    }
    m.entries.reserve(count);
    std::size_t total = 0;
    for (std::uint16_t i = 0; i < count; ++i) {
        const std::uint32_t length = r.u32();
        if (!r.ok()) return make_error("sync: truncated entries message");
        if (length > kMaxBatchBytes - total) {
            return make_error("sync: batch above " + std::to_string(kMaxBatchBytes / 1024) +
                              " KiB refused");
        }
        ByteView bytes = r.raw(length);
        if (!r.ok()) return make_error("sync: truncated entries message");
        total += length;
        m.entries.push_back(bytes);
    }
    if (!r.done()) return make_error("sync: trailing bytes after entries");
    return Message{std::move(m)};
}

Result<Message> decode_ack(net::Reader& r) {
    AckMessage m;
    m.through_batch = r.u64();
    if (!r.ok()) return make_error("sync: truncated ack");
    if (m.through_batch == 0) return make_error("sync: ack of batch 0");
    auto have = read_vector(r, "ack");
    if (!have) return have.error();
    if (!r.done()) return make_error("sync: trailing bytes after ack");
    m.have = std::move(*have);
    return Message{std::move(m)};
}

}  // namespace

Bytes encode_hello(const VersionVector& have) {
    net::Writer w;
    w.u8(static_cast<std::uint8_t>(MessageType::hello));
    w.u8(kSyncVersion);
    write_vector(w, have);
    return w.take();
}

Bytes encode_entries(std::uint64_t batch, const std::vector<ByteView>& entries) {
    std::size_t total = 0;
    for (const auto& e : entries) total += e.size();
    if (entries.empty() || entries.size() > kMaxBatchEntries || total > kMaxBatchBytes) {
        throw std::length_error("sync: entries batch outside the protocol's limits");
    }
    net::Writer w;
    w.u8(static_cast<std::uint8_t>(MessageType::entries));
    w.u64(batch);
    w.u16(static_cast<std::uint16_t>(entries.size()));
    for (const auto& e : entries) w.bytes32(e);
    return w.take();
}

Bytes encode_ack(std::uint64_t through_batch, const VersionVector& have) {
    net::Writer w;
    w.u8(static_cast<std::uint8_t>(MessageType::ack));
    w.u64(through_batch);
    write_vector(w, have);
    return w.take();
}

Result<Message> decode_message(ByteView message) {
    if (message.size() > kMaxMessageSize) {
        return make_error("sync: message of " + std::to_string(message.size()) + " bytes refused");
    }
    net::Reader r(message);
    const std::uint8_t type = r.u8();
    if (!r.ok()) return make_error("sync: empty message");
    switch (static_cast<MessageType>(type)) {
        case MessageType::hello: return decode_hello(r);
        case MessageType::entries: return decode_entries(r);
        case MessageType::ack: return decode_ack(r);
    }
    return make_error("sync: unknown message type " + std::to_string(type));
}

}  // namespace candor::sync
