#pragma once
// A disc drawn from a picture of one, as a single textured quad; and rounded boxes made with it.
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

// ImDrawList::AddRectFilled with rounded corners, as fourteen triangles: three rectangles and a
// quarter disc in each corner. ImGui fills a rounded rectangle as a fan of long thin triangles
// across the whole box, and the software renderer pays for each in each tile it crosses.
void AddRoundedRectFilled(ImDrawList* draw, ImVec2 a, ImVec2 b, float rounding, ImU32 color);

// A rounded box filled with `fill` inside a frame `thickness` pixels wide, each pixel painted once:
// the renderer's cost is the pixels it paints, and an outline stroked over the fill (or the fill
// laid over a box in the frame's colour) paints the box twice.
void AddFramedRoundedRect(ImDrawList* draw, ImVec2 a, ImVec2 b, float rounding, float thickness, ImU32 fill,
                          ImU32 frame);

}  // namespace kafkasim::viz
