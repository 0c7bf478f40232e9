#include "sim/tools/consumer_app.h"

#include <cassert>

#include <fmt/format.h>

#include "sim/admin/topic_command_output.h"
#include "sim/core/observation_event.h"
#include "sim/core/domain_event.h"

namespace kafkasim {
namespace {

// default.api.timeout.ms: how long commitSync() retries retriable errors.
constexpr Duration kDefaultApiTimeout = Duration::Millis(60000);

bool IsRetriableCommitError(ErrorCode e) {
  return e == ErrorCode::kCoordinatorNotAvailable || e == ErrorCode::kNotCoordinator ||
         e == ErrorCode::kRequestTimedOut || e == ErrorCode::kCoordinatorLoadInProgress;
}

std::string FormatCommitOffsets(const std::map<TopicPartition, Offset>& offsets) {
  std::vector<std::string> parts;
  for (const auto& [tp, o] : offsets) parts.push_back(fmt::format("{}={}", ToString(tp), o.value()));
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

std::string_view ToString(CommitMode mode) {
  switch (mode) {
    case CommitMode::kAuto: return "auto";
    case CommitMode::kAfterProcess: return "after-process";
    case CommitMode::kBeforeProcess: return "before-process";
  }
  return "?";
}

std::optional<CommitMode> ParseCommitMode(std::string_view text) {
  for (CommitMode m : {CommitMode::kAuto, CommitMode::kAfterProcess, CommitMode::kBeforeProcess}) {
    if (ToString(m) == text) return m;
  }
  return std::nullopt;
}

ConsumerApp::ConsumerApp(Simulation& sim, NodeId self, const BrokerDirectory& directory,
                         std::shared_ptr<ConsumerAppState> state, Ledger& ledger)
    : sim_(sim), self_(self), state_(std::move(state)), ledger_(ledger),
      consumer_(sim, self, directory, state_->spec.config) {}

ConsumerApp::~ConsumerApp() { sim_.Cancel(timer_); }

void ConsumerApp::OnStart() {
  state_->batch = {};  // a restart starts with empty hands
  state_->assignment.clear();
  consumer_.EnableExplicitPoll();
  if (state_->log) consumer_.SetLogSink(state_->log);
  consumer_.SetHandlers([this](const std::vector<ConsumerRecord>& records) { OnRecords(records); },
                        [this](const std::string& exception) {
                          Log(exception);
                          EmitDomainEvent(sim_, self_,
                                          {.kind = "consumer.failed",
                                           .narration = fmt::format("{}'s poll() threw: {}; the application ends its "
                                                                    "poll loop",
                                                                    state_->spec.name, exception)});
                        });
  consumer_.OnStart();
  consumer_.Subscribe({state_->spec.topic});
}

void ConsumerApp::Log(const std::string& line) {
  if (!state_->log) return;
  state_->log(fmt::format("[{}] {}: {}", FormatLog4jTimestamp(sim_.now().millis()), state_->spec.name, line));
}

void ConsumerApp::OnRecords(const std::vector<ConsumerRecord>& records) {
  assert(batch_.empty() && "poll() is not called while a batch is in hand");
  if (stopping_) return;  // close() is under way: a last poll's records are never processed
  const std::string& group = state_->spec.group;
  ConsumerAppStats& stats = state_->stats;
  ++stats.polls;
  stats.polled += records.size();
  state_->batch = {};
  for (const ConsumerRecord& r : records) {
    if (r.value) ledger_.OnPolled(group, r.tp, r.offset, *r.value);
    state_->batch.records.emplace_back(r.tp, r.offset);
  }
  state_->assignment = consumer_.assignment();
  batch_ = records;
  next_ = 0;
  if (state_->spec.commit != CommitMode::kBeforeProcess) return ProcessNext();
  CommitSync(NextOffsets(), sim_.now() + kDefaultApiTimeout, [this](ErrorCode error) {
    if (error != ErrorCode::kNone) {
      // The exception leaves the loop's body before processing: nothing was committed, so the
      // partitions' next owner reads these records again from the committed offsets.
      return EndBatch();
    }
    state_->batch.committed = true;
    ProcessNext();
  });
}

void ConsumerApp::ProcessNext() {
  if (next_ == batch_.size()) return FinishBatch();
  timer_ = sim_.Schedule(state_->spec.process_time, self_, [this] {
    const ConsumerRecord& r = batch_[next_++];
    ++state_->batch.processed;
    ++state_->stats.processed;
    if (r.value && ledger_.OnProcessed(state_->spec.group, r.tp, r.offset, *r.value)) NarrateDuplicate(r);
    ProcessNext();
  });
}

void ConsumerApp::NarrateDuplicate(const ConsumerRecord& r) {
  const ConsumerAppSpec& spec = state_->spec;
  const std::optional<LedgerRecordId> id = ParseLedgerValue(*r.value);
  assert(id && "the ledger only counts its own records as duplicates");
  EmitObservation(sim_, self_,
                  {.kind = "ledger.duplicate",
                   .narration = fmt::format("{} processed {} (offset {} of {}) a second time for group {}: the group had "
                                            "processed it before, but its committed offset was not past it when the "
                                            "partition changed hands",
                                            spec.name, fmt::format("{}#{}", id->app, id->n), r.offset, ToString(r.tp),
                                            spec.group),
                   .rule = spec.commit == CommitMode::kBeforeProcess ? "" : "at-least-once: commit after processing",
                   .fields = {{"group", spec.group}, {"topic", r.tp.topic}, {"partition", r.tp.partition},
                              {"offset", r.offset}}});
}

void ConsumerApp::FinishBatch() {
  if (state_->spec.commit != CommitMode::kAfterProcess) return EndBatch();
  CommitSync(NextOffsets(), sim_.now() + kDefaultApiTimeout, [this](ErrorCode) { EndBatch(); });
}

void ConsumerApp::EndBatch() {
  batch_.clear();
  next_ = 0;
  state_->batch = {};
  PollAgain();
}

void ConsumerApp::PollAgain() {
  if (stopping_) {
    if (on_stopped_) consumer_.Shutdown(std::exchange(on_stopped_, nullptr));
    return;
  }
  consumer_.Poll();
}

std::map<TopicPartition, Offset> ConsumerApp::NextOffsets() const {
  std::map<TopicPartition, Offset> next;
  for (const ConsumerRecord& r : batch_) {
    Offset& o = next[r.tp];
    o = std::max(o, Offset(r.offset + 1));
  }
  return next;
}

void ConsumerApp::CommitSync(std::map<TopicPartition, Offset> offsets, Time deadline,
                             std::function<void(ErrorCode)> then) {
  const ConsumerCoordinator* coordinator = consumer_.coordinator();
  assert(coordinator != nullptr && "a consumer app always has a group");
  const bool was_member = coordinator->state() == ConsumerCoordinator::State::kStable;
  consumer_.Commit(offsets, [this, offsets, deadline, then = std::move(then), was_member](ErrorCode error) {
    if (IsRetriableCommitError(error) && sim_.now() + consumer_.coordinator()->config().retry_backoff < deadline) {
      timer_ = sim_.Schedule(consumer_.coordinator()->config().retry_backoff, self_,
                             [this, offsets, deadline, then] { CommitSync(offsets, deadline, then); });
      return;
    }
    if (error == ErrorCode::kNone) {
      ++state_->stats.commits;
    } else {
      ++state_->stats.failed_commits;
      ReportCommitFailure(error, was_member, offsets);
    }
    then(error);
  });
}

void ConsumerApp::ReportCommitFailure(ErrorCode error, bool was_member,
                                      const std::map<TopicPartition, Offset>& offsets) {
  std::string exception;
  if (IsRetriableCommitError(error)) {
    exception = fmt::format("org.apache.kafka.common.errors.TimeoutException: Timeout of {}ms expired before "
                            "successfully committing offsets {{{}}}",
                            kDefaultApiTimeout.millis(), FormatCommitOffsets(offsets));
  } else if (error == ErrorCode::kRebalanceInProgress) {
    exception = "org.apache.kafka.common.errors.RebalanceInProgressException: Offset commit cannot be completed since "
                "the consumer is undergoing a rebalance for auto partition assignment. You can try completing the "
                "rebalance by calling poll() and then retry the operation.";
  } else if (!was_member) {
    exception = "org.apache.kafka.clients.consumer.CommitFailedException: Offset commit cannot be completed since the "
                "consumer is not part of an active group for auto partition assignment; it is likely that the "
                "consumer was kicked out of the group.";
  } else {
    exception = "org.apache.kafka.clients.consumer.CommitFailedException: Commit cannot be completed since the group "
                "has already rebalanced and assigned the partitions to another member. This means that the time "
                "between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which "
                "typically implies that the poll loop is spending too much time message processing. You can address "
                "this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in "
                "poll() with max.poll.records.";
  }
  Log("commitSync failed: " + exception);
  // "org.apache.kafka.clients.consumer.CommitFailedException: ..." -> "CommitFailedException"
  const size_t colon = exception.find(':');
  const size_t dot = exception.rfind('.', colon);
  const std::string exception_name = exception.substr(dot + 1, colon - dot - 1);
  const bool before = state_->spec.commit == CommitMode::kBeforeProcess;
  EmitDomainEvent(sim_, self_,
                  {.kind = "consumer.commit_failed",
                   .narration = fmt::format(
                       "{}'s commitSync of {} failed ({}): {}", state_->spec.name, FormatCommitOffsets(offsets),
                       exception_name,
                       before ? "it does not process the batch, and nothing was committed, so whoever owns the "
                                "partitions next reads it again from the committed offsets"
                              : "the records it processed stay uncommitted, so whoever owns the partitions next "
                                "processes them again (at-least-once)"),
                   .rule = fmt::format("--commit {}", ToString(state_->spec.commit)),
                   .fields = {{"group", state_->spec.group}, {"error", ToString(error)}}});
}

void ConsumerApp::Shutdown(std::function<void()> done) {
  stopping_ = true;
  on_stopped_ = std::move(done);
  if (batch_.empty()) PollAgain();  // else once the batch in hand is done
}

}  // namespace kafkasim
