#include "viz/model/broker_inspector.h"

#include <fmt/format.h>

#include "sim/broker/broker.h"
#include "sim/broker/broker_disk.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/controller.h"
#include "viz/model/broker_slots.h"

namespace kafkasim::viz {
namespace {

int64_t LogBytes(const BrokerPart& brokers, BrokerId id) {
  const BrokerDisk* disk = brokers.Disk(id);
  if (disk == nullptr || disk->logs == nullptr) return 0;
  int64_t bytes = 0;
  for (const Log* log : std::as_const(*disk->logs).logs()) bytes += log->size_bytes();
  return bytes;
}

// The settings a lesson talks about, with Kafka's defaults where server.properties is silent;
// then whatever else the file set.
std::vector<std::pair<std::string, std::string>> ConfigOf(const BrokerConfig& c) {
  auto ms = [](Duration d) { return fmt::format("{}", d.millis()); };
  auto yes = [](bool b) { return std::string(b ? "true" : "false"); };
  std::vector<std::pair<std::string, std::string>> out = {
      {"broker.id", fmt::format("{}", c.id.value())},
      {"listeners", fmt::format("PLAINTEXT://{}:{}", c.host, c.port)},
      {"log.dirs", fmt::format("{}", fmt::join(c.log_dirs, ","))},
      {"zookeeper.connect", c.zookeeper_connect},
      {"zookeeper.session.timeout.ms", ms(c.zookeeper_session_timeout)},
      {"replica.lag.time.max.ms", ms(c.replica_lag_time_max)},
      {"min.insync.replicas", fmt::format("{}", c.min_insync_replicas)},
      {"unclean.leader.election.enable", yes(c.unclean_leader_election_enable)},
      {"auto.leader.rebalance.enable", yes(c.auto_leader_rebalance_enable)},
      {"leader.imbalance.check.interval.seconds", fmt::format("{}", c.leader_imbalance_check_interval.millis() / 1000)},
      {"default.replication.factor", fmt::format("{}", c.default_replication_factor)},
      {"num.partitions", fmt::format("{}", c.num_partitions)},
  };
  for (const auto& [key, value] : c.originals) {
    bool shown = false;
    for (const auto& [k, _] : out) shown = shown || k == key;
    if (!shown) out.emplace_back(key, value);
  }
  return out;
}

BrokerPartitionRow RowOf(const PartitionInfo& p, const ReplicaInfo& r) {
  return BrokerPartitionRow{.partition = p.name,
                            .role = r.role,
                            .leader = p.leader,
                            .preferred_leader = p.preferred_leader(),
                            .leader_epoch = p.leader_epoch,
                            .isr = p.isr,
                            .under_replicated = p.under_replicated,
                            .log_end_offset = r.log_end_offset,
                            .high_watermark = r.high_watermark};
}

}  // namespace

BrokerInspector InspectBroker(Session& session, const ClusterMetadata& metadata, BrokerId id) {
  const BrokerPart& brokers = session.part<BrokerPart>();
  BrokerInspector out{.name = BrokerName(session, id), .id = id};
  const NodeId node = brokers.directory().NodeOf(id);
  if (node != kNoNode) out.state = session.sim().node(node).state();
  for (const PartitionInfo& p : metadata.partitions) {
    const ReplicaInfo* r = p.Replica(id);
    if (r == nullptr) continue;
    (r->role == ReplicaRole::kLeader ? out.led : out.followed).push_back(RowOf(p, *r));
    if (p.preferred_leader() == id && p.leader != id) out.preferred_elsewhere.push_back(p.name);
  }
  if (const Broker* broker = brokers.Running(id)) {
    out.controller = broker->controller().active();
    out.registered = broker->registered();
    const MetadataCache& cache = broker->metadata();
    if (cache.controller_epoch() >= 0) out.cache_controller = cache.controller_id();
    out.cache_controller_epoch = cache.controller_epoch();
    for (const LiveBroker& b : cache.live_brokers()) out.cache_live_brokers.push_back(b.id);
    out.cache_topics = cache.Topics().size();
    out.config = ConfigOf(broker->config());
  }
  out.log_bytes = LogBytes(brokers, id);
  return out;
}

ClusterOverview BuildClusterOverview(Session& session, const ClusterMetadata& metadata) {
  const BrokerPart& brokers = session.part<BrokerPart>();
  ClusterOverview out{.source = metadata.source, .partitions = static_cast<int>(metadata.partitions.size())};
  BrokerSlots row_of;  // looked up for each of the table's replicas
  for (const auto& [id, node] : brokers.brokers()) {
    row_of.Set(id, static_cast<int32_t>(out.brokers.size()));
    const Broker* running = brokers.Running(node);
    out.brokers.push_back(BrokerOverviewRow{.id = id,
                                            .name = session.sim().node(node).name(),
                                            .state = session.sim().node(node).state(),
                                            .controller = running != nullptr && running->controller().active(),
                                            .log_bytes = LogBytesOnDisk(session, metadata, id)});
  }
  for (const PartitionInfo& p : metadata.partitions) {
    if (p.under_replicated) out.under_replicated.push_back(p.name);
    if (p.offline) out.offline.push_back(p.name);
    if (p.leader != kNoLeader && p.leader != p.preferred_leader()) out.not_preferred.push_back(p.name);
    for (const ReplicaInfo& r : p.replica_states) {
      const int32_t at = row_of.Of(r.broker);
      if (at == BrokerSlots::kNone) continue;
      BrokerOverviewRow& row = out.brokers[at];
      ++row.replicas;
      row.preferred += p.preferred_leader() == r.broker;
      if (r.role == ReplicaRole::kLeader) {
        ++row.leaders;
        row.under_replicated += p.under_replicated;
      }
      if (Contains(p.isr, r.broker)) {
        ++row.in_sync;
      } else {
        ++row.out_of_sync;
      }
    }
  }
  return out;
}

}  // namespace kafkasim::viz
