#include "sim/storage/log_manager.h"

#include <fmt/format.h>

#include <cassert>

namespace kafkasim {

namespace {

std::string LogName(const std::string& topic, int32_t partition) {
  return fmt::format("{}-{}", topic, partition);
}

}  // namespace

LogManager::LogManager(LogManagerOptions options) : options_(std::move(options)) {
  assert(!options_.log_dirs.empty() && "log.dirs names at least one directory");
  if (options_.data_dir) {
    files_ = std::make_unique<DirectoryFiles>(*options_.data_dir / options_.broker_name);
  }
  for (size_t i = 0; i < options_.log_dirs.size(); ++i) {
    const std::string mirror = i == 0 ? std::string(kHighWatermarkCheckpointFile)
                                      : fmt::format("{}.{}", kHighWatermarkCheckpointFile, i);
    high_watermark_checkpoints_.try_emplace(options_.log_dirs[i], files_.get(), mirror);
  }
}

LogManager::~LogManager() = default;

std::string LogManager::NextLogDir() {
  // LogManager.nextLogDirs: the directory holding the fewest partitions, the first on a tie.
  const std::string* best = &options_.log_dirs.front();
  for (const std::string& dir : options_.log_dirs) {
    if (partitions_in_dir_[dir] < partitions_in_dir_[*best]) best = &dir;
  }
  return *best;
}

Log& LogManager::GetOrCreateLog(const std::string& topic, int32_t partition,
                                const LogConfig& config, Time now, Offset log_start_offset) {
  const std::string name = LogName(topic, partition);
  if (auto it = logs_.find(name); it != logs_.end()) return *it->second;
  auto log = std::make_unique<Log>(LogOptions{.topic = topic,
                                              .partition = partition,
                                              .log_dir = NextLogDir(),
                                              .config = config,
                                              .files = files_.get()},
                                   now, log_start_offset);
  ++partitions_in_dir_[log->log_dir()];
  return *logs_.emplace(name, std::move(log)).first->second;
}

OffsetCheckpointFile& LogManager::HighWatermarkCheckpoint(const std::string& log_dir) {
  const auto it = high_watermark_checkpoints_.find(log_dir);
  assert(it != high_watermark_checkpoints_.end() && "a log.dir of this broker");
  return it->second;
}

Log* LogManager::GetLog(const std::string& topic, int32_t partition) {
  auto it = logs_.find(LogName(topic, partition));
  return it == logs_.end() ? nullptr : it->second.get();
}

const Log* LogManager::GetLog(const std::string& topic, int32_t partition) const {
  auto it = logs_.find(LogName(topic, partition));
  return it == logs_.end() ? nullptr : it->second.get();
}

void LogManager::DeleteLog(const std::string& topic, int32_t partition) {
  const std::string name = LogName(topic, partition);
  const auto it = logs_.find(name);
  if (it == logs_.end()) return;
  --partitions_in_dir_[it->second->log_dir()];
  logs_.erase(it);
  if (files_) files_->RemoveDirectory(name);
}

std::vector<Log*> LogManager::logs() {
  std::vector<Log*> all;
  for (auto& [name, log] : logs_) all.push_back(log.get());
  return all;
}

std::vector<const Log*> LogManager::logs() const {
  std::vector<const Log*> all;
  for (const auto& [name, log] : logs_) all.push_back(log.get());
  return all;
}

const LogSegment* LogManager::FindSegment(std::string_view path, const Log** found) const {
  const size_t slash = path.rfind('/');
  if (slash == std::string_view::npos) return nullptr;
  const std::string_view dir = path.substr(0, slash);
  const std::string_view file = path.substr(slash + 1);
  for (const auto& [name, log] : logs_) {
    if (log->dir() != dir) continue;
    const LogSegment* segment = log->SegmentByFileName(file);
    if (segment && found) *found = log.get();
    return segment;
  }
  return nullptr;
}

LogEvents LogManager::RunRetention(Time now, const HighWatermarkOf& high_watermark) {
  LogEvents events;
  for (auto& [name, log] : logs_) {
    LogEvents more = log->DeleteOldSegments(high_watermark(*log), now);
    events.insert(events.end(), more.begin(), more.end());
  }
  return events;
}

LogEvents LogManager::RunCleaner(Time now, const HighWatermarkOf& high_watermark) {
  // LogCleanerManager.grabFilthiestCompactedLog: the dirtiest log over its threshold.
  Log* filthiest = nullptr;
  double worst = 0;
  for (auto& [name, log] : logs_) {
    const Offset hw = high_watermark(*log);
    if (!log->NeedsCompaction(hw)) continue;
    const double ratio = log->DirtyRatio(hw);
    if (!filthiest || ratio > worst) {
      filthiest = log.get();
      worst = ratio;
    }
  }
  if (!filthiest) return {};
  return filthiest->Compact(high_watermark(*filthiest), now);
}

LogEvents LogManager::RunFlushes(Time now) {
  LogEvents events;
  for (auto& [name, log] : logs_) {
    if (log->MaybeFlush(now)) {
      events.push_back(
          {"log.flush", "flush.ms",
           fmt::format("{} flushed up to offset {}", name, log->recovery_point().value())});
    } else if (log->WritebackIfOlderThan(options_.dirty_expire, now)) {
      events.push_back({"log.flush", "vm.dirty_expire_centisecs=3000",
                        fmt::format("the operating system wrote {} to disk up to offset {}", name,
                                    log->recovery_point().value())});
    }
  }
  return events;
}

void LogManager::Shutdown(Time now) {
  for (auto& [name, log] : logs_) log->Flush(now);
  clean_shutdown_ = true;
}

void LogManager::LoseUnflushed(Random& random) {
  clean_shutdown_ = false;
  for (auto& [name, log] : logs_) {
    int64_t unflushed = 0;
    for (const auto& segment : log->segments()) {
      unflushed += segment->size_bytes() - segment->flushed_bytes();
    }
    // Part of what was in flight may have reached the platter: anywhere from none to all of it.
    const int64_t torn = unflushed > 0 ? random.Between(0, unflushed) : 0;
    log->LoseUnflushed(torn);
  }
}

std::vector<RecoveryInfo> LogManager::Startup(Time now) {
  std::vector<RecoveryInfo> infos;
  for (auto& [name, log] : logs_) infos.push_back(log->Recover(clean_shutdown_, now));
  // Kafka deletes .kafka_cleanshutdown on start: a crash from here on is unclean.
  clean_shutdown_ = false;
  return infos;
}

}  // namespace kafkasim
