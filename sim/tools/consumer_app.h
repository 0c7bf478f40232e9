#pragma once
// A simulated application that consumes (`consumer start NAME --group G --topic T ...`): a
// process with a KafkaConsumer inside, subscribed to T in group G, in the classic poll loop:
//
//   while (running) {
//     records = consumer.poll();
//     [before-process]  consumer.commitSync(next offsets of records)   // at-most-once
//     for (record : records) process(record);                         // process-time each
//     [after-process]   consumer.commitSync(next offsets of records)   // at-least-once
//   }                   [auto] enable.auto.commit: poll() commits what earlier polls returned
//
// Processing takes simulated time, during which the application is away from poll(): the
// consumer's heartbeat thread keeps the membership alive, but a batch that takes longer than
// max.poll.interval.ms makes the member leave the group (consumer_coordinator.h).
// A commitSync that fails with CommitFailedException (the member was put out of the group) is
// logged and the loop goes on, as most applications do: the next poll() joins again. Retriable
// commit errors are retried every retry.backoff.ms for default.api.timeout.ms (60 s).
//
// Every record handed over and processed goes to the ledger (sim/ledger/group_processing.h).
// The spec, the counters and the batch in hand live outside the process (ConsumerAppState), so
// that a crash can be explained (consumer_app_part.h) and a restarted app is the same app: it
// subscribes again and resumes from the group's committed offsets.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/client/consumer.h"
#include "sim/ledger/ledger.h"

namespace kafkasim {

enum class CommitMode { kAuto, kAfterProcess, kBeforeProcess };
std::string_view ToString(CommitMode mode);  // "auto", "after-process", "before-process"
std::optional<CommitMode> ParseCommitMode(std::string_view text);

struct ConsumerAppSpec {
  std::string name;
  std::string group;
  std::string topic;
  Duration process_time = Duration::Millis(5);  // per record
  CommitMode commit = CommitMode::kAuto;
  ConsumerConfig config;  // group.id set; enable.auto.commit as the mode says
};

struct ConsumerAppStats {
  uint64_t polls = 0, polled = 0, processed = 0, commits = 0, failed_commits = 0;
};

// The poll the application is working through.
struct ConsumerAppBatch {
  std::vector<std::pair<TopicPartition, int64_t>> records;  // partition and offset, in poll order
  size_t processed = 0;                                     // the first `processed` are done
  bool committed = false;                                   // before-process: their offsets are committed
};

struct ConsumerAppState {
  ConsumerAppSpec spec;
  ConsumerAppStats stats;
  ConsumerAppBatch batch;
  std::vector<TopicPartition> assignment;  // as of the last poll
  // Where the application's log lines go (the consumer's WARN/ERROR lines and its exceptions).
  std::function<void(const std::string&)> log;
};

class ConsumerApp : public Process {
 public:
  ConsumerApp(Simulation& sim, NodeId self, const BrokerDirectory& directory, std::shared_ptr<ConsumerAppState> state,
              Ledger& ledger);
  ~ConsumerApp() override;

  void OnStart() override;
  void OnMessage(const Envelope& envelope) override { consumer_.OnMessage(envelope); }
  // `consumer stop`: the batch in hand is finished (and committed as the mode says), then the
  // consumer closes: auto commit, LeaveGroup.
  void Shutdown(std::function<void()> done) override;

  const Consumer& consumer() const { return consumer_; }

 private:
  void OnRecords(const std::vector<ConsumerRecord>& records);
  void ProcessNext();
  // The ledger says the group had processed `r` before: at-least-once shows.
  void NarrateDuplicate(const ConsumerRecord& r);
  void FinishBatch();
  void EndBatch();
  void PollAgain();
  std::map<TopicPartition, Offset> NextOffsets() const;
  // commitSync(offsets): retriable errors are retried until `deadline`; `then` gets the outcome.
  void CommitSync(std::map<TopicPartition, Offset> offsets, Time deadline, std::function<void(ErrorCode)> then);
  void ReportCommitFailure(ErrorCode error, bool was_member, const std::map<TopicPartition, Offset>& offsets);
  void Log(const std::string& line);

  Simulation& sim_;
  NodeId self_;
  std::shared_ptr<ConsumerAppState> state_;
  Ledger& ledger_;
  Consumer consumer_;
  std::vector<ConsumerRecord> batch_;
  size_t next_ = 0;
  TimerId timer_;
  bool stopping_ = false;
  std::function<void()> on_stopped_;
};

}  // namespace kafkasim
