// The GLSL sources of shaders/, embedded into the binary at build time.
#pragma once

namespace candor::ui::shaders {
extern const char* const background_vert;
extern const char* const background_frag;
extern const char* const breathe_frag;
extern const char* const celebrate_frag;
}  // namespace candor::ui::shaders
