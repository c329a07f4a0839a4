// One frame of the app in the current ImGui context, shared by the window and the headless UI
// harness: the views draw inside a guard that survives a view that throws half-way (ImGui's
// stacks are unwound, the frame is counted and the error shown in the app), and the pacing
// that keeps drawing until the picture is stable before the window goes back to sleep.
#pragma once

#include <cstdint>
#include <functional>

#include "ui/view_context.hpp"

struct ImDrawData;

namespace candor::ui {

// NewFrame, `draw`, the error banner, Render. The platform backend's NewFrame comes before.
// Returns the signature of what was drawn (draw_signature).
std::uint64_t run_frame(ViewContext& ctx, const std::function<void()>& draw);

// A hash of the vertices, indices and clip rectangles of a frame: equal for equal pictures.
[[nodiscard]] std::uint64_t draw_signature(const ImDrawData* data);

// Render until stable: after anything happens (input, a Node change, a timer) the app draws
// frames until two in a row look the same, so auto-sized windows, wrapped text and toasts have
// their final size before the loop sleeps. A picture that never settles (an animation) is
// drawn at most kMaxSettleFrames frames in a row after each wake-up.
class FramePacer {
public:
    static constexpr int kMinFrames = 3;         // ImGui sizes new auto-fit windows over 2 frames
    static constexpr int kMaxSettleFrames = 120;  // two seconds at 60 Hz

    // Something happened: draw again, at least kMinFrames frames.
    void wake() { frames_left_ = kMinFrames; settling_ = 0; }
    // After each frame, with its signature: true when another frame should follow at once.
    bool after_frame(std::uint64_t signature);

private:
    std::uint64_t last_ = 0;
    int frames_left_ = kMinFrames;
    int settling_ = 0;
};

}  // namespace candor::ui
