#pragma once
// A disc drawn from a picture of one, as a single textured quad.
//
// An ImGui circle is a fan of triangles with a fringe of smoothing triangles around it, and an
// outline is a strip around that: some hundred triangles a packet. Mesa's software renderer
// pays for each triangle, and five brokers' few hundred packets cost it more than all the text
// of a frame. The disc is painted once, smoothed, into the font atlas (so it shares the text's
// texture and draw calls), and each disc is then two triangles.

#include <imgui.h>

namespace kafkasim::viz {

// Reserves the disc's place in the atlas: call before the atlas is built. `scale` is the UI
// scale, so that the picture is about the size it is drawn at.
void ReserveDiscInAtlas(ImFontAtlas& atlas, float scale);
// Paints the disc into the built atlas's RGBA pixels: call before they are uploaded.
void PaintDiscInAtlas(ImFontAtlas& atlas);

// A smooth disc of `radius` pixels; a packet draws a disc in the background's colour under its
// own, for the ring that parts it from its neighbours.
void AddDisc(ImDrawList* draw, ImVec2 center, float radius, ImU32 color);

}  // namespace kafkasim::viz
