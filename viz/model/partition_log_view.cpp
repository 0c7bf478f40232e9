#include "viz/model/partition_log_view.h"

#include <algorithm>
#include <cassert>

#include "sim/broker/broker.h"
#include "sim/broker/broker_disk.h"
#include "sim/broker/broker_part.h"
#include "sim/broker/replica_manager.h"
#include "sim/storage/log.h"

namespace kafkasim::viz {
namespace {

std::string Clip(Bytes bytes) {
  std::string_view text = AsString(bytes);
  if (text.size() <= RecordCell::kMaxText) return std::string(text);
  return std::string(text.substr(0, RecordCell::kMaxText - 3)) + "...";
}


// The records of `log` with offsets in [begin, end).
void ReadCells(const Log& log, Offset begin, Offset end, std::vector<RecordCell>& out) {
  for (const auto& segment : log.segments()) {
    if (segment->next_offset() <= begin || segment->base_offset() >= end) continue;
    const std::optional<size_t> first = segment->FindBatch(begin);
    if (!first) continue;
    for (size_t i = *first; i < segment->batch_count(); ++i) {
      const RecordBatchView batch = segment->batch(i).view();
      if (batch.base_offset() >= end.value()) break;
      bool first_record = true;
      for (const RecordView& record : batch) {
        const bool batch_start = first_record;
        first_record = false;
        if (record.offset < begin.value() || record.offset >= end.value()) continue;
        RecordCell cell{.offset = Offset(record.offset),
                        .epoch = batch.partition_leader_epoch(),
                        .batch_start = batch_start,
                        .has_key = record.key.has_value(),
                        .has_value = record.value.has_value(),
                        .timestamp_ms = record.timestamp_ms};
        if (record.key) cell.key = Clip(*record.key);
        if (record.value) cell.value = Clip(*record.value);
        out.push_back(std::move(cell));
      }
    }
  }
}

}  // namespace

const Log* ReplicaLog(const BrokerPart& brokers, BrokerId id, const TopicPartition& tp) {
  if (const Broker* broker = brokers.Running(id)) {
    if (const Partition* p = broker->replicas().Find(tp)) return &p->log();
  }
  const BrokerDisk* disk = brokers.Disk(id);
  if (disk == nullptr || disk->logs == nullptr) return nullptr;
  return std::as_const(*disk->logs).GetLog(tp.topic, tp.partition);
}

void CollectTruncations(const Timeline& timeline, size_t begin, size_t end, std::vector<Truncation>& out) {
  for (size_t i = begin; i < end && i < timeline.size(); ++i) {
    const EventView e = timeline.At(i);
    if (e.kind != "replica.truncate") continue;
    const nlohmann::ordered_json f = e.fields();
    Truncation t{.seq = e.seq, .time = e.time, .node = std::string(e.node)};
    t.tp.topic = f.value("topic", "");
    t.tp.partition = f.value("partition", 0);
    t.from = Offset(f.value("from", int64_t{0}));
    t.to = Offset(f.value("to", int64_t{0}));
    out.push_back(std::move(t));
  }
}

TopicLogView BuildTopicLogView(Session& session, const ClusterMetadata& metadata, std::string_view topic,
                               const std::vector<Truncation>& truncations, const PartitionViewOptions& options) {
  assert(options.max_offsets > 0);
  TopicLogView view{.topic = std::string(topic)};
  for (const PartitionInfo& info : metadata.partitions) {
    if (info.tp.topic != topic) continue;
    if (view.partitions.size() >= options.max_partitions) {
      ++view.hidden_partitions;
      continue;
    }
    PartitionLog p{.tp = info.tp, .name = info.name, .leader = info.leader, .leader_epoch = info.leader_epoch,
                   .isr = info.isr, .offline = info.offline, .under_replicated = info.under_replicated};
    Offset end{0}, start{INT64_MAX};
    for (const ReplicaInfo& r : info.replica_states) {
      ReplicaStrip strip{.broker = r.broker, .broker_name = BrokerName(session, r.broker), .role = r.role,
                         .running = r.running, .has_log = r.has_log, .log_start_offset = r.log_start_offset,
                         .log_end_offset = r.log_end_offset, .high_watermark = r.high_watermark};
      // The newest truncation of this replica (truncations come in trace order).
      for (auto it = truncations.rbegin(); it != truncations.rend(); ++it) {
        if (it->tp == info.tp && it->node == strip.broker_name) {
          strip.truncation = *it;
          end = std::max(end, it->from);
          break;
        }
      }
      if (r.has_log) {
        end = std::max(end, r.log_end_offset);
        start = std::min(start, r.log_start_offset);
      }
      p.strips.push_back(std::move(strip));
    }
    if (start.value() == INT64_MAX) start = Offset(0);
    p.window_end = end;
    p.window_begin = std::max(start, end - options.max_offsets);
    if (p.window_begin > p.window_end) p.window_begin = p.window_end;
    if (options.read_records) ReadRecords(session, p);
    view.partitions.push_back(std::move(p));
  }
  return view;
}

void ReadRecords(Session& session, PartitionLog& p) {
  const BrokerPart& brokers = session.part<BrokerPart>();
  for (ReplicaStrip& strip : p.strips) {
    strip.segment_bases.clear();
    strip.records.clear();
    const Log* log = strip.has_log ? ReplicaLog(brokers, strip.broker, p.tp) : nullptr;
    if (log == nullptr) continue;
    for (const auto& segment : log->segments()) strip.segment_bases.push_back(segment->base_offset());
    ReadCells(*log, p.window_begin, p.window_end, strip.records);
  }
}

}  // namespace kafkasim::viz
