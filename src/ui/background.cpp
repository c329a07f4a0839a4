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

}  // namespace

Background::~Background() {
    if (program_) glDeleteProgram(program_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
}

bool Background::init(std::string& error) {
    const GLuint vert = compile(GL_VERTEX_SHADER, shaders::background_vert, error);
    if (!vert) return false;
    const GLuint frag = compile(GL_FRAGMENT_SHADER, shaders::background_frag, error);
    if (!frag) {
        glDeleteShader(vert);
        return false;
    }
    program_ = glCreateProgram();
    glAttachShader(program_, vert);
    glAttachShader(program_, frag);
    glLinkProgram(program_);
    glDeleteShader(vert);
    glDeleteShader(frag);
    GLint ok = 0;
    glGetProgramiv(program_, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetProgramInfoLog(program_, sizeof log, nullptr, log);
        error = std::string("shader program did not link: ") + log;
        glDeleteProgram(program_);
        program_ = 0;
        return false;
    }
    glGenVertexArrays(1, &vao_);
    u_resolution_ = glGetUniformLocation(program_, "u_resolution");
    u_time_ = glGetUniformLocation(program_, "u_time");
    u_base_ = glGetUniformLocation(program_, "u_base");
    u_wash_a_ = glGetUniformLocation(program_, "u_wash_a");
    u_wash_b_ = glGetUniformLocation(program_, "u_wash_b");
    u_strength_ = glGetUniformLocation(program_, "u_strength");
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
    glBindVertexArray(vao_);
    glDisable(GL_BLEND);
    glDrawArrays(GL_TRIANGLES, 0, 3);
    glBindVertexArray(0);
    glUseProgram(0);
}

}  // namespace candor::ui
