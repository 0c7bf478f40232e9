// The background work on a broker's logs (LogManager.startup schedules it in Kafka): the page
// cache's writeback and flush.ms / flush.messages every kWritebackInterval, retention 30 s after
// startup (InitialTaskDelayMs) and then every log.retention.check.interval.ms, the log cleaner
// every log.cleaner.backoff.ms. Retention and the cleaner stay below the high watermark the
// partition knows.

#include "sim/broker/broker.h"
#include "sim/broker/partition.h"
#include "sim/broker/replica_manager.h"
#include "sim/storage/log_manager.h"

namespace kafkasim {

void ReplicaManager::Every(Duration first, Duration period, std::function<void()> task) {
  broker_.sim().Schedule(first, broker_.node(), [this, period, task = std::move(task)] {
    task();
    // A period past what the clock holds (a setting of Long.MAX_VALUE ms) never comes round again.
    if (period != Duration::Max()) Every(period, period, task);
  });
}

void ReplicaManager::StartLogSchedules() {
  // A log whose partition this incarnation has not heard of yet keeps everything.
  auto high_watermark = [this](const Log& log) {
    const Partition* p = Find({log.topic(), log.partition()});
    return p != nullptr ? p->high_watermark() : log.log_start_offset();
  };
  Every(kWritebackInterval, kWritebackInterval, [this] { Narrate(logs_.RunFlushes(broker_.sim().now())); });
  const Duration retention_check = broker_.config().log_retention_check_interval;
  Every(kLogInitialTaskDelay, retention_check, [this, high_watermark] {
    const LogEvents deleted = logs_.RunRetention(broker_.sim().now(), high_watermark);
    Narrate(deleted);
    // Log starts moved: a fetch parked below one is answered OFFSET_OUT_OF_RANGE.
    if (!deleted.empty()) CompleteAllDelayedFetches();
  });
  Every(kLogCleanerBackoff, kLogCleanerBackoff, [this, high_watermark] { Narrate(logs_.RunCleaner(broker_.sim().now(), high_watermark)); });
}

void ReplicaManager::Narrate(const LogEvents& events) {
  for (const LogEvent& e : events) broker_.Emit({.kind = e.kind, .narration = e.text, .rule = e.rule});
}

}  // namespace kafkasim
