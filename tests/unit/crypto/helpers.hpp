// Small helpers shared by the crypto unit tests.
#pragma once

#include <doctest/doctest.h>

#include <string_view>

#include "crypto/bytes.hpp"

namespace candor::crypto::test {

// Hex from a golden vector; a typo in the vector fails the test instead of passing silently.
inline Bytes hex(std::string_view h) {
    auto b = from_hex(h);
    REQUIRE(b.has_value());
    return *b;
}

template <std::size_t N>
ByteArray<N> hex_array(std::string_view h) {
    auto b = from_hex_array<N>(h);
    REQUIRE(b.has_value());
    return *b;
}

template <std::size_t N>
Secret<N> hex_secret(std::string_view h) {
    auto b = hex(h);
    REQUIRE(b.size() == N);
    Secret<N> s;
    for (std::size_t i = 0; i < N; ++i) s.data()[i] = b[i];
    return s;
}

}  // namespace candor::crypto::test
