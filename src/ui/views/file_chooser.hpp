// A small file chooser of our own (Debian's GLFW has none), drawn inline with ImGui over
// std::filesystem: the folder being looked at, "Up", its folders (and, to open, its files), and
// for saving a file name. Nothing is written or read here; the caller gets the chosen path.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "ui/widgets.hpp"

namespace candor::ui {

class FileChooser {
public:
    enum class Mode { save, open };
    // `suffix`: the files shown when opening (".candor-backup"); all files with an empty one.
    void open(Mode mode, std::filesystem::path folder, std::string file_name = {}, std::string suffix = {});
    void close() { open_ = false; }
    [[nodiscard]] bool is_open() const { return open_; }
    // Draws it; returns the chosen path once (then the chooser closes). Cancel closes it too.
    [[nodiscard]] std::optional<std::filesystem::path> draw(const Look& look);

    // The folder shown and what it lists (for tests).
    [[nodiscard]] const std::filesystem::path& folder() const { return folder_; }
    [[nodiscard]] const std::vector<std::string>& folders() const { return folders_; }
    [[nodiscard]] const std::vector<std::string>& files() const { return files_; }
    void go_to(std::filesystem::path folder);
    std::string file_name;  // the name typed (save) or picked (open)

private:
    void list();

    bool open_ = false;
    Mode mode_ = Mode::save;
    std::string suffix_;
    std::filesystem::path folder_;
    std::vector<std::string> folders_;
    std::vector<std::string> files_;
    std::string problem_;
};

}  // namespace candor::ui
