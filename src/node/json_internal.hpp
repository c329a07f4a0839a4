// Internal to the JSON files: UTF-8 helpers shared by the parser and the writer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace candor::json::detail {

// Length of the valid UTF-8 sequence at s[i], or 0 when it is invalid.
[[nodiscard]] std::size_t utf8_sequence_length(std::string_view s, std::size_t i);
// Appends code point `cp` as UTF-8.
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace candor::json::detail
