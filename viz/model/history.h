#pragma once
// The history the visualizer shows: branches of one scenario, a cursor on the current branch,
// and the simulated world at the cursor.
//
// Each branch has a *lead* world that runs ahead of the cursor (to the scenario's end and a
// little beyond, growing as the cursor approaches) and records every event into its Timeline:
// the timeline's markers, the log and the space-time diagram can show the future as well as the
// past. The *probe* world sits exactly at the cursor: the canvas reads its live state (node
// states, splits, roles) every frame. Moving the cursor forward advances the probe; moving it
// back replays from the nearest checkpoint — a spare world parked at an earlier point, rebuilt
// in the background after use — since a simulation cannot be copied.
//
// Acting at the cursor in the past forks: the new branch's script is the old one's actions up to
// the cursor plus the new one, and the old branch stays reachable. Acting where the user has
// never been before in the branch (at the furthest point its cursor reached: the next lesson
// step, a command typed while playing) continues the branch instead: what its lead had recorded
// beyond the cursor was a forecast nobody looked at, not a history worth keeping.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sim/record/timeline.h"
#include "viz/model/charts.h"
#include "viz/model/world.h"

namespace kafkasim::viz {

struct HistoryOptions {
  // How far past the scenario's last step the lead runs at first, and how far ahead of the
  // cursor it stays afterwards.
  Duration tail = Duration::Seconds(10);
  Duration lookahead = Duration::Seconds(30);
  // Checkpoints are parked this far apart in simulated time (at most `max_checkpoints`).
  Duration checkpoint_every = Duration::Seconds(20);
  size_t max_checkpoints = 32;
  // The charts sample the lead this often (charts.h).
  Duration sample_every = Duration::Seconds(1);
  // A runaway scenario is cut here rather than hang the first frame.
  Time max_horizon = Time::Zero() + Duration::Seconds(3600);
};

struct Branch {
  int id = 0;
  int parent = -1;   // -1 for the scenario as written
  Time forked_at;    // where it left its parent
  std::string name;  // "as written", "after `crash zookeeper-1` at 12.300s", "..., then lesson step 2 at 3s"
  std::string origin;  // the name it was made with
  Time seen;           // the furthest the cursor went in it
  Script script;
  std::unique_ptr<Timeline> timeline;
  std::unique_ptr<World> lead;
  // The cluster sampled over the lead's recording, for the charts.
  std::vector<ChartSample> samples;
};

// Where the cursor is: every event up to `seq` has happened and the clock reads `time`.
struct Cursor {
  Time time;
  TraceSeq seq = 0;
};

class History {
 public:
  History(std::shared_ptr<const Scenario> scenario, uint64_t seed, HistoryOptions options = {});
  ~History();

  const Branch& branch() const { return *branches_[current_]; }
  const std::vector<std::unique_ptr<Branch>>& branches() const { return branches_; }
  int current_branch() const { return current_; }
  // Changes whenever timeline() is another recording: another branch, or this one continued.
  int generation() const { return generation_; }
  const Timeline& timeline() const { return *branch().timeline; }
  // How far the lead has recorded.
  Time horizon() const { return branch().lead->now(); }
  const Cursor& cursor() const { return cursor_; }
  // The world at the cursor; its state is the state the canvas shows.
  World& probe() { return *probe_; }
  // Index in timeline() of the last event at or before the cursor, if any.
  std::optional<size_t> cursor_index() const;

  // --- moving the cursor ---
  // To simulated time t (events at t included).
  void SeekTime(Time t);
  // To just after the event `seq` (the state right after the kernel event that emitted it).
  void SeekSeq(TraceSeq seq);
  // One event forward / back. False at either end.
  bool StepForward();
  bool StepBack();

  // --- acting ---
  // Runs a command at the cursor, forking a new branch or continuing this one (see above).
  // Returns the error when it does not parse.
  std::optional<std::string> Act(const std::string& line);
  // Runs a lesson's block at the cursor (world.h), forking or continuing as Act does.
  std::optional<std::string> RunBlock(std::shared_ptr<const Scenario> block, const std::string& label);
  // Where the latest run of `block` in the current branch finished, as the lead recorded it;
  // the lead is extended (bounded) to find it. None when it never started, or never finished.
  std::optional<BlockEnd> FindBlockEnd(const Scenario* block);
  // Moves the cursor exactly to where `block` finished: the state right after the event that
  // completed its last line. False (the cursor stays) when FindBlockEnd finds nothing.
  bool SeekBlockEnd(const Scenario* block);
  // Moves the cursor to just after the `dispatched`-th kernel event, before the actions taken
  // there: where a block ended, or where the latest run of `block` was about to start.
  void SeekDispatched(uint64_t dispatched, Time at_or_after);
  bool SeekBlockStart(const Scenario* block);
  void SwitchBranch(int id);

  // The background work, once a frame, sized by the app (tick_budget.h).
  // Keeps the lead `lookahead` ahead of the cursor, advancing it by at most `budget`.
  void KeepLeadAhead(Duration budget);
  // Builds the missing checkpoints until `out_of_time` says to stop (it is asked between events).
  void RefillCheckpoints(const std::function<bool()>& out_of_time);
  // Whether `node` is a command-line tool's process (kafka-topics.sh, zookeeper-shell.sh), as
  // the recording knows it (the lead has every node of the branch's future too).
  bool IsTool(std::string_view node) const;
  // Records `by` more simulated time past the horizon (bounded by max_horizon).
  void ExtendHorizon(Duration by) { ExtendLead(horizon() + by); }
  // Runs the background work to completion (tests, the screenshot mode).
  void Settle();
  size_t checkpoints() const { return checkpoints_.size(); }

  // For the benchmark and the report: how many replays a seek needed.
  uint64_t replays() const { return replays_; }

 private:
  std::unique_ptr<World> NewWorld(const Script& script, TraceSink* sink = nullptr) const;
  void ExtendLead(Time until);
  // Advances a branch's lead to `until`, sampling it for the charts on the way.
  void AdvanceLead(Branch& branch, Time until);
  // Replaces the probe by a world at or before `target` (a checkpoint when one fits).
  void RewindProbe(Time target_time, TraceSeq target_seq);
  void ClearCheckpoints();
  // Makes a new branch of what the probe just did (an Act or a RunBlock) and moves to it, or
  // continues the current one with it.
  std::optional<std::string> Fork(std::variant<Action, std::string> result);
  void SetCursor(Cursor cursor);

  HistoryOptions options_;
  std::vector<std::unique_ptr<Branch>> branches_;
  int current_ = 0;
  int generation_ = 0;
  Cursor cursor_;
  std::unique_ptr<World> probe_;
  // Spare worlds parked at slot k * checkpoint_every of the current branch, never advanced; a
  // rewind consumes one and the background builder replaces it.
  std::map<int64_t, std::unique_ptr<World>> checkpoints_;
  // The world being advanced in the background towards the slot `building_slot_`.
  std::unique_ptr<World> builder_;
  int64_t building_slot_ = 0;
  uint64_t replays_ = 0;
};

}  // namespace kafkasim::viz
