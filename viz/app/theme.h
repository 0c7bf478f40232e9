#pragma once
// The look: Dear ImGui's dark style or a light high-contrast one for projectors, fonts and
// sizes scaled together (1x to 3x) so the back row can read the canvas.

namespace kafkasim::viz {

void ApplyTheme(bool light, float scale);
// Rebuilds the font atlas at `scale` (DejaVu Sans when installed, with the arrows, stars and
// crosses the canvas uses; ImGui's built-in font otherwise). Call between frames.
void LoadFonts(float scale);

}  // namespace kafkasim::viz
