// DirectoryLock, the default data directory, atomic replacement and capped reads.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <optional>

#include "store/data_dir.hpp"
#include "store/lock_file.hpp"
#include "unit/store/temp_dir.hpp"

namespace candor::store {

using test::file_mode;
using test::slurp;
using test::spit;
using test::TempDir;

namespace {

// Sets an environment variable for one scope and restores the old value.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        if (value != nullptr) {
            ::setenv(name, value, 1);
        } else {
            ::unsetenv(name);
        }
    }
    ~ScopedEnv() {
        if (old_) {
            ::setenv(name_, old_->c_str(), 1);
        } else {
            ::unsetenv(name_);
        }
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("lock: a second acquire in the same process fails with the holder's pid") {
    TempDir dir;
    {
        auto first = DirectoryLock::acquire(dir.path());
        REQUIRE(first.ok());
        auto second = DirectoryLock::acquire(dir.path());
        REQUIRE_FALSE(second.ok());
        CHECK(second.message() == "another Candor node is already using " + dir.path().string() + " (pid " +
                                      std::to_string(::getpid()) + ")");
        // Moving the lock keeps it held.
        DirectoryLock moved = std::move(*first);
        CHECK_FALSE(DirectoryLock::acquire(dir.path()).ok());
    }
    CHECK(DirectoryLock::acquire(dir.path()).ok());  // released with its owner
}

TEST_CASE("lock: another process holding the lock keeps us out, and its exit lets us in") {
    TempDir dir;
    int ready[2];
    int release[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(release) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        auto lock = DirectoryLock::acquire(dir.path());
        const char ok = lock.ok() ? 'y' : 'n';
        (void)!::write(ready[1], &ok, 1);
        char c;
        (void)!::read(release[0], &c, 1);
        ::_exit(0);
    }
    char ok = 0;
    REQUIRE(::read(ready[0], &ok, 1) == 1);
    REQUIRE(ok == 'y');
    auto refused = DirectoryLock::acquire(dir.path());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.message() == "another Candor node is already using " + dir.path().string() + " (pid " +
                                   std::to_string(child) + ")");
    (void)!::write(release[1], "x", 1);
    int status = 0;
    ::waitpid(child, &status, 0);
    for (int fd : {ready[0], ready[1], release[0], release[1]}) ::close(fd);
    CHECK(DirectoryLock::acquire(dir.path()).ok());
}

TEST_CASE("data dir: XDG_DATA_HOME when absolute, else HOME/.local/share") {
    {
        ScopedEnv xdg("XDG_DATA_HOME", "/x/data");
        auto dir = default_data_dir();
        REQUIRE(dir.ok());
        CHECK(*dir == std::filesystem::path("/x/data/candor"));
    }
    ScopedEnv xdg("XDG_DATA_HOME", "relative/data");
    ScopedEnv home("HOME", "/home/alex");
    auto dir = default_data_dir();
    REQUIRE(dir.ok());
    CHECK(*dir == std::filesystem::path("/home/alex/.local/share/candor"));
}

TEST_CASE("data dir: created with mode 0700, parents included; a file in the way is an error") {
    TempDir tmp;
    const auto dir = tmp.path() / "a" / "b" / "candor";
    REQUIRE(ensure_data_dir(dir).ok());
    CHECK(file_mode(dir) == 0700);
    CHECK(file_mode(tmp.path() / "a") == 0700);
    CHECK(ensure_data_dir(dir).ok());  // idempotent
    spit(tmp.path() / "file", std::string("x"));
    CHECK_FALSE(ensure_data_dir(tmp.path() / "file").ok());
}

TEST_CASE("data dir: a folder other users can write to is refused with the fix") {
    TempDir tmp;
    const auto dir = tmp.path() / "shared";
    REQUIRE(ensure_data_dir(dir).ok());
    for (const auto mode : {std::filesystem::perms::all, std::filesystem::perms::owner_all | std::filesystem::perms::group_all}) {
        std::filesystem::permissions(dir, mode);
        const Status st = ensure_data_dir(dir);
        REQUIRE_FALSE(st.ok());
        CHECK(st.message().find("can be changed by other users") != std::string::npos);
        CHECK(st.message().find("chmod 700") != std::string::npos);
    }
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all | std::filesystem::perms::group_read | std::filesystem::perms::group_exec);
    CHECK(ensure_data_dir(dir).ok());  // readable by others is the user's choice; writable is not
}

TEST_CASE("atomic write: content and mode as asked, replaces, leaves no temporary files") {
    TempDir dir;
    const auto file = dir.path() / "settings.json";
    REQUIRE(atomic_write_file(file, crypto::as_bytes("first"), 0600).ok());
    CHECK(file_mode(file) == 0600);
    REQUIRE(atomic_write_file(file, crypto::as_bytes("second, longer"), 0644).ok());
    CHECK(file_mode(file) == 0644);
    auto read = read_file(file, 100);
    REQUIRE(read.ok());
    CHECK(std::string(read->begin(), read->end()) == "second, longer");
    std::size_t entries = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        CHECK(entry.path().filename() == "settings.json");
        ++entries;
    }
    CHECK(entries == 1);
    // A directory that does not exist: an error, and nothing created.
    CHECK_FALSE(atomic_write_file(dir.path() / "missing" / "x", crypto::as_bytes("x")).ok());
    CHECK_FALSE(std::filesystem::exists(dir.path() / "missing"));
}

TEST_CASE("read_file: size cap, missing files") {
    TempDir dir;
    const auto file = dir.path() / "f";
    spit(file, std::string(101, 'a'));
    CHECK(read_file(file, 101).ok());
    auto big = read_file(file, 100);
    REQUIRE_FALSE(big.ok());
    CHECK(big.message().find("too large") != std::string::npos);
    CHECK_FALSE(read_file(dir.path() / "none", 10).ok());
    auto maybe = read_file_if_exists(dir.path() / "none", 10);
    REQUIRE(maybe.ok());
    CHECK_FALSE(maybe->has_value());
}

TEST_CASE("set_aside_corrupt keeps the file under a new name") {
    TempDir dir;
    const auto file = dir.path() / "peers.json";
    spit(file, std::string("garbage"));
    auto first = set_aside_corrupt(file);
    REQUIRE(first.ok());
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK(first->filename().string().rfind("peers.json.corrupt-", 0) == 0);
    CHECK(slurp(*first) == std::vector<std::uint8_t>{'g', 'a', 'r', 'b', 'a', 'g', 'e'});
    spit(file, std::string("again"));
    auto second = set_aside_corrupt(file);
    REQUIRE(second.ok());
    CHECK(*second != *first);
    CHECK(std::filesystem::exists(*first));
}

}  // namespace candor::store
