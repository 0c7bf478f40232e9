#pragma once
// Families of trace events, as a newcomer would name them, for the event log's filter, the
// timeline's markers and "run to the next state change". A family is decided by the event's
// kind alone (the trace's stable names), never by its text.

#include <array>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/record/timeline.h"

namespace kafkasim::viz {

enum class EventClass {
  kMessage,    // net.send, net.deliver
  kDrop,       // net.drop
  kTimer,      // timer.fire
  kLifecycle,  // node.start/stop/crash/power_off/restart
  kNetwork,    // network.split/heal/block/delay/loss
  kCommand,    // script.command, script.output
  kNarration,  // script.narrate
  kExpect,     // script.expect
  kState,      // a part's own state change: zookeeper.elected, partition.isr_shrink, ...
};
inline constexpr int kEventClasses = 9;
EventClass ClassOf(std::string_view kind);
std::string_view ClassName(EventClass c);  // "messages", "node crashes and restarts", ...

// A change of what the canvas shows (not plumbing): lifecycle, network, a part's state change.
bool IsStateChange(std::string_view kind);

struct LogFilter {
  std::array<bool, kEventClasses> show{};
  std::string node;  // empty: every node
  std::string text;  // case-insensitive substring of the narration or kind
  static LogFilter Default();  // everything but message sends/deliveries and timers
  bool Matches(const EventView& event) const;
};

// "Why" an event happened: its cause chain (Timeline::CauseChain, the event first), ending at the
// command that set it off. A scenario's commands are linked to the line before them, which ran
// earlier but caused nothing of what the command does.
std::vector<EventView> WhyChain(const Timeline& timeline, TraceSeq seq);

// A marker on the scrub bar: what happened, where, and a one-letter glyph.
struct Marker {
  TraceSeq seq = 0;
  Time time;
  EventClass cls = EventClass::kState;
  char glyph = '*';  // X crash, R restart, P power off, S split, H heal, E elected, ...
  std::string kind;
  std::string node;
};

// The letter of event `e` (of class `c`) on the scrub bar, or '*' when it has none: a lesser state
// change, a client session, plumbing. A command-line tool's process (`is_tool`) starting and
// exiting is plumbing.
char MarkerGlyph(const EventView& e, EventClass c, const std::function<bool(std::string_view node)>& is_tool = nullptr);
// Whether an event's letter depends on its node (a tool's exit has none), not only on its kind:
// a reader may then keep one answer per kind for the others.
bool MarkerDependsOnNode(std::string_view kind);

// Markers of the events in [from, to) of the timeline, appended to `out` (called
// incrementally as the recording grows). A command-line tool's process (`is_tool`) starting
// and exiting is plumbing, not a marker.
void CollectMarkers(const Timeline& timeline, size_t from, size_t to, std::vector<Marker>& out,
                    const std::function<bool(std::string_view node)>& is_tool = nullptr);

}  // namespace kafkasim::viz
