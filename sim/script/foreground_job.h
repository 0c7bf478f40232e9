#pragma once
// A command that runs in the foreground as a node's process: a console consumer waiting for
// --max-messages, a perf test, an admin tool, curl. The shell waits for it, so it owes the shell
// exactly one exit code. It ends when the command finishes, or when its node is ended from
// elsewhere, and the console gets its prompt back instead of waiting forever:
//   crash, power-off  SIGKILL: a shell prints "Killed"; exit status 137 (128 + 9)
//   stop              SIGTERM: the JVM runs the tool's shutdown hook, then exits with 143 (128 + 15)

#include <functional>
#include <map>

#include "sim/core/strong_int.h"

namespace kafkasim {

class Session;

class ForegroundJob {
 public:
  ForegroundJob() = default;
  ~ForegroundJob();
  ForegroundJob(const ForegroundJob&) = delete;
  ForegroundJob& operator=(const ForegroundJob&) = delete;

  // The shell's continuation, given to Invocation::Start.
  void Begin(Session& session, std::function<void(int exit_code)> done);
  // The node the command runs as: killing it ends the job.
  void RunsAs(NodeId node);
  // Ends the job with `exit_code`. Only the first call counts: a step that fails after another
  // already ended the job (or after the node was killed) must not report twice.
  void Finish(int exit_code);
  // Still waited for by the shell.
  bool running() const { return static_cast<bool>(done_); }
  // What the tool's shutdown hook does on SIGTERM (the console consumer prints its total).
  void OnTerminate(std::function<void()> hook) { on_terminate_ = std::move(hook); }

 private:
  friend class ForegroundJobs;
  void Killed();
  void Terminated();

  Session* session_ = nullptr;
  NodeId node_ = kNoNode;
  std::function<void(int)> done_;
  std::function<void()> on_terminate_;
};

// The session's foreground jobs by the node each runs as (Session::part). `crash` and
// `power-off` tell it which node died.
class ForegroundJobs {
 public:
  explicit ForegroundJobs(Session&) {}
  // `node` was killed: the job running as it, if any, ends with exit status 137.
  void Killed(NodeId node);
  // `node` was stopped (SIGTERM) and has shut down: its job ends with exit status 143.
  void Terminated(NodeId node);

 private:
  friend class ForegroundJob;
  // Looked up by node, never iterated.
  std::map<NodeId, ForegroundJob*> jobs_;
};

}  // namespace kafkasim
