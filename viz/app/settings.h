#pragma once
// What kafkasim-viz remembers between runs — window size, UI scale, theme, captions, speed —
// stored with Dear ImGui's own settings in imgui.ini under the user's config directory
// ($XDG_CONFIG_HOME/kafkasim, else ~/.config/kafkasim).

#include <string>

namespace kafkasim::viz {

struct UiState;

struct RememberedSettings {
  int width = 1600, height = 900;
};

// The path of imgui.ini (creating its directory), or empty when there is no home to keep it in.
std::string SettingsPath();
// Registers the settings handler and reads the file; returns the window size to open with.
// The UiState must outlive the ImGui context.
RememberedSettings LoadSettings(UiState& ui, const std::string& path);
// Tells the handler the window's current size (written with the rest at exit).
void NoteWindowSize(int width, int height);

}  // namespace kafkasim::viz
