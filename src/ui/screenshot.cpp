// glReadPixels gives rows bottom-up; PNG wants them top-down.
#include "ui/screenshot.hpp"

#include <GL/gl.h>
#include <stb_image_write.h>

#include <cstdint>
#include <cstring>
#include <vector>

namespace candor::ui {

Status write_framebuffer_png(const std::string& path, int width, int height) {
    if (width <= 0 || height <= 0) return make_error("the window has no size to capture");
    const std::size_t stride = static_cast<std::size_t>(width) * 3;
    std::vector<std::uint8_t> pixels(stride * static_cast<std::size_t>(height));
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    std::vector<std::uint8_t> flipped(pixels.size());
    for (int y = 0; y < height; ++y) {
        std::memcpy(&flipped[static_cast<std::size_t>(y) * stride],
                    &pixels[static_cast<std::size_t>(height - 1 - y) * stride], stride);
    }
    if (!stbi_write_png(path.c_str(), width, height, 3, flipped.data(), static_cast<int>(stride))) {
        return make_error("could not write the screenshot to " + path);
    }
    return {};
}

}  // namespace candor::ui
