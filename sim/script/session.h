#pragma once
// A session is one simulated world driven by commands: the simulation, the commands and
// expectation queries it understands, and the record of what its commands printed and
// expected. The console, the scenario runner and (later) the visualizer each drive one.
//
// Output: what a command prints is traced as `script.output` events, so it lands in every sink
// (the terminal narrator prints it raw, the recorder stores it) in its place in the timeline.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <typeindex>
#include <vector>

#include "sim/core/simulation.h"
#include "sim/script/command.h"
#include "sim/script/query.h"
#include "sim/script/source_location.h"

namespace kafkasim {

struct SessionOptions {
  uint64_t seed = 1;
};

struct ExpectationOutcome {
  SourceLocation location;
  std::string query;     // "node broker-0 state"
  std::string op;        // "=="
  std::string expected;  // "crashed"
  std::string actual;
  bool ok = false;
};

class Session {
 public:
  explicit Session(SessionOptions options = {});
  ~Session();

  Simulation& sim() { return sim_; }
  Trace& trace() { return sim_.trace(); }
  const CommandRegistry& commands() const { return commands_; }
  CommandRegistry& commands() { return commands_; }
  const QueryRegistry& queries() const { return queries_; }
  QueryRegistry& queries() { return queries_; }

  // Announces a command about to start (`$ kafka-topics.sh ...` in the narration) and makes it
  // the cause of what follows. `late_by` is how much later than written an `at T` line starts.
  void BeginCommand(const std::string& text, const SourceLocation& source, Duration late_by = Duration());
  // Where the command now running was written.
  const SourceLocation& source() const { return source_; }
  // Starts a command as a shell runs it: once it completes, `$?` holds its exit code.
  void Start(Invocation& invocation, std::function<void(int exit_code)> done);
  // The exit code of the command that completed last (`echo $?`); 0 before any.
  int last_exit_code() const { return last_exit_code_; }

  // One or more lines of a command's standard output / standard error.
  void Print(std::string_view text) { Output("stdout", text); }
  void PrintError(std::string_view text) { Output("stderr", text); }
  // A line the teacher wants shown.
  void Narrate(std::string_view text);
  // A state change made by a command (a crash, a split), narrated and traced as `kind`.
  TraceSeq Emit(std::string kind, std::string node, std::string narration,
                nlohmann::ordered_json fields = nlohmann::ordered_json::object());

  // Expectations evaluated so far, in order.
  void RecordExpectation(ExpectationOutcome outcome);
  const std::vector<ExpectationOutcome>& expectations() const { return expectations_; }

  // How many trace events of a kind have happened ("partition.isr_shrink"), or of every kind
  // under a prefix ("net" counts net.send, net.deliver and net.drop).
  uint64_t CountEvents(std::string_view kind) const;

  // State a part of Kafka keeps for the whole session (the ZooKeeper ensemble, the brokers'
  // listeners), created on first use as T(Session&). Parts live as long as the session.
  template <typename T>
  T& part() {
    auto it = parts_.find(std::type_index(typeid(T)));
    if (it == parts_.end()) {
      it = parts_.emplace(std::type_index(typeid(T)), std::make_shared<T>(*this)).first;
    }
    return *static_cast<T*>(it->second.get());
  }

  // The node a user named, or a UsageError-style message for the console.
  Node* FindNode(std::string_view name) { return sim_.FindNode(name); }
  // A node name the user typed that does not exist: "no node named 'broker-9' (nodes: ...)".
  std::string UnknownNodeMessage(std::string_view name);

 private:
  void Output(std::string_view stream, std::string_view text);

  Simulation sim_;
  CommandRegistry commands_;
  QueryRegistry queries_;
  SourceLocation source_;
  int last_exit_code_ = 0;
  std::vector<ExpectationOutcome> expectations_;
  // Looked up by type, never iterated.
  std::map<std::type_index, std::shared_ptr<void>> parts_;
};

}  // namespace kafkasim
