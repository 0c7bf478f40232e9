#pragma once
// The states Kafka Connect reports for a connector and for each of its tasks
// (org.apache.kafka.connect.runtime.AbstractStatus.State), and the status of one of them as the
// REST API shows it: the state, the worker it runs on, and for FAILED the Java stack trace.
//
//   UNASSIGNED   configured, not (yet) running anywhere
//   RUNNING      started and working
//   PAUSED       started, but told to stop moving data (PUT .../pause); resumes where it was
//   STOPPED      KIP-875 (3.5+): shut down with its tasks, config kept (PUT .../stop)
//   FAILED       threw; `trace` says what. Stays so until restarted.
//   RESTARTING   a restart was requested and has not completed (KIP-745)

#include <string>
#include <string_view>

namespace kafkasim {

enum class ConnectState { kUnassigned, kRunning, kPaused, kStopped, kFailed, kRestarting };

constexpr std::string_view ToString(ConnectState s) {
  switch (s) {
    case ConnectState::kUnassigned: return "UNASSIGNED";
    case ConnectState::kRunning: return "RUNNING";
    case ConnectState::kPaused: return "PAUSED";
    case ConnectState::kStopped: return "STOPPED";
    case ConnectState::kFailed: return "FAILED";
    case ConnectState::kRestarting: return "RESTARTING";
  }
  return "UNASSIGNED";
}

// The target state a user asked for (TargetState): what the herder drives a connector towards.
enum class TargetState { kStarted, kPaused, kStopped };

struct ConnectStatus {
  ConnectState state = ConnectState::kUnassigned;
  std::string trace;  // only when FAILED
};

enum class ConnectorType { kSource, kSink };
constexpr std::string_view ToString(ConnectorType t) { return t == ConnectorType::kSource ? "source" : "sink"; }

}  // namespace kafkasim
