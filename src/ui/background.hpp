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

private:
    unsigned program_ = 0;
    unsigned vao_ = 0;
    int u_resolution_ = -1, u_time_ = -1, u_base_ = -1, u_wash_a_ = -1, u_wash_b_ = -1, u_strength_ = -1;
};

}  // namespace candor::ui
