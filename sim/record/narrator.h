#pragma once
// The narrator: the terminal output of `kafkasim run`. Simulation events print one line each,
//
//     12.345s  broker-0      │ broker-0 is now leader of orders-1 (epoch 3)
//
// while the script's own events read like a terminal transcript: `$ <command>`, then the
// command's output exactly as the real tool prints it (stderr lines to their own stream when
// one is given), the teacher's narration as its own paragraph (`  ▶ text`), and expectations
// as `✓ expect ...` or `✗ expect ... (expected X, got Y) at file:line`.
//
// What is shown: by default every kind except the noisy transport ones (kDefaultHiddenKinds).
// `show_kinds`, `hide_kinds` and `nodes` narrow the simulation's events; the script's events
// (script.*) are the transcript and are only hidden by an explicit `hide_kinds` entry. `quiet`
// shows expectations and error output only, which is what a checker run wants.

#include <array>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/trace.h"

namespace kafkasim {

// Kind prefixes hidden unless `show_kinds` asks for them: a send, a delivery and a timer for
// every heartbeat and fetch would bury what the lesson is about.
inline constexpr std::array<std::string_view, 2> kDefaultHiddenKinds = {"net.", "timer."};

struct NarratorOptions {
  bool quiet = false;
  // Kind prefixes: "net" matches net.send and net.drop, "partition.isr" matches
  // partition.isr_shrink and partition.isr_expand, "" matches every kind.
  std::vector<std::string> show_kinds;  // empty: every kind not in kDefaultHiddenKinds
  std::vector<std::string> hide_kinds;  // wins over show_kinds
  // Node names: an event is kept when it happened at one of them or its peer is one of them.
  std::vector<std::string> nodes;  // empty: every node
  bool color = false;              // ANSI colours for a terminal
};

class Narrator : public TraceSink {
 public:
  // Neither stream is owned. Without `err`, stderr output goes to `out` like everything else.
  explicit Narrator(std::ostream& out, NarratorOptions options = {}, std::ostream* err = nullptr);

  // The kinds Shows can be true for: the others are never built for the narrator.
  bool Wants(std::string_view kind) const override;
  void OnEvent(const TraceEvent& event) override;
  void Flush() override;

  bool Shows(const TraceEvent& event) const;

 private:
  void WriteEventLine(const TraceEvent& event);
  void WriteNarrate(const TraceEvent& event);
  void WriteExpect(const TraceEvent& event);
  void WriteOutput(const TraceEvent& event);
  // Wraps text in an ANSI style when colour is on.
  std::string Style(std::string_view text, std::string_view ansi) const;

  std::ostream& out_;
  std::ostream* err_;
  NarratorOptions options_;
  // True at the start and after a narrated paragraph, so paragraphs get one blank line between.
  bool after_blank_line_ = true;
};

// Parses a user filter: comma-separated terms, added to `base`.
//   kind=PREFIX   show kinds starting with PREFIX (repeat for more; kind=all shows every kind,
//                 the transport's too)
//   hide=PREFIX   hide kinds starting with PREFIX
//   node=NAME     only events at NAME or to/from NAME (repeat for more)
//   quiet         only expectations and error output
// Example: "kind=partition,kind=group,node=broker-1". Throws std::invalid_argument naming the
// bad term and what was expected.
NarratorOptions ParseNarratorFilter(std::string_view filter, NarratorOptions base = {});

}  // namespace kafkasim
