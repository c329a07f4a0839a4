// The inline file chooser: lists a folder once when it is entered (not every frame).
#include "ui/views/file_chooser.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>

namespace candor::ui {

namespace fs = std::filesystem;

void FileChooser::open(Mode mode, fs::path folder, std::string name, std::string suffix) {
    open_ = true;
    mode_ = mode;
    suffix_ = std::move(suffix);
    file_name = std::move(name);
    go_to(std::move(folder));
}

void FileChooser::go_to(fs::path folder) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) folder = fs::path("/");
    folder_ = fs::weakly_canonical(folder, ec);
    if (ec) folder_ = folder;
    list();
}

void FileChooser::list() {
    folders_.clear();
    files_.clear();
    problem_.clear();
    std::error_code ec;
    for (auto it = fs::directory_iterator(folder_, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;  // hidden files stay hidden, as in other choosers
        std::error_code type_ec;
        if (it->is_directory(type_ec)) {
            folders_.push_back(name);
        } else if (mode_ == Mode::open && (suffix_.empty() || name.ends_with(suffix_))) {
            files_.push_back(name);
        }
    }
    if (ec) problem_ = "Cannot read this folder: " + ec.message();
    std::sort(folders_.begin(), folders_.end());
    std::sort(files_.begin(), files_.end());
}

std::optional<fs::path> FileChooser::draw(const Look& look) {
    if (!open_) return std::nullopt;
    const float s = look.scale;
    ImGui::PushID("file-chooser");
    ImGui::TextUnformatted(mode_ == Mode::save ? "Save in" : "Look in");
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->text_muted);
    ImGui::TextUnformatted(folder_.string().c_str());
    ImGui::PopStyleColor();
    std::optional<fs::path> next;
    if (quiet_button(look, "Up") && folder_.has_parent_path()) next = folder_.parent_path();
    ImGui::SameLine();
    if (const char* home = std::getenv("HOME"); home && quiet_button(look, "Home")) next = fs::path(home);
    ImGui::SameLine();
    if (quiet_button(look, "Removable drives")) next = fs::path("/media");
    std::optional<fs::path> chosen;
    ImGui::BeginChild("list", ImVec2(0, 180 * s), true);
    if (!problem_.empty()) muted_text(look, "%s", problem_.c_str());
    for (const std::string& name : folders_) {
        if (ImGui::Selectable((name + "/").c_str())) next = folder_ / name;
    }
    for (const std::string& name : files_) {
        if (ImGui::Selectable(name.c_str(), name == file_name, ImGuiSelectableFlags_AllowDoubleClick)) {
            file_name = name;
            if (ImGui::IsMouseDoubleClicked(0)) chosen = folder_ / name;
        }
    }
    if (folders_.empty() && files_.empty() && problem_.empty()) muted_text(look, "Nothing here.");
    ImGui::EndChild();
    if (mode_ == Mode::save) {
        ImGui::SetNextItemWidth(360 * s);
        ImGui::InputText("File name", &file_name);
    }
    const bool can_choose = !file_name.empty() && file_name.find('/') == std::string::npos;
    ImGui::BeginDisabled(!can_choose);
    if (primary_button(look, mode_ == Mode::save ? "Save here" : "Open")) chosen = folder_ / file_name;
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (quiet_button(look, "Cancel")) open_ = false;
    ImGui::PopID();
    if (next) go_to(*next);
    if (chosen) open_ = false;
    return chosen;
}

}  // namespace candor::ui
