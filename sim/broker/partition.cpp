#include "sim/broker/partition.h"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

#include "sim/broker/broker.h"

namespace kafkasim {
namespace {

// What the log reports about an append (a segment roll) becomes a trace event of the broker.
void EmitLogEvents(Broker& broker, const TopicPartition& tp, const LogEvents& events) {
  for (const LogEvent& e : events) {
    broker.Emit({.kind = e.kind, .narration = e.text, .rule = e.rule,
                 .fields = {{"topic", tp.topic}, {"partition", tp.partition}}});
  }
}

}  // namespace

Partition::Partition(Broker& broker, TopicPartition tp, Log& log, std::shared_ptr<const TopicConfig> config)
    : broker_(broker), tp_(std::move(tp)), log_(log), config_(std::move(config)) {
  // Kafka's LogLoader rebuilds the producer state when it opens the log (from a snapshot and the
  // log after it); kafkasim replays the whole log.
  producer_state_.Rebuild(log_);
}

Offset Partition::InitializeHighWatermark(Offset checkpointed) {
  high_watermark_ = std::clamp(checkpointed, log_.log_start_offset(), log_.log_end_offset());
  return high_watermark_;
}

LogEvents Partition::TruncateTo(Offset offset) {
  LogEvents events = log_.TruncateTo(offset);
  // A checkpointed high watermark may be above what an unclean leader kept.
  high_watermark_ = std::min(high_watermark_, log_.log_end_offset());
  producer_state_.Rebuild(log_);
  return events;
}

void Partition::MakeLeader(const PartitionState& s) {
  const bool was_leader = is_leader_;
  is_leader_ = true;
  stopped_ = false;
  state_ = s.state;
  replicas_ = s.replicas;
  topic_id_ = s.topic_id;
  pending_isr_.reset();
  // Partition.makeLeader: the new epoch starts at our log end; followers' positions are unknown
  // until they fetch again.
  log_.MaybeAssignEpochStartOffset(LeaderEpoch(state_.leader_epoch), log_.log_end_offset());
  leader_epoch_start_offset_ = log_.log_end_offset();
  if (!was_leader) {
    followers_.clear();
    const Time now = broker_.sim().now();
    for (BrokerId r : replicas_) {
      if (r != broker_.id()) followers_[r] = FollowerState{.last_caught_up = now, .last_fetch = now};
    }
  }
  MaybeIncrementHighWatermark();
}

void Partition::MakeFollower(const PartitionState& s) {
  is_leader_ = false;
  stopped_ = false;
  state_ = s.state;
  replicas_ = s.replicas;
  topic_id_ = s.topic_id;
  followers_.clear();
  pending_isr_.reset();
  high_watermark_ = std::min(high_watermark_, log_.log_end_offset());
}

std::vector<BrokerId> Partition::MaximalIsr() const {
  std::vector<BrokerId> isr = state_.isr;
  if (pending_isr_) {
    for (BrokerId b : *pending_isr_) {
      if (!Contains(isr, b)) isr.push_back(b);
    }
  }
  return isr;
}

void Partition::MaybeIncrementHighWatermark() {
  if (!is_leader_) return;
  if (under_min_isr()) return;  // 3.7: no progress with too few in-sync replicas
  // The minimum over the maximal ISR: the committed ISR plus the members a pending change adds.
  Offset min_leo = log_.log_end_offset();
  auto visit = [&](BrokerId b) {
    if (b == broker_.id()) return true;
    auto it = followers_.find(b);
    if (it == followers_.end() || it->second.log_end_offset == kUndefinedOffset) return false;
    min_leo = std::min(min_leo, it->second.log_end_offset);
    return true;
  };
  for (BrokerId b : state_.isr) {
    if (!visit(b)) return;
  }
  if (pending_isr_) {
    for (BrokerId b : *pending_isr_) {
      if (!Contains(state_.isr, b) && !visit(b)) return;
    }
  }
  if (min_leo <= high_watermark_) return;
  high_watermark_ = min_leo;
  assert(high_watermark_ <= log_.log_end_offset() && "the HW never passes the leader's LEO");
  broker_.OnHighWatermarkAdvanced(tp_);
}

PartitionProduceResponse Partition::AppendAsLeader(const RecordBatch& batch, int16_t acks, Offset* last_offset) {
  PartitionProduceResponse r;
  if (!is_leader_) {
    r.error = ErrorCode::kNotLeaderOrFollower;
    return r;
  }
  if (acks == -1 && under_min_isr()) {
    r.error = ErrorCode::kNotEnoughReplicas;
    std::vector<int32_t> isr;
    for (BrokerId id : state_.isr) isr.push_back(id.value());
    r.error_message = fmt::format("The size of the current ISR Set({}) is insufficient to satisfy the min.isr "
                                  "requirement of {} for partition {}",
                                  fmt::join(isr, ", "), config_->min_insync_replicas, ToString(tp_));
    broker_.Emit({.kind = "partition.produce_refused",
                  .narration = fmt::format("{} refused a produce with acks=all: its ISR [{}] has fewer than "
                                           "min.insync.replicas={} members, so nothing was written",
                                           ToString(tp_), JoinIds(state_.isr), config_->min_insync_replicas),
                  .rule = fmt::format("min.insync.replicas={}", config_->min_insync_replicas),
                  .fields = {{"topic", tp_.topic}, {"partition", tp_.partition}}});
    return r;
  }
  const RecordBatchView view = batch.view();
  if (view.producer_id() != batch_format::kNoProducerId) {
    const ProducerAppendCheck check = producer_state_.Check(view, tp_);
    if (check.duplicate) return AnswerDuplicate(view, *check.duplicate, last_offset);
    if (check.error != ErrorCode::kNone) {
      r.error = check.error;
      r.error_message = check.message;
      broker_.Emit({.kind = "partition.sequence_refused",
                    .narration = fmt::format("{} refused a batch of producer {}: {}", ToString(tp_),
                                             view.producer_id(), check.message),
                    .rule = "an idempotent producer's batches must arrive in sequence (KIP-98)",
                    .fields = {{"topic", tp_.topic}, {"partition", tp_.partition},
                               {"producer_id", view.producer_id()}, {"error", ToString(check.error)}}});
      return r;
    }
  }
  LogAppendInfo info = log_.AppendAsLeader(batch, LeaderEpoch(state_.leader_epoch), broker_.sim().now());
  EmitLogEvents(broker_, tp_, info.events);  // a segment roll (segment.bytes, segment.ms) before the append
  if (!info.ok()) {
    r.error = info.error == LogError::kInvalidRecord ? ErrorCode::kInvalidRecord : ErrorCode::kCorruptMessage;
    r.error_message = info.message;
    return r;
  }
  producer_state_.Update(view, info.first_offset.value());
  r.base_offset = info.first_offset;
  r.log_append_time_ms = info.log_append_time_ms;
  r.log_start_offset = log_.log_start_offset();
  *last_offset = info.last_offset;
  MaybeIncrementHighWatermark();  // a single-replica ISR commits at once
  return r;
}

PartitionProduceResponse Partition::AnswerDuplicate(const RecordBatchView& batch, const ProducerBatchMetadata& original,
                                                    Offset* last_offset) {
  // UnifiedLog.append: a duplicate is answered with the original batch's offsets and not
  // appended; with acks=all the answer still waits until those offsets are committed.
  PartitionProduceResponse r;
  r.base_offset = Offset(original.first_offset);
  r.log_start_offset = log_.log_start_offset();
  *last_offset = Offset(original.last_offset);
  broker_.Emit({.kind = "partition.duplicate",
                .narration = fmt::format("{} recognised a retry: producer {} already wrote sequence {}-{} at offsets "
                                         "{}-{}, so the batch is answered with those offsets and not written twice",
                                         ToString(tp_), batch.producer_id(), original.first_seq, original.last_seq,
                                         original.first_offset, original.last_offset),
                .rule = "enable.idempotence=true: the broker keeps the last 5 batches of each producer",
                .fields = {{"topic", tp_.topic}, {"partition", tp_.partition}, {"producer_id", batch.producer_id()},
                           {"offset", original.first_offset}}});
  return r;
}

ErrorCode Partition::CheckFollowerLeaderEpoch(const FetchPartition& fetch) const {
  if (!is_leader_) return ErrorCode::kNotLeaderOrFollower;
  if (fetch.current_leader_epoch == kNoLeaderEpoch) return ErrorCode::kNone;
  if (fetch.current_leader_epoch.value() < state_.leader_epoch) return ErrorCode::kFencedLeaderEpoch;
  if (fetch.current_leader_epoch.value() > state_.leader_epoch) return ErrorCode::kUnknownLeaderEpoch;
  return ErrorCode::kNone;
}

void Partition::UpdateFollowerFetchState(BrokerId follower, const FetchPartition& fetch) {
  if (CheckFollowerLeaderEpoch(fetch) != ErrorCode::kNone) return;
  const Time now = broker_.sim().now();
  FollowerState& f = followers_[follower];
  // Partition.updateFollowerFetchState: caught up if it fetched at our LEO, or at the LEO we had
  // when it last fetched (then it was caught up as of that fetch).
  if (fetch.fetch_offset >= log_.log_end_offset()) {
    f.last_caught_up = now;
  } else if (f.leader_leo_at_last_fetch != kUndefinedOffset && fetch.fetch_offset >= f.leader_leo_at_last_fetch) {
    f.last_caught_up = f.last_fetch;
  }
  const Offset previous_log_end_offset = f.log_end_offset;
  f.log_end_offset = fetch.fetch_offset;
  f.last_fetch = now;
  f.leader_leo_at_last_fetch = log_.log_end_offset();
  f.log_start_offset = fetch.log_start_offset;

  // ISR expansion (Partition.maybeExpandIsr).
  if (!InMaximalIsr(follower) && !pending_isr_ && f.log_end_offset >= high_watermark_ &&
      f.log_end_offset >= leader_epoch_start_offset_) {
    std::vector<BrokerId> isr = state_.isr;
    isr.push_back(follower);
    ProposeIsr(std::move(isr),
               fmt::format("broker {} caught up (its log end {} reached the high watermark {})", follower.value(),
                           f.log_end_offset.value(), high_watermark_.value()),
               "a follower rejoins the ISR once it reaches the high watermark");
  }
  // Only a follower whose log end moved can move the high watermark: an idle follower's fetch
  // (every replica.fetch.wait.max.ms, for every partition of its fetch session) leaves it alone.
  if (f.log_end_offset != previous_log_end_offset) MaybeIncrementHighWatermark();
}

PartitionFetchResponse Partition::ReadForFollower(const FetchPartition& fetch) const {
  PartitionFetchResponse r;
  r.error = CheckFollowerLeaderEpoch(fetch);
  if (r.error != ErrorCode::kNone) return r;
  r.high_watermark = high_watermark_;
  r.log_start_offset = log_.log_start_offset();
  // A follower at our log end has nothing to read (the usual case: every partition of its fetch
  // session is read on every fetch).
  if (fetch.fetch_offset == log_.log_end_offset()) return r;
  LogReadInfo read = log_.Read(fetch.fetch_offset, fetch.partition_max_bytes, log_.log_end_offset());
  if (!read.ok()) {
    r.error = ErrorCode::kOffsetOutOfRange;
  } else {
    r.batches = std::move(read.batches);
    r.size_bytes = read.size_bytes;
  }
  return r;
}

PartitionFetchResponse Partition::ReadForConsumer(const FetchPartition& fetch) const {
  PartitionFetchResponse r;
  if (!is_leader_) {
    r.error = ErrorCode::kNotLeaderOrFollower;
    return r;
  }
  r.high_watermark = high_watermark_;
  r.log_start_offset = log_.log_start_offset();
  if (fetch.fetch_offset > high_watermark_ || fetch.fetch_offset < log_.log_start_offset()) {
    r.error = ErrorCode::kOffsetOutOfRange;
    return r;
  }
  LogReadInfo read = log_.Read(fetch.fetch_offset, fetch.partition_max_bytes, high_watermark_);
  if (!read.ok()) {
    r.error = ErrorCode::kOffsetOutOfRange;
    return r;
  }
  r.batches = std::move(read.batches);
  r.size_bytes = read.size_bytes;
  return r;
}

void Partition::MaybeShrinkIsr() {
  if (!is_leader_ || pending_isr_) return;
  const Time now = broker_.sim().now();
  const Duration lag = broker_.config().replica_lag_time_max;
  std::vector<BrokerId> out_of_sync;
  for (BrokerId b : state_.isr) {
    if (b == broker_.id()) continue;
    auto it = followers_.find(b);
    if (it != followers_.end() && now - it->second.last_caught_up > lag) out_of_sync.push_back(b);
  }
  if (out_of_sync.empty()) return;
  std::vector<BrokerId> isr;
  for (BrokerId b : state_.isr) {
    if (!Contains(out_of_sync, b)) isr.push_back(b);
  }
  ProposeIsr(std::move(isr),
             fmt::format("broker {} has not caught up for more than {}", JoinIds(out_of_sync), FormatDuration(lag)),
             fmt::format("replica.lag.time.max.ms={}", lag.micros() / 1000));
}

void Partition::ProposeIsr(std::vector<BrokerId> isr, std::string why, std::string rule) {
  pending_isr_ = isr;
  broker_.Emit({.kind = isr.size() < state_.isr.size() ? "partition.isr_shrink_proposed" : "partition.isr_expand_proposed",
                .narration = fmt::format("{} leader {} asks the controller to change the ISR [{}] → [{}]: {}",
                                         ToString(tp_), broker_.name(), JoinIds(state_.isr), JoinIds(isr), why),
                .rule = std::move(rule),
                .fields = {{"topic", tp_.topic}, {"partition", tp_.partition}, {"isr", JoinIds(isr)}}});
  auto request = std::make_unique<AlterPartitionRequest>();
  request->broker_id = broker_.id();
  request->tp = tp_;
  request->leader_epoch = state_.leader_epoch;
  request->new_isr = std::move(isr);
  request->partition_epoch = state_.zk_version;
  broker_.SendToController(std::move(request));
}

void Partition::OnAlterPartitionResponse(const AlterPartitionResponse& response) {
  if (!pending_isr_) return;
  pending_isr_.reset();
  if (response.error != ErrorCode::kNone || response.state.leader_epoch != state_.leader_epoch) return;
  const LeaderAndIsr before = state_;
  state_ = response.state;
  const bool shrink = state_.isr.size() < before.isr.size();
  broker_.Emit({.kind = shrink ? "partition.isr_shrink" : "partition.isr_expand",
                .narration = fmt::format("{}: the ISR is now [{}] (was [{}]), written to ZooKeeper by the controller",
                                         ToString(tp_), JoinIds(state_.isr), JoinIds(before.isr)),
                .fields = {{"topic", tp_.topic}, {"partition", tp_.partition}, {"isr", JoinIds(state_.isr)},
                           {"old_isr", JoinIds(before.isr)}}});
  MaybeIncrementHighWatermark();
}

void Partition::AppendFromLeader(const PartitionFetchResponse& response) {
  const Time now = broker_.sim().now();
  for (const RecordBatch& batch : response.batches) {
    if (batch.view().last_offset() < log_.log_end_offset().value()) continue;
    LogAppendInfo info = log_.AppendAsFollower(batch, now);
    EmitLogEvents(broker_, tp_, info.events);  // a follower rolls its own segments, by the same settings
    if (!info.ok()) break;
    producer_state_.Update(batch.view(), batch.view().base_offset());
  }
  if (response.high_watermark != kUndefinedOffset) {
    high_watermark_ = std::max(high_watermark_, std::min(response.high_watermark, log_.log_end_offset()));
  }
  // ReplicaFetcherThread.processPartitionData: after the high watermark, the follower raises its
  // log start to the leader's (LeaderOffsetIncremented: DeleteRecords or the leader's retention),
  // never past its own high watermark; it reports the new one in its next fetch.
  const Offset leader_log_start = response.log_start_offset;
  if (leader_log_start == kUndefinedOffset || leader_log_start <= log_.log_start_offset() ||
      leader_log_start > high_watermark_) {
    return;
  }
  const Offset before = log_.log_start_offset();
  if (log_.DeleteRecordsBefore(leader_log_start, high_watermark_).error != LogError::kNone) return;
  broker_.Emit({.kind = "replica.log_start_offset",
                .narration = fmt::format("{} raised its log start offset of {} from {} to {}, the leader's (from the "
                                         "fetch response): its copy of the records below is unreadable too",
                                         broker_.name(), ToString(tp_), before.value(),
                                         log_.log_start_offset().value()),
                .rule = "a follower's log start follows the leader's log_start_offset in every fetch response",
                .fields = {{"topic", tp_.topic}, {"partition", tp_.partition}, {"from", before.value()},
                           {"to", log_.log_start_offset().value()}, {"reason", "LeaderOffsetIncremented"}}});
}

// AbstractFetcherThread.handleOutOfRangeError: a follower whose log end fell below the leader's
// log start cannot catch up record by record any more; it drops its whole copy and fetches from
// the leader's log start (UnifiedLog.truncateFullyAndStartAt). Without this it would be refused
// forever and never rejoin the ISR.
bool Partition::StartAtLeaderLogStart(Offset leader_log_start) {
  if (is_leader_ || leader_log_start == kUndefinedOffset || leader_log_start <= log_.log_end_offset()) return false;
  const Offset before = log_.log_end_offset();
  EmitLogEvents(broker_, tp_, log_.TruncateFullyAndStartAt(leader_log_start, broker_.sim().now()));
  high_watermark_ = leader_log_start;
  producer_state_.Rebuild(log_);
  broker_.Emit({.kind = "replica.truncate_fully",
                .narration = fmt::format("{} fell off the leader's log of {}: it needs offset {} but the leader "
                                         "starts at {} now (retention or kafka-delete-records.sh removed the rest). "
                                         "It drops its whole copy and fetches from {}",
                                         broker_.name(), ToString(tp_), before.value(), leader_log_start.value(),
                                         leader_log_start.value()),
                .rule = "a follower below the leader's log start truncates fully and starts at it",
                .fields = {{"topic", tp_.topic}, {"partition", tp_.partition}, {"from", before.value()},
                           {"to", leader_log_start.value()}}});
  return true;
}

}  // namespace kafkasim
