#pragma once
// The logs of one broker (Kafka's LogManager): every partition replica the broker holds, each in
// `<log.dir>/<topic>-<partition>`, and the background work on them (retention, the cleaner,
// flushes) that the broker runs on its simulated schedule.
//
// OWNERSHIP: a LogManager is the broker's disk. The broker's machine owns it, not its process, so
// that it survives `crash NODE`: the page cache survives a process crash. `power-off NODE` calls
// LoseUnflushed(); the next process start calls Startup(), which recovers every log.
//
// BACKENDS: in memory (the default) keeps the bytes in the Logs; `data_dir` also mirrors every
// file to DIR/broker-N/<topic>-<partition>/... (emptied at construction, so runs replay).
//
// CHECKPOINTS: each log.dir also holds the broker's `replication-offset-checkpoint` (the high
// watermarks, offset_checkpoint_file.h), which the ReplicaManager writes and a restart reads. With
// --data-dir it is DIR/broker-N/replication-offset-checkpoint; the data dir holds every log.dir's
// partitions side by side, so with several log.dirs the n-th one's (n >= 1) gets a ".n" suffix.
//
// Logs are kept by name in a sorted map: iteration order, and so the order of events, is stable.

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/random.h"
#include "sim/core/time.h"
#include "sim/storage/log.h"
#include "sim/storage/offset_checkpoint_file.h"
#include "sim/storage/segment_files.h"

namespace kafkasim {

struct LogManagerOptions {
  std::string broker_name = "broker-0";  // "broker-N": names the data-dir subdirectory
  // log.dirs: names only (a partition goes to the one holding fewest partitions).
  std::vector<std::string> log_dirs = {"/tmp/kafka-logs"};
  // The broker's log.* defaults, which topic configs override.
  LogConfig default_config;
  // --data-dir DIR: real files under DIR/<broker_name>/. Without it, memory only.
  std::optional<std::filesystem::path> data_dir;
  // The operating system's writeback of dirty pages (Linux vm.dirty_expire_centisecs = 3000):
  // with flush.ms and flush.messages at their defaults, this is when bytes reach the disk.
  Duration dirty_expire = Duration::Seconds(30);
};

// Kafka's broker settings for the schedules a broker runs (KafkaConfig defaults).
// log.retention.check.interval.ms
inline constexpr Duration kLogRetentionCheckInterval = Duration::Millis(300000);
// log.cleaner.backoff.ms
inline constexpr Duration kLogCleanerBackoff = Duration::Millis(15000);
// LogManager.InitialTaskDelayMs: its periodic tasks (retention among them) first run 30 s after
// the broker starts, then every period.
inline constexpr Duration kLogInitialTaskDelay = Duration::Seconds(30);
// The kernel's writeback thread wakes every vm.dirty_writeback_centisecs = 500.
inline constexpr Duration kWritebackInterval = Duration::Seconds(5);
// ReplicaManager.HighWatermarkFilename: the high watermark checkpoint at the top of each log.dir.
inline constexpr std::string_view kHighWatermarkCheckpointFile = "replication-offset-checkpoint";

class LogManager {
 public:
  explicit LogManager(LogManagerOptions options);
  ~LogManager();
  LogManager(const LogManager&) = delete;
  LogManager& operator=(const LogManager&) = delete;

  const LogManagerOptions& options() const { return options_; }

  // The log of a partition replica, created empty (at `log_start_offset`) if the broker holds no
  // log for it yet. `config` is the topic's effective configuration.
  Log& GetOrCreateLog(const std::string& topic, int32_t partition, const LogConfig& config,
                      Time now, Offset log_start_offset = Offset(0));
  Log* GetLog(const std::string& topic, int32_t partition);
  const Log* GetLog(const std::string& topic, int32_t partition) const;
  // A deleted topic or a moved replica: the directory goes.
  void DeleteLog(const std::string& topic, int32_t partition);
  // Every log, by "<topic>-<partition>".
  std::vector<Log*> logs();
  std::vector<const Log*> logs() const;

  // A path as a student types it: "/tmp/kafka-logs/orders-0/00000000000000000000.log". Null when
  // no such segment exists on this broker.
  const LogSegment* FindSegment(std::string_view path, const Log** log = nullptr) const;

  // The high watermark checkpoint of `log_dir`, one of options().log_dirs.
  OffsetCheckpointFile& HighWatermarkCheckpoint(const std::string& log_dir);

  // --- The broker's schedules -------------------------------------------------------------------

  // The high watermark the partition layer holds for a log (retention and the cleaner stay
  // below it). A log the broker does not lead is given its own high watermark as a follower.
  using HighWatermarkOf = std::function<Offset(const Log&)>;
  // Every log.retention.check.interval.ms.
  LogEvents RunRetention(Time now, const HighWatermarkOf& high_watermark);
  // Every log.cleaner.backoff.ms: cleans the log with the highest dirty ratio that needs it.
  LogEvents RunCleaner(Time now, const HighWatermarkOf& high_watermark);
  // Every kWritebackInterval: flush.ms / flush.messages, then the OS writeback of old dirty data.
  LogEvents RunFlushes(Time now);

  // --- The machine ----------------------------------------------------------------------------

  // A clean shutdown (kafka-server-stop.sh): everything is flushed and the next Startup() skips
  // recovery.
  void Shutdown(Time now);
  // A power loss: every log loses what was not flushed; a torn write may leave part of the next
  // batch on disk (drawn from `random`).
  void LoseUnflushed(Random& random);
  // The process starts: recovers every log (a no-op scan after a clean shutdown).
  std::vector<RecoveryInfo> Startup(Time now);

 private:
  std::string NextLogDir();

  LogManagerOptions options_;
  std::unique_ptr<DirectoryFiles> files_;             // null in memory
  std::map<std::string, std::unique_ptr<Log>> logs_;  // by "<topic>-<partition>"
  std::map<std::string, int> partitions_in_dir_;      // of log.dirs: how many of logs_ live there
  std::map<std::string, OffsetCheckpointFile> high_watermark_checkpoints_;  // by log.dir
  bool clean_shutdown_ = false;
};

}  // namespace kafkasim
