// The console: the session's terminal (every command that ran, scenario or user, with the real
// tool's output, up to the cursor) and an input line for any command of the command language.
// Up/Down walk the history; a command runs at the cursor and, if the cursor is in the past,
// starts a new history.

#include <cstdio>
#include <cstring>

#include <fmt/format.h>
#include <imgui.h>

#include "viz/app/imgui_util.h"
#include "viz/app/panels.h"

namespace kafkasim::viz {
namespace {

int HistoryCallback(ImGuiInputTextCallbackData* data) {
  auto* ui = static_cast<UiState*>(data->UserData);
  if (data->EventFlag != ImGuiInputTextFlags_CallbackHistory || ui->console_history.empty()) return 0;
  const int n = static_cast<int>(ui->console_history.size());
  if (data->EventKey == ImGuiKey_UpArrow) {
    ui->history_pos = ui->history_pos < 0 ? n - 1 : std::max(0, ui->history_pos - 1);
  } else if (data->EventKey == ImGuiKey_DownArrow) {
    ui->history_pos = ui->history_pos < 0 ? -1 : ui->history_pos + 1;
    if (ui->history_pos >= n) ui->history_pos = -1;
  }
  data->DeleteChars(0, data->BufTextLen);
  if (ui->history_pos >= 0) data->InsertChars(0, ui->console_history[ui->history_pos].c_str());
  return 0;
}

}  // namespace

void DrawConsolePanel(History& history, UiState& ui, const FrameData& frame, Rect area) {
  BeginPanel("Console", area);
  const Timeline& timeline = history.timeline();
  LogFilter filter;
  filter.show[static_cast<int>(EventClass::kCommand)] = true;
  filter.show[static_cast<int>(EventClass::kExpect)] = true;
  ui.console_index.Update(timeline, history.generation(), filter);
  const Palette& pal = ui.palette();

  const float input_h = ImGui::GetFrameHeightWithSpacing() * 2;
  ImGui::BeginChild("transcript", ImVec2(0, -input_h), false, ImGuiWindowFlags_HorizontalScrollbar);
  const std::vector<uint32_t>& rows = ui.console_index.rows();
  const std::optional<size_t> last =
      frame.cursor_index ? ui.console_index.RowAtOrBefore(*frame.cursor_index) : std::nullopt;
  const int shown = last ? static_cast<int>(*last) + 1 : 0;
  ImGuiListClipper clipper;
  clipper.Begin(shown);
  while (clipper.Step()) {
    for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
      const EventView e = timeline.At(rows[r]);
      Rgb color = pal.text;
      if (e.kind == "script.command") color = pal.leader;
      if (e.kind == "script.expect") {
        color = e.fields_json.find("\"ok\":false") != std::string_view::npos ? pal.split : pal.text_dim;
      }
      if (e.kind == "script.output" && e.fields_json.find("stderr") != std::string_view::npos) color = pal.split;
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Col(color)), "%.*s", static_cast<int>(e.narration.size()),
                         e.narration.data());
    }
  }
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 2 || ui.clock.playing()) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();

  static char input[512];
  ImGui::SetNextItemWidth(-1);
  const ImGuiInputTextFlags flags = ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory;
  if (ImGui::InputTextWithHint("##command", "type a command: crash zookeeper-2, network split {...} {...}, help",
                               input, sizeof(input), flags, HistoryCallback, &ui)) {
    const std::string line = input;
    if (!line.empty()) {
      ui.console_history.push_back(line);
      ui.history_pos = -1;
      RunCommand(history, ui, line);
      input[0] = 0;
    }
    ImGui::SetKeyboardFocusHere(-1);
  }
  if (!ui.console_message.empty()) ImGui::TextWrapped("%s", ui.console_message.c_str());
  ImGui::End();
}

}  // namespace kafkasim::viz
