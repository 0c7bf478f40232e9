#pragma once
// The panels of kafkasim-viz, one a file. Each draws one ImGui window inside `area` (x, y, w, h
// in pixels) from the History at the cursor and the UiState; user actions go back through the
// History (seek, act) or the UiState (selection, filters).

#include "viz/app/ui_state.h"
#include "viz/model/layout.h"

namespace kafkasim::viz {

void DrawToolbarPanel(History& history, UiState& ui, const FrameData& frame, Rect area);
void DrawCanvasPanel(History& history, UiState& ui, const FrameData& frame, Rect area);
void DrawLogPanel(History& history, UiState& ui, const FrameData& frame, Rect area);
void DrawWhyPanel(History& history, UiState& ui, const FrameData& frame, Rect area);
void DrawSpaceTimePanel(History& history, UiState& ui, const FrameData& frame, Rect area);
void DrawConsolePanel(History& history, UiState& ui, const FrameData& frame, Rect area);
void DrawPartitionPanel(History& history, UiState& ui, const FrameData& frame, Rect area);
void DrawLessonPanel(History& history, UiState& ui, const FrameData& frame, Rect area);
void DrawExplorerPanel(History& history, UiState& ui, const FrameData& frame, Rect area);
void DrawChartsPanel(History& history, UiState& ui, const FrameData& frame, Rect area);
void DrawInspectorPanel(History& history, UiState& ui, const FrameData& frame, Rect area);
// "Why?" and the inspector as two tabs of one window (the overview has room for one of them).
void DrawDetailsPanel(History& history, UiState& ui, const FrameData& frame, Rect area);
void DrawWhyContent(History& history, UiState& ui, const FrameData& frame);
void DrawInspectorContent(History& history, UiState& ui, const FrameData& frame);
void DrawChartsContent(History& history, UiState& ui, const FrameData& frame);

// Shows `target` in the inspector and brings its tab forward.
void Inspect(UiState& ui, InspectTarget target);

// Runs a command of the command language at the cursor (forking a branch) and reports the
// outcome in the UiState. Shared by the console, the canvas's context menu and shortcuts.
void RunCommand(History& history, UiState& ui, const std::string& line);
// Writes the current branch as a .scn file; reports in ui.status.
void SaveScenario(History& history, UiState& ui, const std::string& path);
// Moves to the next event that changes what the canvas shows.
void RunToNextStateChange(History& history);
// The keyboard shortcuts: space, '.', arrows, PageUp/PageDown, +/-.
void HandleShortcuts(History& history, UiState& ui);

}  // namespace kafkasim::viz
