#pragma once
// Writes what the window's back buffer holds as a PNG (for --screenshot).

#include <string>

namespace kafkasim::viz {

// Reads `width` x `height` pixels of the framebuffer just rendered. Returns an error message,
// or an empty string on success.
std::string WriteFramebufferPng(const std::string& path, int width, int height);

}  // namespace kafkasim::viz
