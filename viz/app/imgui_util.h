#pragma once
// Small bridges between the model's types and ImGui's.

#include <algorithm>
#include <cmath>
#include <string_view>

#include <imgui.h>

#include "viz/model/layout.h"
#include "viz/model/packets.h"

namespace kafkasim::viz {

inline ImU32 Col(Rgb c, float alpha = 1) {
  return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255));
}
inline ImVec2 V(Vec2 v) { return ImVec2(v.x, v.y); }
inline Vec2 M(ImVec2 v) { return Vec2{v.x, v.y}; }

// One triangle, from a point at `tip` to `half_width` either side of `base`: an arrow, or a comet
// when the tip's colour fades, that costs Mesa's software renderer a single (unsmoothed) triangle.
inline void AddWedge(ImDrawList* draw, ImVec2 tip, ImVec2 base, float half_width, ImU32 tip_color, ImU32 base_color) {
  const float dx = base.x - tip.x, dy = base.y - tip.y, len = std::max(1.0f, std::hypot(dx, dy));
  const ImVec2 side(-dy / len * half_width, dx / len * half_width);
  const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
  draw->PrimReserve(3, 3);
  const auto first = static_cast<ImDrawIdx>(draw->_VtxCurrentIdx);
  for (ImDrawIdx i = 0; i < 3; ++i) draw->PrimWriteIdx(static_cast<ImDrawIdx>(first + i));
  draw->PrimWriteVtx(tip, uv, tip_color);
  draw->PrimWriteVtx(ImVec2(base.x + side.x, base.y + side.y), uv, base_color);
  draw->PrimWriteVtx(ImVec2(base.x - side.x, base.y - side.y), uv, base_color);
}

// Diagonal stripes across the box [a, b], each line cut at the box's edges here rather than by a
// clip rect: a clip rect is a draw call of its own, and the software renderer pays more for a draw
// call than for the lines.
inline void AddHatch(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 color, float spacing, float thickness) {
  const float w = b.x - a.x, h = b.y - a.y;
  for (float d = -h; d < w; d += spacing) {
    // The line runs up and right from (a.x + d, b.y) at 45 degrees; t is the distance along x.
    const float t0 = std::max(0.0f, -d), t1 = std::min(h, w - d);
    if (t0 < t1) draw->AddLine(ImVec2(a.x + d + t0, b.y - t0), ImVec2(a.x + d + t1, b.y - t1), color, thickness);
  }
}

// Text inside a box (a node, a record cell), cut at the box's edges as it is laid out. A clip
// rect per box would be two draw calls per box, and each call costs Mesa's software renderer more
// than the text in the box.
struct BoxText {
  ImDrawList* draw;
  ImVec4 box;  // left, top, right, bottom
  void operator()(ImVec2 at, ImU32 color, std::string_view text) const {
    draw->AddText(nullptr, 0, at, color, text.data(), text.data() + text.size(), 0, &box);
  }
};

// Places the next window exactly on `area`, without title-bar moves or resizes: the app lays
// its panels out itself so the picture is the same on every machine. The panels tile the window,
// so they draw no background: the frame's clear paints it (app.cpp). A blended quad the size of
// the window per panel cost Mesa's software renderer more than everything else a frame draws.
inline bool BeginPanel(const char* name, Rect area, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(ImVec2(area.x, area.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(area.w, area.h), ImGuiCond_Always);
  const bool open = ImGui::Begin(name, nullptr,
                                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground | extra);
  // Without its background a window draws no border either; the panels keep theirs, as four
  // whole-pixel rectangles: a stroked outline is a smoothed strip along each edge, and the
  // software renderer pays for every block of pixels such a strip crosses.
  const ImGuiStyle& style = ImGui::GetStyle();
  if (style.WindowBorderSize > 0) {
    const ImVec2 a = ImGui::GetWindowPos();
    const ImVec2 size = ImGui::GetWindowSize();
    const ImVec2 b(a.x + size.x, a.y + size.y);
    const float t = std::max(1.0f, std::floor(style.WindowBorderSize));
    const ImU32 color = ImGui::GetColorU32(ImGuiCol_Border);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(a, b);  // the window's own clip rect stops inside its border
    draw->AddRectFilled(a, ImVec2(b.x, a.y + t), color);
    draw->AddRectFilled(ImVec2(a.x, b.y - t), b, color);
    draw->AddRectFilled(ImVec2(a.x, a.y + t), ImVec2(a.x + t, b.y - t), color);
    draw->AddRectFilled(ImVec2(b.x - t, a.y + t), ImVec2(b.x, b.y - t), color);
    draw->PopClipRect();
  }
  return open;
}

}  // namespace kafkasim::viz
