// Peers file: cereal JSON (format 1) with hex keys, validated on load and save.
#include "store/peers.hpp"

#include <cereal/types/string.hpp>
#include <cereal/types/vector.hpp>
#include <algorithm>
#include <cstring>
#include <optional>
#include <set>

#include "store/data_dir.hpp"
#include "store/json_file.hpp"
#include "crypto/aead.hpp"
#include "store/key_lock.hpp"
#include "store/keys.hpp"
#include "store/settings.hpp"

namespace candor::store {

namespace {

constexpr std::size_t kMaxPeersFile = 64 * 1024;

// A hex string that wipes itself: pair keys pass through these on their way to and from disk.
struct HexSecret {
    std::string text;
    HexSecret() = default;
    HexSecret(const HexSecret&) = delete;
    HexSecret& operator=(const HexSecret&) = delete;
    ~HexSecret() { crypto::wipe({reinterpret_cast<std::uint8_t*>(text.data()), text.size()}); }
};

constexpr std::string_view kSealedPrefix = "sealed:";

std::string pair_key_ad(const PairedDevice& d) { return "candor pair key " + d.device_id_hex(); }

// The "pair_key" text: hex of the key, or of its sealed form while a passphrase is set.
std::string pair_key_text(const PairedDevice& d, const crypto::Secret<32>* seal_with) {
    if (seal_with == nullptr) return crypto::to_hex(d.pair_key.view());
    const crypto::AeadKey key = pair_seal_key(*seal_with);
    const crypto::AeadNonce nonce = crypto::random_nonce();
    crypto::Bytes sealed(nonce.begin(), nonce.end());
    const crypto::Bytes ct = crypto::aead_seal(key, nonce, d.pair_key.view(), crypto::as_bytes(pair_key_ad(d)));
    sealed.insert(sealed.end(), ct.begin(), ct.end());
    return std::string(kSealedPrefix) + crypto::to_hex(sealed);
}

// The key bytes from its text (wiped by the caller); nullopt when it is not a valid key.
std::optional<crypto::Bytes> pair_key_bytes(const PairedDevice& d, const std::string& text,
                                            const crypto::Secret<32>* storage_key) {
    if (!std::string_view(text).starts_with(kSealedPrefix)) return crypto::from_hex(text);
    auto sealed = crypto::from_hex(std::string_view(text).substr(kSealedPrefix.size()));
    if (!sealed || storage_key == nullptr || sealed->size() < 24) return std::nullopt;
    crypto::AeadNonce nonce{};
    std::copy(sealed->begin(), sealed->begin() + 24, nonce.begin());
    return crypto::aead_open(pair_seal_key(*storage_key), nonce, crypto::ByteView(*sealed).subspan(24),
                             crypto::as_bytes(pair_key_ad(d)));
}

void save_device(cereal::JSONOutputArchive& ar, const PairedDevice& d, const crypto::Secret<32>* seal_with) {
    HexSecret key;
    key.text = pair_key_text(d, seal_with);
    ar.startNode();
    ar(cereal::make_nvp("device_id", d.device_id_hex()), cereal::make_nvp("name", d.name),
       cereal::make_nvp("pair_key", key.text), cereal::make_nvp("safety_number", d.safety_number),
       cereal::make_nvp("addresses", d.addresses), cereal::make_nvp("last_seen_ms", d.last_seen_ms),
       cereal::make_nvp("paired_at_ms", d.paired_at_ms), cereal::make_nvp("delivered_seq", d.delivered_seq));
    ar.finishNode();
}

// Loads one bounded string list (sizes checked before anything is allocated for them).
Status load_strings(cereal::JSONInputArchive& ar, const char* name, std::size_t max_count,
                    std::vector<std::string>& out, const std::string& file) {
    ar.setNextName(name);
    ar.startNode();
    cereal::size_type count = 0;
    ar.loadSize(count);
    if (count > max_count) return make_error(file + " is not readable (too many " + name + ")");
    out.resize(static_cast<std::size_t>(count));
    for (auto& s : out) ar(s);
    ar.finishNode();
    return {};
}

Status load_device(cereal::JSONInputArchive& ar, PairedDevice& d, const std::string& file,
                   const crypto::Secret<32>* storage_key) {
    std::string id_hex;
    HexSecret key;
    ar.startNode();
    ar(cereal::make_nvp("device_id", id_hex), cereal::make_nvp("name", d.name),
       cereal::make_nvp("pair_key", key.text), cereal::make_nvp("safety_number", d.safety_number));
    if (auto ok = load_strings(ar, "addresses", kMaxPeerAddresses, d.addresses, file); !ok) return ok;
    ar(cereal::make_nvp("last_seen_ms", d.last_seen_ms), cereal::make_nvp("paired_at_ms", d.paired_at_ms));
    // Optional (added later): how many of my entries this device has confirmed as saved.
    if (const char* next = ar.getNodeName(); next && std::string_view(next) == "delivered_seq") {
        ar(cereal::make_nvp("delivered_seq", d.delivered_seq));
    }
    ar.finishNode();
    const auto id = crypto::from_hex(id_hex);
    if (!id || id->size() != d.device_id.size()) {
        return make_error(file + " is not readable (a device id is not 64 hex digits)");
    }
    std::memcpy(d.device_id.data(), id->data(), d.device_id.size());
    auto pair_key = pair_key_bytes(d, key.text, storage_key);
    const bool key_ok = pair_key && pair_key->size() == d.pair_key.size();
    if (key_ok) std::memcpy(d.pair_key.data(), pair_key->data(), d.pair_key.size());
    if (pair_key) crypto::wipe(*pair_key);
    if (!key_ok && storage_key == nullptr && std::string_view(key.text).starts_with(kSealedPrefix)) {
        return make_error(file + " holds sealed pair keys and needs the passphrase to be read");
    }
    if (!key_ok) return make_error(file + " is not readable (a pair key is not 64 hex digits, or its sealed form does not open)");
    return {};
}

}  // namespace

Status validate_peers(const std::vector<PairedDevice>& devices) {
    if (devices.size() > kMaxPairedDevices) {
        return make_error("at most " + std::to_string(kMaxPairedDevices) + " paired devices are supported");
    }
    std::set<std::string> seen;
    for (const auto& d : devices) {
        const std::string id = d.device_id_hex();
        if (!seen.insert(id).second) return make_error("device " + id + " is listed twice");
        if (d.name.empty() || d.name.size() > kMaxDisplayName || !is_printable_utf8(d.name)) {
            return make_error("device " + id + " has an invalid name");
        }
        if (d.safety_number.size() > kMaxSafetyNumberText || !is_printable_utf8(d.safety_number)) {
            return make_error("device " + id + " has an invalid safety number");
        }
        if (d.addresses.size() > kMaxPeerAddresses) return make_error("device " + id + " has too many addresses");
        for (const auto& a : d.addresses) {
            if (a.empty() || a.size() > kMaxAddressText || !is_printable_utf8(a)) {
                return make_error("device " + id + " has an invalid address");
            }
        }
        if (d.last_seen_ms < 0 || d.paired_at_ms < 0) return make_error("device " + id + " has a negative time");
    }
    return {};
}

crypto::Bytes serialize_peers(const std::vector<PairedDevice>& devices, const crypto::Secret<32>* seal_with) {
    json_file::WipingStreambuf buffer;
    json_file::save(buffer, [&](cereal::JSONOutputArchive& ar) {
        ar(cereal::make_nvp("format", kPeersFormat));
        ar.setNextName("devices");
        ar.startNode();
        ar.makeArray();
        for (const auto& d : devices) save_device(ar, d, seal_with);
        ar.finishNode();
    });
    const auto view = buffer.view();
    crypto::Bytes out(view.begin(), view.end());
    out.push_back('\n');
    return out;
}

Result<std::vector<PairedDevice>> parse_peers(crypto::ByteView bytes, const std::string& file,
                                              const crypto::Secret<32>* storage_key) {
    std::vector<PairedDevice> devices;
    auto loaded = json_file::load(bytes, file, [&](cereal::JSONInputArchive& ar) -> Status {
        std::uint32_t format = 0;
        ar(cereal::make_nvp("format", format));
        if (format != kPeersFormat) {
            return make_error(file + " uses peers format " + std::to_string(format) +
                              ", which this Candor cannot read; install a newer Candor");
        }
        ar.setNextName("devices");
        ar.startNode();
        cereal::size_type count = 0;
        ar.loadSize(count);
        if (count > kMaxPairedDevices) return make_error(file + " is not readable (too many devices)");
        devices.resize(static_cast<std::size_t>(count));
        for (auto& d : devices) {
            if (auto ok = load_device(ar, d, file, storage_key); !ok) return ok;
        }
        ar.finishNode();
        return {};
    });
    if (!loaded) return loaded.error();
    if (auto valid = validate_peers(devices); !valid) {
        return make_error(file + " is not readable (" + valid.message() + ")");
    }
    return devices;
}

Result<std::vector<PairedDevice>> load_peers(const std::filesystem::path& dir, const crypto::Secret<32>* storage_key) {
    const auto file = dir / kPeersFile;
    auto bytes = read_file_if_exists(file, kMaxPeersFile);
    if (!bytes) return bytes.error();
    if (!bytes->has_value()) return std::vector<PairedDevice>{};
    // Check permissions only once we know it exists; the read above did not follow a swap.
    if (auto ok = check_private_file(file); !ok) {
        crypto::wipe(**bytes);
        return ok.error();
    }
    auto parsed = parse_peers(**bytes, file.string(), storage_key);
    crypto::wipe(**bytes);
    if (!parsed) {
        return make_error(parsed.message() +
                          "; it was left as it is. Restore it from a backup, or move it aside and pair again");
    }
    return parsed;
}

Status save_peers(const std::filesystem::path& dir, const std::vector<PairedDevice>& devices,
                  const crypto::Secret<32>* seal_with) {
    if (auto valid = validate_peers(devices); !valid) return valid;
    auto bytes = serialize_peers(devices, seal_with);
    auto written = atomic_write_file(dir / kPeersFile, bytes, 0600);
    crypto::wipe(bytes);
    return written;
}

}  // namespace candor::store
