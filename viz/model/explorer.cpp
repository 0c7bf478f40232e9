#include "viz/model/explorer.h"

#include <algorithm>
#include <cassert>
#include <map>

#include "sim/admin/topic_name.h"
#include "sim/broker/broker.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/group_coordinator.h"
#include "sim/broker/group_metadata_manager.h"
#include "sim/protocol/consumer_protocol.h"
#include "sim/storage/log.h"
#include "viz/model/partition_log_view.h"

namespace kafkasim::viz {
namespace {

std::string ExplorerClip(Bytes bytes) {
  const std::string_view text = AsString(bytes);
  if (text.size() <= MessageRow::kMaxText) return std::string(text);
  return std::string(text.substr(0, MessageRow::kMaxText - 3)) + "...";
}

ExplorerGroup ReadGroup(const GroupMetadata& group, BrokerId coordinator, const ClusterMetadata& metadata) {
  ExplorerGroup g{.id = group.group_id(), .state = std::string(ToString(group.state())),
                  .generation = group.generation(), .protocol = group.protocol_name().value_or(""),
                  .coordinator = coordinator};
  // Who holds what: assignments are the members' only while the group is Stable (as --describe).
  std::map<TopicPartition, std::string> owner;
  for (const MemberMetadata* m : group.MembersInJoinOrder()) {
    g.members.push_back(m->client_id);
    if (!group.Is(GroupState::kStable)) continue;
    if (const std::optional<ConsumerAssignment> a = DecodeAssignment(m->assignment)) {
      for (const TopicPartition& tp : a->partitions) owner[tp] = m->client_id;
    }
  }
  std::map<TopicPartition, ExplorerGroupOffset> rows;
  for (const auto& [tp, committed] : group.offsets()) {
    rows[tp] = ExplorerGroupOffset{.tp = tp, .committed = committed.offset};
  }
  for (const auto& [tp, client] : owner) rows[tp].tp = tp;  // assigned, nothing committed yet
  for (auto& [tp, row] : rows) {
    row.name = tp.topic + "-" + std::to_string(tp.partition);
    auto it = owner.find(tp);
    row.member = it == owner.end() ? "-" : it->second;
    const PartitionInfo* p = metadata.Find(tp);
    const ReplicaInfo* leader = p != nullptr ? p->LeaderReplica() : nullptr;
    if (leader != nullptr && leader->high_watermark) row.log_end_offset = leader->high_watermark->value();
    row.lag = CommittedLag(metadata, tp, row.committed);
    g.lag += row.lag.value_or(0);
    g.offsets.push_back(std::move(row));
  }
  return g;
}

}  // namespace

ExplorerTree BuildExplorer(Session& session, const ClusterMetadata& metadata) {
  ExplorerTree tree;
  const BrokerPart& brokers = session.part<BrokerPart>();
  std::map<BrokerId, size_t> index;
  for (const auto& [id, node] : brokers.brokers()) {
    index[id] = tree.brokers.size();
    tree.brokers.push_back(ExplorerBroker{.id = id, .name = BrokerName(session, id),
                                          .running = brokers.Running(id) != nullptr,
                                          .controller = id == metadata.controller});
  }

  std::map<std::string, ExplorerTopic> topics;
  for (const PartitionInfo& info : metadata.partitions) {
    ExplorerTopic& topic = topics[info.tp.topic];
    topic.name = info.tp.topic;
    topic.internal = IsInternalTopic(info.tp.topic);
    ExplorerPartition p{.partition = info.tp.partition, .name = info.name, .leader = info.leader,
                        .replicas = info.replicas, .isr = info.isr, .offline = info.offline,
                        .under_replicated = info.under_replicated};
    const ReplicaInfo* leader = info.LeaderReplica();
    if (!info.offline && leader != nullptr && leader->high_watermark) {
      p.log_start_offset = leader->log_start_offset;
      p.high_watermark = leader->high_watermark;
    }
    topic.messages += p.messages();
    for (BrokerId r : info.replicas) {
      if (auto it = index.find(r); it != index.end()) ++tree.brokers[it->second].replicas;
    }
    if (auto it = index.find(info.leader); it != index.end() && !info.offline) ++tree.brokers[it->second].leaders;
    topic.partitions.push_back(std::move(p));
  }
  for (auto& [name, topic] : topics) {
    if (!topic.internal) tree.topics.push_back(std::move(topic));
  }
  for (auto& [name, topic] : topics) {
    if (topic.internal) tree.topics.push_back(std::move(topic));
  }

  for (const CoordinatedGroup& g : CoordinatedGroups(session)) {
    tree.groups.push_back(ReadGroup(*g.group, g.coordinator, metadata));
  }
  return tree;
}

std::vector<CoordinatedGroup> CoordinatedGroups(Session& session) {
  const BrokerPart& brokers = session.part<BrokerPart>();
  std::map<std::string, CoordinatedGroup> groups;
  for (const auto& [id, node] : brokers.brokers()) {
    const Broker* broker = brokers.Running(id);
    if (broker == nullptr) continue;
    const GroupMetadataManager& manager = broker->group_coordinator().manager();
    for (const auto& [group_id, group] : manager.groups()) {
      if (!manager.IsLocal(group_id) || groups.contains(group_id) || group->Is(GroupState::kDead)) continue;
      groups[group_id] = CoordinatedGroup{.group = group.get(), .coordinator = id};
    }
  }
  std::vector<CoordinatedGroup> sorted;
  sorted.reserve(groups.size());
  for (const auto& [id, g] : groups) sorted.push_back(g);
  return sorted;
}

std::optional<int64_t> CommittedLag(const ClusterMetadata& metadata, const TopicPartition& tp, int64_t committed) {
  const PartitionInfo* p = metadata.Find(tp);
  const ReplicaInfo* leader = p != nullptr ? p->LeaderReplica() : nullptr;
  if (committed < 0 || leader == nullptr || !leader->high_watermark) return std::nullopt;
  return leader->high_watermark->value() - committed;
}

MessagePage ReadMessages(Session& session, const ClusterMetadata& metadata, const TopicPartition& tp, int64_t from,
                         size_t count) {
  MessagePage page{.partition = tp.topic + "-" + std::to_string(tp.partition)};
  count = std::min(count, kMaxPageRows);
  const PartitionInfo* info = metadata.Find(tp);
  if (info == nullptr) {
    page.error = "no such partition";
    return page;
  }
  const ReplicaInfo* leader = info->LeaderReplica();
  if (info->offline || leader == nullptr || !leader->high_watermark) {
    page.error = "offline: no leader to read from";
    return page;
  }
  const Log* log = ReplicaLog(session.part<BrokerPart>(), info->leader, tp);
  if (log == nullptr) {
    page.error = "the leader has no log yet";
    return page;
  }
  page.begin = leader->log_start_offset.value();
  page.end = leader->high_watermark->value();
  assert(page.begin <= page.end && "the log start offset never passes the high watermark");
  page.first = std::clamp(from, page.begin, std::max(page.begin, page.end));
  for (const auto& segment : log->segments()) {
    if (page.rows.size() >= count) break;
    if (segment->next_offset() <= Offset(page.first) || segment->base_offset() >= Offset(page.end)) continue;
    const std::optional<size_t> first = segment->FindBatch(Offset(page.first));
    if (!first) continue;
    for (size_t i = *first; i < segment->batch_count() && page.rows.size() < count; ++i) {
      const RecordBatchView batch = segment->batch(i).view();
      if (batch.base_offset() >= page.end) break;
      for (const RecordView& record : batch) {
        if (record.offset < page.first || record.offset >= page.end) continue;
        if (page.rows.size() >= count) break;
        MessageRow row{.offset = record.offset, .timestamp_ms = record.timestamp_ms};
        if (record.key) row.key = ExplorerClip(*record.key);
        if (record.value) row.value = ExplorerClip(*record.value);
        for (const RecordHeader& h : record.headers) {
          row.headers.emplace_back(std::string(h.key), h.value ? ExplorerClip(*h.value) : std::string("null"));
        }
        page.rows.push_back(std::move(row));
      }
    }
  }
  return page;
}

}  // namespace kafkasim::viz
