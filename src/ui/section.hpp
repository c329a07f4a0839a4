// The app's sections, in sidebar order (Ctrl+1…8).
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace candor::ui {

enum class Section { home, history, commitments, agreement, devices, settings, checkins, progress };

// Ctrl+N is the Nth of these: later sections keep the keys of the earlier ones (Ctrl+7 Check-ins,
// Ctrl+8 Progress).
inline constexpr std::array<Section, 8> kSections = {Section::home,      Section::history, Section::commitments,
                                                     Section::agreement, Section::devices, Section::settings,
                                                     Section::checkins,  Section::progress};

[[nodiscard]] constexpr const char* section_label(Section s) {
    switch (s) {
        case Section::home: return "Home";
        case Section::history: return "History";
        case Section::commitments: return "Commitments";
        case Section::agreement: return "Agreement";
        case Section::devices: return "Devices";
        case Section::settings: return "Settings";
        case Section::checkins: return "Check-ins";
        case Section::progress: return "Progress";
    }
    return "";
}

// Accepts the label in any case ("home", "Devices").
[[nodiscard]] std::optional<Section> parse_section(std::string_view name);

}  // namespace candor::ui
