// Window, GL context and the frame loop. Idle costs nothing: the loop sleeps in
// glfwWaitEventsTimeout and only renders at full rate for a moment after input or a wake-up
// (glfwPostEmptyEvent from the Node); otherwise it redraws once a minute so relative times stay true,
// or sooner when the last frame asked for it (ctx.redraw_in_ms: a visible countdown, a reminder).
#include "ui/app.hpp"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>

#include "node/node.hpp"
#include "ui/actions.hpp"
#include "ui/background.hpp"
#include "ui/notify.hpp"
#include "ui/screenshot.hpp"
#include "ui/shell.hpp"
#include "ui/style.hpp"

namespace candor::ui {
namespace {

constexpr double kActiveSeconds = 1.0;   // full frame rate this long after any input
constexpr double kActiveFrame = 1.0 / 60.0;
constexpr double kIdleMaxWait = 60.0;

struct InputState {
    bool input = false;
    bool focused = true;
};

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

double seconds_to_next_minute() {
    using namespace std::chrono;
    const auto now = system_clock::now().time_since_epoch();
    const double into_minute = static_cast<double>(duration_cast<milliseconds>(now).count() % 60000) / 1000.0;
    return 60.0 - into_minute + 0.05;
}

std::int64_t wall_clock_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

class Window {
public:
    bool open(const GuiOptions& options, InputState& input) {
        glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "candor: GLFW error %d: %s\n", code, text); });
        if (!glfwInit()) {
            std::fprintf(stderr, "candor: could not open a window (is a desktop session running? DISPLAY=%s). "
                                 "To run without a window, use 'candor serve'.\n",
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
        return true;
    }
    ~Window() {
        if (window_) glfwDestroyWindow(window_);
        if (initialised_) glfwTerminate();
    }
    [[nodiscard]] GLFWwindow* get() const { return window_; }

private:
    GLFWwindow* window_ = nullptr;
    bool initialised_ = false;
};

}  // namespace

int run_app(const GuiOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    InputState input;
    Window window;
    if (!window.open(options, input)) return 2;
    GLFWwindow* w = window.get();
    install_activity_callbacks(w);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is fixed; nothing to remember between runs
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui_ImplGlfw_InitForOpenGL(w, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    float scale_x = 1.0f, scale_y = 1.0f;
    glfwGetWindowContentScale(w, &scale_x, &scale_y);
    const float scale = std::max(1.0f, std::round(scale_x * 4.0f) / 4.0f);
    const Fonts fonts = load_fonts(scale);

    ViewContext ctx;
    ctx.section = options.section;
    ctx.prefs.theme = parse_theme(options.theme);
    ThemeKind applied = ctx.prefs.theme;
    apply_style(applied, scale);

    Background background;
    std::string shader_error;
    if (!background.init(shader_error)) std::fprintf(stderr, "candor: %s (using a plain background)\n", shader_error.c_str());

    // The app runs the Node for its data directory in-process. Screenshots use a free port and
    // stay quiet on the network.
    node::NodeOptions node_options;
    node_options.data_dir = options.data_dir;
    if (options.screenshot_path) {
        node_options.port = 0;
        node_options.discovery = false;
    }
    std::unique_ptr<node::Node> node;
    if (auto opened = node::Node::start(node_options)) {
        node = std::move(*opened);
        node->set_on_change([] { glfwPostEmptyEvent(); });
        const std::string window_title = "Candor — " + node->snapshot()->name;
        glfwSetWindowTitle(w, window_title.c_str());
    } else {
        ctx.node_error = opened.message();
        std::fprintf(stderr, "candor: %s\n", ctx.node_error.c_str());
    }
    Actions actions(node.get(), [] { glfwPostEmptyEvent(); });
    ctx.actions = &actions;
    if (node && options.theme.empty()) ctx.prefs.theme = parse_theme(node->snapshot()->settings.theme);

    DesktopNotifier notifier;
    if (!options.screenshot_path) {
        ctx.desktop_notify = [&notifier](const std::string& title, const std::string& body) { notifier.notify(title, body); };
    }
    Shell shell;
    double active_until = glfwGetTime() + kActiveSeconds;
    double last_time = glfwGetTime();
    float anim_time = 0.0f;
    int frame = 0;
    int exit_code = 0;

    while (!glfwWindowShouldClose(w)) {
        const double now = glfwGetTime();
        if (options.screenshot_path) {
            glfwPollEvents();
        } else {
            // Idle until input, a wake-up from the Node, the next minute (relative times), or
            // what the last frame asked for (a visible countdown's next second, a reminder).
            double idle = std::min(kIdleMaxWait, seconds_to_next_minute());
            if (ctx.redraw_in_ms >= 0) idle = std::min(idle, std::max(0.01, ctx.redraw_in_ms / 1000.0));
            glfwWaitEventsTimeout(now < active_until ? kActiveFrame : idle);
        }
        const double t = glfwGetTime();
        if (input.input) {
            input.input = false;
            active_until = t + kActiveSeconds;
        }
        // Motion only while the window is in use and focused; an idle picture is still.
        if (t < active_until && input.focused) anim_time += static_cast<float>(std::min(t - last_time, 0.1));
        last_time = t;

        if (ctx.prefs.theme != applied) {
            applied = ctx.prefs.theme;
            apply_style(applied, scale);
            if (!options.screenshot_path) {
                actions.send(json::Value(json::Object{{"cmd", "settings"},
                                                      {"args", json::Object{{"theme", theme_name(applied)}}}}));
            }
        }
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        // A screenshot shows the app at rest, whatever the pointer of the virtual display hovers.
        if (options.screenshot_path) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        ImGui::NewFrame();
        ctx.look = Look{&palette(applied), &fonts, scale};
        ctx.now_ms = wall_clock_ms();
        actions.run_replies();
        if (node) ctx.snapshot = node->snapshot();
        ctx.redraw_in_ms = -1;
        try {
            shell.draw(ctx);
        } catch (const std::exception& e) {
            // A frame never takes the app down; the next frame starts clean.
            std::fprintf(stderr, "candor: a view failed to draw: %s\n", e.what());
        }
        ImGui::Render();
        int fb_width = 0, fb_height = 0;
        glfwGetFramebufferSize(w, &fb_width, &fb_height);
        background.draw(palette(applied), fb_width, fb_height, anim_time);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ++frame;
        if (options.screenshot_path && frame >= std::max(1, options.frames)) {
            const Status written = write_framebuffer_png(*options.screenshot_path, fb_width, fb_height);
            if (!written) {
                std::fprintf(stderr, "candor: %s\n", written.message().c_str());
                exit_code = 1;
            }
            break;
        }
        glfwSwapBuffers(w);
        if (frame == 1 && options.report_timing) {
            const auto elapsed = std::chrono::steady_clock::now() - started;
            std::printf("first_frame_ms %.1f\n", std::chrono::duration<double, std::milli>(elapsed).count());
            std::fflush(stdout);
        }
        if (ctx.request_attention) {
            ctx.request_attention = false;
            glfwRequestWindowAttention(w);
        }
    }

    if (node) node->set_on_change({});
    node.reset();  // answers or cancels what is still queued before the UI goes away
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    return exit_code;
}

}  // namespace candor::ui
