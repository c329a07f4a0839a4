// Key codes for ImGui 1.86's io.KeysDown[], which the GLFW backend indexes by GLFW key code.
// Kept here (not <GLFW/glfw3.h>) so views and headless UI tests need no window library.
#pragma once

namespace candor::ui::keys {

inline constexpr int digit_1 = 49;  // GLFW_KEY_1; digits 1..9 are consecutive
inline constexpr int c = 67;        // GLFW_KEY_C
inline constexpr int l = 76;        // GLFW_KEY_L
inline constexpr int q = 81;        // GLFW_KEY_Q
inline constexpr int r = 82;        // GLFW_KEY_R
inline constexpr int u = 85;        // GLFW_KEY_U
inline constexpr int escape = 256;  // GLFW_KEY_ESCAPE
inline constexpr int tab = 258;     // GLFW_KEY_TAB
inline constexpr int enter = 257;   // GLFW_KEY_ENTER
inline constexpr int keypad_enter = 335;

}  // namespace candor::ui::keys
