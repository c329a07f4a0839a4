// The entry follows the Desktop Entry spec: Exec arguments are quoted, with ", `, $ and \ escaped
// inside the quotes and % doubled, so any path survives.
#include "store/autostart.hpp"

#include <cstdlib>
#include <string>
#include <system_error>

#include "store/data_dir.hpp"

namespace candor::store {
namespace {

constexpr std::size_t kMaxEntryBytes = 64 * 1024;
constexpr std::string_view kDirKey = "X-Candor-Data-Dir=";

std::string exec_quoted(const std::string& arg) {
    std::string out = "\"";
    for (char c : arg) {
        if (c == '"' || c == '`' || c == '$' || c == '\\') out += '\\';
        if (c == '%') out += '%';
        out += c;
    }
    return out + "\"";
}

// The data directory the entry at `file` starts, or empty when there is none (or it is not ours).
Result<std::string> entry_data_dir(const std::filesystem::path& file) {
    auto bytes = read_file_if_exists(file, kMaxEntryBytes);
    if (!bytes) return bytes.error();
    if (!bytes->has_value()) return std::string();
    const std::string text((*bytes)->begin(), (*bytes)->end());
    for (std::size_t at = 0; at < text.size();) {
        std::size_t end = text.find('\n', at);
        if (end == std::string::npos) end = text.size();
        const std::string_view line(text.data() + at, end - at);
        if (line.starts_with(kDirKey)) return std::string(line.substr(kDirKey.size()));
        at = end + 1;
    }
    return std::string();
}

}  // namespace

std::filesystem::path this_program() {
    std::error_code ec;
    auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path("candor") : path;
}

Result<std::filesystem::path> autostart_file() {
    const char* config = std::getenv("XDG_CONFIG_HOME");
    if (config && config[0] == '/') return std::filesystem::path(config) / "autostart" / kAutostartFileName;
    const char* home = std::getenv("HOME");
    if (home && home[0] == '/') return std::filesystem::path(home) / ".config" / "autostart" / kAutostartFileName;
    return make_error("cannot tell where login programs go: neither XDG_CONFIG_HOME nor HOME is set");
}

std::string autostart_entry(const std::filesystem::path& data_dir, const std::filesystem::path& program) {
    return "[Desktop Entry]\n"
           "Type=Application\n"
           "Name=Candor\n"
           "Comment=Keeps Candor running so your partner's messages reach you\n"
           "Exec=" + exec_quoted(program.string()) + " --background --data-dir " + exec_quoted(data_dir.string()) + "\n"
           "Icon=app.candor.Candor\n"
           "Terminal=false\n"
           "NoDisplay=true\n"
           "X-GNOME-Autostart-enabled=true\n" +
           std::string(kDirKey) + data_dir.string() + "\n";
}

Result<Autostart> autostart_status(const std::filesystem::path& data_dir) {
    auto file = autostart_file();
    if (!file) return file.error();
    auto dir = entry_data_dir(*file);
    if (!dir) return dir.error();
    return Autostart{!dir->empty() && *dir == data_dir.string(), *file};
}

Result<Autostart> set_autostart(bool on, const std::filesystem::path& data_dir, const std::filesystem::path& program) {
    auto current = autostart_status(data_dir);
    if (!current) return current.error();
    const std::filesystem::path& file = current->file;
    if (on) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
        if (ec) return make_error("cannot create " + file.parent_path().string() + ": " + ec.message());
        const std::string text = autostart_entry(data_dir, program);
        const crypto::Bytes bytes(text.begin(), text.end());
        if (Status written = atomic_write_file(file, bytes, 0644); !written) return written.error();
        return Autostart{true, file};
    }
    if (current->on) {
        std::error_code ec;
        std::filesystem::remove(file, ec);
        if (ec) return make_error("cannot remove " + file.string() + ": " + ec.message());
    }
    return Autostart{false, file};
}

}  // namespace candor::store
