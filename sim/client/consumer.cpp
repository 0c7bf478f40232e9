#include "sim/client/consumer.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/admin/config_def.h"
#include "sim/core/observation_event.h"
#include "sim/core/domain_event.h"
#include "sim/storage/log_types.h"

namespace kafkasim {
namespace {

const ConfigKeyDef kConsumerDefs[] = {
    {"bootstrap.servers", ConfigType::kList, ""},
    {"client.id", ConfigType::kString, ""},
    {"group.id", ConfigType::kString, std::nullopt},
    {"auto.offset.reset", ConfigType::kString, "latest", ConfigValidator::In({"latest", "earliest", "none"})},
    {"max.poll.records", ConfigType::kInt, "500", ConfigValidator::AtLeast(1)},
    {"fetch.min.bytes", ConfigType::kInt, "1", ConfigValidator::AtLeast(0)},
    {"fetch.max.wait.ms", ConfigType::kInt, "500", ConfigValidator::AtLeast(0)},
    {"fetch.max.bytes", ConfigType::kInt, "52428800", ConfigValidator::AtLeast(0)},
    {"max.partition.fetch.bytes", ConfigType::kInt, "1048576", ConfigValidator::AtLeast(0)},
    {"request.timeout.ms", ConfigType::kInt, "30000", ConfigValidator::AtLeast(0)},
    {"retry.backoff.ms", ConfigType::kLong, "100", ConfigValidator::AtLeast(0)},
    {"metadata.max.age.ms", ConfigType::kLong, "300000", ConfigValidator::AtLeast(0)},
    {"group.instance.id", ConfigType::kString, std::nullopt},
    {"session.timeout.ms", ConfigType::kInt, "45000"},
    {"heartbeat.interval.ms", ConfigType::kInt, "3000"},
    {"max.poll.interval.ms", ConfigType::kInt, "300000", ConfigValidator::AtLeast(1)},
    {"enable.auto.commit", ConfigType::kBoolean, "true"},
    {"auto.commit.interval.ms", ConfigType::kInt, "5000", ConfigValidator::AtLeast(0)},
    {"partition.assignment.strategy", ConfigType::kList,
     "org.apache.kafka.clients.consumer.RangeAssignor,org.apache.kafka.clients.consumer.CooperativeStickyAssignor"},
    {"key.deserializer", ConfigType::kClass, "org.apache.kafka.common.serialization.ByteArrayDeserializer"},
    {"value.deserializer", ConfigType::kClass, "org.apache.kafka.common.serialization.ByteArrayDeserializer"},
};

std::optional<std::string_view> Text(const NullableBytes& b) {
  if (!b) return std::nullopt;
  return AsString(*b);
}

}  // namespace

AdminResult<ParsedConsumerConfig> ParseConsumerConfig(const std::map<std::string, std::string, std::less<>>& props) {
  auto parsed = ParseConfigs(kConsumerDefs, props);
  if (auto* e = std::get_if<AdminError>(&parsed)) return *e;
  const ParsedConfig& v = std::get<ParsedConfigs>(parsed).values;
  ParsedConsumerConfig out{.unknown = std::get<ParsedConfigs>(parsed).unknown};
  ConsumerConfig& c = out.config;
  c.bootstrap_servers = v.GetList("bootstrap.servers");
  if (c.bootstrap_servers.empty()) {
    return MakeAdminError(exceptions::kConfigException, "No resolvable bootstrap urls given in bootstrap.servers");
  }
  if (!v.GetString("client.id").empty()) c.client_id = v.GetString("client.id");
  const std::string& reset = v.GetString("auto.offset.reset");
  c.auto_offset_reset = reset == "earliest" ? OffsetResetStrategy::kEarliest
                        : reset == "none"   ? OffsetResetStrategy::kNone
                                            : OffsetResetStrategy::kLatest;
  c.max_poll_records = v.GetInt("max.poll.records");
  c.fetch_min_bytes = v.GetInt("fetch.min.bytes");
  c.fetch_max_wait = Duration::Millis(v.GetInt("fetch.max.wait.ms"));
  c.fetch_max_bytes = v.GetInt("fetch.max.bytes");
  c.max_partition_fetch_bytes = v.GetInt("max.partition.fetch.bytes");
  c.request_timeout = Duration::Millis(v.GetInt("request.timeout.ms"));
  c.retry_backoff = Duration::Millis(v.GetLong("retry.backoff.ms"));
  c.metadata_max_age = Duration::Millis(v.GetLong("metadata.max.age.ms"));
  if (!v.IsNull("group.id") && !v.GetString("group.id").empty()) {
    GroupConfig g{.group_id = v.GetString("group.id"), .client_id = c.client_id};
    if (!v.IsNull("group.instance.id")) g.group_instance_id = v.GetString("group.instance.id");
    g.session_timeout = Duration::Millis(v.GetInt("session.timeout.ms"));
    g.heartbeat_interval = Duration::Millis(v.GetInt("heartbeat.interval.ms"));
    g.max_poll_interval = Duration::Millis(v.GetInt("max.poll.interval.ms"));
    g.enable_auto_commit = v.GetBool("enable.auto.commit");
    g.auto_commit_interval = Duration::Millis(v.GetInt("auto.commit.interval.ms"));
    g.request_timeout = c.request_timeout;
    g.retry_backoff = c.retry_backoff;
    if (g.heartbeat_interval >= g.session_timeout) {
      return MakeAdminError(exceptions::kConfigException, "heartbeat.interval.ms must be set lower than session.timeout.ms");
    }
    // Kafka's default [RangeAssignor, CooperativeStickyAssignor]: range is the group's first
    // choice, and the rebalance protocol is the highest one all listed assignors support: EAGER.
    g.assignors.clear();
    for (const std::string& name : v.GetList("partition.assignment.strategy")) {
      auto a = MakeAssignor(name);
      if (!a) {
        // ConsumerPartitionAssignor.getAssignorInstances: the class cannot be loaded.
        return MakeAdminError(exceptions::kKafkaException,
                              fmt::format("{} ClassNotFoundException exception occurred", name));
      }
      g.assignors.emplace_back(a->name());
    }
    if (g.assignors.empty()) {
      return MakeAdminError(exceptions::kConfigException,
                            "Must configure at least one partition assigner class name to partition.assignment.strategy "
                            "configuration property");
    }
    c.group = std::move(g);
  }
  return out;
}

Consumer::Consumer(Simulation& sim, NodeId self, const BrokerDirectory& directory, ConsumerConfig config)
    : sim_(sim), self_(self), directory_(directory), config_(std::move(config)),
      network_(sim, self, directory,
               fmt::format("[Consumer clientId={}, groupId={}]", config_.client_id,
                           config_.group ? config_.group->group_id : "null")) {
  if (config_.group) {
    coordinator_ = std::make_unique<ConsumerCoordinator>(
        sim_, self_, directory_, network_, metadata_, *config_.group,
        ConsumerCoordinator::Hooks{
            .on_assigned = [this](const std::vector<TopicPartition>& tps) { OnAssigned(tps); },
            .on_revoked = [this](const std::vector<TopicPartition>& tps, bool lost) { OnRevoked(tps, lost); },
            .consumed = [this] { return ConsumedPositions(); },
            .wake = [this](Time at) { Wake(at); },
            .on_fatal = [this](const std::string& exception_line) { Fail(exception_line); }});
  }
}

Consumer::~Consumer() = default;

void Consumer::OnStart() { Wake(sim_.now()); }

void Consumer::OnMessage(const Envelope& envelope) { network_.Deliver(envelope); }

void Consumer::SetHandlers(RecordHandler records, ErrorHandler errors) {
  on_records_ = std::move(records);
  on_error_ = std::move(errors);
}

void Consumer::Assign(std::vector<TopicPartition> partitions) {
  std::map<TopicPartition, PartitionState> next;
  for (TopicPartition& tp : partitions) {
    metadata_.AddTopic(tp.topic);
    auto it = assigned_.find(tp);
    next[tp] = it == assigned_.end() ? PartitionState{} : it->second;
  }
  assigned_ = std::move(next);
  metadata_.RequestUpdate();
  Wake(sim_.now());
}

void Consumer::AssignAllPartitions(const std::string& topic) {
  assign_all_of_ = topic;
  metadata_.AddTopic(topic);
  metadata_.RequestUpdate();
  Wake(sim_.now());
}

void Consumer::Seek(const TopicPartition& tp, Offset offset) {
  PartitionState& s = assigned_[tp];
  s.position = offset;
  s.reset_to.reset();
  // Records fetched for the old position are not returned any more (the fetch buffer drops a
  // partition whose position moved).
  std::erase_if(buffered_, [&](const ConsumerRecord& r) { return r.tp == tp; });
  Wake(sim_.now());
}

void Consumer::SeekToBeginning(const TopicPartition& tp) {
  assigned_[tp] = PartitionState{.reset_to = kEarliestTimestamp};
  Wake(sim_.now());
}

void Consumer::SeekToEnd(const TopicPartition& tp) {
  assigned_[tp] = PartitionState{.reset_to = kLatestTimestamp};
  Wake(sim_.now());
}

std::optional<Offset> Consumer::Position(const TopicPartition& tp) const {
  auto it = assigned_.find(tp);
  return it == assigned_.end() ? std::nullopt : it->second.position;
}

std::optional<Offset> Consumer::HighWatermark(const TopicPartition& tp) const {
  auto it = assigned_.find(tp);
  if (it == assigned_.end() || it->second.high_watermark == kUndefinedOffset) return std::nullopt;
  return it->second.high_watermark;
}

int64_t Consumer::ResetTimestamp() const {
  return config_.auto_offset_reset == OffsetResetStrategy::kEarliest ? kEarliestTimestamp : kLatestTimestamp;
}

void Consumer::Poll() {
  assert(explicit_poll_);
  in_poll_ = true;
  Wake(sim_.now());
}

void Consumer::Run() {
  if (failed_) return;
  const Time now = sim_.now();
  if (coordinator_) {
    if (in_poll()) {
      coordinator_->Poll(now);
    } else {
      coordinator_->PollHeartbeatThread(now);
    }
  }
  if (assign_all_of_) {
    if (auto count = metadata_.PartitionCount(*assign_all_of_)) {
      for (int32_t p = 0; p < *count; ++p) assigned_.try_emplace(TopicPartition{*assign_all_of_, p});
    }
  }
  MaybeUpdateMetadata(now);
  // Fetches are sent from poll() (the one sent as poll() returns is answered meanwhile); the
  // heartbeat thread only completes what is in flight.
  if (!in_poll()) return;
  ResetPositions();
  SendFetches();
  Deliver();
}

void Consumer::MaybeUpdateMetadata(Time now) {
  if (metadata_in_flight_ || metadata_.topics().empty()) return;
  const Time due = metadata_.NextUpdateTime(config_.metadata_max_age, config_.retry_backoff);
  if (due > now) return Wake(due);
  NodeId node = kNoNode;
  std::string label;
  for (const BrokerMetadata& b : metadata_.brokers()) {
    const NodeId n = directory_.NodeOf(b.id);
    if (n != kNoNode && sim_.node(n).running()) {
      node = n;
      label = fmt::format("node {} ({})", b.id.value(), FormatAddress(b.host, b.port));
      break;
    }
  }
  if (node == kNoNode) {
    const size_t index = next_bootstrap_++ % config_.bootstrap_servers.size();
    node = directory_.Resolve(config_.bootstrap_servers[index]);
    label = BootstrapNodeLabel(config_.bootstrap_servers, index);
  }
  if (!network_.Connectable(node, label)) return Wake(now + kReconnectBackoff);
  auto request = std::make_unique<MetadataRequest>();
  request->topics = std::vector<std::string>(metadata_.topics().begin(), metadata_.topics().end());
  request->allow_auto_topic_creation = true;
  metadata_in_flight_ = true;
  network_.Send(
      node, std::move(request), config_.request_timeout,
      [this](const Envelope& e) {
        metadata_in_flight_ = false;
        if (const auto* m = e.As<MetadataResponse>()) {
          const auto errors = metadata_.Update(*m, sim_.now());
          if (!errors.empty()) {
            std::vector<std::string> parts;
            for (const auto& [topic, error] : errors) parts.push_back(fmt::format("{}={}", topic, ToString(error)));
            network_.Log("WARN",
                         fmt::format("Error while fetching metadata with correlation id {} : {{{}}}", m->correlation_id,
                                     fmt::join(parts, ", ")),
                         "org.apache.kafka.clients.NetworkClient");
            metadata_.RequestUpdate();
          }
        }
        Wake(sim_.now());
      },
      [this](ErrorCode, const std::string&) {
        metadata_in_flight_ = false;
        metadata_.RequestUpdate();
        Wake(sim_.now());
      });
}

void Consumer::ResetPositions() {
  FetchCommittedOffsets();
  // One ListOffsets per leader for the partitions without a position.
  std::map<BrokerId, std::map<TopicPartition, int64_t>> by_leader;
  for (auto& [tp, s] : assigned_) {
    if (s.position || s.listing || s.need_committed) continue;
    if (!s.reset_to) {
      if (config_.auto_offset_reset == OffsetResetStrategy::kNone) {
        return Fail(fmt::format("org.apache.kafka.clients.consumer.NoOffsetForPartitionException: Undefined offset "
                                "with no reset policy for partitions: [{}]",
                                ToString(tp)));
      }
      s.reset_to = ResetTimestamp();
    }
    const BrokerId leader = metadata_.LeaderFor(tp);
    if (leader == kNoLeader) {
      metadata_.RequestUpdate();
      continue;
    }
    by_leader[leader][tp] = *s.reset_to;
  }
  for (auto& [leader, timestamps] : by_leader) {
    const NodeId node = directory_.NodeOf(leader);
    if (!network_.Connectable(node, [&] { return NodeLabel(leader.value(), directory_, node); })) {
      metadata_.RequestUpdate();
      Wake(sim_.now() + kReconnectBackoff);
      continue;
    }
    auto request = std::make_unique<ListOffsetsRequest>();
    request->timestamps = timestamps;
    for (const auto& [tp, ts] : timestamps) assigned_[tp].listing = true;
    auto tps = std::make_shared<std::vector<TopicPartition>>();
    for (const auto& [tp, ts] : timestamps) tps->push_back(tp);
    auto release = [this, tps] {
      for (const TopicPartition& tp : *tps) {
        if (auto it = assigned_.find(tp); it != assigned_.end()) it->second.listing = false;
      }
    };
    network_.Send(
        node, std::move(request), config_.request_timeout,
        [this, release](const Envelope& e) {
          release();
          const auto* r = e.As<ListOffsetsResponse>();
          if (r == nullptr) return;
          for (const auto& [tp, p] : r->partitions) {
            auto it = assigned_.find(tp);
            if (it == assigned_.end() || it->second.position) continue;
            if (p.error != ErrorCode::kNone) {
              metadata_.RequestUpdate();
              continue;
            }
            const bool earliest = it->second.reset_to == kEarliestTimestamp;
            it->second.position = p.offset;
            it->second.reset_to.reset();
            EmitDomainEvent(sim_, self_,
                            {.kind = "consumer.reset",
                             .narration = fmt::format("{} has no position: starts at offset {}, the {} offset", ToString(tp),
                                                      p.offset.value(), earliest ? "earliest" : "latest"),
                             .rule = fmt::format("auto.offset.reset={}", earliest ? "earliest" : "latest"),
                             .fields = {{"partition", ToString(tp)}, {"offset", p.offset.value()}}});
          }
          Wake(sim_.now());
        },
        [this, release](ErrorCode, const std::string&) {
          release();
          metadata_.RequestUpdate();
          Wake(sim_.now() + config_.retry_backoff);
        });
  }
}

void Consumer::SendFetches() {
  std::map<BrokerId, std::map<TopicPartition, FetchPartition>> by_leader;
  for (const auto& [tp, s] : assigned_) {
    if (!s.position) continue;
    const BrokerId leader = metadata_.LeaderFor(tp);
    if (leader == kNoLeader) {
      metadata_.RequestUpdate();
      continue;
    }
    if (fetching_[leader]) continue;
    by_leader[leader][tp] = FetchPartition{.fetch_offset = *s.position,
                                           .current_leader_epoch = LeaderEpoch(metadata_.LeaderEpochFor(tp)),
                                           .partition_max_bytes = config_.max_partition_fetch_bytes};
  }
  for (auto& [leader, partitions] : by_leader) {
    const NodeId node = directory_.NodeOf(leader);
    if (!network_.Connectable(node, [&] { return NodeLabel(leader.value(), directory_, node); })) {
      metadata_.RequestUpdate();
      Wake(sim_.now() + kReconnectBackoff);
      continue;
    }
    // An incremental fetch session with the leader: after the first, full fetch, a request names
    // only the partitions whose position changed.
    FetchSessionHandler::Request built = fetch_sessions_[leader].Build(partitions);
    auto request = std::make_unique<FetchRequest>();
    request->max_wait = config_.fetch_max_wait;
    request->min_bytes = config_.fetch_min_bytes;
    request->max_bytes = config_.fetch_max_bytes;
    request->session_id = built.session_id;
    request->session_epoch = built.session_epoch;
    request->partitions = std::move(built.to_send);
    request->forgotten = std::move(built.forgotten);
    fetching_[leader] = true;
    network_.Send(
        node, std::move(request), config_.request_timeout + config_.fetch_max_wait,
        [this, leader](const Envelope& e) {
          fetching_[leader] = false;
          if (const auto* r = e.As<FetchResponse>()) HandleFetch(leader, *r);
          Wake(sim_.now());
        },
        [this, leader](ErrorCode, const std::string&) {
          fetching_[leader] = false;
          fetch_sessions_[leader].HandleError();
          metadata_.RequestUpdate();
          Wake(sim_.now() + config_.retry_backoff);
        });
  }
}

void Consumer::HandleFetch(BrokerId broker, const FetchResponse& response) {
  // A session error: nothing to read this time, the next fetch is full.
  if (!fetch_sessions_[broker].HandleResponse(response)) return;
  for (const auto& [tp, p] : response.partitions) {
    auto it = assigned_.find(tp);
    if (it == assigned_.end() || !it->second.position) continue;
    PartitionState& s = it->second;
    switch (p.error) {
      case ErrorCode::kNone:
        break;
      case ErrorCode::kOffsetOutOfRange:
        if (config_.auto_offset_reset == OffsetResetStrategy::kNone) {
          return Fail(fmt::format("org.apache.kafka.clients.consumer.OffsetOutOfRangeException: Fetch position "
                                  "FetchPosition{{offset={}}} is out of range for partition {}",
                                  s.position->value(), ToString(tp)));
        }
        network_.Log("INFO",
                     fmt::format("Resetting offset for partition {} to position FetchPosition{{offset={}}}: out of range",
                                 ToString(tp), s.position->value()),
                     "org.apache.kafka.clients.consumer.internals.SubscriptionState");
        s.position.reset();
        s.reset_to = ResetTimestamp();
        continue;
      default:
        // NOT_LEADER_OR_FOLLOWER, UNKNOWN_TOPIC_OR_PARTITION, FENCED_LEADER_EPOCH, ...: the
        // leader moved or is being elected; find it again.
        metadata_.RequestUpdate();
        continue;
    }
    s.high_watermark = p.high_watermark;
    // Room for the partition's records at once rather than growing record by record (doubling
    // still, so that an application that does not poll keeps appends amortised).
    size_t records = 0;
    for (const RecordBatch& batch : p.batches) records += static_cast<size_t>(batch.view().record_count());
    if (buffered_.size() + records > buffered_.capacity()) {
      buffered_.reserve(std::max(buffered_.size() + records, 2 * buffered_.capacity()));
    }
    for (const RecordBatch& batch : p.batches) {
      const RecordBatchView view = batch.view();
      const bool log_append_time = view.timestamp_type() == TimestampType::kLogAppendTime;
      for (const RecordView& r : view) {
        // A batch may start before the position (the broker returns whole batches).
        if (r.offset < s.position->value()) continue;
        // A consumer never sees a record the ISR may still lose: the leader stops at the high
        // watermark. Watched live (the visualizer's guard), not assumed.
        if (p.high_watermark != kUndefinedOffset && r.offset >= p.high_watermark.value()) {
          EmitObservation(sim_, self_,
                          {.kind = "consumer.read_past_hw",
                           .narration = fmt::format("received {} offset {} at or above the high watermark {}: a record "
                                                    "not yet on every in-sync replica reached a consumer",
                                                    ToString(tp), r.offset, p.high_watermark.value()),
                           .rule = "consumers read below the high watermark",
                           .fields = {{"topic", tp.topic}, {"partition", tp.partition}, {"offset", r.offset}}});
        }
        buffered_.push_back(ConsumerRecord{.tp = tp, .offset = r.offset, .timestamp_ms = r.timestamp_ms,
                                           .log_append_time = log_append_time, .key = Text(r.key),
                                           .value = Text(r.value), .bytes = batch.buffer()});
        s.position = Offset(r.offset + 1);
      }
    }
  }
}

void Consumer::Deliver() {
  if (buffered_.empty() || !on_records_) return;
  const size_t n = std::min(buffered_.size(), static_cast<size_t>(config_.max_poll_records));
  std::vector<ConsumerRecord> poll;
  if (n == buffered_.size()) {
    poll.swap(buffered_);  // the usual case: one poll takes everything buffered, without moving it
  } else {
    poll.assign(std::make_move_iterator(buffered_.begin()), std::make_move_iterator(buffered_.begin() + n));
    buffered_.erase(buffered_.begin(), buffered_.begin() + n);
  }
  consumed_ += poll.size();
  EmitDomainEvent(sim_, self_, "consumer.poll", [&] {
    return DomainEvent{.narration = fmt::format("poll() returns {} record(s), from {} offset {}", poll.size(),
                                                ToString(poll.front().tp), poll.front().offset),
                       .rule = fmt::format("max.poll.records={}", config_.max_poll_records),
                       .fields = {{"records", poll.size()}}};
  });
  if (explicit_poll_) {
    in_poll_ = false;  // poll() returned: the application is away until it calls Poll()
  } else if (!buffered_.empty()) {
    Wake(sim_.now());  // the application polls again at once
  }
  on_records_(poll);
  // The storage the application is done with holds the next fetch's records, rather than being
  // freed here and allocated again there.
  if (buffered_.empty() && buffered_.capacity() < poll.capacity()) {
    poll.clear();
    buffered_.swap(poll);
  }
}

void Consumer::Fail(const std::string& exception_line) {
  failed_ = true;
  if (on_error_) on_error_(exception_line);
}

}  // namespace kafkasim

namespace kafkasim {

// --- the group ---

void Consumer::Shutdown(std::function<void()> done) {
  if (!coordinator_) return done();
  coordinator_->Close(std::move(done));
}

void Consumer::Subscribe(std::vector<std::string> topics) {
  assert(coordinator_ && "subscribe() needs a group.id (the tools check)");
  coordinator_->Subscribe(std::move(topics));
  Wake(sim_.now());
}

void Consumer::Commit(std::optional<std::map<TopicPartition, Offset>> offsets, CommitCallback done) {
  if (!coordinator_) return done(ErrorCode::kInvalidGroupId);
  coordinator_->CommitAsync(offsets ? std::move(*offsets) : ConsumedPositions(), std::move(done));
}

std::map<TopicPartition, Offset> Consumer::ConsumedPositions() const {
  std::map<TopicPartition, Offset> out;
  for (const auto& [tp, s] : assigned_) {
    if (s.position) out[tp] = *s.position;
  }
  // Records fetched but not yet returned by poll() are not consumed.
  for (const ConsumerRecord& r : buffered_) {
    auto it = out.find(r.tp);
    if (it != out.end() && r.offset < it->second.value()) it->second = Offset(r.offset);
  }
  return out;
}

std::vector<TopicPartition> Consumer::assignment() const {
  std::vector<TopicPartition> out;
  for (const auto& [tp, s] : assigned_) out.push_back(tp);
  return out;
}

void Consumer::OnAssigned(const std::vector<TopicPartition>& partitions) {
  for (const TopicPartition& tp : partitions) {
    metadata_.AddTopic(tp.topic);
    auto [it, added] = assigned_.try_emplace(tp);
    if (added) it->second.need_committed = true;
  }
  Wake(sim_.now());
  if (listener_.on_assigned) listener_.on_assigned(partitions);
}

void Consumer::OnRevoked(const std::vector<TopicPartition>& partitions, bool) {
  for (const TopicPartition& tp : partitions) assigned_.erase(tp);
  std::erase_if(buffered_, [&](const ConsumerRecord& r) { return !assigned_.contains(r.tp); });
  if (listener_.on_revoked) listener_.on_revoked(partitions);
}

void Consumer::FetchCommittedOffsets() {
  if (!coordinator_ || !coordinator_->stable()) return;
  std::vector<TopicPartition> wanted;
  for (auto& [tp, s] : assigned_) {
    if (!s.need_committed || s.fetching_committed) continue;
    s.fetching_committed = true;
    wanted.push_back(tp);
  }
  if (wanted.empty()) return;
  coordinator_->FetchCommitted(wanted, [this, wanted](ErrorCode error,
                                                      const std::map<TopicPartition, OffsetFetchPartition>& offsets) {
    for (const TopicPartition& tp : wanted) {
      auto it = assigned_.find(tp);
      if (it == assigned_.end()) continue;
      PartitionState& s = it->second;
      s.fetching_committed = false;
      if (error != ErrorCode::kNone) continue;  // asked again on the next turn
      s.need_committed = false;
      auto o = offsets.find(tp);
      if (o == offsets.end() || o->second.offset < 0) continue;  // nothing committed: auto.offset.reset
      s.position = Offset(o->second.offset);
      EmitDomainEvent(sim_, self_,
                      {.kind = "consumer.resume",
                       .narration = fmt::format("{} resumes {} at offset {}, the group's committed offset",
                                                config_.client_id, ToString(tp), o->second.offset),
                       .rule = "the committed offset is the next offset to read",
                       .fields = {{"partition", ToString(tp)}, {"offset", o->second.offset}}});
    }
    Wake(sim_.now());
  });
}

}  // namespace kafkasim
