// What text Candor accepts and how it is shown where it could do harm. One rule for every text
// (entry fields, names, notes, the agreement, beacons), below every layer so the network's
// beacons use the same function as the domain: valid UTF-8 and no characters that could
// rewrite a screen or hide what was written.
//
// Refused: NUL and every other C0 control (tab and newline are allowed where a text may span
// lines), DEL, the C1 controls U+0080–U+009F (U+009B is a terminal's CSI), and the bidi
// embedding, override and isolate controls U+202A–U+202E and U+2066–U+2069, which reorder how
// a line is displayed ("Trojan Source"). Right-to-left writing needs none of them: the bidi
// algorithm orders Hebrew and Arabic text by itself, and the plain marks U+200E/U+200F stay
// allowed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace candor::text {

enum class Lines : std::uint8_t { single, multi };  // multi: tab and newline allowed

// True for a code point the rule above refuses.
[[nodiscard]] bool is_refused(std::uint32_t code_point, Lines lines);

// Why `s` is not acceptable text ("holds a control character (U+001B)"), or nullopt when it is.
[[nodiscard]] std::optional<std::string> problem(std::string_view s, Lines lines = Lines::multi);
[[nodiscard]] inline bool is_safe(std::string_view s, Lines lines = Lines::multi) {
    return !problem(s, lines).has_value();
}

// Length of the well-formed UTF-8 sequence at s[i] and its code point; 0 when it is invalid
// (overlong forms, surrogates, code points above U+10FFFF, a sequence cut short).
struct CodePoint {
    std::size_t length = 0;
    std::uint32_t value = 0;
};
[[nodiscard]] CodePoint decode_at(std::string_view s, std::size_t i);

// For a terminal: every refused character and every byte of invalid UTF-8 written as a
// visible escape (\x1b, \u{202e}; \n and \t too for Lines::single); everything else as is.
[[nodiscard]] std::string escape_for_terminal(std::string_view s, Lines lines = Lines::single);

// At most `max_bytes` of `s` (cut at a character boundary) for an error message, escaped as
// above and quoted, with "…" when something was cut.
[[nodiscard]] std::string excerpt(std::string_view s, std::size_t max_bytes = 32);

}  // namespace candor::text
