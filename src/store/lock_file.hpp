// DirectoryLock: keeps a second Node (another process, or a second Node in this process) off a
// data directory for as long as the first one lives.
#pragma once

#include <filesystem>

#include "common/result.hpp"

namespace candor::store {

class DirectoryLock {
public:
    // Takes DIR/lock with flock(LOCK_EX | LOCK_NB) and writes this process's pid into it. Fails
    // with "another Candor node is already using DIR (pid N)" while someone else holds it.
    [[nodiscard]] static Result<DirectoryLock> acquire(const std::filesystem::path& dir);

    DirectoryLock(DirectoryLock&& other) noexcept;
    DirectoryLock& operator=(DirectoryLock&& other) noexcept;
    DirectoryLock(const DirectoryLock&) = delete;
    DirectoryLock& operator=(const DirectoryLock&) = delete;
    // Releases the lock. The file stays: unlinking it would let two Nodes lock different inodes.
    ~DirectoryLock();

    [[nodiscard]] const std::filesystem::path& dir() const { return dir_; }

private:
    DirectoryLock(std::filesystem::path dir, int fd) : dir_(std::move(dir)), fd_(fd) {}

    std::filesystem::path dir_;
    int fd_ = -1;
};

}  // namespace candor::store
