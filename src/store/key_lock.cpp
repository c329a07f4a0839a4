// keys.lock: wrapping and unwrapping the device keys, and the count of wrong passphrases.
#include "store/key_lock.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

#include "common/text.hpp"
#include "crypto/hash.hpp"
#include "store/data_dir.hpp"

namespace candor::store {

namespace {

constexpr std::size_t kWrappedPayloadSize = 64 + 32;
constexpr std::int64_t kMaxDelayMs = 30'000;

struct Failures {
    std::uint32_t count = 0;
    std::int64_t last_ms = 0;
};

Failures read_failures(const std::filesystem::path& dir) {
    Failures f;
    auto bytes = read_file_if_exists(dir / kUnlockFailuresFile, 64);
    if (!bytes || !*bytes) return f;
    const std::string text((*bytes)->begin(), (*bytes)->end());
    unsigned long count = 0;
    long long last = 0;
    if (std::sscanf(text.c_str(), "%lu %lld", &count, &last) == 2) {
        f.count = static_cast<std::uint32_t>(std::min<unsigned long>(count, 1000));
        f.last_ms = last;
    }
    return f;
}

std::int64_t wall_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

void write_failures(const std::filesystem::path& dir, const Failures& f) {
    const std::filesystem::path file = dir / kUnlockFailuresFile;
    if (f.count == 0) {
        std::error_code ec;
        std::filesystem::remove(file, ec);
        return;
    }
    const std::string text = std::to_string(f.count) + " " + std::to_string(f.last_ms) + "\n";
    (void)atomic_write_file(file, crypto::as_bytes(text), 0600);
}

}  // namespace

bool is_locked(const std::filesystem::path& dir) {
    std::error_code ec;
    return std::filesystem::exists(dir / kKeyLockFile, ec);
}

Status check_new_passphrase(const crypto::Passphrase& passphrase) {
    if (passphrase.size() < kMinPassphraseBytes) {
        return make_error("a passphrase needs at least " + std::to_string(kMinPassphraseBytes) +
                          " characters; a few words you will remember work well");
    }
    if (passphrase.size() >= crypto::Passphrase::kMaxBytes || !text::is_safe(passphrase.view(), text::Lines::single)) {
        return make_error("a passphrase is one line of text (no control characters, at most 1024 bytes)");
    }
    return {};
}

Result<crypto::Bytes> wrap_device_keys(const DeviceKeys& keys, const crypto::Passphrase& passphrase,
                                       const crypto::PwhashParams& params) {
    SecretBytes payload(crypto::Bytes(keys.identity.secret_key().view().begin(), keys.identity.secret_key().view().end()));
    payload.bytes().insert(payload.bytes().end(), keys.storage_key.view().begin(), keys.storage_key.view().end());
    return seal_box(kKeyLockBox, passphrase, params, payload.bytes());
}

UnwrappedKeys unwrap_device_keys(crypto::ByteView file, const crypto::Passphrase& passphrase) {
    UnwrappedKeys out;
    OpenedBox box = open_box(kKeyLockBox, file, passphrase);
    if (!box.ok()) {
        out.failure = box.failure;
        out.message = box.failure == BoxFailure::wrong_passphrase
                          ? std::string("wrong passphrase: that is not the passphrase that locks this data directory")
                          : box.message;
        return out;
    }
    const crypto::Bytes& p = box.payload.bytes();
    auto identity = p.size() == kWrappedPayloadSize ? crypto::Identity::from_secret(crypto::ByteView(p.data(), 64))
                                                    : Result<crypto::Identity>(make_error("wrong size"));
    if (!identity) {
        out.failure = BoxFailure::tampered;
        out.message = "the key file does not hold valid keys (" + identity.message() + ")";
        return out;
    }
    out.keys.identity = std::move(*identity);
    std::memcpy(out.keys.storage_key.data(), p.data() + 64, 32);
    out.keys.locked = true;
    return out;
}

UnwrappedKeys unlock_keys(const std::filesystem::path& dir, const crypto::Passphrase& passphrase) {
    const std::filesystem::path file = dir / kKeyLockFile;
    UnwrappedKeys out;
    auto fail = [&](std::string message) {
        out.failure = BoxFailure::not_this_kind;
        out.message = std::move(message);
        return std::move(out);
    };
    if (Status ok = check_private_file(file); !ok) return fail(ok.message());
    auto bytes = read_file(file, 4096);
    if (!bytes) return fail(bytes.message());
    out = unwrap_device_keys(*bytes, passphrase);
    if (out.failure == BoxFailure::wrong_passphrase) {
        Failures f = read_failures(dir);
        write_failures(dir, {f.count + 1, wall_ms()});
    } else if (out.failure == BoxFailure::none) {
        write_failures(dir, {});
    } else {
        out.message = file.string() + ": " + out.message;
    }
    return out;
}

std::chrono::milliseconds unlock_delay(const std::filesystem::path& dir, std::int64_t now_ms) {
    const Failures f = read_failures(dir);
    if (f.count == 0) return std::chrono::milliseconds(0);
    const std::int64_t full = std::min<std::int64_t>(kMaxDelayMs, 1000LL << std::min<std::uint32_t>(f.count - 1, 15));
    const std::int64_t left = f.last_ms + full - now_ms;
    return std::chrono::milliseconds(std::clamp<std::int64_t>(left, 0, full));
}

std::uint32_t unlock_failures(const std::filesystem::path& dir) { return read_failures(dir).count; }

crypto::AeadKey pair_seal_key(const crypto::AeadKey& storage_key) {
    return crypto::derive_key(storage_key, 1, "pairkeys");
}

}  // namespace candor::store
