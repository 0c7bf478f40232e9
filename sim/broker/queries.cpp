// The `expect` queries about the cluster, answered from ZooKeeper's view (the source of truth
// in ZooKeeper mode) or from a broker's own state:
//   partition TOPIC-P leader|isr|replicas|epoch|hw|leo → 1 / 1,2 / 1,2,0 / 3 / 42 / 45 (leader "none": -1)
//   partition TOPIC-P log-start|segments               → the leader's log start offset / segment count
//   controller id|epoch                           → 0 / 1                 ("none" when absent)
//   topic NAME exists|partitions|replication-factor|id
//   broker ID registered|role|leads|follows       → yes / controller / orders-0,orders-2 / ...

#include <charconv>

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/commands.h"
#include "sim/broker/controller.h"
#include "sim/broker/zk_data.h"
#include "sim/script/session.h"
#include "sim/zookeeper/zookeeper_part.h"

namespace kafkasim {
namespace {

std::optional<TopicPartition> ParsePartition(const std::string& text) {
  const size_t dash = text.rfind('-');
  if (dash == std::string::npos || dash == 0) return std::nullopt;
  int32_t p = 0;
  auto [ptr, ec] = std::from_chars(text.data() + dash + 1, text.data() + text.size(), p);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return TopicPartition{text.substr(0, dash), p};
}

const zk::Znode* Find(Session& s, const std::string& path) {
  const zk::ZkDatabase* db = s.part<zk::ZooKeeperPart>().View();
  return db == nullptr ? nullptr : db->tree().Find(path);
}

std::string Leader(BrokerId id) { return id == kNoLeader ? "none" : std::to_string(id.value()); }

QueryResult PartitionQuery(Session& s, const std::vector<std::string>& a) {
  auto tp = ParsePartition(a[0]);
  if (!tp) return QueryError{fmt::format("'{}' is not a partition: write TOPIC-PARTITION, e.g. orders-0", a[0])};
  const zk::Znode* topic = Find(s, zkdata::TopicPath(tp->topic));
  if (topic == nullptr) return QueryError{fmt::format("topic '{}' does not exist", tp->topic)};
  auto assignment = zkdata::DecodeTopic(topic->data);
  if (!assignment || !assignment->partitions.contains(tp->partition)) {
    return QueryError{fmt::format("topic '{}' has no partition {}", tp->topic, tp->partition)};
  }
  if (a[1] == "replicas") return JoinIds(assignment->partitions.at(tp->partition));
  const zk::Znode* state_node = Find(s, zkdata::PartitionStatePath(*tp));
  std::optional<LeaderAndIsr> state = state_node ? zkdata::DecodePartitionState(state_node->data) : std::nullopt;
  if (a[1] == "leader") return state ? Leader(state->leader) : std::string("none");
  if (!state) return QueryError{fmt::format("{} has no state yet: no replica was ever alive", a[0])};
  if (a[1] == "isr") return JoinIds(state->isr);
  if (a[1] == "epoch") return std::to_string(state->leader_epoch);
  if (a[1] == "hw" || a[1] == "leo" || a[1] == "log-start" || a[1] == "segments" || a[1] == "low-watermark") {
    // The leader's view: it decides the high watermark.
    const Broker* leader = s.part<BrokerPart>().Running(state->leader);
    const Partition* p = leader ? leader->replicas().Find(*tp) : nullptr;
    if (p == nullptr || !p->is_leader()) return QueryError{fmt::format("{} has no running leader", a[0])};
    if (a[1] == "log-start") return std::to_string(p->log().log_start_offset().value());
    if (a[1] == "segments") return std::to_string(p->log().segments().size());
    if (a[1] == "low-watermark") return std::to_string(p->LowWatermark().value());
    return std::to_string((a[1] == "hw" ? p->high_watermark() : p->log_end_offset()).value());
  }
  return QueryError{
      fmt::format("unknown property '{}': try leader, isr, replicas, epoch, hw, leo, log-start, low-watermark or segments",
                  a[1])};
}

QueryResult ControllerQuery(Session& s, const std::vector<std::string>& a) {
  if (a[0] == "id") {
    const zk::Znode* c = Find(s, std::string(zkdata::kController));
    auto id = c ? zkdata::DecodeController(c->data) : std::nullopt;
    return id ? std::to_string(id->value()) : std::string("none");
  }
  if (a[0] == "epoch") {
    const zk::Znode* e = Find(s, std::string(zkdata::kControllerEpoch));
    return e ? e->data : std::string("none");
  }
  return QueryError{fmt::format("unknown property '{}': try id or epoch", a[0])};
}

QueryResult TopicQuery(Session& s, const std::vector<std::string>& a) {
  const zk::Znode* topic = Find(s, zkdata::TopicPath(a[0]));
  if (a[1] == "exists") return std::string(topic ? "yes" : "no");
  if (topic == nullptr) return QueryError{fmt::format("topic '{}' does not exist", a[0])};
  auto t = zkdata::DecodeTopic(topic->data);
  if (!t) return QueryError{fmt::format("/brokers/topics/{} holds no valid assignment", a[0])};
  if (a[1] == "partitions") return std::to_string(t->partitions.size());
  if (a[1] == "replication-factor") {
    return std::to_string(t->partitions.empty() ? 0 : t->partitions.begin()->second.size());
  }
  if (a[1] == "id") return t->topic_id;
  return QueryError{fmt::format("unknown property '{}': try exists, partitions, replication-factor or id", a[1])};
}

QueryResult BrokerQuery(Session& s, const std::vector<std::string>& a) {
  int32_t id = 0;
  auto [ptr, ec] = std::from_chars(a[0].data(), a[0].data() + a[0].size(), id);
  if (ec != std::errc() || ptr != a[0].data() + a[0].size()) {
    return QueryError{fmt::format("'{}' is not a broker id (write 1, not broker-1)", a[0])};
  }
  auto& part = s.part<BrokerPart>();
  if (part.directory().NodeOf(BrokerId(id)) == kNoNode) return QueryError{fmt::format("no broker {}", id)};
  const Broker* b = part.Running(BrokerId(id));
  if (a[1] == "registered") return std::string(b && b->registered() ? "yes" : "no");
  if (b == nullptr) {
    return QueryError{fmt::format("broker {} is {}", id, ToString(s.sim().node(part.directory().NodeOf(BrokerId(id))).state()))};
  }
  if (a[1] == "role") return std::string(b->controller().active() ? "controller" : "broker");
  if (a[1] == "leads" || a[1] == "follows") {
    const bool want_leader = a[1] == "leads";
    std::vector<std::string> names;
    for (const auto& [tp, p] : b->replicas().partitions()) {
      if (p->is_leader() == want_leader) names.push_back(ToString(tp));
    }
    return names.empty() ? std::string("none") : fmt::format("{}", fmt::join(names, ","));
  }
  return QueryError{fmt::format("unknown property '{}': try registered, role, leads or follows", a[1])};
}

// One replica's own view, leader or follower: `replica orders-0 1 log-start`.
QueryResult ReplicaQuery(Session& s, const std::vector<std::string>& a) {
  auto tp = ParsePartition(a[0]);
  if (!tp) return QueryError{fmt::format("'{}' is not a partition: write TOPIC-PARTITION, e.g. orders-0", a[0])};
  int32_t id = 0;
  auto [ptr, ec] = std::from_chars(a[1].data(), a[1].data() + a[1].size(), id);
  if (ec != std::errc() || ptr != a[1].data() + a[1].size()) {
    return QueryError{fmt::format("'{}' is not a broker id (write 1, not broker-1)", a[1])};
  }
  const Broker* b = s.part<BrokerPart>().Running(BrokerId(id));
  if (b == nullptr) return QueryError{fmt::format("broker {} is not running", id)};
  const Partition* p = b->replicas().Find(*tp);
  if (p == nullptr) return QueryError{fmt::format("broker {} holds no replica of {}", id, a[0])};
  if (a[2] == "log-start") return std::to_string(p->log().log_start_offset().value());
  if (a[2] == "leo") return std::to_string(p->log_end_offset().value());
  if (a[2] == "hw") return std::to_string(p->high_watermark().value());
  if (a[2] == "segments") return std::to_string(p->log().segments().size());
  return QueryError{fmt::format("unknown property '{}': try log-start, leo, hw or segments", a[2])};
}

}  // namespace

void RegisterBrokerQueries(Session& session) {
  QueryRegistry& q = session.queries();
  q.Register({.name = "partition", .usage = "partition TOPIC-P leader|isr|replicas|epoch|hw|leo|log-start|low-watermark|segments", .arguments = 2,
              .evaluate = PartitionQuery});
  q.Register({.name = "replica", .usage = "replica TOPIC-P BROKER log-start|leo|hw|segments", .arguments = 3,
              .evaluate = ReplicaQuery});
  q.Register({.name = "controller", .usage = "controller id|epoch", .arguments = 1, .evaluate = ControllerQuery});
  q.Register({.name = "topic", .usage = "topic NAME exists|partitions|replication-factor|id", .arguments = 2,
              .evaluate = TopicQuery});
  q.Register({.name = "broker", .usage = "broker ID registered|role|leads|follows", .arguments = 2,
              .evaluate = BrokerQuery});
}

void InstallBrokers(Session& session) {
  RegisterBrokerServerCommands(session);
  RegisterBrokerQueries(session);
}

}  // namespace kafkasim
