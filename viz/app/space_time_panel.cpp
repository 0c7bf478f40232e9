// The space-time (Lamport) diagram: a lane per node, time running left to right around the
// cursor, each message an arrow from sender to receiver. The selected event's cause chain is
// drawn thick. Scroll to zoom; click an arrow to select its send.

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <imgui.h>

#include "viz/app/disc_sprite.h"
#include "viz/app/imgui_util.h"
#include "viz/app/panels.h"
#include "viz/model/space_time.h"

namespace kafkasim::viz {
namespace {

// As many arrows as the plot has ink for, the nearest the cursor first: their lengths add up to at
// most a quarter of the plot's area in pixels (wedges three pixels wide at most then cover about a
// third of it). Denser, a diagram is a blot, not a picture of who talked to whom; and the software
// renderer pays for every block of pixels an arrow crosses, so the ink is its cost too. The five
// brokers' overview has ink for some 250 of the 600 arrows read, the space-time view for some 300.
constexpr float kPixelsPerInk = 4;
constexpr size_t kMaxArrows = 600, kMinArrowsDrawn = 20;

}  // namespace

void DrawSpaceTimePanel(History& history, UiState& ui, const FrameData& frame, Rect area) {
  BeginPanel("Space-time diagram", area, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  const Palette& pal = ui.palette();
  const float s = ui.scale;
  ImGui::TextDisabled("window %s (scroll to zoom) - arrows are messages, letters are crashes (X), restarts (R), elections (E)",
                      FormatDuration(ui.space_time_window).c_str());
  std::vector<std::string> lanes;
  for (const NodeGroupView& g : frame.cluster.groups) {
    for (const NodeView& n : g.nodes) lanes.push_back(n.name);
  }
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  // The plot leaves a line under it for the count of messages it has no room for.
  const ImVec2 avail(ImGui::GetContentRegionAvail().x,
                     ImGui::GetContentRegionAvail().y - ImGui::GetTextLineHeightWithSpacing());
  if (lanes.empty() || avail.y < 20) {
    ImGui::End();
    return;
  }
  const float name_w = 130 * s;
  const float plot_x = origin.x + name_w, plot_w = avail.x - name_w - 8 * s;
  const Time from = frame.cursor.time - Duration::Micros(ui.space_time_window.micros() * 7 / 10);
  const Time to = frame.cursor.time + Duration::Micros(ui.space_time_window.micros() * 3 / 10);
  const SpaceTime st = BuildSpaceTime(history.timeline(), ui.messages, lanes, std::max(from, Time::Zero()), to,
                                      ui.packets, kMaxArrows, frame.cursor.time);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float lane_h = std::min(40 * s, avail.y / lanes.size());
  auto lane_y = [&](int lane) { return origin.y + lane_h * (lane + 0.5f); };
  auto x_of = [&](Time t) {
    return plot_x + static_cast<float>(static_cast<double>((t - from).micros()) /
                                       static_cast<double>((to - from).micros())) * plot_w;
  };
  draw->PushClipRect(origin, ImVec2(origin.x + avail.x, origin.y + avail.y), true);
  // Lanes thinner than a line of text name every few lanes only (a hundred brokers), and only the
  // named ones get a line: a line every few pixels is grey paint, not a guide, and each costs the
  // software renderer every block of pixels it crosses.
  const size_t named_every = static_cast<size_t>(std::ceil(ImGui::GetFontSize() / lane_h));
  for (size_t i = 0; i < lanes.size(); ++i) {
    const float y = lane_y(static_cast<int>(i));
    const NodeView* n = frame.cluster.Find(lanes[i]);
    const bool down = n != nullptr && n->state != NodeState::kRunning;
    if (i % named_every == 0 || down) {
      draw->AddText(ImVec2(origin.x + 4 * s, y - ImGui::GetFontSize() / 2), Col(down ? pal.split : pal.text),
                    lanes[i].c_str());
    }
    if (i % named_every == 0) draw->AddLine(ImVec2(plot_x, y), ImVec2(plot_x + plot_w, y), Col(pal.frame), 1);
  }

  std::set<TraceSeq> chain;
  if (ui.selected != 0) {
    for (const EventView& e : WhyChain(history.timeline(), ui.selected)) chain.insert(e.seq);
  }
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  const Arrow* hovered = nullptr;
  struct Segment {
    ImVec2 p0, p1;
  };
  std::vector<Segment> segments;
  segments.reserve(st.arrows.size());
  const float ink_budget = plot_w * avail.y / (kPixelsPerInk * s);
  float ink = 0;
  size_t within = 0;  // the nearest arrows, those the ink budget covers
  for (const Arrow& a : st.arrows) {
    const Segment& g = segments.emplace_back(
        Segment{ImVec2(x_of(a.sent), lane_y(a.from_lane)), ImVec2(x_of(a.arrives), lane_y(a.to_lane))});
    ink += std::hypot(g.p1.x - g.p0.x, g.p1.y - g.p0.y);
    if (ink <= ink_budget || within < kMinArrowsDrawn) ++within;
  }
  const size_t not_drawn = st.clipped + (st.arrows.size() - within);
  // A crowd of arrows (near or past what the plot has ink for) is drawn as unsmoothed wedges, a
  // point at the sender widening to three pixels at the receiver: heads and smoothed edges would
  // be more geometry than a frame can draw, and could not be told apart at that density anyway;
  // the widening still says which way a message went. One triangle, not a line's two: Mesa's
  // software renderer pays for each triangle in each tile of the screen it crosses, and arrows
  // are long.
  const bool crowd = not_drawn > 0 || ink > ink_budget * 5 / 6;
  const ImDrawListFlags flags = draw->Flags;
  if (crowd) draw->Flags &= ~(ImDrawListFlags_AntiAliasedLines | ImDrawListFlags_AntiAliasedFill);
  // A message sent before the window opens starts left of the plot: it must not cross the lane names.
  draw->PushClipRect(ImVec2(plot_x, origin.y), ImVec2(plot_x + plot_w, origin.y + avail.y), true);
  const bool mouse_in_plot = mouse.x >= plot_x && mouse.x <= plot_x + plot_w;
  for (size_t i = 0; i < st.arrows.size(); ++i) {
    const Arrow& a = st.arrows[i];
    const bool in_chain = chain.count(a.send_seq) > 0;
    if (i >= within && !in_chain) continue;  // a "why" chain's arrows are drawn however far
    const ImVec2 p0 = segments[i].p0, p1 = segments[i].p1;
    const Rgb color = StyleOf(a.category).color;
    const float dx = p1.x - p0.x, dy = p1.y - p0.y, len = std::max(1.0f, std::hypot(dx, dy));
    const float ux = dx / len, uy = dy / len, k = 7 * s;
    if (crowd && !in_chain) {
      AddWedge(draw, p0, p1, 1.5f * s, Col(color), Col(color));
    } else {
      draw->AddLine(p0, p1, Col(in_chain ? pal.highlight : color), in_chain ? 4 * s : 1.5f * s);
    }
    // The arrowhead, or a cross where a lost message died.
    if (a.dropped) {
      draw->AddLine(ImVec2(p1.x - k, p1.y - k), ImVec2(p1.x + k, p1.y + k), Col(pal.split), 2.5f * s);
      draw->AddLine(ImVec2(p1.x - k, p1.y + k), ImVec2(p1.x + k, p1.y - k), Col(pal.split), 2.5f * s);
    } else if (!crowd || in_chain) {
      draw->AddTriangleFilled(p1, ImVec2(p1.x - ux * k - uy * k / 2, p1.y - uy * k + ux * k / 2),
                              ImVec2(p1.x - ux * k + uy * k / 2, p1.y - uy * k - ux * k / 2),
                              Col(in_chain ? pal.highlight : color));
    }
    // Distance from the mouse to the segment, for hovering.
    const float t = std::clamp(((mouse.x - p0.x) * dx + (mouse.y - p0.y) * dy) / (len * len), 0.0f, 1.0f);
    if (mouse_in_plot && std::hypot(mouse.x - (p0.x + t * dx), mouse.y - (p0.y + t * dy)) < 4 * s) hovered = &a;
  }
  draw->PopClipRect();
  draw->Flags = flags;
  size_t dots_drawn = 0;
  for (const LaneMark& m : st.marks) {
    const ImVec2 c(x_of(m.time), lane_y(m.lane));
    const Rgb color = m.glyph == 'X' ? pal.split : m.glyph == 'E' ? pal.leader : pal.text_dim;
    if (m.glyph == '*') {  // a lesser state change: a dot, the log tells which
      // As many as the arrows drawn, the nearest first (as the model lists them).
      if (dots_drawn++ < within) AddDisc(draw, c, 3.5f * s, Col(color));
      continue;
    }
    AddDisc(draw, c, 9 * s, Col(color));
    const char text[2] = {m.glyph, 0};
    const ImVec2 size = ImGui::CalcTextSize(text);
    draw->AddText(ImVec2(c.x - size.x / 2, c.y - size.y / 2), Col(pal.background), text);
  }
  const float cx = x_of(frame.cursor.time);
  draw->AddLine(ImVec2(cx, origin.y), ImVec2(cx, origin.y + avail.y), Col(pal.cursor, 0.8f), 2 * s);
  draw->PopClipRect();

  ImGui::InvisibleButton("plot", ImVec2(std::max(1.0f, avail.x), std::max(1.0f, avail.y)));
  if (ImGui::IsItemHovered()) {
    const float wheel = ImGui::GetIO().MouseWheel;
    if (wheel != 0) {
      const int64_t w = ui.space_time_window.micros();
      ui.space_time_window = Duration::Micros(std::clamp<int64_t>(
          static_cast<int64_t>(static_cast<double>(w) * (wheel > 0 ? 0.8 : 1.25)), 100, 600'000'000));
    }
    if (hovered != nullptr) {
      const MessageInfo& m = ui.messages.Get(history.timeline(), hovered->send_index);
      ImGui::SetTooltip("%s\n%s -> %s, sent %s, arrives %s%s", m.label.c_str(), lanes[hovered->from_lane].c_str(),
                        lanes[hovered->to_lane].c_str(), FormatTime(hovered->sent).c_str(),
                        FormatTime(hovered->arrives).c_str(), hovered->dropped ? " (lost)" : "");
      if (ImGui::IsItemClicked()) {
        ui.selected = hovered->send_seq;
        ui.details_tab_request = 2;
      }
    }
  }
  if (not_drawn > 0) ImGui::TextDisabled("%zu more messages not drawn: zoom in", not_drawn);
  ImGui::End();
}

}  // namespace kafkasim::viz
