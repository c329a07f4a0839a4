// Journal records (journal_record.hpp).
#include "node/journal_record.hpp"

#include <algorithm>

namespace candor::node {
namespace {

// A journal record holds an entry's exact bytes, "CNRT" | i64 receive time | the bytes (0.2), or
// "CNR2" | i64 receive time | i64 not-before | the bytes, so what this device knew of when an entry
// was made (core::ArrivalEvidence) survives a restart. All three are read.
constexpr std::uint8_t kReceivedMagic[4] = {'C', 'N', 'R', 'T'};
constexpr std::uint8_t kEvidenceMagic[4] = {'C', 'N', 'R', '2'};
constexpr std::size_t kReceivedHeader = 12;
constexpr std::size_t kEvidenceHeader = 20;

void put_i64(crypto::Bytes& out, std::int64_t v) {
    for (int i = 0; i < 8; ++i) out.push_back(static_cast<std::uint8_t>(static_cast<std::uint64_t>(v) >> (8 * i)));
}

std::int64_t get_i64(const crypto::Bytes& in, std::size_t at) {
    std::uint64_t t = 0;
    for (int i = 7; i >= 0; --i) t = t << 8 | in[at + static_cast<std::size_t>(i)];
    return static_cast<std::int64_t>(t);
}

}  // namespace

crypto::Bytes journal_record(const core::Entry& entry, const core::ArrivalEvidence& evidence) {
    crypto::Bytes out(kEvidenceMagic, kEvidenceMagic + 4);
    put_i64(out, evidence.received_at_ms);
    put_i64(out, evidence.not_before_ms);
    out.insert(out.end(), entry.bytes().begin(), entry.bytes().end());
    return out;
}

Record split_record(const crypto::Bytes& payload) {
    const auto starts = [&](const std::uint8_t* magic, std::size_t header) {
        return payload.size() >= header && std::equal(magic, magic + 4, payload.begin());
    };
    if (starts(kEvidenceMagic, kEvidenceHeader)) {
        return {crypto::ByteView(payload).subspan(kEvidenceHeader), {get_i64(payload, 4), get_i64(payload, 12)}};
    }
    if (starts(kReceivedMagic, kReceivedHeader)) {
        return {crypto::ByteView(payload).subspan(kReceivedHeader), {get_i64(payload, 4), 0}};
    }
    return {crypto::ByteView(payload), {}};
}

}  // namespace candor::node
