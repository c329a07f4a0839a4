// Palettes from ../shared/UI.md: warm paper, ink, sage accent, amber for late, muted rose for missed.
#include "ui/style.hpp"

#include <cstdio>
#include <filesystem>

namespace candor::ui {
namespace {

ImVec4 hex(unsigned rgb, float alpha = 1.0f) {
    return ImVec4(static_cast<float>((rgb >> 16) & 0xff) / 255.0f, static_cast<float>((rgb >> 8) & 0xff) / 255.0f,
                  static_cast<float>(rgb & 0xff) / 255.0f, alpha);
}

const Palette kLight{
    .background = hex(0xF4EFE9),
    .sidebar = hex(0xEDE6DD),
    .card = hex(0xFBF8F4),
    .card_hover = hex(0xFFFDFA),
    .text = hex(0x2B2A33),
    .text_muted = hex(0x6E6A72),
    .accent = hex(0x3C8D7E),
    .accent_text = hex(0xFFFFFF),
    .partner = hex(0x7A6FB0),
    .amber = hex(0xB8741F),
    .rose = hex(0xC0566B),
    .border = hex(0xE2D9CE),
    .wash_a = hex(0xE4EFE9),
    .wash_b = hex(0xF3E3D3),
};

const Palette kDark{
    .background = hex(0x1D1C22),
    .sidebar = hex(0x24232A),
    .card = hex(0x2A2931),
    .card_hover = hex(0x312F38),
    .text = hex(0xECE7E1),
    .text_muted = hex(0xA6A0A8),
    .accent = hex(0x5FB3A3),
    .accent_text = hex(0x10201D),
    .partner = hex(0xA99FE0),
    .amber = hex(0xE0A458),
    .rose = hex(0xE07A8E),
    .border = hex(0x3A3842),
    .wash_a = hex(0x1F2C2A),
    .wash_b = hex(0x2C2420),
};

constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";

// Latin, general punctuation (— · … ‘ ’ “ ”), arrows and a few symbols the app writes.
const ImWchar* glyph_ranges() {
    static const ImWchar ranges[] = {
        0x0020, 0x00FF, 0x0100, 0x017F, 0x2010, 0x2027, 0x2030, 0x203A, 0x2190, 0x2193,
        0x2212, 0x2212, 0x2713, 0x2713, 0x2715, 0x2715, 0,
    };
    return ranges;
}

ImFont* add_font(const char* file, float size) {
    const std::string path = std::string(kFontDir) + file;
    if (!std::filesystem::exists(path)) {
        return nullptr;
    }
    ImFontConfig config;
    config.OversampleH = 2;
    config.OversampleV = 1;
    config.PixelSnapH = true;
    return ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), size, &config, glyph_ranges());
}

}  // namespace

const Palette& palette(ThemeKind kind) { return kind == ThemeKind::dark ? kDark : kLight; }

ThemeKind parse_theme(const std::string& name) { return name == "dark" ? ThemeKind::dark : ThemeKind::light; }

const char* theme_name(ThemeKind kind) { return kind == ThemeKind::dark ? "dark" : "light"; }

ImVec4 with_alpha(ImVec4 colour, float alpha) {
    colour.w = alpha;
    return colour;
}

Fonts load_fonts(float scale) {
    Fonts fonts;
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    fonts.body = add_font("DejaVuSans.ttf", 16.0f * scale);
    fonts.body_bold = add_font("DejaVuSans-Bold.ttf", 16.0f * scale);
    fonts.heading = add_font("DejaVuSans-Bold.ttf", 22.0f * scale);
    fonts.title = add_font("DejaVuSans.ttf", 30.0f * scale);
    fonts.code = add_font("DejaVuSansMono-Bold.ttf", 40.0f * scale);
    if (fonts.body && fonts.body_bold && fonts.heading && fonts.title && fonts.code) {
        io.FontDefault = fonts.body;
        return fonts;
    }
    std::fprintf(stderr,
                 "candor: DejaVu fonts not found in %s (install fonts-dejavu-core); "
                 "using ImGui's built-in font\n",
                 kFontDir);
    io.Fonts->Clear();
    ImFontConfig config;
    config.SizePixels = 13.0f * scale;
    ImFont* builtin = io.Fonts->AddFontDefault(&config);
    fonts = Fonts{builtin, builtin, builtin, builtin, builtin, true};
    return fonts;
}

void apply_style(ThemeKind kind, float scale) {
    const Palette& p = palette(kind);
    ImGuiStyle style;
    style.WindowPadding = ImVec2(16, 14);
    style.FramePadding = ImVec2(12, 8);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(8, 6);
    style.CellPadding = ImVec2(8, 6);
    style.ScrollbarSize = 12;
    style.GrabMinSize = 10;
    style.WindowRounding = 0;
    style.ChildRounding = 8;
    style.FrameRounding = 6;
    style.PopupRounding = 8;
    style.ScrollbarRounding = 6;
    style.GrabRounding = 6;
    style.TabRounding = 6;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 0;
    style.PopupBorderSize = 1;
    style.FrameBorderSize = 0;
    style.SelectableTextAlign = ImVec2(0.0f, 0.5f);
    style.ScaleAllSizes(scale);

    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = p.text;
    c[ImGuiCol_TextDisabled] = p.text_muted;
    c[ImGuiCol_WindowBg] = with_alpha(p.background, 0.0f);  // the shader background shows through
    c[ImGuiCol_ChildBg] = with_alpha(p.card, 0.0f);
    c[ImGuiCol_PopupBg] = p.card;
    c[ImGuiCol_Border] = p.border;
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = kind == ThemeKind::dark ? with_alpha(p.background, 1.0f) : ImVec4(1, 1, 1, 1);
    c[ImGuiCol_FrameBgHovered] = with_alpha(p.accent, 0.10f);
    c[ImGuiCol_FrameBgActive] = with_alpha(p.accent, 0.18f);
    c[ImGuiCol_TitleBg] = p.sidebar;
    c[ImGuiCol_TitleBgActive] = p.sidebar;
    c[ImGuiCol_TitleBgCollapsed] = p.sidebar;
    c[ImGuiCol_MenuBarBg] = p.sidebar;
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = with_alpha(p.text_muted, 0.30f);
    c[ImGuiCol_ScrollbarGrabHovered] = with_alpha(p.text_muted, 0.45f);
    c[ImGuiCol_ScrollbarGrabActive] = with_alpha(p.text_muted, 0.60f);
    c[ImGuiCol_CheckMark] = p.accent;
    c[ImGuiCol_SliderGrab] = p.accent;
    c[ImGuiCol_SliderGrabActive] = p.accent;
    c[ImGuiCol_Button] = with_alpha(p.text, 0.07f);
    c[ImGuiCol_ButtonHovered] = with_alpha(p.accent, 0.18f);
    c[ImGuiCol_ButtonActive] = with_alpha(p.accent, 0.30f);
    c[ImGuiCol_Header] = with_alpha(p.accent, 0.16f);
    c[ImGuiCol_HeaderHovered] = with_alpha(p.accent, 0.10f);
    c[ImGuiCol_HeaderActive] = with_alpha(p.accent, 0.22f);
    c[ImGuiCol_Separator] = p.border;
    c[ImGuiCol_SeparatorHovered] = p.accent;
    c[ImGuiCol_SeparatorActive] = p.accent;
    c[ImGuiCol_ResizeGrip] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Tab] = with_alpha(p.text, 0.06f);
    c[ImGuiCol_TabHovered] = with_alpha(p.accent, 0.20f);
    c[ImGuiCol_TabActive] = with_alpha(p.accent, 0.28f);
    c[ImGuiCol_TableHeaderBg] = p.sidebar;
    c[ImGuiCol_TableBorderLight] = p.border;
    c[ImGuiCol_TableBorderStrong] = p.border;
    c[ImGuiCol_TextSelectedBg] = with_alpha(p.accent, 0.30f);
    c[ImGuiCol_NavHighlight] = p.accent;
    c[ImGuiCol_ModalWindowDimBg] = with_alpha(p.text, 0.35f);
    ImGui::GetStyle() = style;
}

}  // namespace candor::ui
