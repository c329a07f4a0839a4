// A headless test harness for the app's views: an ImGui context with no backend (no window, no
// GPU), the real Shell, and a real in-process Node on a temporary data directory. Tests click
// labelled items (their rectangles come from ui::probe), type text and press keys.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "node/json.hpp"
#include "node/node.hpp"
#include "ui/actions.hpp"
#include "ui/shell.hpp"
#include "ui/style.hpp"
#include "ui/view_context.hpp"

namespace candor::ui::test {

// A fresh data directory under the system temp folder, removed on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

class UiHarness {
public:
    explicit UiHarness(std::string name = "Alex");
    ~UiHarness();
    UiHarness(const UiHarness&) = delete;
    UiHarness& operator=(const UiHarness&) = delete;

    // One frame, as the app draws it: replies, snapshot, the Shell, Render.
    void frame();
    void frames(int n);
    // One frame that draws `draw` instead of the Shell (through the app's own frame guard),
    // returning the frame's draw_signature.
    std::uint64_t frame_with(const std::function<void()>& draw);
    // Frames until every request sent from the UI has been answered and its reply has run.
    void settle();

    // Clicks the `nth` item recorded under `label` in the last frame (press and release over its
    // centre, three frames). False, with nothing clicked, when no such item was drawn.
    bool click(std::string_view label, int nth = 0);
    [[nodiscard]] bool visible(std::string_view label) const;
    // Turns the mouse wheel over the window until the item under `label` is wholly inside its
    // window (a long form's lower parts). False when it was not drawn or never came into view.
    bool scroll_to(std::string_view label);
    // Types into whatever has keyboard focus.
    void type(std::string_view text);
    // Ctrl+A in the focused text field: what is typed next replaces it.
    void select_all();
    // Presses and releases a key (keys.hpp codes), with Ctrl held when asked.
    void press(int key, bool ctrl = false);

    // The window's size and theme, as the app would be resized or switched in Settings.
    void resize(float width, float height);
    void set_theme(ThemeKind theme);
    // What the last frame drew cut off: items past the right edge of their window, and windows
    // whose content is wider than they are (or taller, without a scrollbar), or that stick out of
    // the app's window. One line per problem, empty when everything fits.
    [[nodiscard]] std::vector<std::string> clipped() const;

    // Sends a control request straight to the Node and waits for the answer.
    json::Value call(std::string_view cmd, json::Object args = {});
    [[nodiscard]] std::shared_ptr<const node::Snapshot> snapshot() const { return node_->snapshot(); }
    [[nodiscard]] node::Node& node() { return *node_; }

    ViewContext ctx;
    Shell shell;
    // Added to the wall clock the views see (undo windows and countdowns without waiting).
    std::int64_t clock_offset_ms = 0;

private:
    // Returns once every snapshot from requests already answered has been published.
    void barrier();

    TempDir dir_;
    std::unique_ptr<node::Node> node_;
    std::unique_ptr<Actions> actions_;
    ImGuiContext* imgui_ = nullptr;
    Fonts fonts_;
};

// The result of a control response, failing the test when it is an error (often used only to
// assert success, hence no [[nodiscard]]).
json::Value ok_result(const json::Value& response);

// A control request sent straight to a Node (blocking; tests only).
json::Value call(node::Node& node, std::string_view cmd, json::Object args = {});

// A second device ("Sam") on loopback, paired with the harness's Node through pair.invite/join.
struct Partner {
    TempDir dir;
    std::unique_ptr<node::Node> node;
    explicit Partner(UiHarness& h);
    ~Partner();
    Partner(const Partner&) = delete;
    Partner& operator=(const Partner&) = delete;
};

// Runs frames until `done()` holds (sync is asynchronous), for at most ~10 s.
template <typename Fn>
bool frames_until(UiHarness& h, Fn done) {
    for (int i = 0; i < 2000; ++i) {
        h.frame();
        if (done()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
}

// The agreement review's change rows the last frame drew ("Added: …", "Removed: …",
// "Reworded: before → after"), in screen order.
[[nodiscard]] std::vector<std::string> change_labels();

}  // namespace candor::ui::test
