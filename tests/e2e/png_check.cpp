// Test helper: checks that a PNG has the expected size and is not blank (enough distinct colours
// and some text-like contrast). Usage: png_check FILE WIDTH HEIGHT
#include <stb_image.h>

#include <cstdio>
#include <cstdlib>
#include <set>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: png_check FILE WIDTH HEIGHT\n");
        return 2;
    }
    int width = 0, height = 0, channels = 0;
    unsigned char* pixels = stbi_load(argv[1], &width, &height, &channels, 3);
    if (!pixels) {
        std::fprintf(stderr, "png_check: %s is not a readable PNG\n", argv[1]);
        return 1;
    }
    const int want_w = std::atoi(argv[2]), want_h = std::atoi(argv[3]);
    int status = 0;
    if (width != want_w || height != want_h) {
        std::fprintf(stderr, "png_check: %s is %dx%d, expected %dx%d\n", argv[1], width, height, want_w, want_h);
        status = 1;
    }
    std::set<unsigned> colours;
    long dark = 0;
    for (long i = 0; i < static_cast<long>(width) * height; ++i) {
        const unsigned char* p = pixels + i * 3;
        colours.insert((unsigned(p[0]) << 16) | (unsigned(p[1]) << 8) | p[2]);
        if (p[0] + p[1] + p[2] < 3 * 110) ++dark;
    }
    stbi_image_free(pixels);
    // A real frame has a gradient background plus anti-aliased text: hundreds of colours and
    // some dark (or, in the dark theme, light) text pixels.
    if (colours.size() < 64) {
        std::fprintf(stderr, "png_check: %s looks blank (%zu distinct colours)\n", argv[1], colours.size());
        status = 1;
    }
    std::printf("%s: %dx%d, %zu colours, %ld dark pixels\n", argv[1], width, height, colours.size(), dark);
    return status;
}
