#include "sim/broker/replica_manager.h"

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/zk_data.h"
#include "sim/storage/log_manager.h"

namespace kafkasim {
namespace {

// A produce watch list is purged of answered produces from this length on.
constexpr size_t kPurgeWatchersFrom = 8;

}  // namespace

struct ReplicaManager::DelayedProduce {
  uint64_t id = 0;
  TimerId timeout;  // set once parked; cancelled when answered before it
  NodeId client;
  int32_t correlation_id = 0;
  Time deadline;
  std::map<TopicPartition, PartitionProduceResponse> results;
  // The high watermark each partition must reach, and the partition's slot, resolved once as the
  // request arrives: every high watermark that moves checks the parked produces again.
  struct Required {
    Offset offset;
    const PartitionSlot* slot;
  };
  std::map<TopicPartition, Required> required;
};

ReplicaManager::ReplicaManager(Broker& broker, LogManager& logs)
    : broker_(broker),
      logs_(logs),
      fetch_sessions_(FetchSessionCacheOptions{.max_entries = broker.config().max_incremental_fetch_session_cache_slots},
                      broker.sim().seed(), broker.name() + "/fetch-session-ids") {}
ReplicaManager::~ReplicaManager() = default;

void ReplicaManager::Start() {
  // Partition.maybeShrinkIsr runs every replica.lag.time.max.ms / 2 (ReplicaManager.startup;
  // its run at startup finds every follower just caught up, so the first that matters is here).
  const Duration isr_expiration = Duration::Micros(broker_.config().replica_lag_time_max.micros() / 2);
  Every(isr_expiration, isr_expiration, [this] {
    for (auto& [tp, p] : partitions_) p->MaybeShrinkIsr();
  });
  StartLogSchedules();
}

const ReplicaManager::TopicConfigs* ReplicaManager::ConfigsFor(const std::string& topic,
                                                              const std::map<std::string, std::string>& overrides) {
  auto cached = topic_configs_.find(topic);
  if (cached != topic_configs_.end() && cached->second.overrides == overrides) return &cached->second;
  const BrokerConfig& config = broker_.config();
  const ConfigMap props(overrides.begin(), overrides.end());
  auto topic_config = EffectiveTopicConfig(config, props);
  if (std::holds_alternative<AdminError>(topic_config)) return nullptr;
  TopicConfigs configs{.overrides = overrides,
                       .topic = std::make_shared<const TopicConfig>(std::get<TopicConfig>(std::move(topic_config)))};
  for (const auto& [k, v] : config.log_config_defaults) configs.log.Set(k, v);
  for (const auto& [k, v] : props) configs.log.Set(k, v);
  return &(topic_configs_[topic] = std::move(configs));
}

Partition* ReplicaManager::GetOrCreate(const PartitionState& s) {
  auto it = partitions_.find(s.tp);
  if (it != partitions_.end()) return it->second.get();
  // Every partition of a topic shares the topic's parsed config (LogManager keeps one per topic
  // too, in Kafka: topicConfigs), so the parse happens once a topic, not once a partition.
  const TopicConfigs* configs = ConfigsFor(s.tp.topic, s.topic_config);
  if (configs == nullptr) {
    // Validated when the topic was created: reaching here is a bug.
    assert(false && "topic config was validated at creation");
    return nullptr;
  }
  Log& log = logs_.GetOrCreateLog(s.tp.topic, s.tp.partition, configs->log, broker_.sim().now());
  auto partition = std::make_unique<Partition>(broker_, s.tp, log, configs->topic);
  Partition* p = partition.get();
  partitions_[s.tp] = std::move(partition);
  slots_[s.tp].partition = p;
  LoadHighWatermark(*p);  // Partition.createLog: the log's high watermark from the checkpoint
  return p;
}

ErrorCode ReplicaManager::BecomeLeaderOrFollower(const LeaderAndIsrRequest& request) {
  if (request.controller_epoch < controller_epoch_) {
    broker_.Emit({.kind = "broker.stale_controller",
                  .narration = fmt::format("{} ignored LeaderAndIsr from controller epoch {}: it already heard "
                                           "from epoch {} — a deposed controller cannot change anything",
                                           broker_.name(), request.controller_epoch, controller_epoch_),
                  .rule = "requests carry the controller epoch; older epochs are refused",
                  .fields = {{"epoch", request.controller_epoch}, {"known_epoch", controller_epoch_}}});
    return ErrorCode::kStaleControllerEpoch;
  }
  controller_epoch_ = request.controller_epoch;
  std::map<BrokerId, std::vector<TopicPartition>> to_truncate;
  std::vector<TopicPartition> followed;
  for (const PartitionState& s : request.partitions) {
    auto existing = partitions_.find(s.tp);
    if (existing != partitions_.end() && s.state.leader_epoch < existing->second->state().leader_epoch) continue;
    const bool same_epoch = existing != partitions_.end() &&
                            s.state.leader_epoch == existing->second->state().leader_epoch;
    Partition* p = GetOrCreate(s);
    if (p == nullptr) continue;
    const bool lead = s.state.leader == broker_.id();
    if (same_epoch && p->is_leader() == lead) continue;
    if (lead) {
      p->MakeLeader(s);
    } else {
      p->MakeFollower(s);
      followed.push_back(s.tp);
      if (s.state.leader != kNoLeader) to_truncate[s.state.leader].push_back(s.tp);
    }
    broker_.Emit({.kind = lead ? "replica.leader" : "replica.follower",
                  .narration = lead ? fmt::format("{} now leads {} (leader epoch {}) from its log end offset {}",
                                                  broker_.name(), ToString(s.tp), s.state.leader_epoch,
                                                  p->log_end_offset().value())
                                    : fmt::format("{} follows {} for {} (leader epoch {})", broker_.name(),
                                                  s.state.leader == kNoLeader
                                                      ? std::string("nobody")
                                                      : fmt::format("broker {}", s.state.leader.value()),
                                                  ToString(s.tp), s.state.leader_epoch),
                  .fields = {{"topic", s.tp.topic}, {"partition", s.tp.partition},
                             {"leader", s.state.leader.value()}, {"leader_epoch", s.state.leader_epoch},
                             {"log_end_offset", p->log_end_offset().value()}}});
  }
  // A partition led here no more: the fetches parked on it answer NOT_LEADER_OR_FOLLOWER now
  // (ReplicaManager.makeFollowers completes its delayed fetches).
  for (const TopicPartition& tp : followed) CompleteDelayedFetches(tp);
  // Kafka starts the checkpoint task here, once every partition of the first request exists.
  StartHighWatermarkCheckpointThread();
  for (const auto& [leader, tps] : to_truncate) StartTruncation(leader, tps);
  UpdateFetchers();
  TryCompleteProduces();
  TryCompleteDeleteRecords();  // a partition this broker no longer leads answers NOT_LEADER_OR_FOLLOWER
  return ErrorCode::kNone;
}

std::vector<TopicPartition> ReplicaManager::StopReplicas(const StopReplicaRequest& request) {
  std::vector<TopicPartition> stopped;
  std::vector<std::string> names;  // the followers that stop fetching (without deletion)
  if (request.controller_epoch < controller_epoch_) return stopped;
  controller_epoch_ = request.controller_epoch;
  for (const TopicPartition& tp : request.partitions) {
    if (request.delete_partitions) {
      partitions_.erase(tp);
      logs_.DeleteLog(tp.topic, tp.partition);
      if (auto slot = slots_.find(tp); slot != slots_.end()) {
        slot->second.partition = nullptr;
        // Kafka forces what waited on a partition it led to complete rather than time out.
        TryCompleteProducesOn(slot->second);  // answered NOT_LEADER_OR_FOLLOWER
      }
      CompleteDelayedFetches(tp);  // answered UNKNOWN_TOPIC_OR_PARTITION / NOT_LEADER_OR_FOLLOWER
    } else if (auto it = partitions_.find(tp); it != partitions_.end() && !it->second->is_leader()) {
      it->second->Stop();  // its fetcher lets it go below
      names.push_back(ToString(tp));
    }
    stopped.push_back(tp);
  }
  if (!names.empty()) {
    broker_.Emit({.kind = "replica.stop",
                  .narration = fmt::format("{} stops fetching {}: the controller's StopReplica (its logs are kept)",
                                           broker_.name(), fmt::join(names, ", ")),
                  .fields = {{"partitions", names.size()}}});
  }
  UpdateFetchers();
  return stopped;
}

const Partition* ReplicaManager::Find(const TopicPartition& tp) const { return Lookup(tp); }

Partition* ReplicaManager::FindPartition(const TopicPartition& tp) { return Lookup(tp); }

// --- Produce ---

void ReplicaManager::HandleProduce(const Envelope& envelope) {
  const auto& request = *envelope.As<ProduceRequest>();
  auto delayed = std::make_unique<DelayedProduce>(DelayedProduce{
      .id = next_produce_id_++, .client = envelope.from, .correlation_id = request.correlation_id,
      .deadline = broker_.sim().now() + request.timeout});
  for (auto& [tp, append] : AppendRecords(request.batches, request.acks)) {
    if (append.response.error == ErrorCode::kNone && request.acks == -1) {
      delayed->required[tp] = {.offset = append.last_offset + 1, .slot = &slots_[tp]};
    }
    delayed->results[tp] = std::move(append.response);
  }
  if (request.acks == 0) return;  // no response, ever: the producer does not wait
  if (TryCompleteProduce(*delayed)) return;
  // Parked: watched under each partition it waits for, until they are replicated or it times out.
  for (auto& [tp, required] : delayed->required) {
    // Produces answered by their timeout or a full check leave their ids behind: dropped here
    // once the list is longer than a few, as Kafka's Watchers purge, so a list whose partition
    // stopped moving does not grow.
    std::vector<uint64_t>& watchers = slots_[tp].produce_watchers;
    if (watchers.size() >= kPurgeWatchersFrom) {
      std::erase_if(watchers, [&](uint64_t id) { return ParkedProduce(id) == produces_.end(); });
    }
    watchers.push_back(delayed->id);
  }
  const uint64_t id = delayed->id;
  delayed->timeout = broker_.sim().Schedule(request.timeout, broker_.node(), [this, id] { ExpireProduce(id); });
  produces_.emplace_back(id, std::move(delayed));
}

std::map<TopicPartition, ReplicaManager::LeaderAppend> ReplicaManager::AppendRecords(
    const std::map<TopicPartition, RecordBatch>& batches, int16_t acks) {
  std::map<TopicPartition, LeaderAppend> appended;
  for (const auto& [tp, batch] : batches) {
    LeaderAppend& a = appended[tp];
    if (Partition* p = Lookup(tp)) {
      a.response = p->AppendAsLeader(batch, acks, &a.last_offset);
    } else {
      a.response.error =
          broker_.metadata().Partition(tp) ? ErrorCode::kNotLeaderOrFollower : ErrorCode::kUnknownTopicOrPartition;
    }
  }
  // Kafka completes the delayed fetches once the whole request is appended (the action queue
  // runs after the handler), so a fetch watching several of these partitions sees them all.
  for (const auto& [tp, a] : appended) {
    if (a.response.error == ErrorCode::kNone) CompleteDelayedFetches(tp);
  }
  return appended;
}

bool ReplicaManager::TryCompleteProduce(DelayedProduce& d) {
  bool complete = true;
  for (const auto& [tp, required] : d.required) {
    const Partition* p = required.slot->partition;
    if (p == nullptr || !p->is_leader()) continue;  // answered below
    if (p->high_watermark() < required.offset) complete = false;
  }
  if (!complete && broker_.sim().now() < d.deadline) return false;
  for (const auto& [tp, required] : d.required) {
    PartitionProduceResponse& r = d.results[tp];
    const Partition* p = required.slot->partition;
    if (p == nullptr || !p->is_leader()) {
      r.error = ErrorCode::kNotLeaderOrFollower;
    } else if (p->high_watermark() < required.offset) {
      r.error = ErrorCode::kRequestTimedOut;
    } else if (p->under_min_isr()) {
      r.error = ErrorCode::kNotEnoughReplicasAfterAppend;
    }
  }
  auto response = std::make_unique<ProduceResponse>();
  response->correlation_id = d.correlation_id;
  response->partitions = std::move(d.results);
  broker_.sim().network().Send(broker_.node(), d.client, std::move(response));
  broker_.sim().Cancel(d.timeout);
  return true;
}

ReplicaManager::ParkedProduces::iterator ReplicaManager::ParkedProduce(uint64_t id) {
  const auto it = std::partition_point(produces_.begin(), produces_.end(),
                                       [id](const auto& parked) { return parked.first < id; });
  return it != produces_.end() && it->first == id ? it : produces_.end();
}

void ReplicaManager::TryCompleteProduces() {
  std::erase_if(produces_, [&](const auto& parked) { return TryCompleteProduce(*parked.second); });
}

void ReplicaManager::TryCompleteProducesOn(PartitionSlot& slot) {
  std::erase_if(slot.produce_watchers, [&](uint64_t id) {
    const auto it = ParkedProduce(id);
    if (it == produces_.end()) return true;  // answered already
    if (!TryCompleteProduce(*it->second)) return false;
    produces_.erase(it);
    return true;
  });
}

void ReplicaManager::ExpireProduce(uint64_t id) {
  const auto it = ParkedProduce(id);
  if (it != produces_.end() && TryCompleteProduce(*it->second)) produces_.erase(it);
}

void ReplicaManager::OnHighWatermarkAdvanced(const TopicPartition& tp) {
  if (auto slot = slots_.find(tp); slot != slots_.end()) TryCompleteProducesOn(slot->second);
  CompleteDelayedFetches(tp);  // a consumer reads up to the high watermark
}

// --- ListOffsets and OffsetsForLeaderEpoch ---

void ReplicaManager::HandleListOffsets(const Envelope& envelope) {
  const auto& request = *envelope.As<ListOffsetsRequest>();
  auto response = std::make_unique<ListOffsetsResponse>();
  for (const auto& [tp, timestamp] : request.timestamps) {
    PartitionListOffsetsResponse& r = response->partitions[tp];
    auto it = partitions_.find(tp);
    if (it == partitions_.end() || !it->second->is_leader()) {
      r.error = ErrorCode::kNotLeaderOrFollower;
      continue;
    }
    const Partition& p = *it->second;
    if (timestamp == kLatestTimestamp) {
      r.offset = p.high_watermark();  // a consumer's "latest" is the high watermark
    } else {
      TimestampAndOffset found = p.log().OffsetForTimestamp(timestamp);
      r.timestamp = found.timestamp_ms;
      r.offset = found.offset == kUndefinedOffset ? kUndefinedOffset : std::min(found.offset, p.high_watermark());
      r.leader_epoch = found.leader_epoch;
    }
  }
  broker_.Reply(envelope, std::move(response));
}

void ReplicaManager::HandleOffsetsForLeaderEpoch(const Envelope& envelope) {
  const auto& request = *envelope.As<OffsetsForLeaderEpochRequest>();
  auto response = std::make_unique<OffsetsForLeaderEpochResponse>();
  for (const auto& [tp, epochs] : request.partitions) {
    EpochEndOffsetResponse& r = response->partitions[tp];
    auto it = partitions_.find(tp);
    if (it == partitions_.end() || !it->second->is_leader()) {
      r.error = ErrorCode::kNotLeaderOrFollower;
      continue;
    }
    if (epochs.first.value() < it->second->state().leader_epoch) {
      r.error = ErrorCode::kFencedLeaderEpoch;
      continue;
    }
    EpochEndOffset end = it->second->log().EndOffsetForEpoch(epochs.second);
    r.leader_epoch = end.epoch;
    r.end_offset = end.end_offset;
  }
  broker_.Reply(envelope, std::move(response));
}

void ReplicaManager::HandleAlterPartitionResponse(const Envelope& envelope) {
  const auto& response = *envelope.As<AlterPartitionResponse>();
  auto it = partitions_.find(response.tp);
  if (it != partitions_.end()) it->second->OnAlterPartitionResponse(response);
  TryCompleteProduces();
}

}  // namespace kafkasim

namespace kafkasim {

ReplicaManager::TopicConfigUpdate ReplicaManager::UpdateTopicConfig(const std::string& topic,
                                                                    const std::map<std::string, std::string>& stored) {
  TopicConfigUpdate update;
  const BrokerConfig& config = broker_.config();
  const ConfigMap overrides(stored.begin(), stored.end());
  auto effective = EffectiveTopicConfig(config, overrides);
  if (auto* error = std::get_if<AdminError>(&effective)) {
    // Written behind Kafka's back (zookeeper-shell.sh): Kafka's LogConfig.fromProps throws too.
    update.error = error->message;
    return update;
  }
  const TopicConfigs* configs = ConfigsFor(topic, stored);
  assert(configs != nullptr && "valid: checked just above");
  const TopicConfig& next = *configs->topic;
  const LogConfig& log_config = configs->log;
  std::optional<ParsedConfig> before;
  for (Log* log : logs_.logs()) {
    if (log->topic() != topic) continue;
    if (Partition* p = FindPartition({topic, log->partition()})) {
      if (!before) before = p->config().values;
      p->set_config(configs->topic);
    }
    log->set_config(log_config);
    update.logs.push_back(fmt::format("{}-{}", topic, log->partition()));
  }
  if (update.logs.empty()) return update;
  if (!before) {
    // Logs recovered from disk whose partitions were not created yet: they held the defaults.
    auto defaults = EffectiveTopicConfig(config, {});
    before = std::get<TopicConfig>(defaults).values;
  }
  for (const ConfigKeyDef& def : TopicConfigDefs()) {
    const std::string was = ConfigValueToString(before->Get(def.name));
    const std::string now = ConfigValueToString(next.values.Get(def.name));
    if (was != now) update.changes.push_back(fmt::format("{}: {} -> {}", def.name, was, now));
  }
  return update;
}

}  // namespace kafkasim
