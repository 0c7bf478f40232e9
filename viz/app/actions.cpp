// What the user does to the history, shared by the panels and the keyboard shortcuts.

#include <fstream>

#include <GLFW/glfw3.h>
#include <fmt/format.h>
#include <imgui.h>

#include "viz/app/panels.h"
#include "viz/model/scenario_writer.h"

namespace kafkasim::viz {

void RunCommand(History& history, UiState& ui, const std::string& line) {
  const Time at = history.cursor().time;
  if (std::optional<std::string> error = history.Act(line)) {
    ui.console_message = *error;
    ui.status = "the command did not parse: see the console";
    return;
  }
  ui.console_message.clear();
  ui.status = fmt::format("ran `{}` at {} (history {})", line, FormatTime(at), history.current_branch());
}

void SaveScenario(History& history, UiState& ui, const std::string& path) {
  const Branch& b = history.branch();
  std::ofstream out(path);
  out << WriteScenario(b.script, *b.timeline, b.name);
  ui.status = out ? fmt::format("saved this history as {} (kafkasim run {} replays it)", path, path)
                  : fmt::format("could not write {}", path);
}

void RunToNextStateChange(History& history) {
  const Timeline& t = history.timeline();
  size_t i = history.cursor_index() ? *history.cursor_index() + 1 : 0;
  // The lead is extended on the way if the change is beyond what is recorded (bounded).
  for (int extensions = 0; extensions < 20; ++extensions) {
    for (; i < t.size(); ++i) {
      const EventView e = t.At(i);
      if (IsStateChange(e.kind) && e.kind != "net.drop") {
        history.SeekSeq(e.seq);
        return;
      }
    }
    const size_t before = t.size();
    history.ExtendHorizon(Duration::Seconds(30));
    if (t.size() == before) return;
  }
}

void HandleShortcuts(History& history, UiState& ui) {
  if (ImGui::GetIO().WantTextInput) return;  // typing in the console
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE)) ui.clock.Toggle();
  if (ImGui::IsKeyPressed(GLFW_KEY_RIGHT) || ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN)) {
    ui.clock.set_playing(false);
    history.StepForward();
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_LEFT) || ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP)) {
    ui.clock.set_playing(false);
    history.StepBack();
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_PERIOD, false)) {
    ui.clock.set_playing(false);
    RunToNextStateChange(history);
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_HOME, false)) history.SeekTime(Time::Zero());
  if (ImGui::IsKeyPressed(GLFW_KEY_EQUAL) || ImGui::IsKeyPressed(GLFW_KEY_KP_ADD)) ui.clock.Faster();
  if (ImGui::IsKeyPressed(GLFW_KEY_MINUS) || ImGui::IsKeyPressed(GLFW_KEY_KP_SUBTRACT)) ui.clock.Slower();
  if (ImGui::IsKeyPressed(GLFW_KEY_L, false)) ui.light = !ui.light;
  if (ImGui::IsKeyPressed(GLFW_KEY_C, false)) ui.captions = !ui.captions;
}

}  // namespace kafkasim::viz
