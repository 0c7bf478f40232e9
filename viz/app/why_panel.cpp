// "Why": the selected event, the chain of causes behind it (from the trace's cause links, oldest
// last) and the rule or setting that decided each step. Click a cause to jump to it.

#include <utility>

#include <fmt/format.h>
#include <imgui.h>

#include "viz/app/imgui_util.h"
#include "viz/app/panels.h"
#include "viz/model/event_class.h"

namespace kafkasim::viz {

void DrawWhyPanel(History& history, UiState& ui, const FrameData& frame, Rect area) {
  BeginPanel("Why?", area);
  DrawWhyContent(history, ui, frame);
  ImGui::End();
}

void DrawDetailsPanel(History& history, UiState& ui, const FrameData& frame, Rect area) {
  BeginPanel("Details", area, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_HorizontalScrollbar);
  if (ImGui::BeginTabBar("details")) {
    const int request = std::exchange(ui.details_tab_request, 0);
    if (ImGui::BeginTabItem("Why?", nullptr, request == 2 ? ImGuiTabItemFlags_SetSelected : 0)) {
      DrawWhyContent(history, ui, frame);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Inspector", nullptr, request == 1 ? ImGuiTabItemFlags_SetSelected : 0)) {
      DrawInspectorContent(history, ui, frame);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Charts", nullptr, request == 3 ? ImGuiTabItemFlags_SetSelected : 0)) {
      DrawChartsContent(history, ui, frame);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

void DrawWhyContent(History& history, UiState& ui, const FrameData& frame) {
  const Timeline& timeline = history.timeline();
  TraceSeq seq = ui.selected;
  if (seq == 0 || !timeline.Find(seq)) {
    ImGui::TextWrapped("Select an event (in the log, on the scrub bar or in the space-time diagram) to see "
                       "the chain of causes that led to it and the rule that decided it.");
    return;
  }
  const std::vector<EventView> chain = WhyChain(timeline, seq);
  const Palette& pal = ui.palette();
  for (size_t i = 0; i < chain.size(); ++i) {
    const EventView& e = chain[i];
    ImGui::PushID(static_cast<int>(i));
    if (i > 0) ImGui::TextDisabled("  because of");
    const std::string line = fmt::format("{} {}: {}", FormatTime(e.time), e.node.empty() ? "(simulator)" : e.node,
                                         e.narration.empty() ? e.kind : e.narration);
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(Col(i == 0 ? pal.highlight : pal.text)));
    ImGui::PushTextWrapPos(0);
    if (ImGui::Selectable(line.c_str(), false)) {
      history.SeekSeq(e.seq);
      ui.clock.set_playing(false);
    }
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    if (!e.rule.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(pal.leader)), "    rule: %.*s",
                                            static_cast<int>(e.rule.size()), e.rule.data());
    ImGui::PopID();
  }
  if (chain.size() >= Timeline::kMaxCauseChain) ImGui::TextDisabled("(chain cut at %zu events)", chain.size());
  if (frame.cursor.seq < seq) ImGui::TextDisabled("(this event is still in the future of the cursor)");
}

}  // namespace kafkasim::viz
