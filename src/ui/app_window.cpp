#include "ui/app_window.hpp"

#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace candor::ui {

void FrameTimes::print() const {
    if (ms_.empty()) return;
    std::vector<double> sorted = ms_;
    std::sort(sorted.begin(), sorted.end());
    const auto at = [&](double q) { return sorted[std::min(sorted.size() - 1, static_cast<std::size_t>(q * sorted.size()))]; };
    std::printf("section_frame_ms p50 %.2f p99 %.2f max %.2f (%zu frames)\n", at(0.5), at(0.99), sorted.back(), sorted.size());
    std::fflush(stdout);
}
namespace {

InputState& input_of(GLFWwindow* window) { return *static_cast<InputState*>(glfwGetWindowUserPointer(window)); }

// Installed before ImGui's backend, which chains to them; they only note that something happened.
void install_activity_callbacks(GLFWwindow* window) {
    glfwSetCursorPosCallback(window, [](GLFWwindow* w, double, double) { input_of(w).input = true; });
    glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int, int, int) { input_of(w).input = true; });
    glfwSetScrollCallback(window, [](GLFWwindow* w, double, double) { input_of(w).input = true; });
    glfwSetKeyCallback(window, [](GLFWwindow* w, int, int, int, int) { input_of(w).input = true; });
    glfwSetCharCallback(window, [](GLFWwindow* w, unsigned) { input_of(w).input = true; });
    glfwSetWindowFocusCallback(window, [](GLFWwindow* w, int focused) {
        input_of(w).focused = focused != 0;
        input_of(w).input = true;
    });
    glfwSetWindowSizeCallback(window, [](GLFWwindow* w, int, int) { input_of(w).input = true; });
}

}  // namespace

bool Window::open(const GuiOptions& options, InputState& input) {
        glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "candor: GLFW error %d: %s\n", code, text); });
        if (!glfwInit()) {
            std::fprintf(stderr, "candor: could not open a window (is a desktop session running? DISPLAY=%s). "
                                 "To run without a window, use 'candor --background'.\n",
                         std::getenv("DISPLAY") ? std::getenv("DISPLAY") : "unset");
            return false;
        }
        initialised_ = true;
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
        if (options.screenshot_path) glfwWindowHint(GLFW_RESIZABLE, GLFW_FALSE);
        window_ = glfwCreateWindow(options.width, options.height, "Candor", nullptr, nullptr);
        if (!window_) {
            std::fprintf(stderr, "candor: could not create an OpenGL 3.3 window; check the graphics drivers "
                                 "(Mesa's llvmpipe works too)\n");
            return false;
        }
        glfwSetWindowSizeLimits(window_, 720, 480, GLFW_DONT_CARE, GLFW_DONT_CARE);
        glfwSetWindowUserPointer(window_, &input);
        glfwMakeContextCurrent(window_);
        glfwSwapInterval(1);
        install_activity_callbacks(window_);
        IMGUI_CHECKVERSION();
        imgui_ = ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // the layout is fixed; nothing to remember between runs
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        ImGui_ImplGlfw_InitForOpenGL(window_, true);
        ImGui_ImplOpenGL3_Init("#version 330 core");
        return true;
}

Window::~Window() {
        if (imgui_) {
            ImGui_ImplOpenGL3_Shutdown();
            ImGui_ImplGlfw_Shutdown();
            ImGui::DestroyContext(imgui_);
        }
        if (window_) glfwDestroyWindow(window_);
        if (initialised_) glfwTerminate();
}


}  // namespace candor::ui
