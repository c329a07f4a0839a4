// Data directory location and crash-safe small-file primitives.
#include "store/data_dir.hpp"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <system_error>

namespace candor::store {

std::string errno_text(int error_number) { return std::strerror(error_number); }

namespace {

// Closes a file descriptor on every return path.
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    [[nodiscard]] int get() const { return fd_; }
    // close() can report a deferred write error; callers that wrote data must see it.
    int close() {
        const int fd = fd_;
        fd_ = -1;
        return ::close(fd);
    }

private:
    int fd_;
};

Error io_error(const std::string& what, const fs::path& path, int error_number) {
    return make_error("cannot " + what + " " + path.string() + ": " + errno_text(error_number));
}

Status write_all(int fd, ByteView bytes, const fs::path& path) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return io_error("write", path, errno);
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

}  // namespace

Result<fs::path> default_data_dir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && xdg[0] == '/') {
        return fs::path(xdg) / "candor";
    }
    if (const char* home = std::getenv("HOME"); home != nullptr && home[0] == '/') {
        return fs::path(home) / ".local" / "share" / "candor";
    }
    if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_dir != nullptr &&
                                                   pw->pw_dir[0] == '/') {
        return fs::path(pw->pw_dir) / ".local" / "share" / "candor";
    }
    return make_error(
        "cannot find a data directory: neither XDG_DATA_HOME nor HOME is set; pass --data-dir DIR");
}

Status ensure_data_dir(const fs::path& dir) {
    if (dir.empty()) return make_error("the data directory path is empty");
    std::error_code ec;
    const fs::path absolute = fs::absolute(dir, ec);
    if (ec) return make_error("cannot resolve data directory " + dir.string() + ": " + ec.message());
    // Walk down from the root so every directory we create (like ~/.local/share) gets 0700,
    // as the XDG spec asks, instead of the umask default fs::create_directories would use.
    fs::path current;
    for (const auto& part : absolute) {
        current /= part;
        if (::mkdir(current.c_str(), 0700) == 0 || errno == EEXIST) continue;
        return io_error("create directory", current, errno);
    }
    struct stat st {};
    if (::stat(absolute.c_str(), &st) != 0) return io_error("open data directory", absolute, errno);
    if (!S_ISDIR(st.st_mode)) {
        return make_error("the data directory " + absolute.string() + " exists but is not a directory");
    }
    // Anyone who can write to the folder could swap the journal, the partner's pinned key or
    // the control socket: refuse, and say how to fix it.
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        return make_error("the data directory " + absolute.string() + " can be changed by other users (mode " + mode +
                          "); make it yours alone with: chmod 700 '" + absolute.string() + "'");
    }
    if (::access(absolute.c_str(), R_OK | W_OK | X_OK) != 0) {
        return make_error("the data directory " + absolute.string() + " is not writable: " +
                          errno_text(errno));
    }
    return {};
}

Status fsync_directory(const fs::path& dir) {
    Fd fd(::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0) return io_error("open directory", dir, errno);
    if (::fsync(fd.get()) != 0) return io_error("sync directory", dir, errno);
    return {};
}

Status atomic_write_file(const fs::path& path, ByteView bytes, mode_t mode) {
    const fs::path dir = path.parent_path();
    std::string temp = path.string() + ".tmp-XXXXXX";
    // mkostemp creates the file 0600 and exclusively, so a secret is never briefly world-readable.
    Fd fd(::mkostemp(temp.data(), O_CLOEXEC));
    if (fd.get() < 0) return io_error("create a temporary file next to", path, errno);
    auto fail = [&](Error error) -> Status {
        ::unlink(temp.c_str());
        return error;
    };
    if (::fchmod(fd.get(), mode) != 0) return fail(io_error("set permissions on", temp, errno));
    if (auto written = write_all(fd.get(), bytes, temp); !written) return fail(written.error());
    if (::fsync(fd.get()) != 0) return fail(io_error("sync", temp, errno));
    if (fd.close() != 0) return fail(io_error("close", temp, errno));
    if (::rename(temp.c_str(), path.c_str()) != 0) return fail(io_error("replace", path, errno));
    return fsync_directory(dir);
}

Result<std::optional<Bytes>> read_file_if_exists(const fs::path& path, std::size_t max_size) {
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT) return std::optional<Bytes>{};
        return io_error("open", path, errno);
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) return io_error("inspect", path, errno);
    if (!S_ISREG(st.st_mode)) return make_error(path.string() + " is not a regular file");
    if (st.st_size < 0 || static_cast<std::uint64_t>(st.st_size) > max_size) {
        return make_error(path.string() + " is too large (" + std::to_string(st.st_size) +
                          " bytes, at most " + std::to_string(max_size) + " expected)");
    }
    // Read up to one byte past the cap so a file that grew after fstat is still refused.
    Bytes data(static_cast<std::size_t>(st.st_size) + 1);
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::read(fd.get(), data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            return io_error("read", path, errno);
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    if (done > max_size) return make_error(path.string() + " is too large");
    data.resize(done);
    return std::optional<Bytes>(std::move(data));
}

Result<Bytes> read_file(const fs::path& path, std::size_t max_size) {
    auto read = read_file_if_exists(path, max_size);
    if (!read) return read.error();
    if (!read->has_value()) return make_error("cannot open " + path.string() + ": file not found");
    return std::move(**read);
}

Result<fs::path> set_aside_corrupt(const fs::path& path) {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &utc);
    fs::path target = path.string() + ".corrupt-" + stamp;
    // Two set-asides in the same second must not overwrite each other.
    for (int n = 1; ::access(target.c_str(), F_OK) == 0; ++n) {
        target = path.string() + ".corrupt-" + stamp + "-" + std::to_string(n);
    }
    if (::rename(path.c_str(), target.c_str()) != 0) return io_error("move aside", path, errno);
    if (auto synced = fsync_directory(path.parent_path()); !synced) return synced.error();
    return target;
}

}  // namespace candor::store
