// DescribeConfigs and IncrementalAlterConfigs on a ZooKeeper-mode broker (ConfigHelper
// .describeConfigs, ZkAdminManager.incrementalAlterConfigs, AdminZkClient.changeTopicConfig).
//
// A topic resource may be sent to any broker: it must be in that broker's metadata cache, then
// its overrides are read from /config/topics/<t>. An alteration applies the operations to the
// stored overrides, validates the result against LogConfig, writes /config/topics/<t> and then
// the sequential change notification /config/changes/config_change_<n> — the node every broker
// watches (config_change_listener.h) — and answers once both writes are done. The brokers that
// host the topic apply the new config when they see the notification, not when this request
// is answered.
//
// A broker resource is answered only by that broker, from its own config; kafkasim has no
// dynamic broker configs, so altering one is refused.

#include <fmt/format.h>

#include <charconv>

#include "sim/admin/topic_name.h"
#include "sim/broker/admin_manager.h"
#include "sim/broker/broker.h"
#include "sim/broker/config_helper.h"
#include "sim/broker/countdown.h"
#include "sim/broker/zk_data.h"

namespace kafkasim {

using zk::CreateMode;
using zk::OpResult;

void AdminManager::HandleDescribeConfigs(const Envelope& envelope) {
  const auto& request = *envelope.As<DescribeConfigsRequest>();
  auto response = std::make_shared<std::unique_ptr<DescribeConfigsResponse>>(std::make_unique<DescribeConfigsResponse>());
  (*response)->correlation_id = request.correlation_id;
  (*response)->results.resize(request.resources.size());
  const NodeId client = envelope.from;
  auto next = Countdown(request.resources.size(), [this, response, client] {
    broker_.sim().network().Send(broker_.node(), client, std::move(*response));
  });
  for (size_t i = 0; i < request.resources.size(); ++i) {
    const ConfigResource& resource = request.resources[i];
    auto store = [response, i, next](DescribeConfigsResult result) {
      (*response)->results[i] = std::move(result);
      next();
    };
    switch (resource.type) {
      case ConfigResourceType::kTopic: DescribeTopic(resource, request.include_synonyms, store); break;
      case ConfigResourceType::kBroker: store(DescribeBroker(resource, request.include_synonyms)); break;
      default:
        store({.error = ErrorCode::kInvalidRequest,
               .message = fmt::format("Unsupported resource type: {}", ToString(resource.type)),
               .resource = resource});
    }
  }
}

void AdminManager::DescribeTopic(const ConfigResource& resource, bool include_synonyms,
                                 std::function<void(DescribeConfigsResult)> done) {
  if (auto invalid = ValidateTopicName(resource.name)) {
    return done({.error = ErrorCode::kInvalidTopicException, .message = invalid->message, .resource = resource});
  }
  // The broker answers from its metadata cache whether the topic exists, with no message.
  if (!broker_.metadata().HasTopic(resource.name)) {
    return done({.error = ErrorCode::kUnknownTopicOrPartition, .resource = resource});
  }
  broker_.zk().GetData(zkdata::TopicConfigPath(resource.name),
                       [this, resource, include_synonyms, done](const OpResult& r) {
                         auto config = r.ok() ? zkdata::DecodeTopicConfig(r.data) : std::nullopt;
                         const ConfigMap overrides = config ? ConfigMap(config->begin(), config->end()) : ConfigMap{};
                         done({.resource = resource,
                               .configs = DescribeTopicConfigs(broker_.config(), overrides, include_synonyms)});
                       });
}

DescribeConfigsResult AdminManager::DescribeBroker(const ConfigResource& resource, bool include_synonyms) {
  DescribeConfigsResult result{.resource = resource};
  // The cluster-wide dynamic defaults (/config/brokers/<default>): kafkasim has none.
  if (resource.name.empty()) return result;
  int32_t id = 0;
  const auto [end, ec] = std::from_chars(resource.name.data(), resource.name.data() + resource.name.size(), id);
  if (ec != std::errc() || end != resource.name.data() + resource.name.size()) {
    result.error = ErrorCode::kInvalidRequest;
    result.message = fmt::format("Broker id must be an integer, but it is: {}", resource.name);
    return result;
  }
  if (id != broker_.id().value()) {
    result.error = ErrorCode::kInvalidRequest;
    result.message = fmt::format("Unexpected broker id, expected {} or empty string, but received {}",
                                 broker_.id().value(), resource.name);
    return result;
  }
  result.configs = DescribeBrokerConfigs(broker_.config(), include_synonyms);
  return result;
}

void AdminManager::HandleIncrementalAlterConfigs(const Envelope& envelope) {
  const auto& request = *envelope.As<IncrementalAlterConfigsRequest>();
  auto response = std::make_shared<std::unique_ptr<IncrementalAlterConfigsResponse>>(
      std::make_unique<IncrementalAlterConfigsResponse>());
  (*response)->correlation_id = request.correlation_id;
  (*response)->results.resize(request.resources.size());
  const NodeId client = envelope.from;
  auto next = Countdown(request.resources.size(), [this, response, client] {
    broker_.sim().network().Send(broker_.node(), client, std::move(*response));
  });
  for (size_t i = 0; i < request.resources.size(); ++i) {
    const AlterConfigsResource& resource = request.resources[i];
    auto store = [response, i, next](AlterConfigsResult result) {
      (*response)->results[i] = std::move(result);
      next();
    };
    if (auto error = CheckAlterOps(resource.configs)) {
      store({.error = error->error, .message = error->message, .resource = resource.resource});
      continue;
    }
    if (resource.resource.type == ConfigResourceType::kTopic) {
      AlterTopic(resource, request.validate_only, store);
      continue;
    }
    store({.error = ErrorCode::kInvalidRequest,
           .message = resource.resource.type == ConfigResourceType::kBroker
                          ? "kafkasim does not simulate dynamic broker configs: set them in server.properties or "
                            "with --override"
                          : fmt::format("AlterConfigs is only supported for topics and brokers, but resource type is {}",
                                        ToString(resource.resource.type)),
           .resource = resource.resource});
  }
}

void AdminManager::AlterTopic(const AlterConfigsResource& resource, bool validate_only,
                              std::function<void(AlterConfigsResult)> done) {
  const std::string topic = resource.resource.name;
  if (!broker_.metadata().HasTopic(topic)) {
    return done({.error = ErrorCode::kUnknownTopicOrPartition,
                 .message = fmt::format("The topic '{}' does not exist.", topic),
                 .resource = resource.resource});
  }
  // AdminZkClient.fetchEntityConfig: the stored overrides the operations apply to.
  broker_.zk().GetData(zkdata::TopicConfigPath(topic), [this, resource, topic, validate_only, done](const OpResult& r) {
    auto stored = r.ok() ? zkdata::DecodeTopicConfig(r.data) : std::nullopt;
    const ConfigMap current = stored ? ConfigMap(stored->begin(), stored->end()) : ConfigMap{};
    auto prepared = PrepareTopicConfigs(topic, current, resource.configs);
    if (auto* error = std::get_if<AlterError>(&prepared)) {
      broker_.Emit({.kind = "topic.config_refused",
                    .narration = fmt::format("{} refuses the new config of topic {}: {}", broker_.name(), topic,
                                             error->message),
                    .rule = "topic configs are checked against LogConfig before anything is written",
                    .fields = {{"topic", topic}, {"error", ToString(error->error)}}});
      return done({.error = error->error, .message = error->message, .resource = resource.resource});
    }
    if (validate_only) return done({.resource = resource.resource});
    std::vector<std::string> changes;
    for (const AlterableConfig& op : resource.configs) {
      changes.push_back(op.op == AlterConfigOpType::kDelete ? fmt::format("{} removed", op.name)
                                                            : fmt::format("{}={}", op.name, *op.value));
    }
    WriteTopicConfig(topic, std::get<ConfigMap>(prepared), fmt::format("{}", fmt::join(changes, ", ")),
                     [done, resource](AlterConfigsResult result) {
                       result.resource = resource.resource;
                       done(std::move(result));
                     });
  });
}

// AdminZkClient.changeEntityConfig: the config znode (set, or created if the topic had none),
// then the notification that makes every broker reread it.
void AdminManager::WriteTopicConfig(const std::string& topic, const ConfigMap& props, const std::string& changes,
                                    std::function<void(AlterConfigsResult)> done) {
  const std::map<std::string, std::string> config(props.begin(), props.end());
  const std::string path = zkdata::TopicConfigPath(topic);
  const std::string data = zkdata::EncodeTopicConfig(config);
  broker_.Emit({.kind = "topic.config_altered",
                .narration = fmt::format("{} writes the new config of topic {} ({}) to {}, then a change notification "
                                         "under /config/changes: every broker watches that folder and rereads the "
                                         "topic's config when a notification appears",
                                         broker_.name(), topic, changes, path),
                .rule = "IncrementalAlterConfigs: /config/topics/<topic>, then /config/changes/config_change_<n>",
                .fields = {{"topic", topic}, {"config", data}}});
  auto notify = [this, topic, done](const OpResult& written) {
    if (!written.ok()) {
      return done({.error = ErrorCode::kUnknownServerError,
                   .message = fmt::format("ZooKeeper refused the write: {}", zk::ToString(written.code))});
    }
    broker_.zk().Create(fmt::format("{}/{}", zkdata::kConfigChanges, zkdata::kConfigChangePrefix),
                        zkdata::EncodeConfigChange("topics/" + topic), CreateMode::kPersistentSequential,
                        [done](const OpResult& created) {
                          if (!created.ok()) {
                            return done({.error = ErrorCode::kUnknownServerError,
                                         .message = fmt::format("ZooKeeper refused the write: {}",
                                                                zk::ToString(created.code))});
                          }
                          done({});
                        });
  };
  broker_.zk().SetData(path, data, -1, [this, path, data, notify](const OpResult& r) {
    if (r.code != zk::ErrorCode::kNoNode) return notify(r);
    broker_.zk().Create(path, data, CreateMode::kPersistent, notify);
  });
}

}  // namespace kafkasim
