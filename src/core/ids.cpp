// Hex forms of device and entry ids.
#include "core/ids.hpp"

#include <cctype>

namespace candor::core {

std::string to_hex(const Id32& id) { return crypto::to_hex(id); }

std::string short_hex(const Id32& id) { return to_hex(id).substr(0, kShortIdChars); }

std::optional<Id32> parse_id(std::string_view hex) { return crypto::from_hex_array<32>(hex); }

bool id_has_prefix(const Id32& id, std::string_view prefix) {
    if (prefix.size() > 64) return false;
    const std::string full = to_hex(id);
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const auto c = static_cast<char>(std::tolower(static_cast<unsigned char>(prefix[i])));
        if (c != full[i]) return false;
    }
    return true;
}

}  // namespace candor::core
