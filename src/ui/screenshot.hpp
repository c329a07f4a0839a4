// Reads the current framebuffer and writes it as a PNG (for `candor --screenshot` and tests).
#pragma once

#include <string>

#include "common/result.hpp"

namespace candor::ui {

Status write_framebuffer_png(const std::string& path, int width, int height);

}  // namespace candor::ui
