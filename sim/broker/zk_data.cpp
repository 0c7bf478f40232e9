#include "sim/broker/zk_data.h"

#include <ranges>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

namespace kafkasim::zkdata {
namespace {

using nlohmann::ordered_json;

// Kafka writes timestamps as strings of milliseconds since the epoch; the simulation's clock
// starts at the epoch.
std::string Millis(Time now) { return std::to_string(now.micros() / 1000); }

std::optional<ordered_json> Parse(std::string_view json) {
  ordered_json j = ordered_json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

ordered_json Ids(const std::vector<BrokerId>& ids) {
  ordered_json out = ordered_json::array();
  for (BrokerId id : ids) out.push_back(id.value());
  return out;
}

template <typename Json>
std::optional<std::vector<BrokerId>> DecodeIds(const Json& j) {
  if (!j.is_array()) return std::nullopt;
  std::vector<BrokerId> ids;
  for (const auto& v : j) {
    if (!v.is_number_integer()) return std::nullopt;
    ids.push_back(BrokerId(v.template get<int32_t>()));
  }
  return ids;
}

}  // namespace

std::string BrokerPath(BrokerId id) { return fmt::format("{}/{}", kBrokerIds, id.value()); }
std::string TopicPath(std::string_view topic) { return fmt::format("{}/{}", kBrokerTopics, topic); }
std::string PartitionsPath(std::string_view topic) { return TopicPath(topic) + "/partitions"; }
std::string PartitionStatePath(const TopicPartition& tp) {
  return fmt::format("{}/{}/state", PartitionsPath(tp.topic), tp.partition);
}
std::string TopicConfigPath(std::string_view topic) { return fmt::format("{}/{}", kConfigTopics, topic); }
std::string DeleteTopicPath(std::string_view topic) { return fmt::format("{}/{}", kDeleteTopics, topic); }

std::vector<std::string> PersistentPaths() {
  // ZkData.PersistentZkPaths, parents before children.
  return {"/consumers",     "/admin",          "/admin/delete_topics", "/brokers", "/brokers/ids",
          "/brokers/topics", "/brokers/seqid", "/config",              "/config/changes",
          "/config/clients", "/config/brokers", "/config/topics",      "/config/users",
          "/config/ips",     "/isr_change_notification", "/latest_producer_id_block",
          "/log_dir_event_notification", "/cluster"};
}

std::string EncodeBroker(const BrokerRegistration& b, Time now) {
  // BrokerIdZNode.encode (version 5), in the order a real broker's znode shows.
  ordered_json j;
  j["features"] = ordered_json::object();
  j["listener_security_protocol_map"] = {{"PLAINTEXT", "PLAINTEXT"}};
  j["endpoints"] = {fmt::format("PLAINTEXT://{}:{}", b.host, b.port)};
  j["jmx_port"] = -1;
  j["port"] = b.port;
  j["host"] = b.host;
  j["version"] = 5;
  j["timestamp"] = Millis(now);
  return j.dump();
}

std::optional<BrokerRegistration> DecodeBroker(BrokerId id, std::string_view json) {
  auto j = Parse(json);
  if (!j || !(*j)["host"].is_string() || !(*j)["port"].is_number_integer()) return std::nullopt;
  return BrokerRegistration{.id = id, .host = (*j)["host"].get<std::string>(), .port = (*j)["port"].get<int32_t>()};
}

std::string EncodeTopic(const TopicZNode& topic) {
  // TopicZNode.encode (version 3). Written out rather than built as an ordered_json object,
  // whose every insertion searches the keys before it: 10,000 partitions took seconds.
  std::string out = R"({"partitions":{)";
  bool first = true;
  for (const auto& [p, replicas] : topic.partitions) {
    fmt::format_to(std::back_inserter(out), R"({}"{}":[{}])", first ? "" : ",", p,
                   fmt::join(replicas | std::views::transform([](BrokerId id) { return id.value(); }), ","));
    first = false;
  }
  fmt::format_to(std::back_inserter(out), R"(}},"topic_id":{},"adding_replicas":{{}},"removing_replicas":{{}},"version":3}})",
                 ordered_json(topic.topic_id).dump());
  return out;
}

std::optional<TopicZNode> DecodeTopic(std::string_view json) {
  // A std::map-backed json: the partitions' order is the map's below anyway, and an ordered
  // object's insertions are linear each.
  auto j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j["partitions"].is_object()) return std::nullopt;
  TopicZNode topic;
  if (j["topic_id"].is_string()) topic.topic_id = j["topic_id"].get<std::string>();
  for (const auto& [key, value] : j["partitions"].items()) {
    auto ids = DecodeIds(value);
    if (!ids) return std::nullopt;
    int32_t p = 0;
    try {
      p = std::stoi(key);
    } catch (const std::exception&) {
      return std::nullopt;
    }
    topic.partitions[p] = *ids;
  }
  return topic;
}

std::string EncodePartitionState(const LeaderAndIsr& s) {
  ordered_json j;
  j["controller_epoch"] = s.controller_epoch;
  j["leader"] = s.leader.value();
  j["version"] = 1;
  j["leader_epoch"] = s.leader_epoch;
  j["isr"] = Ids(s.isr);
  return j.dump();
}

std::optional<LeaderAndIsr> DecodePartitionState(std::string_view json) {
  auto j = Parse(json);
  if (!j || !(*j)["leader"].is_number_integer() || !(*j)["leader_epoch"].is_number_integer() ||
      !(*j)["controller_epoch"].is_number_integer()) {
    return std::nullopt;
  }
  auto isr = DecodeIds((*j)["isr"]);
  if (!isr) return std::nullopt;
  return LeaderAndIsr{.leader = BrokerId((*j)["leader"].get<int32_t>()),
                      .leader_epoch = (*j)["leader_epoch"].get<int32_t>(),
                      .isr = *isr,
                      .controller_epoch = (*j)["controller_epoch"].get<int32_t>()};
}

std::string EncodeController(BrokerId id, Time now) {
  ordered_json j;
  j["version"] = 2;
  j["brokerid"] = id.value();
  j["timestamp"] = Millis(now);
  j["kraftControllerEpoch"] = -1;
  return j.dump();
}

std::optional<BrokerId> DecodeController(std::string_view json) {
  auto j = Parse(json);
  if (!j || !(*j)["brokerid"].is_number_integer()) return std::nullopt;
  return BrokerId((*j)["brokerid"].get<int32_t>());
}

std::string EncodeTopicConfig(const std::map<std::string, std::string>& config) {
  ordered_json values = ordered_json::object();
  for (const auto& [k, v] : config) values[k] = v;
  ordered_json j;
  j["version"] = 1;
  j["config"] = values;
  return j.dump();
}

std::optional<std::map<std::string, std::string>> DecodeTopicConfig(std::string_view json) {
  auto j = Parse(json);
  if (!j || !(*j)["config"].is_object()) return std::nullopt;
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : (*j)["config"].items()) {
    if (!v.is_string()) return std::nullopt;
    out[k] = v.get<std::string>();
  }
  return out;
}

std::string EncodeConfigChange(std::string_view entity_path) {
  ordered_json j;
  j["version"] = 2;
  j["entity_path"] = entity_path;
  return j.dump();
}

std::optional<std::string> DecodeConfigChange(std::string_view json) {
  auto j = Parse(json);
  if (!j || (*j)["version"] != 2 || !(*j)["entity_path"].is_string()) return std::nullopt;
  return (*j)["entity_path"].get<std::string>();
}

std::string EncodeClusterId(std::string_view id) {
  ordered_json j;
  j["version"] = "1";
  j["id"] = id;
  return j.dump();
}

std::string EncodeEnabledFeatures() {
  // Kafka writes these keys from a Scala HashMap, whose order this is.
  ordered_json j;
  j["features"] = ordered_json::object();
  j["version"] = 2;
  j["status"] = 1;
  return j.dump();
}

}  // namespace kafkasim::zkdata
