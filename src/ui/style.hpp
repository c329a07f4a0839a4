// Candor's look: the light and dark palettes, ImGui style values and the fonts.
#pragma once

#include <imgui.h>

#include <string>

namespace candor::ui {

enum class ThemeKind { light, dark };

// Colour roles, never raw colours in views: every status also carries a word.
struct Palette {
    ImVec4 background;   // paper
    ImVec4 sidebar;
    ImVec4 card;
    ImVec4 card_hover;
    ImVec4 text;
    ImVec4 text_muted;
    ImVec4 accent;       // actions, "kept", me
    ImVec4 accent_text;  // text on accent
    ImVec4 partner;      // the partner's colour stripe
    ImVec4 amber;        // late, due
    ImVec4 rose;         // missed, reassurance
    ImVec4 border;
    ImVec4 wash_a;       // background shader washes
    ImVec4 wash_b;
};

[[nodiscard]] const Palette& palette(ThemeKind kind);
[[nodiscard]] ThemeKind parse_theme(const std::string& name);
[[nodiscard]] const char* theme_name(ThemeKind kind);

struct Fonts {
    ImFont* body = nullptr;
    ImFont* body_bold = nullptr;
    ImFont* heading = nullptr;
    ImFont* title = nullptr;
    ImFont* code = nullptr;  // the pairing code, DejaVu Sans Mono
    bool fallback = false;   // DejaVu missing: ImGui's built-in font is used
};

// Loads DejaVu from fonts-dejavu-core at `scale` (the monitor's content scale). Logs one line to
// stderr and falls back to ImGui's built-in font when the files are missing.
Fonts load_fonts(float scale);

// Applies spacing, rounding and the palette to the current ImGui context.
void apply_style(ThemeKind kind, float scale);

[[nodiscard]] inline ImU32 to_u32(const ImVec4& colour) { return ImGui::ColorConvertFloat4ToU32(colour); }
[[nodiscard]] ImVec4 with_alpha(ImVec4 colour, float alpha);

}  // namespace candor::ui
