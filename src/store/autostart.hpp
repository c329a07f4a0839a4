// Login autostart: one XDG autostart entry ($XDG_CONFIG_HOME/autostart, else ~/.config/autostart)
// that runs `candor --background` for a data directory. The desktop session starts it at login;
// nothing else is installed or enabled. The entry names its data directory (X-Candor-Data-Dir), so
// "on" means "on for this data directory".
#pragma once

#include <filesystem>

#include "common/result.hpp"

namespace candor::store {

inline constexpr const char* kAutostartFileName = "app.candor.Candor.desktop";

struct Autostart {
    bool on = false;
    std::filesystem::path file;  // where the entry is (or would be)
};

// Where the entry lives; an error when neither XDG_CONFIG_HOME nor HOME is set.
[[nodiscard]] Result<std::filesystem::path> autostart_file();
[[nodiscard]] Result<Autostart> autostart_status(const std::filesystem::path& data_dir);
// On: writes the entry for `program` (an absolute path) and `data_dir`, replacing one for another
// directory. Off: removes the entry when it is this directory's (another directory's stays).
[[nodiscard]] Result<Autostart> set_autostart(bool on, const std::filesystem::path& data_dir,
                                              const std::filesystem::path& program);

// This program's absolute path (/proc/self/exe), for the entry to run; "candor" if unknown.
[[nodiscard]] std::filesystem::path this_program();

// The text of the entry (for tests and the docs).
[[nodiscard]] std::string autostart_entry(const std::filesystem::path& data_dir, const std::filesystem::path& program);

}  // namespace candor::store
