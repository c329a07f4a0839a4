// flock-based data directory lock with the holder's pid for the error message.
#include "store/lock_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "store/data_dir.hpp"

namespace candor::store {

namespace {

// The pid the holder wrote, or "unknown" while it is still writing it (or wrote garbage).
std::string read_holder_pid(int fd) {
    char buffer[32] = {};
    const ssize_t n = ::pread(fd, buffer, sizeof buffer - 1, 0);
    if (n <= 0) return "unknown";
    std::string text(buffer, static_cast<std::size_t>(n));
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    if (text.empty() || text.size() > 10 || text.find_first_not_of("0123456789") != std::string::npos) {
        return "unknown";
    }
    return text;
}

}  // namespace

Result<DirectoryLock> DirectoryLock::acquire(const std::filesystem::path& dir) {
    const auto path = dir / kLockFile;
    // O_CLOEXEC: a child process must not inherit (and so prolong) the lock.
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        return make_error("cannot open the lock file " + path.string() + ": " + errno_text(errno));
    }
    // flock locks belong to the open file description, so a second open in this same process
    // conflicts too; that is what keeps two in-process Nodes apart.
    while (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        if (error == EINTR) continue;
        std::string message;
        if (error == EWOULDBLOCK) {
            message = "another Candor node is already using " + dir.string() + " (pid " +
                      read_holder_pid(fd) + ")";
        } else {
            message = "cannot lock " + path.string() + ": " + errno_text(error);
        }
        ::close(fd);
        return make_error(std::move(message));
    }
    const std::string pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
        const int error = errno;
        ::close(fd);
        return make_error("cannot write the lock file " + path.string() + ": " + errno_text(error));
    }
    return DirectoryLock(dir, fd);
}

DirectoryLock::DirectoryLock(DirectoryLock&& other) noexcept
    : dir_(std::move(other.dir_)), fd_(other.fd_) {
    other.fd_ = -1;
}

DirectoryLock& DirectoryLock::operator=(DirectoryLock&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        dir_ = std::move(other.dir_);
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

DirectoryLock::~DirectoryLock() {
    // Closing the last descriptor of the open file description releases the flock.
    if (fd_ >= 0) ::close(fd_);
}

}  // namespace candor::store
