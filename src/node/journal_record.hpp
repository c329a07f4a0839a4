// How this device stores an entry in its journal: the entry's exact bytes and what it knew of
// when the entry was made (core::ArrivalEvidence).
#pragma once

#include "core/entry.hpp"
#include "core/entry_times.hpp"
#include "crypto/bytes.hpp"

namespace candor::node {

[[nodiscard]] crypto::Bytes journal_record(const core::Entry& entry, const core::ArrivalEvidence& evidence);

struct Record {
    crypto::ByteView bytes;          // a view into the payload
    core::ArrivalEvidence evidence;  // zeros for a record from before 0.2
};
[[nodiscard]] Record split_record(const crypto::Bytes& payload);

}  // namespace candor::node
