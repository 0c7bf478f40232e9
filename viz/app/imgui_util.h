#pragma once
// Small bridges between the model's types and ImGui's.

#include <imgui.h>

#include "viz/model/layout.h"
#include "viz/model/packets.h"

namespace kafkasim::viz {

inline ImU32 Col(Rgb c, float alpha = 1) {
  return IM_COL32(c.r, c.g, c.b, static_cast<int>(alpha * 255));
}
inline ImVec2 V(Vec2 v) { return ImVec2(v.x, v.y); }
inline Vec2 M(ImVec2 v) { return Vec2{v.x, v.y}; }

// Places the next window exactly on `area`, without title-bar moves or resizes: the app lays
// its panels out itself so the picture is the same on every machine.
inline bool BeginPanel(const char* name, Rect area, ImGuiWindowFlags extra = 0) {
  ImGui::SetNextWindowPos(ImVec2(area.x, area.y), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(area.w, area.h), ImGuiCond_Always);
  return ImGui::Begin(name, nullptr,
                      ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
                          ImGuiWindowFlags_NoSavedSettings | extra);
}

}  // namespace kafkasim::viz
