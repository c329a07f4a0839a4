// Byte containers shared by every layer: plain bytes, fixed-size arrays, secrets that wipe
// themselves, hex conversion and constant-time comparison.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace candor::crypto {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

template <std::size_t N>
using ByteArray = std::array<std::uint8_t, N>;

// Must be called once before any other function here (idempotent, thread-safe).
void init();

[[nodiscard]] std::string to_hex(ByteView bytes);
[[nodiscard]] std::optional<Bytes> from_hex(std::string_view hex);

// Parses exactly N bytes of hex (2*N characters); nullopt for any other length or bad character.
template <std::size_t N>
[[nodiscard]] std::optional<ByteArray<N>> from_hex_array(std::string_view hex) {
    if (hex.size() != 2 * N) return std::nullopt;
    auto bytes = from_hex(hex);
    if (!bytes || bytes->size() != N) return std::nullopt;
    ByteArray<N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = (*bytes)[i];
    return out;
}

// Constant-time equality (sodium_memcmp); false when sizes differ.
[[nodiscard]] bool equal_ct(ByteView a, ByteView b);

void random_bytes(std::span<std::uint8_t> out);
[[nodiscard]] std::uint32_t random_uniform(std::uint32_t upper_bound);

// Wipes memory in a way the compiler cannot optimise away (sodium_memzero).
void wipe(std::span<std::uint8_t> bytes);

// A secret of fixed size, wiped on destruction, never printed.
template <std::size_t N>
class Secret {
public:
    Secret() { data_.fill(0); }
    ~Secret() { wipe(data_); }
    Secret(const Secret& other) : data_(other.data_) {}
    Secret& operator=(const Secret& other) {
        data_ = other.data_;
        return *this;
    }
    [[nodiscard]] std::uint8_t* data() { return data_.data(); }
    [[nodiscard]] const std::uint8_t* data() const { return data_.data(); }
    [[nodiscard]] static constexpr std::size_t size() { return N; }
    [[nodiscard]] ByteView view() const { return {data_.data(), N}; }
    [[nodiscard]] std::span<std::uint8_t> span() { return {data_.data(), N}; }

private:
    std::array<std::uint8_t, N> data_;
};

inline ByteView as_bytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

}  // namespace candor::crypto
