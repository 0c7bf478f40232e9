// The event log: the narrated trace, filterable by family of event, node and text, synced with
// the cursor (events after it are dimmed: they have not happened yet). Click a row to jump there
// and ask "why" of it.

#include <cstdio>

#include <fmt/format.h>
#include <imgui.h>

#include "viz/app/imgui_util.h"
#include "viz/app/panels.h"

namespace kafkasim::viz {
namespace {

void FilterControls(UiState& ui, const FrameData& frame) {
  if (ImGui::Button("show...")) ImGui::OpenPopup("log classes");
  if (ImGui::BeginPopup("log classes")) {
    for (int c = 0; c < kEventClasses; ++c) {
      ImGui::Checkbox(std::string(ClassName(static_cast<EventClass>(c))).c_str(), &ui.log.show[c]);
    }
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(140 * ui.scale);
  const std::string node_preview = ui.log.node.empty() ? "every node" : ui.log.node;
  if (ImGui::BeginCombo("##node", node_preview.c_str())) {
    if (ImGui::Selectable("every node", ui.log.node.empty())) ui.log.node.clear();
    for (const NodeGroupView& g : frame.cluster.groups) {
      for (const NodeView& n : g.nodes) {
        if (ImGui::Selectable(n.name.c_str(), ui.log.node == n.name)) ui.log.node = n.name;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  char buffer[128];
  std::snprintf(buffer, sizeof(buffer), "%s", ui.log.text.c_str());
  ImGui::SetNextItemWidth(-80 * ui.scale);
  if (ImGui::InputTextWithHint("##text", "search text", buffer, sizeof(buffer))) ui.log.text = buffer;
  ImGui::SameLine();
  ImGui::Checkbox("follow", &ui.log_follow);
}

}  // namespace

void DrawLogPanel(History& history, UiState& ui, const FrameData& frame, Rect area) {
  BeginPanel("Event log", area);
  FilterControls(ui, frame);
  const Timeline& timeline = history.timeline();
  ui.log_index.Update(timeline, history.generation(), ui.log, frame.cursor_index);
  const std::vector<uint32_t>& rows = ui.log_index.rows();
  // SIZE_MAX: the cursor is before the first row.
  const size_t cursor_row =
      frame.cursor_index ? ui.log_index.RowAtOrBefore(*frame.cursor_index).value_or(SIZE_MAX) : SIZE_MAX;
  const Palette& pal = ui.palette();

  ImGui::BeginChild("rows", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(rows.size()));
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const EventView e = timeline.At(rows[r]);
      const bool future = e.seq > frame.cursor.seq;
      const bool selected = e.seq == ui.selected;
      const bool at_cursor = static_cast<size_t>(r) == cursor_row;
      const std::string label =
          fmt::format("{:>9} {:<13.13} {}##{}", FormatTime(e.time), e.node, e.narration.empty() ? e.kind : e.narration, e.seq);
      if (future) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Col(pal.text_dim, 0.6f)));
      if (at_cursor) ImGui::PushStyleColor(ImGuiCol_Header, ImGui::ColorConvertU32ToFloat4(Col(pal.cursor, 0.25f)));
      if (ImGui::Selectable(label.c_str(), selected || at_cursor)) {
        ui.selected = e.seq;
        ui.details_tab_request = 2;
        ui.clock.set_playing(false);
        history.SeekSeq(e.seq);
      }
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("#%llu %s\nclick: jump here and explain why", static_cast<unsigned long long>(e.seq), std::string(e.kind).c_str());
      if (at_cursor) ImGui::PopStyleColor();
      if (future) ImGui::PopStyleColor();
    }
  }
  // Follow the cursor while playing and after any jump, not while the user scrolls in peace.
  const bool jumped = frame.cursor.seq != ui.log_scrolled_to;
  if (ui.log_follow && cursor_row != SIZE_MAX && (ui.clock.playing() || jumped)) {
    ui.log_scrolled_to = frame.cursor.seq;
    ImGui::SetScrollY(std::max(0.0f, cursor_row * ImGui::GetTextLineHeightWithSpacing() - ImGui::GetWindowHeight() * 0.7f));
  }
  ImGui::EndChild();
  ImGui::End();
}

}  // namespace kafkasim::viz
