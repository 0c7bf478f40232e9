#include "viz/model/history.h"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

#include "viz/model/cluster_view.h"

namespace kafkasim::viz {

History::History(std::shared_ptr<const Scenario> scenario, uint64_t seed, HistoryOptions options)
    : options_(options) {
  auto branch = std::make_unique<Branch>();
  branch->name = branch->origin = "as written";
  branch->script = Script{.scenario = std::move(scenario), .seed = seed};
  branch->timeline = std::make_unique<Timeline>();
  branch->lead = NewWorld(branch->script, branch->timeline.get());
  branches_.push_back(std::move(branch));
  // Record the whole scenario up front (it is short: a lesson, a demo), then a tail.
  World& lead = *branches_[0]->lead;
  while (!lead.scenario_finished() && !lead.idle() && lead.now() < options_.max_horizon) {
    AdvanceLead(*branches_[0], std::min(options_.max_horizon, lead.now() + Duration::Seconds(1)));
  }
  AdvanceLead(*branches_[0], std::min(options_.max_horizon, lead.now() + options_.tail));
  probe_ = NewWorld(branches_[0]->script);
}

History::~History() {
  // Worlds first: a lead world detaches from its branch's timeline as it goes.
  probe_.reset();
  builder_.reset();
  checkpoints_.clear();
  for (auto& branch : branches_) branch->lead.reset();
}

std::unique_ptr<World> History::NewWorld(const Script& script, TraceSink* sink) const {
  return std::make_unique<World>(script, sink);
}

std::optional<size_t> History::cursor_index() const {
  if (cursor_.seq == 0) return std::nullopt;
  const Timeline& t = timeline();
  if (auto index = t.IndexOf(cursor_.seq)) return index;
  // Past the recorded end (cannot happen while the lead stays ahead); clamp to the last one.
  return t.empty() ? std::nullopt : std::optional<size_t>(t.size() - 1);
}

bool History::IsTool(std::string_view node) const {
  const Node* n = branches_[current_]->lead->session().sim().FindNode(node);
  return n != nullptr && GroupOfKind(n->kind()) == NodeGroupKind::kClient;
}

void History::ExtendLead(Time until) {
  World& lead = *branches_[current_]->lead;
  until = std::min(until, options_.max_horizon);
  if (until > lead.now()) AdvanceLead(*branches_[current_], until);
}

void History::AdvanceLead(Branch& branch, Time until) {
  World& lead = *branch.lead;
  // Sampled at whole multiples of the interval, wherever the lead's advances happen to stop.
  while (true) {
    const Time next = branch.samples.empty() ? Time::Zero() : branch.samples.back().time + options_.sample_every;
    if (next > until) break;
    lead.AdvanceTo(std::max(next, lead.now()));
    branch.samples.push_back(SampleCluster(lead.session()));
  }
  lead.AdvanceTo(until);
}

void History::RewindProbe(Time target_time, TraceSeq target_seq) {
  ++replays_;
  // The latest checkpoint that is not past the target.
  auto best = checkpoints_.end();
  for (auto it = checkpoints_.begin(); it != checkpoints_.end(); ++it) {
    if (it->second->now() <= target_time && it->second->last_seq() <= target_seq) best = it;
  }
  if (best != checkpoints_.end()) {
    probe_ = std::move(best->second);
    checkpoints_.erase(best);
  } else {
    probe_ = NewWorld(branch().script);
  }
}

void History::SeekTime(Time t) {
  t = std::clamp(t, Time::Zero(), options_.max_horizon);
  if (t > horizon()) ExtendLead(t + options_.lookahead);
  t = std::min(t, horizon());
  // Back: replay from a checkpoint. Far forward: a checkpoint nearer the target than the probe
  // saves replaying the stretch between them.
  bool checkpoint_ahead = false;
  for (const auto& [slot, world] : checkpoints_) {
    checkpoint_ahead = checkpoint_ahead || (world->now() <= t && world->now() > probe_->now());
  }
  if (probe_->now() > t || checkpoint_ahead) RewindProbe(t, TraceSeq(-1));
  probe_->AdvanceTo(t);
  SetCursor(Cursor{.time = t, .seq = probe_->last_seq()});
  assert(cursor_.seq <= (timeline().empty() ? 0 : timeline().At(timeline().size() - 1).seq) &&
         "the probe never runs ahead of the recording");
}

void History::SeekSeq(TraceSeq seq) {
  const std::optional<EventView> event = timeline().Find(seq);
  if (!event) return;
  if (probe_->last_seq() > seq || probe_->now() > event->time) RewindProbe(event->time, seq);
  probe_->AdvanceToSeq(seq);
  SetCursor(Cursor{.time = event->time, .seq = seq});
}

bool History::StepForward() {
  const Timeline& t = timeline();
  const std::optional<size_t> index = cursor_index();
  size_t next = index ? *index + 1 : 0;
  // The cursor may sit between events after a time seek: the next event is the first one
  // after the cursor's seq.
  if (next >= t.size()) {
    ExtendLead(horizon() + options_.lookahead);
    if (next >= timeline().size()) return false;
  }
  SeekSeq(timeline().At(next).seq);
  return true;
}

bool History::StepBack() {
  const std::optional<size_t> index = cursor_index();
  if (!index) return false;
  if (*index == 0) {
    // Before the first event: the world as it was created.
    probe_ = NewWorld(branch().script);
    ++replays_;
    cursor_ = Cursor{};
    return true;
  }
  SeekSeq(timeline().At(*index - 1).seq);
  return true;
}

std::optional<std::string> History::Act(const std::string& line) { return Fork(probe_->Act(line)); }

std::optional<std::string> History::RunBlock(std::shared_ptr<const Scenario> block, const std::string& label) {
  return Fork(probe_->RunBlock(std::move(block), label));
}

std::optional<BlockEnd> History::FindBlockEnd(const Scenario* block) {
  // A block may be run twice in one branch (again, after going back): the latest counts.
  const auto find = [&]() -> const BlockRun* {
    const std::vector<BlockRun>& runs = branch().lead->blocks();
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
      if (it->block == block) return &*it;
    }
    return nullptr;
  };
  // The lead is never behind an action of its script (actions are taken at the cursor), so a
  // block it has not run is not in this branch. One that is still running is waited for, within
  // bounds: a block ends when its last line does, and a lesson's lines end.
  for (int extensions = 0; extensions < 20; ++extensions) {
    const BlockRun* run = find();
    if (run == nullptr) return std::nullopt;
    if (run->end) return run->end;
    const Time before = horizon();
    ExtendLead(horizon() + options_.lookahead);
    if (horizon() == before) break;
  }
  const BlockRun* run = find();
  return run != nullptr ? run->end : std::nullopt;
}

bool History::SeekBlockEnd(const Scenario* block) {
  const std::optional<BlockEnd> end = FindBlockEnd(block);
  if (!end) return false;
  SeekDispatched(end->dispatched, end->time);
  return true;
}

bool History::SeekBlockStart(const Scenario* block) {
  const std::vector<Action>& actions = branch().script.actions;
  for (auto it = actions.rbegin(); it != actions.rend(); ++it) {
    if (it->block.get() != block) continue;
    SeekDispatched(it->dispatched, it->time);
    return true;
  }
  return false;
}

void History::SeekDispatched(uint64_t dispatched, Time at) {
  // The actions taken before that point; those taken at it are left for later.
  size_t before = 0;
  for (const Action& a : branch().script.actions) before += a.dispatched < dispatched ? 1 : 0;
  const auto beyond = [&] {
    return probe_->dispatched() > dispatched ||
           (probe_->dispatched() == dispatched && probe_->actions_applied() > before);
  };
  if (beyond()) RewindProbe(at, TraceSeq(-1));
  // A checkpoint parked at the same instant may have run past the point.
  if (beyond()) probe_ = NewWorld(branch().script);
  probe_->AdvanceToDispatched(dispatched);
  SetCursor(Cursor{.time = probe_->now(), .seq = probe_->last_seq()});
}

std::optional<std::string> History::Fork(std::variant<Action, std::string> result) {
  if (auto* error = std::get_if<std::string>(&result)) return *error;
  const Action& action = std::get<Action>(result);
  const std::string what = action.block ? fmt::format("{} at {}", action.command, FormatTime(action.time))
                                        : fmt::format("after `{}` at {}", action.command, FormatTime(action.time));
  const Time until = std::max(branches_[current_]->lead->now(), action.time + options_.lookahead);
  ++generation_;
  // The scenario as written always stays; a branch of the user's own is continued when the
  // action is at the furthest point its cursor reached.
  Branch& current = *branches_[current_];
  if (!current.script.actions.empty() && action.time >= current.seen) {
    current.name = fmt::format("{}, then {}", current.origin, what);
    current.lead.reset();  // detaches from the timeline it recorded into
    current.samples.clear();
  } else {
    auto branch = std::make_unique<Branch>();
    branch->id = static_cast<int>(branches_.size());
    branch->parent = current_;
    branch->forked_at = action.time;
    branch->name = branch->origin = what;
    branches_.push_back(std::move(branch));
    current_ = static_cast<int>(branches_.size()) - 1;
  }
  Branch& target = *branches_[current_];
  target.script = probe_->script();
  target.timeline = std::make_unique<Timeline>();
  target.lead = NewWorld(target.script, target.timeline.get());
  ExtendLead(until);
  ClearCheckpoints();
  SetCursor(Cursor{.time = probe_->now(), .seq = probe_->last_seq()});
  return std::nullopt;
}

void History::SetCursor(Cursor cursor) {
  cursor_ = cursor;
  Branch& b = *branches_[current_];
  b.seen = std::max(b.seen, cursor.time);
}

void History::SwitchBranch(int id) {
  assert(id >= 0 && static_cast<size_t>(id) < branches_.size());
  if (id == current_) return;
  current_ = id;
  ++generation_;
  ClearCheckpoints();
  probe_ = NewWorld(branch().script);
  ++replays_;
  const Time t = std::min(cursor_.time, horizon());
  probe_->AdvanceTo(t);
  SetCursor(Cursor{.time = t, .seq = probe_->last_seq()});
}

void History::ClearCheckpoints() {
  checkpoints_.clear();
  builder_.reset();
}

void History::KeepLeadAhead(Duration budget) {
  ExtendLead(std::min(cursor_.time + options_.lookahead, horizon() + budget));
}

void History::RefillCheckpoints(const std::function<bool()>& out_of_time) {
  const int64_t every = options_.checkpoint_every.micros();
  while (!out_of_time()) {
    if (!builder_) {
      // The lowest empty slot within what the lead has recorded.
      int64_t slot = 1;
      while (checkpoints_.count(slot) > 0) ++slot;
      if (checkpoints_.size() >= options_.max_checkpoints) return;
      if (Time::Zero() + Duration::Micros(slot * every) > horizon()) return;
      builder_ = NewWorld(branch().script);
      building_slot_ = slot;
    }
    if (!builder_->AdvanceTo(Time::Zero() + Duration::Micros(building_slot_ * every), out_of_time)) return;
    checkpoints_[building_slot_] = std::move(builder_);
  }
}

void History::Settle() {
  RefillCheckpoints([] { return false; });
}

}  // namespace kafkasim::viz
