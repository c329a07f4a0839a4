// libFuzzer target: sync messages as they come out of a SecureChannel. The decoder promises
// one encoding per message, so anything it accepts must re-encode to exactly the input.
#include <cstddef>
#include <cstdint>
#include <variant>

#include "fuzz_input.hpp"
#include "sync/messages.hpp"

using namespace candor;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const crypto::ByteView in(data, size);
    auto m = sync::decode_message(in);
    if (!m) {
        FUZZ_CHECK(!m.message().empty());
        return 0;
    }
    const crypto::Bytes original(in.begin(), in.end());
    if (const auto* hello = std::get_if<sync::HelloMessage>(&*m)) {
        FUZZ_CHECK(hello->version == sync::kSyncVersion);
        FUZZ_CHECK(hello->have.size() <= sync::kMaxVectorAuthors);
        FUZZ_CHECK(sync::encode_hello(hello->have) == original);
    } else if (const auto* entries = std::get_if<sync::EntriesMessage>(&*m)) {
        FUZZ_CHECK(!entries->entries.empty() && entries->entries.size() <= sync::kMaxBatchEntries);
        std::size_t total = 0;
        for (const auto& e : entries->entries) {
            FUZZ_CHECK(e.empty() || (e.data() >= in.data() && e.data() + e.size() <= in.data() + in.size()));
            total += e.size();
        }
        FUZZ_CHECK(total <= sync::kMaxBatchBytes);
        FUZZ_CHECK(sync::encode_entries(entries->batch, entries->entries) == original);
    } else if (const auto* ack = std::get_if<sync::AckMessage>(&*m)) {
        FUZZ_CHECK(ack->through_batch != 0);
        FUZZ_CHECK(sync::encode_ack(ack->through_batch, ack->have) == original);
    }
    return 0;
}
