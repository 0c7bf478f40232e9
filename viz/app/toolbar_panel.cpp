// The toolbar: play/pause, step back and forward, run to the next state change, the speed, the
// branch, saving, presentation settings; under it the scrub bar with its markers.

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>
#include <imgui.h>

#include "viz/app/imgui_util.h"
#include "viz/app/panels.h"

namespace kafkasim::viz {
namespace {

void UpdateMarkers(const History& history, UiState& ui) {
  const Timeline& t = history.timeline();
  if (ui.markers_generation != history.generation()) {
    ui.markers.clear();
    ui.truncations.clear();
    ui.markers_scanned = 0;
    ui.markers_generation = history.generation();
  }
  CollectMarkers(t, ui.markers_scanned, t.size(), ui.markers,
                 [&](std::string_view node) { return history.IsTool(node); });
  CollectTruncations(t, ui.markers_scanned, t.size(), ui.truncations);
  ui.markers_scanned = t.size();
}

Rgb MarkerColor(const Marker& m, const Palette& p) {
  switch (m.glyph) {
    case 'X':
    case '!': return p.split;
    case 'E': return p.leader;
    case 'S':
    case 'H': return Rgb{86, 180, 233};
    default: return p.text_dim;
  }
}

void DrawScrubBar(History& history, UiState& ui, const FrameData& frame) {
  const Palette& pal = ui.palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float s = ui.scale;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = 34 * s;
  ImGui::InvisibleButton("scrub", ImVec2(width, height));
  const double horizon = std::max<double>(1, static_cast<double>(history.horizon().micros()));
  auto x_of = [&](Time t) { return origin.x + static_cast<float>(t.micros() / horizon) * width; };
  const float bar_y = origin.y + height - 10 * s;
  draw->AddRectFilled(ImVec2(origin.x, bar_y - 3 * s), ImVec2(origin.x + width, bar_y + 3 * s), Col(pal.frame));
  draw->AddRectFilled(ImVec2(origin.x, bar_y - 3 * s), ImVec2(x_of(frame.cursor.time), bar_y + 3 * s),
                      Col(pal.text_dim));

  // Markers: a letter each, stacked when they fall on the same pixel column.
  const float glyph_w = ImGui::CalcTextSize("X").x + 4 * s;
  float last_x = -1e9f;
  int stack = 0;
  const Marker* hovered = nullptr;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (const Marker& m : ui.markers) {
    const float x = x_of(m.time);
    stack = x - last_x < glyph_w ? stack + 1 : 0;
    if (stack > 1) continue;  // too dense to read: the log has them all
    if (stack == 0) last_x = x;
    const float y = origin.y + stack * (ImGui::GetFontSize() + 1);
    const ImVec2 a(x - glyph_w / 2, y), b(x + glyph_w / 2, y + ImGui::GetFontSize());
    draw->AddRectFilled(a, b, Col(MarkerColor(m, pal), 0.85f), 2);
    const char text[2] = {m.glyph, 0};
    draw->AddText(ImVec2(a.x + 2 * s, a.y), Col(pal.background), text);
    draw->AddLine(ImVec2(x, b.y), ImVec2(x, bar_y), Col(MarkerColor(m, pal), 0.5f));
    if (mouse.x >= a.x && mouse.x <= b.x && mouse.y >= a.y && mouse.y <= b.y) hovered = &m;
  }
  const float cx = x_of(frame.cursor.time);
  draw->AddTriangleFilled(ImVec2(cx - 6 * s, bar_y + 8 * s), ImVec2(cx + 6 * s, bar_y + 8 * s),
                          ImVec2(cx, bar_y - 2 * s), Col(pal.cursor));

  if (hovered != nullptr) {
    ImGui::SetTooltip("%s  %s at %s\nclick to jump there", FormatTime(hovered->time).c_str(), hovered->kind.c_str(),
                      hovered->node.c_str());
    if (ImGui::IsItemClicked()) {
      history.SeekSeq(hovered->seq);
      ui.selected = hovered->seq;
      ui.details_tab_request = 2;
      ui.clock.set_playing(false);
    }
  } else if (ImGui::IsItemActive()) {
    const float f = std::clamp((mouse.x - origin.x) / width, 0.0f, 1.0f);
    history.SeekTime(Time::FromMicros(static_cast<int64_t>(f * horizon)));
  } else if (ImGui::IsItemHovered()) {
    const float f = std::clamp((mouse.x - origin.x) / width, 0.0f, 1.0f);
    ImGui::SetTooltip("%s", FormatTime(Time::FromMicros(static_cast<int64_t>(f * horizon))).c_str());
  }
}

}  // namespace

void DrawToolbarPanel(History& history, UiState& ui, const FrameData& frame, Rect area) {
  BeginPanel("Time", area, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  UpdateMarkers(history, ui);

  if (ImGui::Button("|<")) history.SeekTime(Time::Zero());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("back to the start (Home)");
  ImGui::SameLine();
  if (ImGui::Button("< step")) {
    ui.clock.set_playing(false);
    history.StepBack();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("one event back (Left, PageUp)");
  ImGui::SameLine();
  if (ImGui::Button(ui.clock.playing() ? " pause " : " play  ")) ui.clock.Toggle();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("play / pause (Space)");
  ImGui::SameLine();
  if (ImGui::Button("step >")) {
    ui.clock.set_playing(false);
    history.StepForward();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("one event forward (Right, PageDown)");
  ImGui::SameLine();
  if (ImGui::Button("next change >>")) {
    ui.clock.set_playing(false);
    RunToNextStateChange(history);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("run to the next crash, election, split... ('.')");

  ImGui::SameLine(0, 20 * ui.scale);
  if (ImGui::Button("-")) ui.clock.Slower();
  ImGui::SameLine();
  ImGui::Text("%8s", ui.clock.Label().c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("simulated time per wall-clock second");
  ImGui::SameLine();
  if (ImGui::Button("+")) ui.clock.Faster();

  ImGui::SameLine(0, 20 * ui.scale);
  ImGui::Text("t = %s  of %s", FormatTime(frame.cursor.time).c_str(), FormatTime(history.horizon()).c_str());
  if (frame.cursor.seq > 0) {
    ImGui::SameLine();
    ImGui::TextDisabled("event #%llu", static_cast<unsigned long long>(frame.cursor.seq));
  }

  ImGui::SameLine(0, 20 * ui.scale);
  ImGui::SetNextItemWidth(170 * ui.scale);
  const Branch& current = history.branch();
  const std::string preview = fmt::format("history {}: {}", current.id, current.name);
  if (ImGui::BeginCombo("##branch", preview.c_str())) {
    for (const auto& b : history.branches()) {
      const std::string label = fmt::format("{}: {}", b->id, b->name);
      if (ImGui::Selectable(label.c_str(), b->id == current.id)) history.SwitchBranch(b->id);
    }
    ImGui::EndCombo();
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("acting in the past starts a new history; the old one stays here");
  ImGui::SameLine();
  if (ImGui::Button("Save as scenario")) ImGui::OpenPopup("save");
  if (ImGui::BeginPopup("save")) {
    ImGui::TextUnformatted("Write this history as a scenario file (kafkasim run FILE replays it):");
    char path[512];
    std::snprintf(path, sizeof(path), "%s", ui.save_path.c_str());
    ImGui::SetNextItemWidth(400 * ui.scale);
    if (ImGui::InputText("##path", path, sizeof(path))) ui.save_path = path;
    ImGui::SameLine();
    if (ImGui::Button("Save")) {
      SaveScenario(history, ui, ui.save_path);
      ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(100 * ui.scale);
  int view = static_cast<int>(ui.view);
  if (ImGui::Combo("##view", &view, "overview\0canvas\0space-time\0partitions\0lesson\0explorer\0")) {
    ui.view = static_cast<View>(view);
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("which panels the window shows (--view)");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(90 * ui.scale);
  ImGui::SliderFloat("##scale", &ui.scale, 1.0f, 3.0f, "UI %.1fx");
  ImGui::SameLine();
  ImGui::Checkbox("light", &ui.light);
  ImGui::SameLine();
  ImGui::Checkbox("captions", &ui.captions);
  ImGui::SameLine();
  ImGui::Checkbox("skip quiet", &ui.idle_at_1x);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("while no message of a shown kind is on the wire, time passes at 1x at least");
  ImGui::SameLine();
  if (ImGui::Button("Guards")) ImGui::OpenPopup("guards");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("live checks that pause the play when a promise is broken");
  if (ImGui::BeginPopup("guards")) {
    ImGui::TextUnformatted("Pause and show why when:");
    for (const GuardInfo& info : GuardCatalog()) {
      bool armed = ui.guards.armed(info.guard);
      if (ImGui::Checkbox(std::string(info.label).c_str(), &armed)) ui.guards.set_armed(info.guard, armed);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.*s", static_cast<int>(info.help.size()), info.help.data());
    }
    ImGui::EndPopup();
  }

  DrawScrubBar(history, ui, frame);
  if (!ui.status.empty()) ImGui::TextDisabled("%s", ui.status.c_str());
  ImGui::End();
}

}  // namespace kafkasim::viz
