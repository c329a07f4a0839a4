// Settings → Privacy, the lock screen, the welcome's restore and the file chooser, headless:
// a real Node, real files, real Argon2id.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>

#include <imgui.h>

#include "store/backup.hpp"
#include "store/data_dir.hpp"
#include "store/key_lock.hpp"
#include "store/key_rewrap.hpp"
#include "ui/app_gate.hpp"
#include "ui/views/file_chooser.hpp"
#include "ui/views/lock_screen.hpp"
#include "ui/views/settings_view.hpp"
#include "unit/ui/ui_harness.hpp"

namespace candor::ui {

using test::TempDir;
using test::UiHarness;
namespace fs = std::filesystem;

namespace {

const std::string kPass = "our quiet passphrase";

// A locked directory made with the fastest Argon2id limits (the lock screen reads them from it).
store::DeviceKeys locked_dir(const fs::path& dir) {
    auto keys = store::load_or_create_keys(dir);
    REQUIRE(keys.ok());
    REQUIRE(store::set_passphrase(dir, *keys, crypto::Passphrase(kPass), {crypto::kPwhashFastest, {}}).ok());
    return std::move(*keys);
}

}  // namespace

TEST_CASE("privacy: set a passphrase in Settings, lock after idle, back up with our own chooser") {
    TempDir home;
    const std::string old_home = std::getenv("HOME") ? std::getenv("HOME") : "";
    ::setenv("HOME", home.path().c_str(), 1);
    UiHarness h;
    ImGui::GetIO().DisplaySize = ImVec2(1280, 2000);  // the whole Settings page without scrolling
    h.ctx.section = Section::settings;
    h.frame();
    CHECK(h.visible("Back up now…"));
    REQUIRE(h.click("Set a passphrase…"));
    REQUIRE(h.click("New passphrase"));
    h.type(kPass);
    REQUIRE(h.click("Type it again"));
    h.type(kPass);
    REQUIRE(h.click("Set passphrase"));
    REQUIRE(test::frames_until(h, [&] { return h.snapshot()->locked; }));
    const fs::path dir = h.snapshot()->data_dir;
    CHECK(fs::exists(dir / store::kKeyLockFile));
    CHECK_FALSE(fs::exists(dir / store::kIdentityKeyFile));

    h.frame();
    REQUIRE(h.click("15 min"));
    REQUIRE(test::frames_until(h, [&] { return h.snapshot()->settings.lock_after_idle_minutes == 15; }));

    REQUIRE(h.click("Back up now…"));
    h.frame();
    FileChooser& chooser = h.shell.settings().privacy().chooser();
    REQUIRE(chooser.is_open());
    CHECK(chooser.folder() == fs::weakly_canonical(home.path()));
    fs::create_directory(home.path() / "usb");
    chooser.go_to(home.path());
    CHECK(chooser.folders() == std::vector<std::string>{"usb"});
    chooser.go_to(home.path() / "usb");
    chooser.file_name = "ours.candor-backup";
    h.frame();
    REQUIRE(h.click("Save here"));
    h.frame();
    REQUIRE(h.click("Passphrase"));
    h.type(kPass);
    REQUIRE(h.click("Back up"));
    REQUIRE(test::frames_until(h, [&] { return h.snapshot()->settings.last_backup_ms > 0; }));
    CHECK(fs::exists(home.path() / "usb" / "ours.candor-backup"));
    CHECK(backup_date(h.snapshot()->settings.last_backup_ms) != "never");
    ::setenv("HOME", old_home.c_str(), 1);
}

TEST_CASE("lock screen: a wrong passphrase is refused calmly, the right one gives the keys") {
    TempDir dir;
    const store::DeviceKeys keys = locked_dir(dir.path());
    LockScreen screen(LockScreen::Mode::unlock, dir.path());
    screen.submit("not it at all");
    screen.finish_pending();
    CHECK_FALSE(screen.done());
    CHECK(screen.message().find("didn't match") != std::string::npos);
    CHECK(store::unlock_failures(dir.path()) == 1);
    screen.submit(kPass);
    screen.finish_pending();
    REQUIRE(screen.done());
    REQUIRE(screen.keys());
    CHECK(screen.keys()->identity.public_key() == keys.identity.public_key());
}

TEST_CASE("lock screen: it is drawn alone, with its passphrase field and Unlock") {
    UiHarness h;
    TempDir dir;
    (void)locked_dir(dir.path());
    LockScreen screen(LockScreen::Mode::unlock, dir.path());
    h.frame_with([&] { screen.draw(h.ctx); });
    CHECK(h.visible("Unlock"));
    CHECK(h.visible("Passphrase"));
    CHECK_FALSE(h.visible("Quit Candor"));
}

TEST_CASE("welcome: restore a backup into the empty data directory before anything is created") {
    TempDir source, target;
    const store::DeviceKeys keys = locked_dir(source.path());
    const fs::path file = target.path() / "b.candor-backup";
    REQUIRE(store::write_backup(source.path(), keys, 0, crypto::Passphrase(kPass), file, {crypto::kPwhashFastest}).ok());
    const fs::path into = target.path() / "fresh";
    CHECK(is_fresh_data_dir(into));
    LockScreen screen(LockScreen::Mode::welcome, into);
    screen.choose_backup(file);
    screen.submit("a wrong one here");
    screen.finish_pending();
    CHECK_FALSE(screen.done());
    CHECK(is_fresh_data_dir(into));
    screen.submit(kPass);
    screen.finish_pending();
    // The backup was of a locked directory: restored locked, the same passphrase opens it.
    CHECK(screen.mode() == LockScreen::Mode::unlock);
    CHECK(fs::exists(into / "recovery"));
    screen.submit(kPass);
    screen.finish_pending();
    REQUIRE(screen.done());
    CHECK(screen.keys()->identity.public_key() == keys.identity.public_key());
}

TEST_CASE("file chooser: folders first, only the asked-for files when opening, hidden ones hidden") {
    TempDir dir;
    fs::create_directory(dir.path() / "b-folder");
    fs::create_directory(dir.path() / ".hidden");
    std::ofstream(dir.path() / "x.candor-backup") << "x";
    std::ofstream(dir.path() / "notes.txt") << "n";
    FileChooser chooser;
    chooser.open(FileChooser::Mode::open, dir.path(), {}, ".candor-backup");
    CHECK(chooser.folders() == std::vector<std::string>{"b-folder"});
    CHECK(chooser.files() == std::vector<std::string>{"x.candor-backup"});
    chooser.open(FileChooser::Mode::save, dir.path() / "missing");
    CHECK(chooser.folder() == fs::path("/"));  // a folder that is not there: the top
}

}  // namespace candor::ui

namespace candor::ui {

TEST_CASE("idle lock: with a passphrase and 'lock after N minutes', the window locks after N idle minutes") {
    node::Snapshot snap;
    snap.locked = true;
    snap.settings.lock_after_idle_minutes = 5;
    snap.data_dir = "/nonexistent";
    AppGate gate;
    gate.note_input(100.0);
    gate.check_idle(&snap, 100.0 + 4 * 60);
    CHECK_FALSE(gate.active());
    gate.check_idle(&snap, 100.0 + 5 * 60 + 1);
    REQUIRE(gate.active());
    CHECK_FALSE(gate.take_finished().has_value());  // still locked
    AppGate never;
    snap.settings.lock_after_idle_minutes = 0;
    never.check_idle(&snap, 1e9);
    CHECK_FALSE(never.active());
    AppGate unlocked;
    snap.settings.lock_after_idle_minutes = 5;
    snap.locked = false;  // no passphrase: nothing to lock with
    unlocked.check_idle(&snap, 1e9);
    CHECK_FALSE(unlocked.active());
}

}  // namespace candor::ui
