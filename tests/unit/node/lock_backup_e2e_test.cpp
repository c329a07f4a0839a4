// End to end through real `candor` processes: a passphrase locks the data directory (a locked
// serve without it exits 2, a wrong one exits 1 and changes nothing), a backup holds no
// plaintext, and a restore into a new directory keeps every entry and posts nothing (exit 3)
// until it has caught up with the partner.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>

#include "cli_device.hpp"

namespace candor::node::test {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

namespace {

const fs::path kBinary = CANDOR_BINARY;
const std::string kFirst = "first passphrase of ours";
const std::string kSecond = "second passphrase, changed";
const std::string kMarker = "PLAINTEXT-MARKER dinner at Mira's on Friday";

std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// `candor serve` on `d`'s directory with `input` on stdin, expected to exit by itself.
ProcessResult serve_once(const CliDevice& d, std::vector<std::string> extra, const std::string* input) {
    std::vector<std::string> args{"serve", "--port", "0", "--no-discovery"};
    args.insert(args.end(), extra.begin(), extra.end());
    if (!input) return run_cli(kBinary, d.dir, args, false);
    return run_cli_with_input(kBinary, d.dir, args, *input + "\n", d.logs, false);
}

bool has_text(const json::Value& feed, const std::string& text) {
    const json::Array* items = feed.if_array();
    if (!items) return false;
    for (const json::Value& e : *items) {
        if (e.get_string("text") == text) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("lock and backup: locked serve refused, wrong passphrase refused, restore catches up before posting") {
    TempDir tmp;
    CliDevice a{tmp.path() / "A", "Alex", tmp.path()};
    CliDevice b{tmp.path() / "B", "Sam", tmp.path()};
    REQUIRE_MESSAGE(a.start(), a.serve->output());
    REQUIRE_MESSAGE(b.start(), b.serve->output());
    (void)pair_devices(a, b);
    (void)a.ok({"update", kMarker});
    (void)a.ok({"commit", "call the plumber", "--due", "+2h"});
    (void)b.ok({"update", "from Sam"});
    REQUIRE(eventually([&] { return a.entries() == 3 && b.entries() == 3; }));

    // lock set: the keys leave the clear.
    const ProcessResult set = a.cli_input({"lock", "set", "--passphrase-stdin"}, kFirst + "\n");
    REQUIRE_MESSAGE(set.status == 0, set.err);
    CHECK(parse_json_output(set.out)->get_bool("locked") == true);
    CHECK(a.ok({"status"}).get_bool("locked") == true);
    CHECK(b.ok({"status"}).get_bool("locked") == false);
    CHECK(fs::exists(a.dir / "keys.lock"));
    CHECK_FALSE(fs::exists(a.dir / "identity.key"));
    CHECK_FALSE(fs::exists(a.dir / "storage.key"));
    CHECK(a.cli_input({"lock", "set", "--passphrase-stdin"}, kFirst + "\n").status == 1);
    CHECK(a.cli_input({"lock", "set", "--passphrase-stdin"}, "short\n").status == 1);

    // Locked: without the passphrase serve exits 2; a wrong one exits 1 and changes nothing.
    REQUIRE(a.stop());
    const std::string lock_before = slurp(a.dir / "keys.lock");
    const ProcessResult refused = serve_once(a, {}, nullptr);
    CHECK(refused.status == 2);
    CHECK(refused.err.find("this data directory is locked") != std::string::npos);
    const std::string wrong = "not our passphrase";
    const ProcessResult wrong_start = serve_once(a, {"--passphrase-stdin"}, &wrong);
    CHECK(wrong_start.status == 1);
    CHECK(wrong_start.err.find("wrong passphrase") != std::string::npos);
    CHECK(slurp(a.dir / "keys.lock") == lock_before);
    CHECK_FALSE(fs::exists(a.dir / "identity.key"));
    // The app in the background has no window to ask on: the same refusal (a build without the
    // app says it has none).
    const ProcessResult background = run_process({kBinary.string(), "--background", "--data-dir", a.dir.string()});
    CHECK(background.status != 0);
    CHECK((background.err.find("this data directory is locked") != std::string::npos ||
           background.err.find("no desktop app") != std::string::npos));

    // The right passphrase (after the growing delay) opens it with everything there.
    a.passphrase = kFirst;
    REQUIRE_MESSAGE(a.start(), a.serve->output());
    CHECK(a.entries() == 3);
    REQUIRE(eventually([&] { return a.partner_online(); }, 20s));

    // lock change: the current passphrase, then the new one.
    CHECK(a.cli_input({"lock", "change", "--passphrase-stdin"}, wrong + "\n" + kSecond + "\n").status == 1);
    const ProcessResult changed = a.cli_input({"lock", "change", "--passphrase-stdin"}, kFirst + "\n" + kSecond + "\n");
    REQUIRE_MESSAGE(changed.status == 0, changed.err << a.serve->output());

    // backup: only with the lock's passphrase; the file holds no plaintext of an entry.
    const fs::path backup = tmp.path() / "alex.candor-backup";
    CHECK(a.cli_input({"backup", "--out", backup.string(), "--passphrase-stdin"}, kFirst + "\n").status == 1);
    CHECK_FALSE(fs::exists(backup));
    const ProcessResult made = a.cli_input({"backup", "--out", backup.string(), "--passphrase-stdin"}, kSecond + "\n");
    REQUIRE_MESSAGE(made.status == 0, made.err);
    const auto made_json = parse_json_output(made.out);
    REQUIRE(made_json);
    CHECK(made_json->get_int("entries") == 3);
    CHECK(made_json->get_string("file") == backup.string());
    const std::string sealed = slurp(backup);
    CHECK(sealed.find("PLAINTEXT-MARKER") == std::string::npos);
    CHECK(sealed.find("plumber") == std::string::npos);
    CHECK(sealed.find("Sam") == std::string::npos);

    // After the backup Alex posts once more, then Alex's computer is lost.
    (void)a.ok({"update", "after the backup"});
    REQUIRE(eventually([&] { return b.entries() == 4; }));
    REQUIRE(a.stop());
    REQUIRE(b.stop());

    // restore: a wrong passphrase writes nothing; the right one restores into an empty directory.
    fs::create_directories(tmp.path() / "restored-logs");  // its logs apart from the first Alex's
    CliDevice restored{tmp.path() / "A2", "Alex", tmp.path() / "restored-logs"};
    const ProcessResult wrong_restore = restored.cli_input({"restore", backup.string(), "--passphrase-stdin"}, wrong + "\n");
    CHECK(wrong_restore.status == 1);
    CHECK((!fs::exists(restored.dir) || fs::is_empty(restored.dir)));
    const ProcessResult done = restored.cli_input({"restore", backup.string(), "--passphrase-stdin"}, kSecond + "\n");
    REQUIRE_MESSAGE(done.status == 0, done.err);
    CHECK(parse_json_output(done.out)->get_int("entries") == 3);
    CHECK(fs::exists(restored.dir / "recovery"));
    CHECK(a.cli_input({"restore", backup.string(), "--passphrase-stdin"}, kSecond + "\n").status == 1);  // not empty

    // The restored Node is locked like its source, holds every entry, and posts nothing until
    // Sam's computer has given back what it missed.
    restored.passphrase = kSecond;
    REQUIRE_MESSAGE(restored.start(), restored.serve->output());
    CHECK(restored.entries() == 3);
    CHECK(restored.ok({"status"}).find("recovering"));
    const ProcessResult early = restored.cli({"update", "too early"});
    CHECK(early.status == 3);
    CHECK(early.err.find("getting your history back") != std::string::npos);
    (void)restored.ok({"connect", b.endpoint()});
    REQUIRE_MESSAGE(b.start(), b.serve->output());
    REQUIRE_MESSAGE(eventually([&] { return !restored.ok({"status"}).find("recovering"); }, 30s),
                    restored.serve->output());
    const json::Value feed = restored.ok({"feed"});
    CHECK(has_text(feed, kMarker));
    CHECK(has_text(feed, "from Sam"));
    CHECK(has_text(feed, "after the backup"));
    const json::Value next = restored.ok({"update", "back on a new computer"});
    CHECK(next.get_int("seq") == 4);
    REQUIRE(eventually([&] { return b.entries() == 5; }, 20s));
    REQUIRE(restored.stop());
    REQUIRE(b.stop());
}

TEST_CASE("lock: remove puts the keys back in the clear and serve starts without a passphrase") {
    TempDir tmp;
    CliDevice a{tmp.path() / "A", "Alex", tmp.path()};
    REQUIRE_MESSAGE(a.start(), a.serve->output());
    (void)a.ok({"update", "hello"});
    REQUIRE(a.cli_input({"lock", "set", "--passphrase-stdin"}, kFirst + "\n").status == 0);
    CHECK(a.ok({"status"}).get_int("entries") == 1);
    const ProcessResult removed = a.cli_input({"lock", "remove", "--passphrase-stdin"}, kFirst + "\n");
    REQUIRE_MESSAGE(removed.status == 0, removed.err);
    CHECK(parse_json_output(removed.out)->get_bool("locked") == false);
    CHECK(fs::exists(a.dir / "identity.key"));
    CHECK_FALSE(fs::exists(a.dir / "keys.lock"));
    REQUIRE(a.stop());
    REQUIRE_MESSAGE(a.start(), a.serve->output());
    CHECK(a.entries() == 1);
    // An unlocked directory's backup takes a new passphrase, typed once on stdin.
    const fs::path backup = tmp.path() / "b.candor-backup";
    CHECK(a.cli_input({"backup", "--out", backup.string(), "--passphrase-stdin"}, "short\n").status == 1);
    REQUIRE(a.cli_input({"backup", "--out", backup.string(), "--passphrase-stdin"}, kSecond + "\n").status == 0);
    REQUIRE(a.stop());
}

}  // namespace candor::node::test
