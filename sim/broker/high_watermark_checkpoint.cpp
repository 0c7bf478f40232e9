// The high watermark checkpoint (ReplicaManager.checkpointHighWatermarks in Kafka 3.7): a broker
// keeps each partition's high watermark in memory only, so every
// replica.high.watermark.checkpoint.interval.ms (5 s) it writes them, per log.dir, to that dir's
// `replication-offset-checkpoint` (fsync'ed: it survives a power loss too), and once more on a
// clean shutdown. A restarted broker starts each partition's high watermark from that file,
// bounded by its log (Partition.createLog → UnifiedLog.updateHighWatermark). Without it a
// restarted leader would start at 0 and, while its ISR is below min.insync.replicas, never
// advance: committed records would stay unreadable. What was committed in the last interval
// before a crash is not in the file; the leader's high watermark catches up once the ISR allows.

#include <fmt/format.h>

#include <cassert>

#include "sim/broker/broker.h"
#include "sim/broker/partition.h"
#include "sim/broker/replica_manager.h"
#include "sim/storage/log_manager.h"

namespace kafkasim {

void ReplicaManager::StartHighWatermarkCheckpointThread() {
  // Kafka starts it after the first LeaderAndIsr, "so that all the partitions have been
  // populated": an earlier run would write a checkpoint without them. Its first run is at once.
  if (high_watermark_checkpoint_started_) return;
  high_watermark_checkpoint_started_ = true;
  const Duration interval = broker_.config().replica_high_watermark_checkpoint_interval;
  assert(interval > Duration() && "replica.high.watermark.checkpoint.interval.ms comes from the config");
  Every(Duration(), interval, [this] { CheckpointHighWatermarks(); });
}

void ReplicaManager::CheckpointHighWatermarks() {
  // Only the partitions this incarnation hosts: a log it holds but has not been told about yet
  // (or stopped hosting) is left out, as in Kafka. A log.dir with none is not rewritten.
  std::map<std::string, OffsetCheckpointFile::Offsets> by_dir;
  for (const auto& [tp, p] : partitions_) {
    by_dir[p->log().log_dir()][{tp.topic, tp.partition}] = p->high_watermark();
  }
  for (auto& [dir, offsets] : by_dir) logs_.HighWatermarkCheckpoint(dir).Write(std::move(offsets));
}

void ReplicaManager::LoadHighWatermark(Partition& p) {
  const Log& log = p.log();
  const std::optional<Offset> checkpointed =
      logs_.HighWatermarkCheckpoint(log.log_dir()).Fetch(p.tp().topic, p.tp().partition);
  // Kafka logs "No checkpointed highwatermark is found" and starts at 0 (the log start): a new
  // partition. kafkasim narrates only a restart's high watermark that tells something: a
  // broker's fifty __consumer_offsets partitions loaded at 0 would drown it.
  const Offset initial = p.InitializeHighWatermark(checkpointed.value_or(Offset(0)));
  if (!checkpointed || (*checkpointed == Offset(0) && initial == Offset(0))) return;
  const std::string bounded =
      initial == *checkpointed
          ? std::string()
          : fmt::format(" (the checkpoint said {}, but its log runs from {} to {})", checkpointed->value(),
                        log.log_start_offset().value(), log.log_end_offset().value());
  broker_.Emit({.kind = "replica.high_watermark_loaded",
                .narration = fmt::format("{} loaded {} with initial high watermark {} from {}/{}{}", broker_.name(),
                                         ToString(p.tp()), initial.value(), log.log_dir(),
                                         kHighWatermarkCheckpointFile, bounded),
                .rule = fmt::format("replica.high.watermark.checkpoint.interval.ms={}",
                                    broker_.config().replica_high_watermark_checkpoint_interval.micros() / 1000),
                .fields = {{"topic", p.tp().topic}, {"partition", p.tp().partition},
                           {"high_watermark", initial.value()}, {"checkpointed", checkpointed->value()},
                           {"log_end_offset", log.log_end_offset().value()}}});
}

}  // namespace kafkasim
