// Input reaches ImGui the way the GLFW backend would deliver it (io.KeysDown indexed by GLFW key
// codes, io.MousePos/MouseDown, io.AddInputCharacter), so the views cannot tell the difference.
#include "ui_harness.hpp"

#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "node/control_protocol.hpp"
#include "ui/frame.hpp"
#include "ui/keys.hpp"
#include "ui/widgets.hpp"

namespace candor::ui::test {
namespace {

// GLFW key codes the harness maps into io.KeyMap, as imgui_impl_glfw does.
constexpr int kTab = 258, kLeft = 263, kRight = 262, kUp = 265, kDown = 264, kPageUp = 266, kPageDown = 267,
              kHome = 268, kEnd = 269, kInsert = 260, kDelete = 261, kBackspace = 259, kSpace = 32;

void map_keys(ImGuiIO& io) {
    io.KeyMap[ImGuiKey_Tab] = kTab;
    io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
    io.KeyMap[ImGuiKey_RightArrow] = kRight;
    io.KeyMap[ImGuiKey_UpArrow] = kUp;
    io.KeyMap[ImGuiKey_DownArrow] = kDown;
    io.KeyMap[ImGuiKey_PageUp] = kPageUp;
    io.KeyMap[ImGuiKey_PageDown] = kPageDown;
    io.KeyMap[ImGuiKey_Home] = kHome;
    io.KeyMap[ImGuiKey_End] = kEnd;
    io.KeyMap[ImGuiKey_Insert] = kInsert;
    io.KeyMap[ImGuiKey_Delete] = kDelete;
    io.KeyMap[ImGuiKey_Backspace] = kBackspace;
    io.KeyMap[ImGuiKey_Space] = kSpace;
    io.KeyMap[ImGuiKey_Enter] = keys::enter;
    io.KeyMap[ImGuiKey_Escape] = keys::escape;
    io.KeyMap[ImGuiKey_KeyPadEnter] = keys::keypad_enter;
    io.KeyMap[ImGuiKey_A] = 65;
    io.KeyMap[ImGuiKey_C] = keys::c;
    io.KeyMap[ImGuiKey_V] = 86;
    io.KeyMap[ImGuiKey_X] = 88;
    io.KeyMap[ImGuiKey_Y] = 89;
    io.KeyMap[ImGuiKey_Z] = 90;
}

}  // namespace

TempDir::TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("candor-ui-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

json::Value ok_result(const json::Value& response) {
    INFO("response: " << json::write(response));
    REQUIRE(response.get_bool("ok").value_or(false));
    const json::Object* obj = response.if_object();
    REQUIRE(obj != nullptr);
    const json::Value* result = obj->find("result");
    REQUIRE(result != nullptr);
    return *result;
}

UiHarness::UiHarness(std::string name) {
    node::NodeOptions options;
    options.data_dir = dir_.path();
    options.name = std::move(name);
    options.port = 0;
    options.bind_address = "127.0.0.1";
    options.discovery = false;
    options.control_socket = false;
    auto started = node::Node::start(options);
    REQUIRE_MESSAGE(started.ok(), (started.ok() ? std::string() : started.message()));
    node_ = std::move(*started);
    actions_ = std::make_unique<Actions>(node_.get(), std::function<void()>{});

    imgui_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    map_keys(io);
    fonts_ = load_fonts(1.0f);
    unsigned char* pixels = nullptr;
    int width = 0, height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);  // builds the atlas; no texture upload
    apply_style(ThemeKind::light, 1.0f);
    probe::enable(true);

    ctx.look = Look{&palette(ThemeKind::light), &fonts_, 1.0f};
    ctx.actions = actions_.get();
    frames(2);
}

UiHarness::~UiHarness() {
    probe::enable(false);
    probe::clear();
    node_->stop();  // answers what is still queued before the UI it replies to goes away
    actions_->run_replies();
    ImGui::DestroyContext(imgui_);
}

void UiHarness::frame() {
    (void)frame_with([this] { shell.draw(ctx); });
}
std::uint64_t UiHarness::frame_with(const std::function<void()>& draw) {
    probe::clear();
    ctx.now_ms = node::system_now_ms() + clock_offset_ms;
    actions_->run_replies();
    ctx.snapshot = node_->snapshot();
    ctx.redraw_in_ms = -1;
    return run_frame(ctx, draw);
}

void UiHarness::frames(int n) {
    for (int i = 0; i < n; ++i) frame();
}

void UiHarness::settle() {
    for (int i = 0; i < 500; ++i) {
        frame();
        if (actions_->in_flight() == 0) {
            barrier();
            frames(2);  // the reply has run; let the views draw the new snapshot
            return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    FAIL("the Node did not answer the UI's requests within a second");
}

bool UiHarness::visible(std::string_view label) const {
    for (const probe::ItemRect& item : probe::items()) {
        if (item.label == label) return true;
    }
    return false;
}

bool UiHarness::click(std::string_view label, int nth) {
    const probe::ItemRect* target = nullptr;
    for (const probe::ItemRect& item : probe::items()) {
        if (item.label == label && nth-- == 0) {
            target = &item;
            break;
        }
    }
    if (!target) return false;
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2((target->min.x + target->max.x) * 0.5f, (target->min.y + target->max.y) * 0.5f);
    frame();  // hover
    io.MouseDown[0] = true;
    frame();  // press
    io.MouseDown[0] = false;
    frame();  // release: the click lands here
    frame();  // what the click changed is drawn (and probed)
    return true;
}

bool UiHarness::scroll_to(std::string_view label) {
    for (int i = 0; i < 200; ++i) {
        const auto& items = probe::items();
        const auto it = std::find_if(items.begin(), items.end(), [&](const probe::ItemRect& r) { return r.label == label; });
        if (it == items.end()) return false;
        const bool above = it->min.y < it->clip_min.y, below = it->max.y > it->clip_max.y;
        if (!above && !below) return true;
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2((it->clip_min.x + it->clip_max.x) * 0.5f, (it->clip_min.y + it->clip_max.y) * 0.5f);
        io.MouseWheel = above ? 1.0f : -1.0f;
        frame();
    }
    return false;
}

void UiHarness::type(std::string_view text) {
    ImGuiIO& io = ImGui::GetIO();
    for (unsigned char c : text) io.AddInputCharacter(c);
    frame();
}

void UiHarness::select_all() { press(65, true); }

void UiHarness::press(int key, bool ctrl) {
    ImGuiIO& io = ImGui::GetIO();
    io.KeyCtrl = ctrl;
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    frame();
    io.KeyCtrl = false;
}

void UiHarness::resize(float width, float height) {
    ImGui::GetIO().DisplaySize = ImVec2(width, height);
    frames(3);  // auto-sized windows settle over a few frames
}

void UiHarness::set_theme(ThemeKind theme) {
    apply_style(theme, 1.0f);
    ctx.prefs.theme = theme;
    ctx.look.palette = &palette(theme);
    frames(3);
}

std::vector<std::string> UiHarness::clipped() const {
    std::vector<std::string> problems;
    constexpr float slack = 1.0f;
    for (const probe::ItemRect& item : probe::items()) {
        if (item.max.x > item.clip_max.x + slack || item.min.x < item.clip_min.x - slack) {
            problems.push_back("'" + item.label + "' is cut at the window's edge");
        }
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    for (ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
        if (!w->Active || w->Hidden) continue;
        const std::string name = w->Name;
        if (!w->ScrollbarX && w->DC.CursorMaxPos.x > w->InnerClipRect.Max.x + slack) {
            problems.push_back(name + ": content " + std::to_string(w->DC.CursorMaxPos.x - w->InnerClipRect.Max.x) +
                               " px wider than the window");
        }
        if (!w->ScrollbarY && w->DC.CursorMaxPos.y > w->InnerClipRect.Max.y + slack) {
            problems.push_back(name + ": content taller than the window, with no scrollbar");
        }
        if (w->Pos.x < -slack || w->Pos.y < -slack || w->Pos.x + w->Size.x > display.x + slack ||
            w->Pos.y + w->Size.y > display.y + slack) {
            problems.push_back(name + ": sticks out of the app's window");
        }
    }
    return problems;
}

json::Value UiHarness::call(std::string_view cmd, json::Object args) {
    json::Value response = node_->call(node::control::make_request(cmd, std::move(args)));
    barrier();
    return response;
}

void UiHarness::barrier() {
    // The Node replies before it publishes the batch's snapshot; the next request's reply comes
    // after that publish, since the Node thread handles batches one after another.
    (void)node_->call(node::control::make_request(node::control::cmd::kStatus));
}

json::Value call(node::Node& node, std::string_view cmd, json::Object args) {
    return node.call(node::control::make_request(cmd, std::move(args)));
}

Partner::Partner(UiHarness& h) {
    node::NodeOptions options;
    options.data_dir = dir.path();
    options.name = "Sam";
    options.port = 0;
    options.bind_address = "127.0.0.1";
    options.discovery = false;
    options.control_socket = false;
    auto started = node::Node::start(options);
    REQUIRE_MESSAGE(started.ok(), (started.ok() ? std::string() : started.message()));
    node = std::move(*started);
    const std::string code = ok_result(call(*node, "pair.invite")).get_string("code").value_or("");
    const std::string peer = "127.0.0.1:" + std::to_string(node->snapshot()->port);
    ok_result(h.call("pair.join", json::Object{{"code", code}, {"peer", peer}, {"timeout", 20}}));
}

Partner::~Partner() { node->stop(); }

std::vector<std::string> change_labels() {
    std::vector<std::string> out;
    for (const auto& item : probe::items())
        for (const char* word : {"Added: ", "Removed: ", "Reworded: "})
            if (item.label.rfind(word, 0) == 0) out.push_back(item.label);
    return out;
}

}  // namespace candor::ui::test
