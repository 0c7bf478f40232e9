#include "viz/app/app.h"

#include <algorithm>
#include <cassert>
#include <cfloat>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include <GLFW/glfw3.h>
#include <fmt/format.h>
#include <fmt/ostream.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "sim/lesson/course.h"
#include "viz/app/panels.h"
#include "viz/app/platform_frame.h"
#include "viz/app/screenshot.h"
#include "viz/app/settings.h"
#include "viz/app/theme.h"
#include "viz/model/autoplay.h"
#include "viz/model/frame_times.h"
#include "viz/model/rebuild_pacer.h"
#include "viz/model/tick_budget.h"
#include "viz/model/scenario_writer.h"

namespace kafkasim::viz {
namespace {

constexpr uint64_t kDefaultSeed = 1;

// What the cluster models of a frame are a function of. The state at the cursor changes only when
// the probe runs an event or takes an action, or the history changes (the same script run to the
// same event is the same state, whichever world object holds it); a paused projector draws the
// same state sixty times a second, and at 100 brokers reading it takes tens of milliseconds.
struct FrameKey {
  const History* history = nullptr;
  int generation = 0;
  uint64_t dispatched = 0;
  size_t actions = 0;
  Time now;
  bool hide_finished_tools = false;
  bool operator==(const FrameKey&) const = default;
};

FrameKey KeyOf(History& history, const UiState& ui) {
  World& probe = history.probe();
  return FrameKey{.history = &history, .generation = history.generation(), .dispatched = probe.dispatched(), .actions = probe.actions_applied(), .now = probe.now(),
                  .hide_finished_tools = ui.hide_finished_tools};
}

double WallMs() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double Millis(std::chrono::steady_clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }
double MillisSince(std::chrono::steady_clock::time_point start) { return Millis(std::chrono::steady_clock::now() - start); }

// Rebuilds `frame`'s cluster models when their key changed, as often as `pacer` lets a playing
// frame (rebuild_pacer.h); at once for another history, branch or filter. The cursor always.
void BuildFrame(History& history, const UiState& ui, FrameData& frame, std::optional<FrameKey>& built_for,
                RebuildPacer& pacer) {
  frame.cursor = history.cursor();
  frame.cursor_index = history.cursor_index();
  // The view may have just turned to the Explorer: its tree is read from the table as it stands.
  auto explorer = [&] {
    if (ui.view == View::kExplorer && !frame.explorer) {
      frame.explorer = BuildExplorer(history.probe().session(), frame.metadata);
    }
  };
  const FrameKey key = KeyOf(history, ui);
  if (built_for == key) return explorer();
  const bool same_story = built_for && built_for->history == key.history && built_for->generation == key.generation &&
                          built_for->hide_finished_tools == key.hide_finished_tools;
  const double start = WallMs();
  if (same_story && !pacer.Due(start)) return explorer();
  // The table keeps copies of brokers by how many events they had handled, which says the same
  // state only within one recording: another branch (or history) starts them afresh.
  if (!same_story) frame.metadata.replica_copies = nullptr;
  built_for = key;
  ReadClusterMetadata(history.probe().session(), frame.metadata);
  frame.cluster = BuildClusterView(history.probe().session(), frame.metadata, &frame.cluster_cache);
  frame.explorer.reset();
  explorer();
  const double end = WallMs();
  pacer.Read(end, end - start);
  if (ui.hide_finished_tools) {
    // A zookeeper-shell that already exited is history, not part of the cluster: the log keeps it.
    for (NodeGroupView& g : frame.cluster.groups) {
      std::erase_if(g.nodes, [&](const NodeView& n) {
        return g.kind == NodeGroupKind::kClient && n.state == NodeState::kStopped;
      });
    }
    std::erase_if(frame.cluster.groups, [](const NodeGroupView& g) { return g.nodes.empty(); });
  }
}

void DrawPanels(History& history, UiState& ui, const FrameData& frame, float w, float h) {
  const float s = ui.scale;
  const float top = ImGui::GetFrameHeightWithSpacing() + 34 * s + ImGui::GetTextLineHeightWithSpacing() +
                    ImGui::GetStyle().WindowPadding.y * 2 + 4 * s;
  DrawToolbarPanel(history, ui, frame, Rect{0, 0, w, top});
  const float body = h - top;
  switch (ui.view) {
    case View::kCanvas:
      DrawCanvasPanel(history, ui, frame, Rect{0, top, w, body});
      return;
    case View::kSpaceTime:
      DrawSpaceTimePanel(history, ui, frame, Rect{0, top, w, body * 0.6f});
      DrawCanvasPanel(history, ui, frame, Rect{0, top + body * 0.6f, w * 0.6f, body * 0.4f});
      DrawWhyPanel(history, ui, frame, Rect{w * 0.6f, top + body * 0.6f, w * 0.4f, body * 0.4f});
      return;
    case View::kPartition: {
      // The strips show every replica's role: the canvas gives its room to them.
      const float left = w * 0.6f;
      DrawPartitionPanel(history, ui, frame, Rect{0, top, left, body});
      DrawDetailsPanel(history, ui, frame, Rect{left, top, w - left, body * 0.55f});
      DrawLogPanel(history, ui, frame, Rect{left, top + body * 0.55f, w - left, body * 0.45f});
      return;
    }
    case View::kLesson: {
      // The lesson beside the cluster; the console shows what its steps print.
      const float left = w * 0.4f;
      DrawLessonPanel(history, ui, frame, Rect{0, top, left, body});
      DrawCanvasPanel(history, ui, frame, Rect{left, top, w - left, body * 0.6f});
      DrawConsolePanel(history, ui, frame, Rect{left, top + body * 0.6f, w - left, body * 0.4f});
      return;
    }
    case View::kExplorer: {
      // Offset Explorer's tree beside the cluster and its charts, as a monitoring tool shows them;
      // half the width each, so the canvas keeps its brokers' names and replica lists readable,
      // and over half the height: its captions take a band of their own.
      const float left = w * 0.5f;
      DrawExplorerPanel(history, ui, frame, Rect{0, top, left, body});
      DrawCanvasPanel(history, ui, frame, Rect{left, top, w - left, body * 0.56f});
      DrawChartsPanel(history, ui, frame, Rect{left, top + body * 0.56f, w - left, body * 0.44f});
      return;
    }
    case View::kOverview: {
      const float left = w * 0.62f;
      DrawCanvasPanel(history, ui, frame, Rect{0, top, left, body * 0.64f});
      DrawSpaceTimePanel(history, ui, frame, Rect{0, top + body * 0.64f, left, body * 0.36f});
      DrawLogPanel(history, ui, frame, Rect{left, top, w - left, body * 0.38f});
      DrawDetailsPanel(history, ui, frame, Rect{left, top + body * 0.38f, w - left, body * 0.34f});
      DrawConsolePanel(history, ui, frame, Rect{left, top + body * 0.72f, w - left, body * 0.28f});
      return;
    }
  }
}

// The most recent marker at or before the cursor: a screenshot explains it in the Why panel.
TraceSeq LastMarkerSeq(const History& history) {
  std::vector<Marker> markers;
  const std::optional<size_t> end = history.cursor_index();
  if (!end) return 0;
  CollectMarkers(history.timeline(), 0, *end + 1, markers, [&](std::string_view node) { return history.IsTool(node); });
  return markers.empty() ? 0 : markers.back().seq;
}

// `which`: a lesson's number in the course's folder, or a file.
std::filesystem::path ResolveLesson(const std::string& which) {
  const bool number = !which.empty() && which.size() <= 4 &&
                      std::all_of(which.begin(), which.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!number) return which;
  const std::filesystem::path folder = std::filesystem::path(KAFKASIM_SOURCE_DIR) / "lessons";
  if (auto file = FindLesson(folder, std::stoi(which))) return *file;
  throw ScriptError(SourceLocation{folder.string(), 0, 0},
                    fmt::format("there is no lesson {} (kafkasim lesson --list shows the course)", which), "");
}

// A lesson and the history its blocks run in (the lesson pane's), replacing what the UI showed.
std::unique_ptr<History> OpenLesson(const std::filesystem::path& file, std::optional<uint64_t> seed, UiState& ui) {
  auto lesson = std::make_shared<const Lesson>(LoadLesson(file));
  auto player = std::make_unique<LessonPlayer>(lesson);
  auto history = std::make_unique<History>(LessonPlayer::BaseScenario(*lesson), seed.value_or(LessonPlayer::Seed(*lesson)));
  ui.lesson = std::move(player);
  ui.lesson_show_solution.clear();
  ui.lesson_message.clear();
  ui.lesson_scroll_to = -1;
  ui.scenario_path = lesson->file;
  // What was read from another history's recording.
  ui.markers.clear();
  ui.markers_scanned = 0;
  ui.markers_generation = -1;
  ui.truncations.clear();
  ui.log_index = LogIndex();
  ui.console_index = LogIndex();
  ui.messages = MessageCache();
  ui.look_back = LookBackIndex();
  ui.selected = 0;
  return history;
}

// Runs the lesson's steps one after another, as a student pressing each Run button as soon as
// the previous step finished, until simulated time `at`.
// An armed guard's event is about to be passed: stop on it, explain it, and say so.
void StopAtGuard(History& history, UiState& ui, size_t index) {
  const EventView event = history.timeline().At(index);
  const TraceSeq seq = event.seq;
  const std::optional<Guard> guard = Guards::Watching(event.kind);
  assert(guard);
  ui.status = fmt::format("Guard: {} at {}. Paused on it; Why shows what led there (the Guards menu disarms it).",
                          InfoOf(*guard).label, FormatTime(event.time));
  ui.clock.set_playing(false);
  history.SeekSeq(seq);
  ui.selected = seq;
  ui.details_tab_request = 2;
}

void RunLessonUntil(History& history, LessonPlayer& player, Time at) {
  const Lesson& lesson = player.lesson();
  for (size_t c = 0; c < lesson.commands.size() && history.cursor().time <= at; ++c) {
    // Exercises passed over are solved, as `kafkasim lesson` does in a pipe.
    if (c > 0 && player.RunThrough(history, c - 1, lesson.commands[c].block)) return;
    if (history.cursor().time > at) break;
    if (player.Run(history, c)) return;
    const std::optional<BlockEnd> end = history.FindBlockEnd(&lesson.commands[c].script);
    if (!end || end->time > at) break;
    player.Arrive(history);
  }
  if (at >= history.cursor().time) history.SeekTime(at);
}

}  // namespace

int RunApp(const AppOptions& options) {
  std::shared_ptr<const Scenario> scenario;
  std::unique_ptr<History> history;
  UiState ui;
  try {
    if (!options.lesson.empty()) {
      history = OpenLesson(ResolveLesson(options.lesson), options.seed, ui);
      scenario = history->branch().script.scenario;
    } else {
      scenario = std::make_shared<const Scenario>(LoadScenario(options.scenario));
      const uint64_t seed = options.seed.value_or(scenario->seed.value_or(kDefaultSeed));
      history = std::make_unique<History>(scenario, seed);
    }
  } catch (const ScriptError& e) {
    fmt::print(std::cerr, "{}\n", e.Render());
    return 2;
  }

  // Where to start and what to inspect: checked before any window opens.
  if (options.at && ui.lesson) {
    RunLessonUntil(*history, *ui.lesson, Time::Zero() + *options.at);
    // The pane opens at the section of the last step run.
    const size_t next = ui.lesson->NextStep(*history);
    if (next > 0) {
      const LessonPlayer& player = *ui.lesson;
      ui.lesson_scroll_to = static_cast<int>(player.sections()[player.SectionOf(player.lesson().commands[next - 1].block)].block);
    }
  } else if (options.at) {
    history->SeekTime(Time::Zero() + *options.at);
  }
  std::optional<InspectTarget> inspect;
  if (!options.inspect.empty()) {
    const ClusterMetadata metadata = ReadClusterMetadata(history->probe().session());
    inspect = ResolveInspectTarget(options.inspect, BuildClusterView(history->probe().session(), metadata), metadata);
    if (!inspect) {
      fmt::print(std::cerr, "kafkasim-viz: error: --inspect '{}' names no broker, ZooKeeper server or partition at {}\n",
                 options.inspect, FormatTime(history->cursor().time));
      return 2;
    }
  }

  glfwSetErrorCallback([](int code, const char* text) { fmt::print(std::cerr, "kafkasim-viz: GLFW {}: {}\n", code, text); });
  if (!glfwInit()) {
    fmt::print(std::cerr, "kafkasim-viz: error: no display to open a window on (set DISPLAY, or run under xvfb-run)\n");
    return 3;
  }
  const bool screenshot = !options.screenshot.empty();
  const bool measuring = options.measure_frames > 0;
  // A screenshot or a measurement is a run of its own: it reads and writes no settings or progress.
  const bool unattended = screenshot || measuring;
  ui.view = options.view;
  if (!ui.lesson) ui.scenario_path = options.scenario;
  // Progress is the student's, kept between runs; a screenshot writes none.
  std::unique_ptr<ProgressStore> progress;
  if (ui.lesson && !unattended) {
    try {
      if (const std::filesystem::path path = DefaultProgressPath(); !path.empty()) progress = std::make_unique<ProgressStore>(path);
    } catch (const std::exception& e) {
      fmt::print(std::cerr, "kafkasim-viz: warning: progress will not be saved: {}\n", e.what());
    }
  }
  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  // A screenshot must not depend on what the user last chose: no settings are read or written.
  static std::string ini_path = unattended ? "" : SettingsPath();
  io.IniFilename = nullptr;
  const RememberedSettings remembered = LoadSettings(ui, ini_path);
  if (options.light) ui.light = *options.light;
  if (options.scale) ui.scale = *options.scale;
  if (!ini_path.empty()) io.IniFilename = ini_path.c_str();
  const int width = options.width.value_or(remembered.width);
  const int height = options.height.value_or(remembered.height);

  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  glfwWindowHint(GLFW_RESIZABLE, screenshot ? GLFW_FALSE : GLFW_TRUE);
  const std::string title = fmt::format("kafkasim-viz: {}", scenario->title.empty() ? options.scenario : scenario->title);
  GLFWwindow* window = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (window == nullptr) {
    fmt::print(std::cerr, "kafkasim-viz: error: cannot create an OpenGL 3 window\n");
    ImGui::DestroyContext();
    glfwTerminate();
    return 3;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(unattended ? 0 : 1);
  PlatformFrame platform(window);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 130");

  float fonts_scale = 0;
  bool theme_light = !ui.light;
  float theme_scale = 0;
  if (screenshot) ui.selected = LastMarkerSeq(*history);
  if (inspect) Inspect(ui, *inspect);
  ui.topic = options.topic;
  // A newcomer sees the story move at once; space pauses it. A lesson waits for its first Run.
  if (!screenshot && !ui.lesson) ui.clock.set_playing(true);
  const std::filesystem::path stem = std::filesystem::path(ui.scenario_path).stem();
  ui.save_path = stem.string() + "-session.scn";

  int exit_code = 0;
  double last_cpu_ms = 0;
  FrameData frame;
  std::optional<FrameKey> frame_built_for;
  FrameTimes measured;
  TickBudget lead_budget;
  double last_checkpoints_ms = 0;
  RebuildPacer rebuild_pacer;
  const Time measure_from = history->cursor().time;
  auto last = std::chrono::steady_clock::now();
  for (int frame_number = 0; !glfwWindowShouldClose(window); ++frame_number) {
    glfwPollEvents();
    if (fonts_scale != ui.scale) {
      LoadFonts(ui.scale);
      fonts_scale = ui.scale;
    }
    if (theme_light != ui.light || theme_scale != ui.scale) {
      ApplyTheme(ui.light, ui.scale);
      theme_light = ui.light;
      theme_scale = ui.scale;
    }
    const auto start = std::chrono::steady_clock::now();
    const double wall = std::chrono::duration<double>(start - last).count();
    last = start;

    // The simulation step: move the cursor by what this frame's wall time is worth.
    if (!screenshot) {
      const Duration step = ui.clock.Advance(wall);
      if (ui.clock.playing()) {
        const Duration idle = ui.idle_at_1x ? Duration::Micros(static_cast<int64_t>(std::min(wall, 0.25) * 1e6)) : Duration();
        const Time next = NextPlayTime(history->timeline(), ui.messages, ui.packets, history->cursor().time,
                                       history->cursor_index(), PlayStep{.step = step, .idle_step = idle});
        // A lesson's step stops the play where it finished: its questions are answered there.
        const Time stop = (ui.lesson ? ui.lesson->StopAt(*history) : std::nullopt).value_or(Time::Max());
        const std::optional<size_t> guard = ui.guards.FirstHit(history->timeline(), history->cursor_index(), next);
        if (guard && history->timeline().At(*guard).time <= stop) {
          StopAtGuard(*history, ui, *guard);
        } else if (stop != Time::Max() && next >= stop) {
          ui.lesson->Arrive(*history);
          ui.clock.set_playing(false);
        } else if (next > history->cursor().time) {
          history->SeekTime(next);
        }
      }
      const auto lead_start = std::chrono::steady_clock::now();
      history->KeepLeadAhead(lead_budget.next());
      const auto checkpoints_start = std::chrono::steady_clock::now();
      lead_budget.Took(Millis(checkpoints_start - lead_start));
      // The checkpoints get what the rest of the frame leaves; the last frame tells what that was.
      const std::chrono::duration<double, std::milli> share(CheckpointShareMs(last_cpu_ms - last_checkpoints_ms));
      const auto deadline = checkpoints_start + share;
      history->RefillCheckpoints([&] { return std::chrono::steady_clock::now() >= deadline; });
      last_checkpoints_ms = MillisSince(checkpoints_start);
      if (measuring) {
        measured.AddPart("step", Millis(lead_start - start));
        measured.AddPart("background", MillisSince(lead_start));
      }
      if (ui.lesson && progress) {
        if (auto warning = ui.lesson->SaveProgress(*history, *progress)) ui.status = *warning;
      }
      if (!ui.lesson_open.empty() && ui.lesson) {
        // A link to another lesson: it opens in the pane, with its own simulation.
        const std::filesystem::path file = std::filesystem::path(ui.lesson->lesson().file).parent_path() / ui.lesson_open;
        ui.lesson_open.clear();
        try {
          history = OpenLesson(file, std::nullopt, ui);
          ui.clock.set_playing(false);
        } catch (const ScriptError& e) {
          ui.lesson_message = e.Render();
        }
      }
    }
    const auto models_start = std::chrono::steady_clock::now();
    BuildFrame(*history, ui, frame, frame_built_for, rebuild_pacer);
    frame.last_frame_cpu_ms = last_cpu_ms;
    const auto ui_start = std::chrono::steady_clock::now();
    if (measuring) measured.AddPart("models", Millis(ui_start - models_start));

    ImGui_ImplOpenGL3_NewFrame();
    platform.NewFrame();
    // A screenshot shows no hover tooltip, wherever the virtual pointer happens to be.
    if (screenshot) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    ImGui::NewFrame();
    HandleShortcuts(*history, ui);
    // The backend has just asked GLFW (each a round trip to the X server): not again.
    const int fb_w = static_cast<int>(std::lround(io.DisplaySize.x * io.DisplayFramebufferScale.x));
    const int fb_h = static_cast<int>(std::lround(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    DrawPanels(*history, ui, frame, io.DisplaySize.x, io.DisplaySize.y);
    ImGui::Render();
    last_cpu_ms = MillisSince(start);
    if (measuring) measured.AddPart("ui", MillisSince(ui_start));

    glViewport(0, 0, fb_w, fb_h);
    // The panels draw no background (BeginPanel): the clear paints it, in the palette's colour.
    const Rgb bg = ui.palette().background;
    glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (measuring) {
      glFinish();  // the software renderer draws when asked to finish: its work is the frame's too
      measured.Add(last_cpu_ms, MillisSince(start));
      if (measured.size() == static_cast<size_t>(options.measure_frames)) {
        fmt::print("kafkasim-viz: {} frames playing at {}, simulated {} to {}, {}x{}: {}\n", measured.size(), ui.clock.Label(),
                   FormatTime(measure_from),
                   FormatTime(history->cursor().time), fb_w, fb_h, measured.Summary());
        break;
      }
    }
    // Three frames let ImGui settle window sizes and popups before the picture is taken.
    if (screenshot && frame_number == 2) {
      if (fb_w != width || fb_h != height) {
        fmt::print(std::cerr, "kafkasim-viz: warning: the window is {}x{}, not {}x{} (is the screen smaller?)\n",
                   fb_w, fb_h, width, height);
      }
      const std::string error = WriteFramebufferPng(options.screenshot, fb_w, fb_h);
      if (!error.empty()) {
        fmt::print(std::cerr, "kafkasim-viz: error: {}\n", error);
        exit_code = 4;
      } else {
        fmt::print("kafkasim-viz: wrote {} ({}x{}) at {}; frame CPU time {:.2f} ms\n", options.screenshot, fb_w, fb_h,
                   FormatTime(history->cursor().time), last_cpu_ms);
      }
      break;
    }
    glfwSwapBuffers(window);
    if (!unattended) NoteWindowSize(static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y));
  }

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();  // writes imgui.ini when there is one
  glfwDestroyWindow(window);
  glfwTerminate();
  return exit_code;
}

}  // namespace kafkasim::viz
