// The app's frame guard and pacing (ui/frame): a view that throws between Begin and End leaves
// the app running with the error shown, and a window woken by a partner's entry draws until the
// picture is stable, so the toast is whole when the loop goes idle.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <chrono>
#include <stdexcept>
#include <thread>

#include "ui/frame.hpp"
#include "ui_harness.hpp"

using namespace candor;
using candor::ui::FramePacer;
using candor::ui::test::call;
using candor::ui::test::ok_result;
using candor::ui::test::Partner;
using candor::ui::test::UiHarness;

namespace {

// Draws frames the way the app's loop does after a wake-up: until the pacer says the picture is
// stable. Returns the frames drawn and the last frame's signature.
std::pair<int, std::uint64_t> draw_until_idle(UiHarness& h, FramePacer& pacer) {
    pacer.wake();
    int frames = 0;
    for (;;) {
        const std::uint64_t signature = h.frame_with([&] { h.shell.draw(h.ctx); });
        ++frames;
        REQUIRE(frames <= FramePacer::kMaxSettleFrames + FramePacer::kMinFrames + 1);
        if (!pacer.after_frame(signature)) return {frames, signature};
    }
}

}  // namespace

TEST_CASE("frame: a view that throws between Begin and End is recovered, counted and shown") {
    UiHarness h;
    for (int i = 1; i <= 2; ++i) {
        h.frame_with([&] {
            h.shell.draw(h.ctx);
            ImGui::Begin("a broken view");
            ImGui::BeginChild("its child");
            ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.5f);
            ImGui::PushID("row");
            ImGui::BeginGroup();
            throw std::runtime_error("the view broke");
        });
        CHECK(h.ctx.failed_frames == i);
    }
    CHECK(h.ctx.frame_error == "the view broke");
    h.frames(2);  // the next frames draw normally, with the error on screen
    CHECK(h.visible("Dismiss"));
    CHECK(h.visible("Quit Candor"));  // the rest of the app is still there
    REQUIRE(h.click("Dismiss"));
    CHECK(h.ctx.frame_error.empty());
    CHECK_FALSE(h.visible("Dismiss"));
    CHECK(h.ctx.failed_frames == 2);
    // The stacks were unwound: the frame after has no window left open and no style left pushed.
    CHECK(ImGui::GetCurrentContext()->StyleVarStack.Size == 0);
    CHECK(ImGui::GetCurrentContext()->CurrentWindowStack.Size == 0);
}

TEST_CASE("frame: a partner's entry wakes an idle window; after the loop goes idle its toast is whole") {
    UiHarness h;
    Partner sam(h);
    FramePacer pacer;
    draw_until_idle(h, pacer);  // the window at rest
    const std::size_t before = h.snapshot()->state->entries().size();

    // While the window sleeps (no frames), Sam's update arrives through sync.
    ok_result(call(*sam.node, "update", json::Object{{"text", "At the gym, back by seven"}}));
    for (int i = 0; i < 1000 && h.snapshot()->state->entries().size() == before; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(h.snapshot()->state->entries().size() == before + 1);

    const auto [frames, signature] = draw_until_idle(h, pacer);  // the Node's wake-up
    CHECK(frames >= FramePacer::kMinFrames);
    REQUIRE_FALSE(h.shell.toasts().shown().empty());
    CHECK(h.shell.toasts().shown().back().title == "Sam shared an update");
    const ImGuiWindow* toast = ImGui::FindWindowByName("##toast0");
    REQUIRE(toast != nullptr);
    CHECK(toast->Active);
    CHECK_FALSE(toast->Hidden);
    // Auto-sized to its final content: the title and the body both fit inside.
    CHECK(toast->ContentSize.y > 0.0f);
    CHECK(toast->Size.y >= toast->ContentSize.y + toast->WindowPadding.y * 2.0f - 0.5f);
    CHECK(toast->Pos.y + toast->Size.y <= ImGui::GetIO().DisplaySize.y);
    // And the picture is final: one more frame draws exactly the same.
    CHECK(h.frame_with([&] { h.shell.draw(h.ctx); }) == signature);
}

TEST_CASE("frame pacer: draws at least a few frames after a wake-up, then until two frames match") {
    FramePacer pacer;
    pacer.wake();
    CHECK(pacer.after_frame(1));
    CHECK(pacer.after_frame(1));
    CHECK_FALSE(pacer.after_frame(1));  // three frames, the last two the same: idle
    pacer.wake();
    CHECK(pacer.after_frame(1));
    CHECK(pacer.after_frame(2));
    CHECK(pacer.after_frame(3));  // still changing
    CHECK(pacer.after_frame(3) == false);
    // A picture that never settles is not drawn forever.
    pacer.wake();
    int frames = 0;
    while (pacer.after_frame(static_cast<std::uint64_t>(frames) + 100) && frames < 1000) ++frames;
    CHECK(frames <= FramePacer::kMaxSettleFrames + 1);
}
