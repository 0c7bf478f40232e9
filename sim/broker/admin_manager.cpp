#include "sim/broker/admin_manager.h"

#include <fmt/format.h>

#include "sim/admin/create_topic.h"
#include "sim/admin/replica_assignment.h"
#include "sim/admin/topic_config.h"
#include "sim/admin/topic_name.h"
#include "sim/admin/uuid.h"
#include "sim/broker/broker.h"
#include "sim/broker/controller.h"
#include "sim/broker/countdown.h"
#include "sim/broker/zk_data.h"

namespace kafkasim {

using zk::CreateMode;
using zk::OpResult;

namespace {

// The error code a CreateTopics response carries for the exception Kafka raised.
ErrorCode ErrorCodeFor(const AdminError& error) {
  if (error.exception == exceptions::kTopicExists) return ErrorCode::kTopicAlreadyExists;
  if (error.exception == exceptions::kInvalidPartitions) return ErrorCode::kInvalidPartitions;
  if (error.exception == exceptions::kInvalidReplicationFactor) return ErrorCode::kInvalidReplicationFactor;
  if (error.exception == exceptions::kInvalidReplicaAssignment) return ErrorCode::kInvalidReplicaAssignment;
  if (error.exception == exceptions::kInvalidTopic) return ErrorCode::kInvalidTopicException;
  if (error.exception == exceptions::kInvalidConfiguration || error.exception == exceptions::kConfigException) {
    return ErrorCode::kInvalidConfig;
  }
  return ErrorCode::kInvalidRequest;
}

}  // namespace

void AdminManager::CreateClusterId() {
  const std::string id = Uuid::RandomUuid(broker_.sim().node(broker_.node()).random()).ToString();
  broker_.zk().Create(std::string(zkdata::kClusterId), zkdata::EncodeClusterId(id), CreateMode::kPersistent,
                      [this](const OpResult&) {
                        broker_.zk().GetData(std::string(zkdata::kClusterId), [this](const OpResult& r) {
                          if (!r.ok()) return;
                          auto j = nlohmann::json::parse(r.data, nullptr, false);
                          if (j.is_object() && j["id"].is_string()) cluster_id_ = j["id"].get<std::string>();
                        });
                      });
}

void AdminManager::HandleCreateTopics(const Envelope& envelope) {
  const auto& request = *envelope.As<CreateTopicsRequest>();
  auto waiting = std::make_shared<Waiting>(Waiting{.client = envelope.from, .correlation_id = request.correlation_id,
                                                   .deadline = broker_.sim().now() + request.timeout});
  waiting->results.resize(request.topics.size());
  auto next = Countdown(request.topics.size(), [this, waiting] { Wait(waiting); });
  for (size_t i = 0; i < request.topics.size(); ++i) CreateOne(request.topics[i], waiting, i, next);
}

void AdminManager::CreateOne(const CreatableTopic& topic, std::shared_ptr<Waiting> waiting, size_t index,
                             std::function<void()> next) {
  TopicResult& result = waiting->results[index];
  result.name = topic.name;
  auto fail = [&](ErrorCode error, std::string message) {
    result.error = error;
    result.message = std::move(message);
    next();
  };
  const KafkaController& controller = broker_.controller();
  if (!controller.active()) return fail(ErrorCode::kNotController, "This is not the correct controller for this cluster.");
  CreateTopicRequest request{.name = topic.name, .configs = ConfigMap(topic.configs.begin(), topic.configs.end())};
  if (topic.num_partitions != -1) request.num_partitions = topic.num_partitions;
  if (topic.replication_factor != -1) request.replication_factor = topic.replication_factor;
  if (!topic.assignments.empty()) {
    ReplicaAssignment explicit_assignment;
    for (const auto& [p, replicas] : topic.assignments) {
      for (BrokerId r : replicas) explicit_assignment[p].push_back(r.value());
    }
    request.assignment = std::move(explicit_assignment);
  }
  std::vector<int32_t> live;
  for (const auto& [id, _] : controller.context().live_brokers) live.push_back(id.value());
  std::vector<std::string> existing;
  for (const auto& [name, _] : controller.context().topics) existing.push_back(name);
  auto plan = PlanTopicCreation(request, broker_.config(), live, existing, broker_.sim().node(broker_.node()).random());
  if (auto* error = std::get_if<AdminError>(&plan)) return fail(ErrorCodeFor(*error), error->message);
  const TopicCreation& creation = std::get<TopicCreation>(plan);
  WriteTopic(topic.name, creation, [this, waiting, index, next](zk::ErrorCode code, const std::string& topic_id,
                                                                int32_t partitions) {
    TopicResult& result = waiting->results[index];
    if (code == zk::ErrorCode::kNodeExists) {
      result.error = ErrorCode::kTopicAlreadyExists;
      result.message = fmt::format("Topic '{}' already exists.", result.name);
    } else if (code != zk::ErrorCode::kOk) {
      result.error = ErrorCode::kUnknownServerError;
      result.message = fmt::format("ZooKeeper refused the write: {}", zk::ToString(code));
    } else {
      result.topic_id = topic_id;
      waiting->expected.emplace_back(result.name, partitions);
    }
    next();
  });
}

void AdminManager::WriteTopic(const std::string& name, const TopicCreation& creation, Written written) {
  zkdata::Assignment assignment;
  for (const auto& [p, replicas] : creation.assignment) {
    for (int32_t r : replicas) assignment[p].push_back(BrokerId(r));
  }
  std::map<std::string, std::string> configs(creation.configs.begin(), creation.configs.end());
  const std::string topic_id = Uuid::RandomUuid(broker_.sim().node(broker_.node()).random()).ToString();
  // The config first: the controller reads it when it sees the topic appear.
  broker_.zk().Create(zkdata::TopicConfigPath(name), zkdata::EncodeTopicConfig(configs), CreateMode::kPersistent,
                      [](const OpResult&) {});
  broker_.zk().Create(zkdata::TopicPath(name), zkdata::EncodeTopic({.partitions = assignment, .topic_id = topic_id}),
                      CreateMode::kPersistent,
                      [topic_id, partitions = static_cast<int32_t>(assignment.size()),
                       written = std::move(written)](const OpResult& r) { written(r.code, topic_id, partitions); });
}

void AdminManager::RefuseAutoCreation(const std::string& topic, const std::string& why) {
  broker_.Emit({.kind = "topic.auto_create_failed",
                .narration = fmt::format("{} could not auto-create topic {}: {}", broker_.name(), topic, why),
                .rule = "auto.create.topics.enable=true",
                .fields = {{"topic", topic},
                           {"log", broker_.LogLine("ERROR", why, "kafka.server.AutoTopicCreationManager")}}});
}

ErrorCode AdminManager::AutoCreate(const std::string& topic) {
  if (auto_creating_.contains(topic)) return ErrorCode::kLeaderNotAvailable;
  const MetadataCache& cache = broker_.metadata();
  std::vector<int32_t> live;
  for (const LiveBroker& b : cache.live_brokers()) live.push_back(b.id.value());
  const AutoCreation auto_creation = AutoCreateTopic(topic, broker_.config(), live.size());
  if (!auto_creation.request) {
    if (!auto_creation.broker_log.empty()) RefuseAutoCreation(topic, auto_creation.broker_log);
    return auto_creation.error == "INVALID_TOPIC_EXCEPTION" ? ErrorCode::kInvalidTopicException
                                                            : ErrorCode::kInvalidReplicationFactor;
  }
  const std::vector<std::string> existing = cache.Topics();
  auto plan = PlanTopicCreation(*auto_creation.request, broker_.config(), live, existing,
                                broker_.sim().node(broker_.node()).random());
  if (auto* error = std::get_if<AdminError>(&plan)) {
    RefuseAutoCreation(topic, error->message);
    return ErrorCodeFor(*error);
  }
  const TopicCreation& creation = std::get<TopicCreation>(plan);
  auto_creating_.insert(topic);
  broker_.Emit({.kind = "topic.auto_create",
                .narration = fmt::format("{} creates topic {} because a client asked for it and it did not exist: "
                                         "{} partition(s), replication factor {}",
                                         broker_.name(), topic, creation.assignment.size(),
                                         creation.assignment.empty() ? 0 : creation.assignment.begin()->second.size()),
                .rule = "auto.create.topics.enable=true",
                .fields = {{"topic", topic}}});
  WriteTopic(topic, creation, [this, topic](zk::ErrorCode, const std::string&, int32_t) {
    // Whether it was this broker's write or another's that made it, the topic exists now (or
    // the next Metadata request tries again).
    auto_creating_.erase(topic);
  });
  return ErrorCode::kLeaderNotAvailable;
}

void AdminManager::HandleDeleteTopics(const Envelope& envelope) {
  const auto& request = *envelope.As<DeleteTopicsRequest>();
  auto waiting = std::make_shared<Waiting>(Waiting{.kind = Kind::kDeleteTopics, .client = envelope.from,
                                                   .correlation_id = request.correlation_id,
                                                   .deadline = broker_.sim().now() + request.timeout});
  const KafkaController& controller = broker_.controller();
  for (const std::string& topic : request.topics) {
    TopicResult result{.name = topic};
    if (!controller.active()) {
      result.error = ErrorCode::kNotController;
    } else if (!broker_.config().delete_topic_enable) {
      result.error = ErrorCode::kTopicDeletionDisabled;
      result.message = "Topic deletion is disabled.";
    } else if (!controller.context().topics.contains(topic)) {
      result.error = ErrorCode::kUnknownTopicOrPartition;
      result.message = "This server does not host this topic-partition.";
    } else {
      broker_.zk().Create(zkdata::DeleteTopicPath(topic), "", CreateMode::kPersistent, [](const OpResult&) {});
      waiting->expected.emplace_back(topic, 0);
    }
    waiting->results.push_back(std::move(result));
  }
  Wait(waiting);
}

void AdminManager::HandleCreatePartitions(const Envelope& envelope) {
  const auto& request = *envelope.As<CreatePartitionsRequest>();
  auto waiting = std::make_shared<Waiting>(Waiting{.kind = Kind::kCreatePartitions, .client = envelope.from,
                                                   .correlation_id = request.correlation_id,
                                                   .deadline = broker_.sim().now() + request.timeout});
  for (const CreatePartitionsTopic& topic : request.topics) GrowOne(topic, *waiting);
  Wait(waiting);
}

// ZkAdminManager.createPartitions: checked against the controller's view of the topic, then the
// whole new assignment is written to /brokers/topics/<t>, where the controller's watch sees it.
void AdminManager::GrowOne(const CreatePartitionsTopic& topic, Waiting& waiting) {
  TopicResult& result = waiting.results.emplace_back(TopicResult{.name = topic.name});
  const KafkaController& controller = broker_.controller();
  if (!controller.active()) {
    result.error = ErrorCode::kNotController;
    return;
  }
  const auto it = controller.context().topics.find(topic.name);
  ReplicaAssignment existing;
  if (it != controller.context().topics.end() && !controller.context().deleting.contains(topic.name)) {
    for (const auto& [p, replicas] : it->second.assignment) {
      for (BrokerId r : replicas) existing[p].push_back(r.value());
    }
  }
  std::vector<int32_t> brokers;
  for (const auto& [id, _] : controller.context().live_brokers) brokers.push_back(id.value());
  auto added = AssignNewPartitions(topic.name, existing, brokers, topic.count, topic.assignments,
                                   broker_.sim().node(broker_.node()).random());
  if (auto* error = std::get_if<AdminError>(&added)) {
    result.error = error->exception == exceptions::kUnknownTopicOrPartition ? ErrorCode::kUnknownTopicOrPartition
                                                                           : ErrorCodeFor(*error);
    result.message = error->message;
    return;
  }
  zkdata::Assignment assignment = it->second.assignment;
  for (const auto& [p, replicas] : std::get<ReplicaAssignment>(added)) {
    for (int32_t r : replicas) assignment[p].push_back(BrokerId(r));
  }
  broker_.Emit({.kind = "topic.partitions_added",
                .narration = fmt::format("{} adds partitions {}..{} to {}: keys hash over {} partitions from now on, "
                                         "so a key's new records may land in another partition than its old ones",
                                         broker_.name(), existing.size(), topic.count - 1, topic.name, topic.count),
                .fields = {{"topic", topic.name}, {"partitions", topic.count}}});
  broker_.zk().SetData(zkdata::TopicPath(topic.name),
                       zkdata::EncodeTopic({.partitions = assignment, .topic_id = it->second.topic_id}), -1,
                       [](const OpResult&) {});
  waiting.expected.emplace_back(topic.name, topic.count);
}

void AdminManager::Wait(std::shared_ptr<Waiting> waiting) {
  const Duration left = waiting->deadline - broker_.sim().now();
  waiting_.push_back(std::move(waiting));
  TryComplete();
  broker_.sim().Schedule(left, broker_.node(), [this] { TryComplete(); });
}

void AdminManager::OnMetadataUpdated() { TryComplete(); }

void AdminManager::TryComplete() {
  const MetadataCache& cache = broker_.metadata();
  std::erase_if(waiting_, [&](const std::shared_ptr<Waiting>& w) {
    const bool timed_out = broker_.sim().now() >= w->deadline;
    bool complete = true;
    for (const auto& [topic, partitions] : w->expected) {
      const bool done = w->kind == Kind::kDeleteTopics ? !cache.HasTopic(topic)
                                                       : cache.PartitionCount(topic) == partitions;
      if (!done) complete = false;
    }
    if (!complete && !timed_out) return false;
    if (!complete) {
      for (TopicResult& r : w->results) {
        if (r.error == ErrorCode::kNone) r.error = ErrorCode::kRequestTimedOut;
      }
    }
    Answer(*w);
    return true;
  });
}

void AdminManager::Answer(Waiting& w) {
  std::unique_ptr<KafkaMessage> response;
  switch (w.kind) {
    case Kind::kCreateTopics: {
      auto r = std::make_unique<CreateTopicsResponse>();
      r->results = std::move(w.results);
      response = std::move(r);
      break;
    }
    case Kind::kDeleteTopics: {
      auto r = std::make_unique<DeleteTopicsResponse>();
      r->results = std::move(w.results);
      response = std::move(r);
      break;
    }
    case Kind::kCreatePartitions: {
      auto r = std::make_unique<CreatePartitionsResponse>();
      r->results = std::move(w.results);
      response = std::move(r);
      break;
    }
  }
  response->correlation_id = w.correlation_id;
  broker_.sim().network().Send(broker_.node(), w.client, std::move(response));
}

}  // namespace kafkasim
