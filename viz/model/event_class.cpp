#include "viz/model/event_class.h"

#include <algorithm>
#include <cctype>

#include "viz/model/guards.h"

namespace kafkasim::viz {
namespace {

bool ContainsNoCase(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
  return it != haystack.end();
}

char GlyphOf(std::string_view kind) {
  if (Guards::Watching(kind)) return '!';  // a promise broken: what a guard stops at
  if (kind == "node.crash") return 'X';
  if (kind == "node.power_off" || kind == "node.poweroff") return 'P';
  if (kind == "node.restart" || kind == "node.start") return 'R';
  if (kind == "node.stop") return 's';
  if (kind == "network.split" || kind == "network.block") return 'S';
  if (kind == "network.heal") return 'H';
  if (kind.ends_with("elected") || kind.ends_with("election") || kind == "partition.leader_change") return 'E';
  if (kind.ends_with("leader_lost") || kind.ends_with("quorum_lost") || kind == "controller.broker_failed" ||
      kind == "partition.offline") {
    return '!';
  }
  if (kind.find("isr") != std::string_view::npos) return 'I';
  if (kind == "controller.topic_created") return 'T';
  if (kind.find("rebalance") != std::string_view::npos) return 'G';
  return '*';
}

}  // namespace

EventClass ClassOf(std::string_view kind) {
  if (kind == "net.send" || kind == "net.deliver") return EventClass::kMessage;
  if (kind == "net.drop") return EventClass::kDrop;
  if (kind.starts_with("timer.")) return EventClass::kTimer;
  if (kind.starts_with("node.")) return EventClass::kLifecycle;
  if (kind.starts_with("network.")) return EventClass::kNetwork;
  if (kind == "script.narrate") return EventClass::kNarration;
  if (kind == "script.expect") return EventClass::kExpect;
  if (kind.starts_with("script.")) return EventClass::kCommand;
  return EventClass::kState;
}

std::string_view ClassName(EventClass c) {
  switch (c) {
    case EventClass::kMessage: return "messages sent/delivered";
    case EventClass::kDrop: return "messages lost";
    case EventClass::kTimer: return "timers";
    case EventClass::kLifecycle: return "node start/crash/restart";
    case EventClass::kNetwork: return "network splits/heals";
    case EventClass::kCommand: return "commands and output";
    case EventClass::kNarration: return "narration";
    case EventClass::kExpect: return "expectations";
    case EventClass::kState: return "state changes (elections, ...)";
  }
  return "?";
}

bool IsStateChange(std::string_view kind) {
  const EventClass c = ClassOf(kind);
  return c == EventClass::kLifecycle || c == EventClass::kNetwork || c == EventClass::kState ||
         c == EventClass::kDrop;
}

std::vector<EventView> WhyChain(const Timeline& timeline, TraceSeq seq) {
  std::vector<EventView> chain = timeline.CauseChain(seq);
  const auto command = std::find_if(chain.begin(), chain.end(), [](const EventView& e) { return e.kind == "script.command"; });
  if (command != chain.end()) chain.erase(command + 1, chain.end());
  return chain;
}

LogFilter LogFilter::Default() {
  LogFilter f;
  f.show.fill(true);
  f.show[static_cast<int>(EventClass::kMessage)] = false;
  f.show[static_cast<int>(EventClass::kTimer)] = false;
  return f;
}

bool LogFilter::Matches(const EventView& event) const {
  if (!show[static_cast<int>(ClassOf(event.kind))]) return false;
  if (!node.empty() && event.node != node && event.peer != node) return false;
  return ContainsNoCase(event.narration, text) || ContainsNoCase(event.kind, text);
}

char MarkerGlyph(const EventView& e, EventClass c, const std::function<bool(std::string_view node)>& is_tool) {
  if (c != EventClass::kLifecycle && c != EventClass::kNetwork && c != EventClass::kState) return '*';
  // Client sessions coming and going would bury the failures; they stay in the log.
  if (e.kind.find("client") != std::string_view::npos || e.kind.find("session") != std::string_view::npos) {
    return '*';
  }
  // Every node starts once at the beginning of its story: only restarts are news.
  if (e.kind == "node.start") return '*';
  if (MarkerDependsOnNode(e.kind) && is_tool && is_tool(e.node)) return '*';
  return GlyphOf(e.kind);
}

bool MarkerDependsOnNode(std::string_view kind) { return kind == "node.stop"; }

void CollectMarkers(const Timeline& timeline, size_t from, size_t to, std::vector<Marker>& out,
                    const std::function<bool(std::string_view node)>& is_tool) {
  for (size_t i = from; i < to; ++i) {
    const EventView e = timeline.At(i);
    const EventClass c = ClassOf(e.kind);
    // Only what has a letter of its own: the rest of a part's state changes stay in the log.
    const char glyph = MarkerGlyph(e, c, is_tool);
    if (glyph == '*') continue;
    out.push_back(Marker{.seq = e.seq, .time = e.time, .cls = c, .glyph = glyph, .kind = std::string(e.kind),
                         .node = std::string(e.node)});
  }
}

}  // namespace kafkasim::viz
