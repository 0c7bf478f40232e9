#pragma once
// What the user chose, as opposed to what the simulation is: selection, filters, speed,
// presentation settings, the console's history. Panels read the simulation from the History
// every frame and keep only this between frames (Dear ImGui's rule: never cache sim state in
// widgets).

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "viz/model/cluster_view.h"
#include "viz/model/event_class.h"
#include "viz/model/explorer.h"
#include "viz/model/guards.h"
#include "viz/model/history.h"
#include "viz/model/inspect_target.h"
#include "viz/model/lesson_player.h"
#include "viz/model/log_index.h"
#include "viz/model/look_back_index.h"
#include "viz/model/packets.h"
#include "viz/model/palette.h"
#include "viz/model/partition_log_view.h"
#include "viz/model/play_clock.h"

namespace kafkasim::viz {

// Which arrangement of panels the window shows (`--view NAME`).
enum class View { kOverview, kCanvas, kSpaceTime, kPartition, kLesson, kExplorer };

struct UiState {
  View view = View::kOverview;
  PlayClock clock;
  Guards guards;  // which broken promises stop the play

  // The event selected in the log, the space-time diagram or on the scrub bar: "Why" explains it.
  TraceSeq selected = 0;
  std::string focus_node;  // a node clicked on the canvas
  // What the inspector shows, and a request to bring its tab forward (1) or the Why tab (2).
  InspectTarget inspect;
  int details_tab_request = 0;
  std::string topic;  // the partition view's topic

  PacketFilter packets = PacketFilter::Default();
  MessageCache messages;  // parsed once, for the canvas and the space-time diagram
  LookBackIndex look_back;  // the narrations, state changes and drops, for the canvas
  bool idle_at_1x = true;      // quiet stretches pass at 1x at least (autoplay.h)
  LogFilter log = LogFilter::Default();
  LogIndex log_index;
  bool log_follow = true;  // keep the cursor's row in view
  TraceSeq log_scrolled_to = UINT64_MAX;  // the cursor the log last scrolled to
  Duration space_time_window = Duration::Millis(200);

  // Presentation.
  float scale = 1;
  bool light = false;
  bool captions = true;
  bool hide_finished_tools = true;  // zookeeper-shell processes that already exited

  // Console: the terminal transcript (commands, their output, expectations) and the input line.
  LogIndex console_index;
  std::vector<std::string> console_history;
  std::string console_message;  // the last error or confirmation
  int history_pos = -1;

  // The scrub bar's markers, collected incrementally from the current branch's recording.
  std::vector<Marker> markers;
  size_t markers_scanned = 0;
  int markers_generation = -1;
  // The followers' truncations, collected with the markers, for the partition view.
  std::vector<Truncation> truncations;

  // The lesson pane (--lesson): the lesson's model, a block to scroll to once, a linked lesson
  // the app should open instead, and the pane's last message (a parse error, a failed save).
  std::unique_ptr<LessonPlayer> lesson;
  ProgressStore* progress = nullptr;  // not owned; null: progress is not saved (screenshots)
  int lesson_scroll_to = -1;
  std::string lesson_open;
  std::string lesson_message;
  std::vector<char> lesson_show_solution;  // by exercise

  // The explorer: what is selected in its tree, and the message page's first offset.
  enum class ExplorerPick { kNone, kBroker, kTopic, kPartition, kGroup };
  ExplorerPick explorer_pick = ExplorerPick::kNone;
  std::string explorer_name;  // the broker, topic, partition ("orders-1") or group
  TopicPartition explorer_tp;
  int64_t explorer_from = 0;
  bool explorer_tail = true;  // the page follows the newest messages

  std::string save_path = "kafkasim-session.scn";

  std::string status;  // a line at the bottom of the toolbar ("saved to demo.scn")
  std::string scenario_path;

  const Palette& palette() const { return light ? LightPalette() : DarkPalette(); }
};

// Built once a frame, before the panels draw.
struct FrameData {
  ClusterMetadata metadata;  // every partition, as the controller knows it
  ClusterView cluster;
  ClusterViewCache cluster_cache;  // the cluster view's sums of `metadata`, while its roles stay
  // The Explorer's tree, built with the cluster models (and as often) while the Explorer shows.
  std::optional<ExplorerTree> explorer;
  Cursor cursor;
  std::optional<size_t> cursor_index;
  double last_frame_cpu_ms = 0;  // the previous frame's CPU time, excluding the GPU
};

}  // namespace kafkasim::viz
