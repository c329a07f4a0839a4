// The passphrase lock: keys.lock round trips, wrong and tampered files, recorded Argon2id
// limits, the growing delay, and a crash before every step of set / change / remove.
#include <doctest/doctest.h>

#include <functional>

#include "store/data_dir.hpp"
#include "store/key_lock.hpp"
#include "store/key_rewrap.hpp"
#include "store/peers.hpp"
#include "unit/store/temp_dir.hpp"

namespace candor::store {

using test::file_mode;
using test::slurp;
using test::spit;
using test::TempDir;

namespace {

const crypto::Passphrase kOld("old passphrase one");
const crypto::Passphrase kNew("new passphrase two");
const RewrapOptions kFast{crypto::kPwhashFastest, {}};

PairedDevice partner() {
    PairedDevice d;
    d.device_id.fill(7);
    d.name = "Sam";
    for (std::size_t i = 0; i < d.pair_key.size(); ++i) d.pair_key.data()[i] = static_cast<std::uint8_t>(0xA0 + i);
    d.safety_number = "12345 67890";
    return d;
}

bool same_keys(const DeviceKeys& a, const DeviceKeys& b) {
    return a.identity.public_key() == b.identity.public_key() && crypto::equal_ct(a.storage_key.view(), b.storage_key.view());
}

// A directory with keys and one paired device, as a Node leaves it.
DeviceKeys make_dir(const std::filesystem::path& dir) {
    auto keys = load_or_create_keys(dir);
    REQUIRE(keys.ok());
    REQUIRE(save_peers(dir, {partner()}).ok());
    return std::move(*keys);
}

bool file_holds(const std::filesystem::path& file, const std::string& text) {
    const auto bytes = slurp(file);
    return std::string(bytes.begin(), bytes.end()).find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("key lock: wrap and unwrap round trip, with the Argon2id limits recorded in the file") {
    TempDir dir;
    const DeviceKeys keys = make_dir(dir.path());
    for (const crypto::PwhashParams params : {crypto::kPwhashFastest, crypto::PwhashParams{2, 16384}}) {
        auto wrapped = wrap_device_keys(keys, kOld, params);
        REQUIRE(wrapped.ok());
        const OpenedBox header = peek_box(kKeyLockBox, *wrapped);
        REQUIRE(header.ok());
        CHECK(header.params == params);
        CHECK(header.version == kKeyLockVersion);
        const UnwrappedKeys back = unwrap_device_keys(*wrapped, kOld);
        REQUIRE(back.failure == BoxFailure::none);
        CHECK(same_keys(back.keys, keys));
        CHECK(back.keys.locked);
        // Each wrap has its own salt and nonces.
        auto again = wrap_device_keys(keys, kOld, params);
        REQUIRE(again.ok());
        CHECK(*again != *wrapped);
    }
}

TEST_CASE("key lock: a wrong passphrase, a tampered byte, a newer format and a cut file are all refused") {
    TempDir dir;
    const DeviceKeys keys = make_dir(dir.path());
    auto wrapped = wrap_device_keys(keys, kOld, crypto::kPwhashFastest);
    REQUIRE(wrapped.ok());
    CHECK(unwrap_device_keys(*wrapped, kNew).failure == BoxFailure::wrong_passphrase);
    CHECK(unwrap_device_keys(*wrapped, crypto::Passphrase("")).failure == BoxFailure::wrong_passphrase);
    // Every single flipped bit anywhere in the file is caught.
    for (std::size_t i = 0; i < wrapped->size(); ++i) {
        crypto::Bytes bad = *wrapped;
        bad[i] ^= 0x01;
        CAPTURE(i);
        CHECK(unwrap_device_keys(bad, kOld).failure != BoxFailure::none);
    }
    crypto::Bytes body_flipped = *wrapped;
    body_flipped.back() ^= 0x80;
    CHECK(unwrap_device_keys(body_flipped, kOld).failure == BoxFailure::tampered);
    crypto::Bytes newer = *wrapped;
    newer[8] = 2;
    CHECK(unwrap_device_keys(newer, kOld).failure == BoxFailure::newer_format);
    for (std::size_t cut : {std::size_t{0}, std::size_t{10}, std::size_t{100}, wrapped->size() - 1}) {
        const crypto::Bytes shorter(wrapped->begin(), wrapped->begin() + static_cast<std::ptrdiff_t>(cut));
        CHECK(unwrap_device_keys(shorter, kOld).failure != BoxFailure::none);
    }
    crypto::Bytes longer = *wrapped;
    longer.push_back(0);
    CHECK(unwrap_device_keys(longer, kOld).failure == BoxFailure::tampered);
}

TEST_CASE("key lock: set locks the directory; nothing secret stays in the clear; wrong guesses slow down") {
    TempDir dir;
    const DeviceKeys keys = make_dir(dir.path());
    const std::string pair_key_hex = crypto::to_hex(partner().pair_key.view());
    CHECK(file_holds(dir.path() / kPeersFile, pair_key_hex));
    REQUIRE(set_passphrase(dir.path(), keys, kOld, kFast).ok());
    CHECK(is_locked(dir.path()));
    CHECK(file_mode(dir.path() / kKeyLockFile) == 0600);
    CHECK_FALSE(std::filesystem::exists(dir.path() / kIdentityKeyFile));
    CHECK_FALSE(std::filesystem::exists(dir.path() / kStorageKeyFile));
    CHECK_FALSE(file_holds(dir.path() / kPeersFile, pair_key_hex));
    CHECK_FALSE(file_holds(dir.path() / kKeyLockFile, crypto::to_hex(keys.storage_key.view())));

    auto refused = load_or_create_keys(dir.path());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.message() == kLockedMessage);
    CHECK_FALSE(load_peers(dir.path()).ok());
    CHECK(set_passphrase(dir.path(), keys, kNew, kFast).message().find("already set") != std::string::npos);

    CHECK(unlock_delay(dir.path(), 0).count() == 0);
    CHECK(unlock_keys(dir.path(), kNew).failure == BoxFailure::wrong_passphrase);
    CHECK(unlock_failures(dir.path()) == 1);
    CHECK(unlock_keys(dir.path(), kNew).failure == BoxFailure::wrong_passphrase);
    CHECK(unlock_failures(dir.path()) == 2);
    // Right after the second failure the wait is 2 s; it runs out, and grows with each failure.
    const auto second = unlock_delay(dir.path(), 0);
    CHECK(unlock_delay(dir.path(), std::int64_t{1} << 50).count() == 0);
    CHECK(unlock_keys(dir.path(), crypto::Passphrase("third wrong one")).failure == BoxFailure::wrong_passphrase);
    CHECK(std::filesystem::exists(dir.path() / kKeyLockFile));

    const UnwrappedKeys opened = unlock_keys(dir.path(), kOld);
    REQUIRE(opened.failure == BoxFailure::none);
    CHECK(same_keys(opened.keys, keys));
    CHECK(unlock_failures(dir.path()) == 0);
    auto peers = load_peers(dir.path(), &opened.keys.storage_key);
    REQUIRE(peers.ok());
    REQUIRE(peers->size() == 1);
    CHECK(crypto::equal_ct(peers->front().pair_key.view(), partner().pair_key.view()));
    (void)second;
}

TEST_CASE("key lock: the delay doubles after each wrong passphrase, up to 30 s") {
    TempDir dir;
    const DeviceKeys keys = make_dir(dir.path());
    REQUIRE(set_passphrase(dir.path(), keys, kOld, kFast).ok());
    std::int64_t previous = 0;
    for (int i = 0; i < 7; ++i) {
        REQUIRE(unlock_keys(dir.path(), kNew).failure == BoxFailure::wrong_passphrase);
        // Asked at the moment of the last failure (a time before it clamps to the full delay).
        const std::int64_t full = unlock_delay(dir.path(), 0).count();
        CHECK(full >= previous);
        CHECK(full <= 30'000);
        previous = full;
    }
    CHECK(previous == 30'000);
}

namespace {

// Runs `op` stopping before its 1st, 2nd … step until it completes; after each stop, `check`
// sees the directory as the next start would. Returns how many steps there were.
int walk_every_step(const std::function<DeviceKeys(const std::filesystem::path&)>& prepare,
                    const std::function<Status(const std::filesystem::path&, const DeviceKeys&, RewrapOptions)>& op,
                    const std::function<void(const std::filesystem::path&, const DeviceKeys&)>& check) {
    for (int stop_at = 0;; ++stop_at) {
        TempDir dir;
        const DeviceKeys keys = prepare(dir.path());
        int step = 0;
        RewrapOptions options = kFast;
        options.seam = [&](std::string_view) { return step++ < stop_at; };
        const Status done = op(dir.path(), keys, options);
        CAPTURE(stop_at);
        check(dir.path(), keys);
        if (done.ok()) return stop_at;
    }
}

enum class Seen { unlocked, locked_old, locked_new };

// What the directory is after a (maybe interrupted) change, checking that its keys and pair key
// are intact in that state.
Seen state_of(const std::filesystem::path& dir, const DeviceKeys& keys) {
    if (!is_locked(dir)) {
        auto plain = load_or_create_keys(dir);
        REQUIRE(plain.ok());
        CHECK_FALSE(plain->created);
        CHECK(same_keys(*plain, keys));
        auto peers = load_peers(dir);
        REQUIRE(peers.ok());
        CHECK(crypto::equal_ct(peers->at(0).pair_key.view(), partner().pair_key.view()));
        return Seen::unlocked;
    }
    UnwrappedKeys opened = unlock_keys(dir, kOld);
    const bool old = opened.failure == BoxFailure::none;
    if (!old) opened = unlock_keys(dir, kNew);
    REQUIRE(opened.failure == BoxFailure::none);
    CHECK(same_keys(opened.keys, keys));
    REQUIRE(finish_interrupted_rewrap(dir, opened.keys).ok());
    CHECK_FALSE(std::filesystem::exists(dir / kIdentityKeyFile));
    CHECK_FALSE(std::filesystem::exists(dir / kStorageKeyFile));
    CHECK_FALSE(file_holds(dir / kPeersFile, crypto::to_hex(partner().pair_key.view())));
    auto peers = load_peers(dir, &opened.keys.storage_key);
    REQUIRE(peers.ok());
    CHECK(crypto::equal_ct(peers->at(0).pair_key.view(), partner().pair_key.view()));
    return old ? Seen::locked_old : Seen::locked_new;
}

DeviceKeys make_locked_dir(const std::filesystem::path& dir) {
    const DeviceKeys keys = make_dir(dir);
    REQUIRE(set_passphrase(dir, keys, kOld, kFast).ok());
    return unlock_keys(dir, kOld).keys;
}

}  // namespace

TEST_CASE("key rewrap: a crash before any step of set leaves it unlocked or locked, never neither") {
    std::vector<Seen> seen;
    const int steps = walk_every_step(
        make_dir, [](const auto& dir, const DeviceKeys& keys, RewrapOptions o) { return set_passphrase(dir, keys, kNew, o); },
        [&](const auto& dir, const DeviceKeys& keys) { seen.push_back(state_of(dir, keys)); });
    CHECK(steps == 4);
    CHECK(seen.front() == Seen::unlocked);
    CHECK(seen.back() == Seen::locked_new);
    for (Seen s : seen) CHECK(s != Seen::locked_old);
}

TEST_CASE("key rewrap: a crash during change leaves the old passphrase or the new one working") {
    std::vector<Seen> seen;
    const int steps = walk_every_step(
        make_locked_dir,
        [](const auto& dir, const DeviceKeys& keys, RewrapOptions o) { return change_passphrase(dir, keys, kNew, o); },
        [&](const auto& dir, const DeviceKeys& keys) { seen.push_back(state_of(dir, keys)); });
    CHECK(steps == 1);
    CHECK(seen.front() == Seen::locked_old);
    CHECK(seen.back() == Seen::locked_new);
}

TEST_CASE("key rewrap: a crash before any step of remove leaves it locked (old passphrase) or unlocked") {
    std::vector<Seen> seen;
    const int steps = walk_every_step(
        make_locked_dir, [](const auto& dir, const DeviceKeys& keys, RewrapOptions o) { return remove_passphrase(dir, keys, o); },
        [&](const auto& dir, const DeviceKeys& keys) { seen.push_back(state_of(dir, keys)); });
    CHECK(steps == 4);
    CHECK(seen.front() == Seen::locked_old);
    CHECK(seen.back() == Seen::unlocked);
    for (Seen s : seen) CHECK(s != Seen::locked_new);
}

TEST_CASE("key lock: a sealed pair key opens only under its storage key and for its own device") {
    TempDir dir;
    const DeviceKeys keys = make_dir(dir.path());
    const crypto::Bytes sealed = serialize_peers({partner()}, &keys.storage_key);
    const std::string text(sealed.begin(), sealed.end());
    CHECK(text.find("\"pair_key\": \"sealed:") != std::string::npos);
    CHECK(text.find(crypto::to_hex(partner().pair_key.view())) == std::string::npos);
    auto back = parse_peers(sealed, "peers.json", &keys.storage_key);
    REQUIRE(back.ok());
    CHECK(crypto::equal_ct(back->at(0).pair_key.view(), partner().pair_key.view()));
    CHECK(parse_peers(sealed, "peers.json").message().find("needs the passphrase") != std::string::npos);
    const crypto::AeadKey other = crypto::aead_keygen();
    CHECK_FALSE(parse_peers(sealed, "peers.json", &other).ok());
    // The sealed key moved to another device's entry does not open (the device id is bound in).
    std::string moved = text;
    const std::string id = partner().device_id_hex();
    moved.replace(moved.find(id), id.size(), std::string(id.size(), '8'));
    CHECK_FALSE(parse_peers(crypto::as_bytes(moved), "peers.json", &keys.storage_key).ok());
    // A clear file still reads with or without the key.
    CHECK(parse_peers(serialize_peers({partner()}), "peers.json", &keys.storage_key).ok());
}

TEST_CASE("key lock: a new passphrase must be at least 8 characters of one line") {
    CHECK(check_new_passphrase(crypto::Passphrase("eight ch")).ok());
    CHECK_FALSE(check_new_passphrase(crypto::Passphrase("short")).ok());
    CHECK_FALSE(check_new_passphrase(crypto::Passphrase("two\nlines here")).ok());
}

}  // namespace candor::store
