// Small building blocks the views share: cards, chips, headings, buttons in the app's look.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "ui/style.hpp"

namespace candor::ui {

// Everything a view needs to draw in the app's look.
struct Look {
    const Palette* palette = nullptr;
    const Fonts* fonts = nullptr;
    float scale = 1.0f;
};

// A rounded card around whatever is drawn while it lives. `stripe` (alpha 0 for none) draws the
// author's colour along the left edge. Cards do not nest.
class Card {
public:
    explicit Card(const Look& look, ImVec4 stripe = ImVec4(0, 0, 0, 0), float width = 0.0f);
    ~Card();
    Card(const Card&) = delete;
    Card& operator=(const Card&) = delete;

    // The inner right edge (screen x) and the width between the paddings, for right-aligned items.
    [[nodiscard]] float right() const;
    [[nodiscard]] float inner_width() const;

private:
    const Look& look_;
    ImVec2 start_;
    ImVec4 stripe_;
    float width_;
};

void heading(const Look& look, const char* text);
void title(const Look& look, const char* text);
void muted_text(const Look& look, const char* fmt, ...) IM_FMTARGS(2);
void wrapped_text(const char* text);
void coloured_text(ImVec4 colour, const std::string& text);  // wrapped, in that colour
// ImGui::Begin of an undecorated window over the whole viewport, without a background of its
// own (the app's shows through); the caller ends it with ImGui::End().
void begin_full_window(const char* name);

// A small rounded label with a word, e.g. "due in 20 min"; colour is never the only signal.
void chip(const Look& look, const char* text, ImVec4 colour);

// Puts the next item of `width` on the current line, flush with `right` (screen x).
void same_line_right(float width, float right);
// The width a button with `label` will take (in `font`, default: the current one).
[[nodiscard]] float button_width(const char* label, ImFont* font = nullptr);
// A small toggle in a row of choices (filters): tinted when selected. Returns true when clicked.
bool choice_chip(const Look& look, const char* label, bool selected);
// The width choice_chip() takes for `label`.
[[nodiscard]] float choice_chip_width(const Look& look, const char* label);
// A row of choice chips, one of them selected, that wraps onto more lines when the window is
// narrow. Returns the index clicked, or -1.
int choice_chips(const Look& look, const std::vector<std::string>& labels, int selected);

// Puts the next item of `width` on the current line when it fits, else on a new line (`first`:
// the row's first item, which starts where the cursor is). Rows of choices wrap instead of clipping.
void flow(float width, bool first);

// The app's main action button (accent filled). Returns true when clicked.
bool primary_button(const Look& look, const char* label, ImVec2 size = ImVec2(0, 0));
bool quiet_button(const Look& look, const char* label, ImVec2 size = ImVec2(0, 0));

// `text` cut to fit `width` in the current font, ending in "…" when it had to be cut.
[[nodiscard]] std::string fit_text(const std::string& text, float width);

// Empty states invite and explain.
void empty_state(const Look& look, const char* headline, const char* explanation);

// Tab and Shift+Tab move through every control of the window in front (ImGui 1.86 tabs through
// text fields only): each control registers as a stop right after it is drawn, and Tab moves
// the keyboard focus, with its visible ring, to the next stop. Text fields start editing.
namespace focus {
// Called once a frame before the views draw: reads Tab and picks the next stop.
void begin_frame();
// The item just drawn is a stop (`text_field`: Tab into it starts editing).
void stop(bool text_field = false);
}  // namespace focus

// Where labelled items were drawn, for the headless UI tests (tests/unit/ui): when enabled, the
// app's buttons and any item passed to probe::note() record their rectangle under their label.
// Off in the app: note() then costs one branch.
namespace probe {
struct ItemRect {
    std::string label;
    ImVec2 min, max;
    ImVec2 clip_min, clip_max;  // the inner clip rectangle of the window the item was drawn in
    bool focused = false;       // it has the keyboard focus (navigation or text input)
};
void enable(bool on);
// Forgets what the previous frame recorded (the test harness calls it before each frame).
void clear();
// Records the last item drawn under `label`.
void note(const char* label);
[[nodiscard]] const std::vector<ItemRect>& items();
}  // namespace probe

}  // namespace candor::ui
