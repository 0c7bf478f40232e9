// The charts (a tab beside "Why?" and the inspector): produce and consume rates, each group's lag
// and the under-replicated partitions over the last two simulated minutes up to the cursor, from
// the samples the History takes of the lead world (viz/model/charts.h).

#include <fmt/format.h>
#include <imgui.h>

#include "viz/app/imgui_util.h"
#include "viz/app/panels.h"

namespace kafkasim::viz {
namespace {

constexpr Duration kChartWindow = Duration::Seconds(120);

void DrawChartLine(const char* id, const std::string& title, const ChartLine& line, const char* unit) {
  const std::string overlay = fmt::format("{}: now {:.0f}{}, max {:.0f}{}", title, line.values.empty() ? 0.0f : line.values.back(),
                                          unit, line.max, unit);
  ImGui::PlotLines(id, line.values.data(), static_cast<int>(line.values.size()), 0, overlay.c_str(), 0.0f,
                   std::max(1.0f, line.max * 1.15f), ImVec2(ImGui::GetContentRegionAvail().x, 54 * ImGui::GetIO().FontGlobalScale + 50));
}

}  // namespace

void DrawChartsContent(History& history, UiState& ui, const FrameData& frame) {
  const std::vector<ChartSample>& samples = history.branch().samples;
  const Time to = frame.cursor.time;
  const Time from = to - Time::Zero() > kChartWindow ? to - kChartWindow : Time::Zero();
  ImGui::TextDisabled("%s to %s, sampled every second of simulated time", FormatTime(from).c_str(), FormatTime(to).c_str());
  DrawChartLine("##produce", "records produced (committed) per second", ProduceRate(samples, from, to), "/s");
  DrawChartLine("##consume", "offsets committed by consumer groups per second", ConsumeRate(samples, from, to), "/s");
  DrawChartLine("##urp", "under-replicated partitions", UnderReplicated(samples, from, to), "");
  for (const std::string& group : ChartGroups(samples)) {
    DrawChartLine(("##lag" + group).c_str(), "lag of group " + group, GroupLag(samples, group, from, to), "");
  }
  (void)ui;
}

void DrawChartsPanel(History& history, UiState& ui, const FrameData& frame, Rect area) {
  BeginPanel("Charts", area);
  DrawChartsContent(history, ui, frame);
  ImGui::End();
}

}  // namespace kafkasim::viz
