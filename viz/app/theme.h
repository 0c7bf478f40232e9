#pragma once
// The look: Dear ImGui's dark style or a light high-contrast one for projectors, fonts and
// sizes scaled together (1x to 3x) so the back row can read the canvas.

struct ImFont;

namespace kafkasim::viz {

// The faces LoadFonts loads, in this order: panels use kRegular, the lesson pane all of them.
enum class FontRole { kRegular, kBold, kItalic, kMono, kHeading1, kHeading2, kCount };

void ApplyTheme(bool light, float scale);
// Rebuilds the font atlas at `scale` (DejaVu Sans when installed, with the arrows, stars and
// crosses the canvas uses; ImGui's built-in font otherwise). Call between frames.
void LoadFonts(float scale);
// The font for `role` (the regular one when it was not loaded).
ImFont* UiFont(FontRole role);

}  // namespace kafkasim::viz
