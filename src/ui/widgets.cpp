// Cards are drawn with a split draw list: content first (channel 1), then the rounded background
// behind it (channel 0) once its size is known — ImGui 1.86 has no auto-sizing child windows.
#include "ui/widgets.hpp"

#include <imgui_internal.h>

#include <cstdarg>

#include "ui/keys.hpp"

namespace candor::ui {
Card::Card(const Look& look, ImVec4 stripe, float width) : look_(look), stripe_(stripe) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    const float pad = 14.0f * look.scale;
    start_ = ImGui::GetCursorScreenPos();
    width_ = width > 0 ? width : ImGui::GetContentRegionAvail().x;
    const float stripe_width = stripe.w > 0 ? 4.0f * look.scale : 0.0f;
    ImGui::SetCursorScreenPos(ImVec2(start_.x + pad + stripe_width, start_.y + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + width_ - 2 * pad - stripe_width);
}

Card::~Card() {
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const float pad = 14.0f * look_.scale;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(start_.x + width_, ImGui::GetItemRectMax().y + pad);
    draw->ChannelsSetCurrent(0);
    const float rounding = 8.0f * look_.scale;
    draw->AddRectFilled(start_, max, to_u32(look_.palette->card), rounding);
    draw->AddRect(start_, max, to_u32(with_alpha(look_.palette->border, 0.8f)), rounding);
    if (stripe_.w > 0) {
        draw->AddRectFilled(start_, ImVec2(start_.x + 4.0f * look_.scale, max.y), to_u32(stripe_), rounding,
                            ImDrawFlags_RoundCornersLeft);
    }
    draw->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(start_.x, max.y));
    ImGui::Dummy(ImVec2(width_, 0));
    ImGui::Dummy(ImVec2(0, 2.0f * look_.scale));
}

float Card::right() const { return start_.x + width_ - 14.0f * look_.scale; }

float Card::inner_width() const {
    const float stripe_width = stripe_.w > 0 ? 4.0f * look_.scale : 0.0f;
    return width_ - 2 * 14.0f * look_.scale - stripe_width;
}

void same_line_right(float width, float right) {
    ImGui::SameLine();
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    if (right - width > pos.x) ImGui::SetCursorScreenPos(ImVec2(right - width, pos.y));
}

float button_width(const char* label, ImFont* font) {
    if (font) ImGui::PushFont(font);
    const float w = ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
    if (font) ImGui::PopFont();
    return w;
}

bool choice_chip(const Look& look, const char* label, bool selected) {
    const Palette& p = *look.palette;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(12.0f * look.scale, 5.0f * look.scale));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 20.0f * look.scale);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
    ImGui::PushStyleColor(ImGuiCol_Button, selected ? with_alpha(p.accent, 0.16f) : with_alpha(p.card, 0.0f));
    ImGui::PushStyleColor(ImGuiCol_Border, selected ? with_alpha(p.accent, 0.55f) : p.border);
    ImGui::PushStyleColor(ImGuiCol_Text, selected ? p.text : with_alpha(p.text, 0.75f));
    const bool clicked = ImGui::Button(label);
    focus::stop();
    probe::note(label);
    ImGui::PopStyleColor(3);
    ImGui::PopStyleVar(3);
    return clicked;
}

float choice_chip_width(const Look& look, const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + 24.0f * look.scale;
}

int choice_chips(const Look& look, const std::vector<std::string>& labels, int selected) {
    int clicked = -1;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        flow(choice_chip_width(look, labels[i].c_str()), i == 0);
        ImGui::PushID(static_cast<int>(i));
        if (choice_chip(look, labels[i].c_str(), static_cast<int>(i) == selected)) clicked = static_cast<int>(i);
        ImGui::PopID();
    }
    return clicked;
}

void flow(float width, bool first) {
    if (first) return;
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

void heading(const Look& look, const char* text) {
    ImGui::PushFont(look.fonts->heading);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void title(const Look& look, const char* text) {
    ImGui::PushFont(look.fonts->title);
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

void muted_text(const Look& look, const char* fmt, ...) {
    ImGui::PushStyleColor(ImGuiCol_Text, look.palette->text_muted);
    va_list args;
    va_start(args, fmt);
    ImGui::TextWrappedV(fmt, args);
    va_end(args);
    ImGui::PopStyleColor();
}

void begin_full_window(const char* name) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                       ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground;
    ImGui::Begin(name, nullptr, flags);
}

void coloured_text(ImVec4 colour, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void wrapped_text(const char* text) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
}

void chip(const Look& look, const char* text, ImVec4 colour) {
    const ImVec2 pad(8.0f * look.scale, 3.0f * look.scale);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 max(pos.x + size.x + 2 * pad.x, pos.y + size.y + 2 * pad.y);
    draw->AddRectFilled(pos, max, to_u32(with_alpha(colour, 0.15f)), size.y);
    draw->AddText(ImVec2(pos.x + pad.x, pos.y + pad.y), to_u32(colour), text);
    ImGui::Dummy(ImVec2(max.x - pos.x, max.y - pos.y));
    probe::note(text);
}

bool primary_button(const Look& look, const char* label, ImVec2 size) {
    const Palette& p = *look.palette;
    ImGui::PushStyleColor(ImGuiCol_Button, p.accent);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, with_alpha(p.accent, 0.88f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, with_alpha(p.accent, 0.75f));
    ImGui::PushStyleColor(ImGuiCol_Text, p.accent_text);
    ImGui::PushFont(look.fonts->body_bold);
    const bool clicked = ImGui::Button(label, size);
    focus::stop();
    probe::note(label);
    ImGui::PopFont();
    ImGui::PopStyleColor(4);
    return clicked;
}

bool quiet_button(const Look& look, const char* label, ImVec2 size) {
    // A light button with a hairline border, so it reads as a button on cards and on paper alike.
    ImGui::PushStyleColor(ImGuiCol_Button, look.palette->card_hover);
    ImGui::PushStyleColor(ImGuiCol_Border, look.palette->border);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 1.0f);
    const bool clicked = ImGui::Button(label, size);
    focus::stop();
    probe::note(label);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    return clicked;
}

std::string fit_text(const std::string& text, float width) {
    if (ImGui::CalcTextSize(text.c_str()).x <= width) return text;
    const float room = width - ImGui::CalcTextSize("…").x;
    std::size_t end = text.size();
    while (end > 0 && ImGui::CalcTextSize(text.c_str(), text.c_str() + end).x > room) {
        --end;
        while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // whole UTF-8 characters
    }
    return text.substr(0, end) + "…";
}

void empty_state(const Look& look, const char* headline, const char* explanation) {
    Card card(look);
    ImGui::PushFont(look.fonts->body_bold);
    wrapped_text(headline);
    ImGui::PopFont();
    muted_text(look, "%s", explanation);
}

namespace focus {
namespace {
struct Stop {
    ImGuiID id = 0;
    ImGuiWindow* root = nullptr;  // the window in front it belongs to (a form's popup, the app)
    ImGuiWindow* window = nullptr;
    bool text_field = false;
};
struct Chain {
    std::vector<Stop> last, now;  // the previous frame's stops, and this frame's so far
    ImGuiID target = 0;           // Tab chose it; it takes the focus when drawn
};
Chain& chain() {
    static Chain c;
    return c;
}

// The stops of the window in front, in drawing order.
std::vector<Stop> front_stops(const std::vector<Stop>& all) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* front = g.NavWindow ? g.NavWindow->RootWindow : nullptr;
    if (const ImGuiWindow* modal = ImGui::GetTopMostPopupModal()) front = modal->RootWindow;
    std::vector<Stop> out;
    for (const Stop& s : all) {
        if (!front || s.root == front) out.push_back(s);
    }
    return out;
}
}  // namespace

void begin_frame() {
    Chain& c = chain();
    c.last = std::move(c.now);
    c.now.clear();
    ImGuiIO& io = ImGui::GetIO();
    io.KeyMap[ImGuiKey_Tab] = -1;  // ImGui's own tabbing (text fields only) stays out of the way
    if (!ImGui::IsKeyPressed(keys::tab) || io.KeyCtrl || io.KeyAlt) return;
    const std::vector<Stop> stops = front_stops(c.last);
    if (stops.empty()) return;
    const ImGuiID current = ImGui::GetActiveID() ? ImGui::GetActiveID() : ImGui::GetFocusID();
    const auto n = static_cast<std::ptrdiff_t>(stops.size());
    std::ptrdiff_t at = -1;
    for (std::ptrdiff_t i = 0; i < n; ++i) {
        if (stops[static_cast<std::size_t>(i)].id == current) at = i;
    }
    const std::ptrdiff_t step = io.KeyShift ? -1 : 1;
    const std::ptrdiff_t next = at < 0 ? (io.KeyShift ? n - 1 : 0) : ((at + step) % n + n) % n;
    if (ImGui::GetActiveID()) ImGui::ClearActiveID();
    c.target = stops[static_cast<std::size_t>(next)].id;
}

void stop(bool text_field) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiID id = ImGui::GetItemID();
    if (id == 0) return;
    ImGuiWindow* window = g.CurrentWindow;
    Chain& c = chain();
    c.now.push_back({id, window->RootWindow, window, text_field});
    if (c.target != id) return;
    c.target = 0;
    if (text_field) {
        ImGui::SetKeyboardFocusHere(-1);  // starts editing it on the next frame
    } else {
        ImGui::FocusWindow(window);
        ImGui::SetFocusID(id, window);
    }
    g.NavDisableHighlight = false;  // the focus ring shows
    g.NavDisableMouseHover = true;
}
}  // namespace focus

namespace probe {
namespace {
// Test-only bookkeeping, touched from the UI thread alone.
struct Registry {
    bool on = false;
    std::vector<ItemRect> items;
};
Registry& registry() {
    static Registry r;
    return r;
}
}  // namespace

void enable(bool on) { registry().on = on; }
void clear() { registry().items.clear(); }
void note(const char* label) {
    Registry& r = registry();
    if (!r.on) return;
    const ImRect clip = ImGui::GetCurrentWindowRead()->InnerClipRect;
    const ImGuiID id = ImGui::GetItemID();
    const bool focused = id != 0 && (ImGui::GetFocusID() == id || ImGui::GetActiveID() == id);
    r.items.push_back({label, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), clip.Min, clip.Max, focused});
}
const std::vector<ItemRect>& items() { return registry().items; }
}  // namespace probe

}  // namespace candor::ui
