// Compiles shaders/background.{vert,frag} (embedded at build time) and draws one full-screen
// triangle. Clears to the palette's paper colour if the program could not be built.
#include "ui/background.hpp"

#include <GL/gl.h>
#include <GL/glext.h>

#include "ui/shaders.hpp"

namespace candor::ui {
namespace {

unsigned compile(GLenum type, const char* source, std::string& error) {
    const GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        error = std::string("shader did not compile: ") + log;
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

// Compiles and links one program; 0 (and `error`) when it fails.
unsigned link(const char* vert_source, const char* frag_source, std::string& error) {
    const GLuint vert = compile(GL_VERTEX_SHADER, vert_source, error);
    if (!vert) return 0;
    const GLuint frag = compile(GL_FRAGMENT_SHADER, frag_source, error);
    if (!frag) {
        glDeleteShader(vert);
        return 0;
    }
    GLuint program = glCreateProgram();
    glAttachShader(program, vert);
    glAttachShader(program, frag);
    glLinkProgram(program);
    glDeleteShader(vert);
    glDeleteShader(frag);
    GLint ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetProgramInfoLog(program, sizeof log, nullptr, log);
        error = std::string("shader program did not link: ") + log;
        glDeleteProgram(program);
        return 0;
    }
    return program;
}

}  // namespace

Background::~Background() {
    if (glow_program_) glDeleteProgram(glow_program_);
    if (breath_program_) glDeleteProgram(breath_program_);
    if (program_) glDeleteProgram(program_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
}

bool Background::init(std::string& error) {
    program_ = link(shaders::background_vert, shaders::background_frag, error);
    if (!program_) return false;
    glGenVertexArrays(1, &vao_);
    breath_program_ = link(shaders::background_vert, shaders::breathe_frag, error);
    b_resolution_ = glGetUniformLocation(breath_program_, "u_resolution");
    b_centre_ = glGetUniformLocation(breath_program_, "u_centre");
    b_size_ = glGetUniformLocation(breath_program_, "u_size");
    b_base_ = glGetUniformLocation(breath_program_, "u_base");
    b_shape_ = glGetUniformLocation(breath_program_, "u_shape");
    b_glow_ = glGetUniformLocation(breath_program_, "u_glow");
    u_resolution_ = glGetUniformLocation(program_, "u_resolution");
    u_time_ = glGetUniformLocation(program_, "u_time");
    u_base_ = glGetUniformLocation(program_, "u_base");
    u_wash_a_ = glGetUniformLocation(program_, "u_wash_a");
    u_wash_b_ = glGetUniformLocation(program_, "u_wash_b");
    u_strength_ = glGetUniformLocation(program_, "u_strength");
    std::string glow_error;  // the moment has an ImGui fallback: not a reason to lose the background
    glow_program_ = link(shaders::background_vert, shaders::celebrate_frag, glow_error);
    if (glow_program_) {
        g_resolution_ = glGetUniformLocation(glow_program_, "u_resolution");
        g_centre_ = glGetUniformLocation(glow_program_, "u_centre");
        g_phase_ = glGetUniformLocation(glow_program_, "u_phase");
        g_glow_ = glGetUniformLocation(glow_program_, "u_glow");
        g_base_ = glGetUniformLocation(glow_program_, "u_base");
        g_warm_ = glGetUniformLocation(glow_program_, "u_warm");
        g_light_ = glGetUniformLocation(glow_program_, "u_light");
    }
    return true;
}

void Background::draw(const Palette& palette, int width, int height, float time_seconds) const {
    glViewport(0, 0, width, height);
    const ImVec4& base = palette.background;
    glClearColor(base.x, base.y, base.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    if (!program_) return;
    glUseProgram(program_);
    glUniform2f(u_resolution_, static_cast<float>(width), static_cast<float>(height));
    glUniform1f(u_time_, time_seconds);
    glUniform3f(u_base_, base.x, base.y, base.z);
    glUniform3f(u_wash_a_, palette.wash_a.x, palette.wash_a.y, palette.wash_a.z);
    glUniform3f(u_wash_b_, palette.wash_b.x, palette.wash_b.y, palette.wash_b.z);
    glUniform1f(u_strength_, 0.9f);
    fill();
}

bool Background::draw_breath(const Palette& palette, int width, int height, float x, float y, float size) const {
    if (!breath_program_) return false;
    glViewport(0, 0, width, height);
    const ImVec4& base = palette.background;
    glUseProgram(breath_program_);
    glUniform2f(b_resolution_, static_cast<float>(width), static_cast<float>(height));
    glUniform2f(b_centre_, x, static_cast<float>(height) - y);
    glUniform1f(b_size_, size);
    glUniform3f(b_base_, base.x, base.y, base.z);
    glUniform3f(b_shape_, palette.accent.x, palette.accent.y, palette.accent.z);
    glUniform3f(b_glow_, palette.wash_a.x, palette.wash_a.y, palette.wash_a.z);
    fill();
    return true;
}

bool Background::draw_glow(const Palette& palette, int width, int height, float x, float y, float phase, float glow) const {
    if (!glow_program_) return false;
    glViewport(0, 0, width, height);
    const ImVec4& base = palette.background;
    glUseProgram(glow_program_);
    glUniform2f(g_resolution_, static_cast<float>(width), static_cast<float>(height));
    glUniform2f(g_centre_, x, static_cast<float>(height) - y);
    glUniform1f(g_phase_, phase);
    glUniform1f(g_glow_, glow);
    glUniform3f(g_base_, base.x, base.y, base.z);
    glUniform3f(g_warm_, palette.amber.x, palette.amber.y, palette.amber.z);
    glUniform3f(g_light_, palette.wash_a.x, palette.wash_a.y, palette.wash_a.z);
    fill();
    return true;
}

void Background::fill() const {
    glBindVertexArray(vao_);
    glDisable(GL_BLEND);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glUseProgram(0);
}

}  // namespace candor::ui
