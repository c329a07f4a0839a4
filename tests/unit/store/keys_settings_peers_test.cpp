// Identity and storage keys on disk, settings and paired devices: persistence, permissions,
// and corrupt files refused without being overwritten.
#include <doctest/doctest.h>

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/data_dir.hpp"
#include "store/journal.hpp"
#include "store/keys.hpp"
#include "store/peers.hpp"
#include "store/settings.hpp"
#include "unit/store/temp_dir.hpp"

namespace candor::store {

using test::file_mode;
using test::slurp;
using test::spit;
using test::TempDir;

TEST_CASE("keys: created once with mode 0600, the same after reopening") {
    TempDir dir;
    auto first = load_or_create_keys(dir.path());
    REQUIRE(first.ok());
    CHECK(first->created);
    CHECK(file_mode(dir.path() / kIdentityKeyFile) == 0600);
    CHECK(file_mode(dir.path() / kStorageKeyFile) == 0600);
    CHECK(std::filesystem::file_size(dir.path() / kIdentityKeyFile) == kIdentityKeyFileSize);
    CHECK(std::filesystem::file_size(dir.path() / kStorageKeyFile) == kStorageKeyFileSize);
    auto second = load_or_create_keys(dir.path());
    REQUIRE(second.ok());
    CHECK_FALSE(second->created);
    CHECK(second->identity.public_key() == first->identity.public_key());
    CHECK(crypto::equal_ct(second->storage_key.view(), first->storage_key.view()));
    // The reloaded identity signs for the same public key.
    const auto sig = second->identity.sign(crypto::as_bytes("hello"));
    CHECK(crypto::verify(first->identity.public_key(), crypto::as_bytes("hello"), sig));
    // A fresh directory gets different keys.
    TempDir other;
    auto third = load_or_create_keys(other.path());
    REQUIRE(third.ok());
    CHECK(third->identity.public_key() != first->identity.public_key());
}

TEST_CASE("keys: too-open permissions, wrong sizes and damage are refused untouched") {
    TempDir dir;
    REQUIRE(load_or_create_keys(dir.path()).ok());
    const auto identity = dir.path() / kIdentityKeyFile;
    const auto storage = dir.path() / kStorageKeyFile;
    const auto identity_bytes = slurp(identity);
    SUBCASE("identity readable by group") {
        REQUIRE(::chmod(identity.c_str(), 0640) == 0);
        auto keys = load_or_create_keys(dir.path());
        REQUIRE_FALSE(keys.ok());
        CHECK(keys.message().find("chmod 600") != std::string::npos);
        CHECK(keys.message().find(identity.string()) != std::string::npos);
        CHECK(file_mode(identity) == 0640);  // reported, not silently changed
    }
    SUBCASE("storage key readable by others") {
        REQUIRE(::chmod(storage.c_str(), 0604) == 0);
        CHECK_FALSE(load_or_create_keys(dir.path()).ok());
    }
    SUBCASE("storage key of the wrong size") {
        spit(storage, std::vector<std::uint8_t>(31, 1));
        REQUIRE(::chmod(storage.c_str(), 0600) == 0);
        auto keys = load_or_create_keys(dir.path());
        REQUIRE_FALSE(keys.ok());
        CHECK(keys.message().find("wrong size") != std::string::npos);
        CHECK(std::filesystem::file_size(storage) == 31);
    }
    SUBCASE("identity with a damaged magic, an unknown protection, a flipped key byte, a cut") {
        for (std::size_t at : {std::size_t{0}, std::size_t{12}, std::size_t{20}, std::size_t{79}}) {
            CAPTURE(at);
            auto bad = identity_bytes;
            bad[at] ^= 1;
            spit(identity, bad);
            CHECK_FALSE(load_or_create_keys(dir.path()).ok());
            CHECK(slurp(identity) == bad);
        }
        spit(identity, std::vector<std::uint8_t>(identity_bytes.begin(), identity_bytes.end() - 1));
        CHECK_FALSE(load_or_create_keys(dir.path()).ok());
    }
}

TEST_CASE("keys: a missing key next to an existing journal is not regenerated") {
    TempDir dir;
    auto keys = load_or_create_keys(dir.path());
    REQUIRE(keys.ok());
    REQUIRE(Journal::open(dir.path() / kJournalFile, keys->storage_key).ok());
    std::filesystem::remove(dir.path() / kStorageKeyFile);
    auto again = load_or_create_keys(dir.path());
    REQUIRE_FALSE(again.ok());
    CHECK(again.message().find("backup") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / kStorageKeyFile));
}

TEST_CASE("settings: defaults, round trip, validation") {
    TempDir dir;
    auto loaded = load_settings(dir.path());
    REQUIRE(loaded.ok());
    const passwd* pw = ::getpwuid(::getuid());
    REQUIRE(pw != nullptr);
    CHECK(loaded->display_name == pw->pw_name);
    CHECK(loaded->port == 47600);
    CHECK(loaded->theme == "light");
    CHECK_FALSE(std::filesystem::exists(dir.path() / kSettingsFile));  // loading writes nothing

    Settings s = *loaded;
    s.display_name = "Zoë 🌙";
    s.port = 0;
    s.theme = "dark";
    s.reminder_lead_minutes = 45;
    s.hide_figures = true;
    s.notifications = false;
    s.update_presets = {"Back at \"7\"", "ok\\done"};
    REQUIRE(save_settings(dir.path(), s).ok());
    auto again = load_settings(dir.path());
    REQUIRE(again.ok());
    CHECK(*again == s);

    Settings bad = s;
    bad.theme = "blue";
    CHECK_FALSE(save_settings(dir.path(), bad).ok());
    bad = s;
    bad.display_name = "";
    CHECK_FALSE(save_settings(dir.path(), bad).ok());
    bad = s;
    bad.display_name = "tab\there";
    CHECK_FALSE(save_settings(dir.path(), bad).ok());
    bad = s;
    bad.display_name = std::string("\xC3\x28");  // invalid UTF-8
    CHECK_FALSE(save_settings(dir.path(), bad).ok());
    bad = s;
    bad.reminder_lead_minutes = -1;
    CHECK_FALSE(save_settings(dir.path(), bad).ok());
    CHECK(*load_settings(dir.path()) == s);  // refused saves changed nothing
}

TEST_CASE("settings: a field of the wrong type says which type it should have") {
    TempDir dir;
    REQUIRE(save_settings(dir.path(), default_settings()).ok());
    const auto good = slurp(dir.path() / kSettingsFile);
    std::string text(good.begin(), good.end());
    const auto at = text.find("\"port\": ");
    REQUIRE(at != std::string::npos);
    text.replace(at, text.find(',', at) - at, "\"port\": \"47600\"");
    auto parsed = parse_settings(crypto::ByteView(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()),
                                 "settings.json");
    REQUIRE_FALSE(parsed.ok());
    INFO(parsed.message());
    CHECK(parsed.message().find("rapidjson") == std::string::npos);
    CHECK(parsed.message().find("it should be a whole number") != std::string::npos);
}

TEST_CASE("settings: a corrupt file is an error naming it and is never overwritten") {
    TempDir dir;
    const auto file = dir.path() / kSettingsFile;
    REQUIRE(save_settings(dir.path(), default_settings()).ok());
    const auto good = slurp(file);
    // Every cut of a valid file, and a few hand-made bad ones.
    std::vector<std::vector<std::uint8_t>> bad_files;
    for (std::size_t n = 0; n + 2 < good.size(); ++n) bad_files.emplace_back(good.begin(), good.begin() + n);
    for (std::string text : {std::string("not json"), std::string("[1,2]"), std::string(5000, '['),
                             std::string("{\"format\": 1}"), std::string("{\"format\": 2}"),
                             std::string("{\"format\": \"1\"}"), std::string("{\"format\": -1}")}) {
        bad_files.emplace_back(text.begin(), text.end());
    }
    std::string text(good.begin(), good.end());
    auto replace = [&](const std::string& from, const std::string& to) {
        std::string t = text;
        const auto at = t.find(from);
        REQUIRE(at != std::string::npos);
        t.replace(at, from.size(), to);
        bad_files.emplace_back(t.begin(), t.end());
    };
    replace("47600", "70000");
    replace("47600", "-1");
    replace("47600", "\"47600\"");
    replace("\"light\"", "\"pink\"");
    replace("false", "0");
    replace("15", "99999999999");
    for (const auto& bad : bad_files) {
        CAPTURE(std::string(bad.begin(), bad.end()).substr(0, 200));
        spit(file, bad);
        auto loaded = load_settings(dir.path());
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.message().find(file.string()) != std::string::npos);
        CHECK(slurp(file) == bad);
    }
}

namespace {

PairedDevice device(std::uint8_t seed, const std::string& name) {
    PairedDevice d;
    d.device_id.fill(seed);
    d.name = name;
    for (std::size_t i = 0; i < d.pair_key.size(); ++i) d.pair_key.data()[i] = static_cast<std::uint8_t>(seed + i);
    d.safety_number = "12345 67890 11121 31415";
    d.addresses = {"192.168.1.20:47600", "[fe80::1]:47600"};
    d.last_seen_ms = 1'700'000'000'000;
    d.paired_at_ms = 1'690'000'000'000;
    return d;
}

void check_same(const PairedDevice& a, const PairedDevice& b) {
    CHECK(a.device_id == b.device_id);
    CHECK(a.name == b.name);
    CHECK(crypto::equal_ct(a.pair_key.view(), b.pair_key.view()));
    CHECK(a.safety_number == b.safety_number);
    CHECK(a.addresses == b.addresses);
    CHECK(a.last_seen_ms == b.last_seen_ms);
    CHECK(a.paired_at_ms == b.paired_at_ms);
}

}  // namespace

TEST_CASE("peers: round trip, mode 0600, none at first") {
    TempDir dir;
    auto none = load_peers(dir.path());
    REQUIRE(none.ok());
    CHECK(none->empty());
    const std::vector<PairedDevice> devices = {device(1, "Sam's laptop"), device(2, "Sam")};
    REQUIRE(save_peers(dir.path(), devices).ok());
    CHECK(file_mode(dir.path() / kPeersFile) == 0600);
    auto loaded = load_peers(dir.path());
    REQUIRE(loaded.ok());
    REQUIRE(loaded->size() == 2);
    check_same((*loaded)[0], devices[0]);
    check_same((*loaded)[1], devices[1]);
    std::string expected_id;
    for (int i = 0; i < 32; ++i) expected_id += "01";
    CHECK((*loaded)[0].device_id_hex() == expected_id);
    REQUIRE(save_peers(dir.path(), {}).ok());
    auto empty = load_peers(dir.path());
    REQUIRE(empty.ok());
    CHECK(empty->empty());
}

TEST_CASE("peers: invalid lists are not saved") {
    TempDir dir;
    CHECK_FALSE(save_peers(dir.path(), {device(1, "A"), device(1, "B")}).ok());  // same device twice
    CHECK_FALSE(save_peers(dir.path(), {device(1, "")}).ok());
    auto d = device(1, "A");
    d.addresses.assign(kMaxPeerAddresses + 1, "h:1");
    CHECK_FALSE(save_peers(dir.path(), {d}).ok());
    CHECK_FALSE(std::filesystem::exists(dir.path() / kPeersFile));
}

TEST_CASE("peers: corrupt or too-open files are errors naming the file, never overwritten") {
    TempDir dir;
    const auto file = dir.path() / kPeersFile;
    REQUIRE(save_peers(dir.path(), {device(1, "Sam")}).ok());
    const auto good = slurp(file);
    SUBCASE("readable by others") {
        REQUIRE(::chmod(file.c_str(), 0644) == 0);
        auto loaded = load_peers(dir.path());
        REQUIRE_FALSE(loaded.ok());
        CHECK(loaded.message().find("chmod 600") != std::string::npos);
    }
    SUBCASE("every cut and a few edits") {
        std::vector<std::vector<std::uint8_t>> bad_files;
        for (std::size_t n = 0; n + 2 < good.size(); ++n) bad_files.emplace_back(good.begin(), good.begin() + n);
        std::string text(good.begin(), good.end());
        auto replace = [&](const std::string& from, const std::string& to) {
            std::string t = text;
            const auto at = t.find(from);
            REQUIRE(at != std::string::npos);
            t.replace(at, from.size(), to);
            bad_files.emplace_back(t.begin(), t.end());
        };
        replace("0101", "01");     // device id too short
        replace("0101", "zz01");   // not hex
        replace("\"pair_key\": \"01", "\"pair_key\": \"");
        replace("\"Sam\"", "3");
        replace("1700000000000", "-5");
        for (const auto& bad : bad_files) {
            CAPTURE(std::string(bad.begin(), bad.end()).substr(0, 300));
            spit(file, bad);
            REQUIRE(::chmod(file.c_str(), 0600) == 0);
            auto loaded = load_peers(dir.path());
            REQUIRE_FALSE(loaded.ok());
            CHECK(loaded.message().find(file.string()) != std::string::npos);
            CHECK(slurp(file) == bad);
        }
    }
}

}  // namespace candor::store

namespace candor::store {

TEST_CASE("settings and peers: random byte mutations are errors or valid values, never a crash") {
    const Bytes settings = serialize_settings(default_settings());
    const Bytes peers = serialize_peers({device(1, "Sam"), device(2, "Alex")});
    std::uint32_t state = 12345;
    auto next = [&] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    const char interesting[] = "{}[]\":,\\0123456789-eE.truefalsenul \xff\x80";
    std::size_t refused = 0;
    for (int round = 0; round < 3000; ++round) {
        Bytes mutated = round % 2 == 0 ? settings : peers;
        const int edits = 1 + static_cast<int>(next() % 4);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = next() % mutated.size();
            switch (next() % 3) {
                case 0: mutated[at] = static_cast<std::uint8_t>(interesting[next() % (sizeof interesting - 1)]); break;
                case 1: mutated.erase(mutated.begin() + static_cast<std::ptrdiff_t>(at)); break;
                default:
                    mutated.insert(mutated.begin() + static_cast<std::ptrdiff_t>(at),
                                   static_cast<std::uint8_t>(interesting[next() % (sizeof interesting - 1)]));
            }
        }
        const bool ok = round % 2 == 0 ? parse_settings(mutated, "settings.json").ok()
                                       : parse_peers(mutated, "peers.json").ok();
        if (!ok) ++refused;
    }
    CHECK(refused > 1000);  // most mutations break the file; none crashed
}

}  // namespace candor::store
