#include "viz/app/settings.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <imgui.h>
#include <imgui_internal.h>

#include "viz/app/ui_state.h"

namespace kafkasim::viz {
namespace {

UiState* g_ui = nullptr;
RememberedSettings g_settings;

void* ReadOpen(ImGuiContext*, ImGuiSettingsHandler*, const char* name) {
  return std::string_view(name) == "Settings" ? &g_settings : nullptr;
}

void ReadLine(ImGuiContext*, ImGuiSettingsHandler*, void*, const char* line) {
  int i = 0;
  float f = 0;
  if (std::sscanf(line, "Window=%d,%d", &g_settings.width, &g_settings.height) == 2) return;
  if (std::sscanf(line, "Scale=%f", &f) == 1) g_ui->scale = std::clamp(f, 1.0f, 3.0f);
  if (std::sscanf(line, "Light=%d", &i) == 1) g_ui->light = i != 0;
  if (std::sscanf(line, "Captions=%d", &i) == 1) g_ui->captions = i != 0;
  if (std::sscanf(line, "Speed=%d", &i) == 1) g_ui->clock.set_index(i);
}

void WriteAll(ImGuiContext*, ImGuiSettingsHandler* handler, ImGuiTextBuffer* out) {
  out->appendf("[%s][Settings]\n", handler->TypeName);
  out->appendf("Window=%d,%d\n", g_settings.width, g_settings.height);
  out->appendf("Scale=%.2f\nLight=%d\nCaptions=%d\nSpeed=%d\n\n", g_ui->scale, g_ui->light ? 1 : 0,
               g_ui->captions ? 1 : 0, g_ui->clock.index());
}

}  // namespace

std::string SettingsPath() {
  std::filesystem::path dir;
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg != nullptr && *xdg != 0) {
    dir = std::filesystem::path(xdg) / "kafkasim";
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != 0) {
    dir = std::filesystem::path(home) / ".config" / "kafkasim";
  } else {
    return "";
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return "";
  return (dir / "imgui.ini").string();
}

RememberedSettings LoadSettings(UiState& ui, const std::string& path) {
  g_ui = &ui;
  ImGuiSettingsHandler handler;
  handler.TypeName = "KafkasimViz";
  handler.TypeHash = ImHashStr("KafkasimViz");
  handler.ReadOpenFn = ReadOpen;
  handler.ReadLineFn = ReadLine;
  handler.WriteAllFn = WriteAll;
  ImGui::GetCurrentContext()->SettingsHandlers.push_back(handler);
  if (!path.empty()) ImGui::LoadIniSettingsFromDisk(path.c_str());
  return g_settings;
}

void NoteWindowSize(int width, int height) {
  g_settings.width = width;
  g_settings.height = height;
}

}  // namespace kafkasim::viz
