// Helpers for the core tests: a test author that signs a chain of entries.
#pragma once

#include <doctest/doctest.h>

#include "core/entry.hpp"
#include "core/history.hpp"
#include "core/kinds.hpp"
#include "crypto/sign.hpp"
#include "unit/sanitizer.hpp"

namespace candor::core::test {

// Order tests walk every permutation; under the sanitizers they fold every 7th of them, and
// always the first, so CI stays within its time.
inline constexpr std::size_t kOrderStride = candor::test::kUnderSanitizer ? 7 : 1;


inline constexpr std::int64_t kT0 = 1'790'000'000'000;  // a fixed "now", ms since the epoch

struct Author {
    crypto::Identity identity = crypto::Identity::generate();
    AuthorHead head;
    std::uint64_t lamport = 0;  // the highest lamport this author has seen

    [[nodiscard]] const DeviceId& id() const { return identity.public_key(); }

    template <typename T>
    Entry post(const T& body, std::int64_t at_ms = kT0) {
        return post_raw(kind_of<T>, encode_body(body), at_ms);
    }

    Entry post_raw(Kind kind, Bytes body, std::int64_t at_ms = kT0) {
        auto e = make_entry(identity, head, lamport + 1, at_ms, 60, kind, std::move(body));
        REQUIRE(e.ok());
        head = e->as_head();
        lamport = e->lamport();
        return *e;
    }

    void saw(const Entry& e) { lamport = std::max(lamport, e.lamport()); }
};

}  // namespace candor::core::test
