// Backups: a round trip restores every file and both keys, a locked source restores locked,
// and a wrong passphrase, a changed byte, a cut file or a newer format write nothing.
#include <doctest/doctest.h>

#include "store/backup.hpp"
#include "store/data_dir.hpp"
#include "store/key_lock.hpp"
#include "store/key_rewrap.hpp"
#include "store/peers.hpp"
#include "unit/store/temp_dir.hpp"

namespace candor::store {

using test::slurp;
using test::spit;
using test::TempDir;

namespace {

const crypto::Passphrase kPass("backup passphrase");
const BackupOptions kFast{crypto::kPwhashFastest};
const std::string kJournalText = "JOURNAL-PLAINTEXT-MARKER the bytes of a journal";

DeviceKeys make_source(const std::filesystem::path& dir) {
    auto keys = load_or_create_keys(dir);
    REQUIRE(keys.ok());
    PairedDevice sam;
    sam.device_id.fill(9);
    sam.name = "Sam";
    sam.pair_key.data()[0] = 42;
    REQUIRE(save_peers(dir, {sam}).ok());
    spit(dir / kJournalFile, kJournalText);
    spit(dir / kSettingsFile, std::string("{\"display_name\": \"Alex\"}\n"));
    spit(dir / "chain.mark", std::string(128, 'm'));
    spit(dir / kUnlockFailuresFile, std::string("3 0\n"));  // not carried
    return std::move(*keys);
}

bool empty_or_missing(const std::filesystem::path& dir) {
    return !std::filesystem::exists(dir) || std::filesystem::is_empty(dir);
}

}  // namespace

TEST_CASE("backup: a round trip restores every file and both keys, and marks the device as restored") {
    TempDir source, target;
    const DeviceKeys keys = make_source(source.path());
    const auto file = source.path().parent_path() / (source.path().filename().string() + ".candor-backup");
    REQUIRE(write_backup(source.path(), keys, 5, kPass, file, kFast).ok());
    const auto sealed = slurp(file);
    CHECK(std::string(sealed.begin(), sealed.end()).find("JOURNAL-PLAINTEXT") == std::string::npos);
    CHECK(std::string(sealed.begin(), sealed.end()).find("Alex") == std::string::npos);
    CHECK(peek_box(kBackupBox, sealed).params == crypto::kPwhashFastest);

    const auto into = target.path() / "restored";
    const RestoreResult restored = restore_backup(file, into, kPass, kFast);
    std::filesystem::remove(file);
    REQUIRE(restored.ok());
    CHECK(restored.entries == 5);
    CHECK_FALSE(restored.locked);
    for (const char* name : {kJournalFile, kSettingsFile, kPeersFile, "chain.mark"}) {
        CAPTURE(name);
        CHECK(slurp(into / name) == slurp(source.path() / name));
    }
    CHECK_FALSE(std::filesystem::exists(into / kUnlockFailuresFile));
    CHECK(std::filesystem::exists(into / kRestoreRecoveryFile));
    auto back = load_or_create_keys(into);
    REQUIRE(back.ok());
    CHECK_FALSE(back->created);
    CHECK(back->identity.public_key() == keys.identity.public_key());
    CHECK(crypto::equal_ct(back->storage_key.view(), keys.storage_key.view()));
    // A second restore into the now full directory is refused.
    REQUIRE(write_backup(source.path(), keys, 5, kPass, file, kFast).ok());
    CHECK(restore_backup(file, into, kPass, kFast).message.find("not empty") != std::string::npos);
    std::filesystem::remove(file);
}

TEST_CASE("backup: a locked directory's backup restores locked under the same passphrase") {
    TempDir source, target;
    const DeviceKeys keys = make_source(source.path());
    REQUIRE(set_passphrase(source.path(), keys, kPass, {crypto::kPwhashFastest, {}}).ok());
    const auto file = target.path() / "b.candor-backup";
    REQUIRE(write_backup(source.path(), keys, 1, kPass, file, kFast).ok());
    const auto into = target.path() / "restored";
    const RestoreResult restored = restore_backup(file, into, kPass, kFast);
    REQUIRE(restored.ok());
    CHECK(restored.locked);
    CHECK(is_locked(into));
    CHECK_FALSE(std::filesystem::exists(into / kIdentityKeyFile));
    const UnwrappedKeys opened = unlock_keys(into, kPass);
    REQUIRE(opened.failure == BoxFailure::none);
    CHECK(opened.keys.identity.public_key() == keys.identity.public_key());
    auto peers = load_peers(into, &opened.keys.storage_key);
    REQUIRE(peers.ok());
    CHECK(peers->at(0).pair_key.data()[0] == 42);
}

TEST_CASE("backup: wrong passphrase, tampering, truncation and a newer format are refused with nothing written") {
    TempDir source, target;
    const DeviceKeys keys = make_source(source.path());
    const auto file = target.path() / "b.candor-backup";
    REQUIRE(write_backup(source.path(), keys, 2, kPass, file, kFast).ok());
    const auto good = slurp(file);
    const auto into = target.path() / "restored";
    auto attempt = [&](const std::vector<std::uint8_t>& bytes, const crypto::Passphrase& pass) {
        spit(file, bytes);
        const RestoreResult r = restore_backup(file, into, pass, kFast);
        CHECK(empty_or_missing(into));
        return r.failure;
    };
    CHECK(attempt(good, crypto::Passphrase("not the passphrase")) == BoxFailure::wrong_passphrase);
    auto tampered = good;
    tampered[good.size() / 2] ^= 0x20;
    CHECK(attempt(tampered, kPass) == BoxFailure::tampered);
    auto newer = good;
    newer[8] = 2;
    CHECK(attempt(newer, kPass) == BoxFailure::newer_format);
    for (std::size_t cut : {good.size() - 1, good.size() / 2, kBoxHeaderSize, std::size_t{50}}) {
        CAPTURE(cut);
        CHECK(attempt({good.begin(), good.begin() + static_cast<std::ptrdiff_t>(cut)}, kPass) == BoxFailure::cut_short);
    }
    CHECK(attempt({}, kPass) == BoxFailure::not_this_kind);
    spit(file, good);
    CHECK(restore_backup(file, into, kPass, kFast).ok());
}

TEST_CASE("backup: not into the data folder itself") {
    TempDir source;
    const DeviceKeys keys = make_source(source.path());
    CHECK_FALSE(write_backup(source.path(), keys, 0, kPass, source.path() / "inside.candor-backup", kFast).ok());
}

}  // namespace candor::store
