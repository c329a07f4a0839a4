// The soft animated background, drawn with our own shader program before ImGui's frame.
#pragma once

#include <string>

#include "ui/style.hpp"

namespace candor::ui {

class Background {
public:
    Background() = default;
    ~Background();
    Background(const Background&) = delete;
    Background& operator=(const Background&) = delete;

    // Compiles the embedded shaders; on failure the app still runs with a flat colour.
    bool init(std::string& error);
    void draw(const Palette& palette, int width, int height, float time_seconds) const;
    // The breathing guide instead of the background (shaders/breathe.frag): the shape centred at
    // (x, y) framebuffer pixels from the top-left, `size` 0..1. False when its program is missing
    // (the caller then draws the plain background and the view's ImGui fallback shows).
    [[nodiscard]] bool has_breath() const { return breath_program_ != 0; }
    bool draw_breath(const Palette& palette, int width, int height, float x, float y, float size) const;
    // A milestone's moment (shaders/celebrate.frag) instead of the background: a warm bloom behind
    // (x, y) framebuffer pixels, `phase` 0..1 through the moment, `glow` its 0..1 envelope.
    // False when its program is missing (the view's ImGui fallback shows).
    [[nodiscard]] bool has_glow() const { return glow_program_ != 0; }
    bool draw_glow(const Palette& palette, int width, int height, float x, float y, float phase, float glow) const;

private:
    void fill() const;  // the bound program over the whole framebuffer, then unbound

    unsigned program_ = 0;
    unsigned breath_program_ = 0;
    unsigned glow_program_ = 0;
    int g_resolution_ = -1, g_centre_ = -1, g_phase_ = -1, g_glow_ = -1, g_base_ = -1, g_warm_ = -1, g_light_ = -1;
    int b_resolution_ = -1, b_centre_ = -1, b_size_ = -1, b_base_ = -1, b_shape_ = -1, b_glow_ = -1;
    unsigned vao_ = 0;
    int u_resolution_ = -1, u_time_ = -1, u_base_ = -1, u_wash_a_ = -1, u_wash_b_ = -1, u_strength_ = -1;
};

}  // namespace candor::ui
