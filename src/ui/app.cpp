// The Node and its window on demand. The main thread owns GLFW: with no window it waits for a
// `show` (from the control socket, a second `candor`, or a notification's "Open"); with one it
// runs the frame loop. Idle costs nothing: the loop sleeps in glfwWaitEventsTimeout and, after
// anything happens, draws until the picture is stable (FramePacer), then sleeps again until
// input, a wake-up from the Node, the next minute (relative times), or what the last frame asked
// for (ctx.redraw_in_ms: a visible countdown, a toast's expiry).
#include "ui/app.hpp"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <signal.h>

#include <cfloat>
#include <csignal>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>

#include "node/node.hpp"
#include "ui/actions.hpp"
#include "ui/app_gate.hpp"
#include "ui/app_host.hpp"
#include "ui/app_prompts.hpp"
#include "ui/app_window.hpp"
#include "ui/background.hpp"
#include "ui/frame.hpp"
#include "ui/node_opener.hpp"
#include "ui/screenshot.hpp"
#include "ui/shell.hpp"
#include "ui/style.hpp"
#include "ui/views/first_run.hpp"
#include "node/control_protocol.hpp"

namespace candor::ui {
namespace {

constexpr double kActiveSeconds = 1.0;   // full frame rate this long after any input
constexpr double kActiveFrame = 1.0 / 60.0;
constexpr double kIdleMaxWait = 60.0;

double steady_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double seconds_to_next_minute() {
    const double into_minute = static_cast<double>(node::system_now_ms() % 60000) / 1000.0;
    return 60.0 - into_minute + 0.05;
}

// What outlives a window: the Node, the views with their drafts, the prompts.
struct App {
    explicit App(const GuiOptions& o) : options(o) {}
    const GuiOptions& options;
    Host host;
    std::unique_ptr<node::Node> node;
    std::unique_ptr<Actions> actions;
    ViewContext ctx;
    Shell shell;
    AppPrompts prompts;
    AppGate gate;
    NodeOpener opener;  // a window shown at once opens the Node here, off the UI thread
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    bool first_frame_reported = false;
};

void set_title(GLFWwindow* w, const ViewContext& ctx) {
    const std::string title = ctx.snapshot ? "Candor — " + ctx.snapshot->name : std::string("Candor");
    glfwSetWindowTitle(w, title.c_str());
}

void save_theme(App& app, ThemeKind theme) {
    if (app.options.screenshot_path || !app.actions->available()) return;
    app.actions->send(node::control::make_request(node::control::cmd::kSettings, json::Object{{"theme", theme_name(theme)}}));
}

// Points the views at the Node that started, or says why it could not.
void use_node(App& app, NodeOpener::Opened opened) {
    const GuiOptions& options = app.options;
    if (opened) {
        app.node = std::move(*opened);
        app.node->set_on_change([&app] { app.host.wake(); });
    } else {
        app.ctx.node_error = sentence(opened.message());
        std::fprintf(stderr, "candor: %s\n", app.ctx.node_error.c_str());
    }
    app.actions = std::make_unique<Actions>(app.node.get(), [&app] { app.host.wake(); });
    app.ctx.actions = app.actions.get();
    if (!app.node) return;
    if (options.theme.empty()) app.ctx.prefs.theme = parse_theme(app.node->snapshot()->settings.theme);
    app.ctx.snapshot = app.node->snapshot();
    if (options.report_timing) {
        const auto elapsed = std::chrono::steady_clock::now() - app.started;
        std::printf("history_in_ms %.1f\n", std::chrono::duration<double, std::milli>(elapsed).count());
        std::fflush(stdout);
    }
}

// Starts the Node of the data directory (with the unlocked keys of a locked one). With a window
// to show at once it opens on a thread of its own (`in_background`) and the window says
// "Opening your history…" meanwhile; screenshots and a windowless start wait for it here.
void start_node(App& app, std::shared_ptr<const store::DeviceKeys> keys, bool in_background = false) {
    const GuiOptions& options = app.options;
    // Screenshots use a free port and stay quiet on the network.
    node::NodeOptions node_options;
    node_options.data_dir = options.data_dir;
    node_options.keys = std::move(keys);
    if (options.screenshot_path) {
        node_options.port = 0;
        node_options.discovery = false;
    } else {
        node_options.desktop_notifications = true;
        node_options.app.show = [&app] { return app.host.show(); };
        node_options.app.quit = [&app] { app.host.quit(); };
        node_options.app.window = [&app] { return app.host.window_state(); };
    }
    if (in_background) {
        app.opener.start(std::move(node_options), [&app] { app.host.wake(); });
        return;
    }
    use_node(app, node::Node::start(std::move(node_options)));
}

// The Node opened off the UI thread, once it is in (or at once, with `wait`).
void take_opened_node(App& app, bool wait = false) {
    if (!app.opener.opening()) return;
    if (wait) app.opener.wait();
    if (auto opened = app.opener.take()) use_node(app, std::move(*opened));
}

// Shows the window until it is closed (returns 0 with the Node still running) or Candor quits.
// Returns the exit code for a screenshot or a window that could not open; -1 otherwise.
int run_window(App& app) {
    const GuiOptions& options = app.options;
    InputState input;
    Window window;
    if (!window.open(options, input)) return 2;
    GLFWwindow* w = window.get();
    app.host.set_window_open(true);

    float scale_x = 1.0f, scale_y = 1.0f;
    glfwGetWindowContentScale(w, &scale_x, &scale_y);
    const float scale = std::max(1.0f, std::round(scale_x * 4.0f) / 4.0f);
    const Fonts fonts = load_fonts(scale);
    ViewContext& ctx = app.ctx;
    ThemeKind applied = ctx.prefs.theme;
    apply_style(applied, scale);
    Background background;
    std::string shader_error;
    if (!background.init(shader_error)) std::fprintf(stderr, "candor: %s (using a plain background)\n", shader_error.c_str());
    ctx.breath_shader = background.has_breath();
    ctx.glow_shader = background.has_glow();
    set_title(w, ctx);
    std::string title_name = ctx.snapshot ? ctx.snapshot->name : std::string();
    ctx.failed_frames = 0;

    FramePacer pacer;
    FrameTimes frame_times;
    double active_until = glfwGetTime() + kActiveSeconds;
    double last_time = glfwGetTime();
    float anim_time = 0.0f;
    bool another_frame = true;
    int frame = 0;
    int exit_code = -1;

    for (;;) {
        const double now = glfwGetTime();
        if (options.screenshot_path) {
            glfwPollEvents();
        } else if (another_frame || now < active_until) {
            glfwWaitEventsTimeout(kActiveFrame);  // in use, or still settling: keep drawing
        } else {
            double idle = std::min(kIdleMaxWait, seconds_to_next_minute());
            if (ctx.redraw_in_ms >= 0) idle = std::min(idle, std::max(0.01, ctx.redraw_in_ms / 1000.0));
            glfwWaitEventsTimeout(idle);
            pacer.wake();  // input, a wake-up from the Node or a timer: draw until stable again
        }
        if (app.host.quitting()) break;
        if (app.host.take_show()) {
            glfwShowWindow(w);
            glfwFocusWindow(w);
        }
        if (glfwWindowShouldClose(w)) {
            // The first close says once that Candor keeps running; after that it just hides.
            const bool told = !ctx.snapshot || ctx.snapshot->settings.told_keeps_running;
            if (told || app.prompts.showing() == Prompt::keeps_running) break;
            glfwSetWindowShouldClose(w, GLFW_FALSE);
            app.prompts.show(Prompt::keeps_running);
            input.input = true;
        }
        const double t = glfwGetTime();
        // Idle locking counts on a clock that goes on while the window is hidden (GLFW's restarts).
        const double awake = steady_seconds();
        if (input.input) {
            input.input = false;
            active_until = t + kActiveSeconds;
            app.gate.note_input(awake);
        }
        // Motion only while the window is in use and focused; an idle picture is still.
        if (t < active_until && input.focused) anim_time += static_cast<float>(std::min(t - last_time, 0.1));
        last_time = t;

        if (ctx.prefs.theme != applied) {
            applied = ctx.prefs.theme;
            apply_style(applied, scale);
            save_theme(app, applied);
        }
        const auto frame_began = std::chrono::steady_clock::now();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        // A screenshot shows the app at rest, whatever the pointer of the virtual display hovers.
        if (options.screenshot_path) ImGui::GetIO().MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        ctx.look = Look{&palette(applied), &fonts, scale};
        ctx.now_ms = node::system_now_ms();
        take_opened_node(app);
        app.actions->run_replies();
        if (app.node) ctx.snapshot = app.node->snapshot();
        ctx.redraw_in_ms = -1;
        bool close_window = false;
        app.gate.check_idle(ctx.snapshot.get(), awake);
        const std::uint64_t signature = run_frame(ctx, [&] {
            if (app.opener.opening()) {
                draw_opening(ctx.look);
                return;
            }
            if (app.gate.active()) {
                app.gate.draw(ctx);
                return;
            }
            app.shell.draw(ctx);
            app.prompts.watch_pairing(ctx);
            close_window = app.prompts.draw(ctx);
        });
        if (options.report_timing && options.screenshot_path) {
            frame_times.add(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - frame_began).count());
        }
        if (auto keys = app.gate.take_finished(); keys && !app.node) start_node(app, *keys, !options.screenshot_path);
        another_frame = pacer.after_frame(signature);
        int fb_width = 0, fb_height = 0;
        glfwGetFramebufferSize(w, &fb_width, &fb_height);
        const ImVec2 fb_scale = ImGui::GetIO().DisplayFramebufferScale;
        const bool breath = ctx.breath && background.draw_breath(palette(applied), fb_width, fb_height, ctx.breath->x * fb_scale.x,
                                                                  ctx.breath->y * fb_scale.y, ctx.breath->size);
        const bool glow = !breath && ctx.glow &&
                          background.draw_glow(palette(applied), fb_width, fb_height, ctx.glow->x * fb_scale.x,
                                               ctx.glow->y * fb_scale.y, ctx.glow->phase, ctx.glow->glow);
        if (!breath && !glow) background.draw(palette(applied), fb_width, fb_height, anim_time);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ++frame;
        if (options.screenshot_path && frame >= std::max(1, options.frames)) {
            const Status written = write_framebuffer_png(*options.screenshot_path, fb_width, fb_height);
            if (!written) std::fprintf(stderr, "candor: %s\n", written.message().c_str());
            frame_times.print();
            exit_code = written ? 0 : 1;
            break;
        }
        glfwSwapBuffers(w);
        if (options.report_timing && frame == 1) {
            const auto elapsed = std::chrono::steady_clock::now() - app.started;
            if (!app.first_frame_reported)
                std::printf("first_frame_ms %.1f\n", std::chrono::duration<double, std::milli>(elapsed).count());
            std::printf("window_frame_at_ms %lld\n", static_cast<long long>(node::system_now_ms()));
            std::fflush(stdout);
            app.first_frame_reported = true;
        }
        if (ctx.request_attention) {
            ctx.request_attention = false;
            glfwRequestWindowAttention(w);
        }
        if (ctx.snapshot && ctx.snapshot->name != title_name) {
            title_name = ctx.snapshot->name;
            set_title(w, ctx);
        }
        if (ctx.quit_requested) app.host.quit();
        if (close_window) break;
    }
    // A Kept / Missed still in its undo window was meant to be sent: the window going away sends it.
    if (!app.options.screenshot_path) app.shell.send_pending(ctx);
    app.host.set_window_open(false);
    return exit_code;
}

// SIGINT and SIGTERM quit like Ctrl+Q: blocked everywhere, taken by one thread with sigwait.
std::thread start_signal_thread(Host& host, sigset_t& signals) {
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGUSR1);  // how the app wakes that thread to end it
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return std::thread([&host, &signals] {
        int signal = 0;
        sigwait(&signals, &signal);
        if (signal != SIGUSR1) host.quit();
    });
}

}  // namespace

int run_app(const GuiOptions& options) {
    App app(options);
    sigset_t signals;
    std::thread signal_thread = start_signal_thread(app.host, signals);
    std::signal(SIGPIPE, SIG_IGN);

    app.actions = std::make_unique<Actions>(nullptr, [&app] { app.host.wake(); });
    ViewContext& ctx = app.ctx;
    ctx.actions = app.actions.get();
    ctx.section = options.section;
    ctx.open_composer = composer_kind_named(options.form);
    ctx.screenshot = options.screenshot_path.has_value();
    if (!ctx.screenshot) ctx.start_demo = launch_demo;
    ctx.prefs.theme = parse_theme(options.theme);
    if (auto gate = AppGate::initial(options)) {
        app.gate.open(*gate, options.data_dir);  // the Node starts once the gate is passed
    } else {
        // A window shown at once opens before the history is in; a screenshot, or a start with
        // no window, waits for the Node.
        const bool window_first = !options.screenshot_path && !options.background && app.host.display();
        start_node(app, options.keys, window_first);
    }
    app.prompts.show(parse_prompt(options.prompt));
    if (RepairForms::is_form_name(options.form) && ctx.snapshot) {
        app.shell.repair_forms().open_named(options.form, *ctx.snapshot);
    }
    if (options.moment == "milestone" && ctx.snapshot && ctx.snapshot->milestones && !ctx.snapshot->milestones->empty()) {
        node::Notice n = node::milestone_notice(ctx.snapshot->milestones->back(), *ctx.snapshot);
        app.shell.moment().hold(std::move(n.title), std::move(n.body));
    }

    int exit_code = 0;
    if (options.screenshot_path || (!app.node && !app.gate.active() && !app.opener.opening())) {
        exit_code = std::max(0, run_window(app));  // without a Node there is nothing to keep running
    } else {
        bool show = !options.background;
        if (show && !app.host.display()) {
            std::fprintf(stderr, "candor: no display for a window (DISPLAY is not set); running in the background. "
                                 "Stop it with 'candor quit'.\n");
            show = false;
        }
        if (!show && !app.node) {
            std::fprintf(stderr, "candor: no window to ask for the passphrase on; use 'candor --background --passphrase-stdin'\n");
            exit_code = 2;
        }
        while ((app.node || show) && (show || app.host.wait_for_show())) {
            show = false;
            const int code = run_window(app);
            take_opened_node(app, true);  // closed while opening: the Node still comes up and runs
            if (app.host.quitting() || !app.node) break;  // closed before the gate was passed: nothing runs
            if (code > 0) std::fprintf(stderr, "candor: the window could not open; Candor keeps running in the background\n");
        }
    }

    take_opened_node(app, true);
    // Let a Kept / Missed sent as the last window closed land before the Node stops.
    for (int i = 0; i < 400 && app.actions->in_flight() > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    if (app.node) app.node->set_on_change({});
    app.node.reset();  // answers or cancels what is still queued before the UI goes away
    app.actions->run_replies();
    pthread_kill(signal_thread.native_handle(), SIGUSR1);
    signal_thread.join();
    return exit_code;
}

}  // namespace candor::ui
