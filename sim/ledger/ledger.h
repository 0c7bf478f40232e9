#pragma once
// The ledger: what the simulator knows of every record a simulated application produced, so
// that `expect records lost == 0` can be asked and a lost acknowledged record explained.
//
// Identity. A producer app (`producer start NAME`) numbers its records 1, 2, 3, ... and starts
// each value with "NAME#n" (LedgerValue), so a record can be recognised wherever it is stored.
// Records of other producers (the console producer) are not in the ledger.
//
// Memory. No object per record: per app, counters and IntervalSets of record numbers (acked,
// failed); per partition, an IntervalSet of the offsets acknowledgements named. Records are
// acknowledged mostly in order, so the sets stay a few ranges.
//
// Who tells it what:
//   the producer app      OnSent, OnAcked (with the partition and offset), OnFailed;
//   the trace             OnLeaderElected (a broker leads a partition from its log end offset):
//                         acknowledged offsets at or above it are lost, and why is explained;
//                         OnTopicDeleted (deleted records are not lost at a later election);
//   an audit (queries)    Audit: the committed records of every partition, in offset order,
//                         give what is stored, lost, duplicated and out of order.
//   the consumer apps     OnPolled, OnProcessed: per consumer group, what it was handed and
//                         processed (group_processing.h), next to `acked`.
//
// Definitions (LedgerCounts):
//   lost        acknowledged records (with an offset: acks=1 or all) not stored any more;
//   duplicated  stored copies beyond the first of one record;
//   out_of_order  records stored (first copy) after a later record of the same app and key
//                 — for records without a key, of the same app and partition.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sim/ledger/group_processing.h"
#include "sim/ledger/interval_set.h"
#include "sim/protocol/types.h"

namespace kafkasim {

// "orders-app#17" followed by '.' up to `value_size` bytes (never shorter than the identity).
std::string LedgerValue(std::string_view app, uint64_t n, size_t value_size);
struct LedgerRecordId {
  std::string_view app;
  uint64_t n = 0;
};
std::optional<LedgerRecordId> ParseLedgerValue(std::string_view value);

struct LedgerCounts {
  uint64_t sent = 0, acked = 0, failed = 0, stored = 0, lost = 0, duplicated = 0, out_of_order = 0;
};

// A record acknowledged at an offset after a record of the same app and key (without a key, the
// same partition) that was sent later: the order the app sent them in is broken.
struct LedgerOrderBreak {
  uint64_t later = 0;         // the record sent later but stored first
  int64_t later_offset = -1;  // where it is stored
};

// Acknowledged records a new leader does not have, and the likeliest reason.
struct LedgerLoss {
  uint64_t records = 0;
  uint64_t first_offset = 0, last_offset = 0;
  uint64_t acked_by_leader_only = 0;  // acks=1: the leader alone had them when it said yes
};

class Ledger {
 public:
  // An app and its acks setting (-1 all, 1, 0). Registering again (a restart) keeps its counts.
  void RegisterApp(const std::string& app, int16_t acks);
  bool HasApp(std::string_view app) const { return apps_.find(app) != apps_.end(); }

  void OnSent(std::string_view app, uint64_t n);
  // `offset` is -1 with acks=0: nobody told the producer where the record went. Returns the
  // order break this acknowledgement reveals, if any (seen from the latest-sent record acked
  // before it, in the same order scope as the Audit's).
  std::optional<LedgerOrderBreak> OnAcked(std::string_view app, uint64_t n, const TopicPartition& tp, int64_t offset,
                                          std::optional<std::string_view> key);
  void OnFailed(std::string_view app, uint64_t n);
  // A broker leads `tp` from `log_end_offset`: acknowledged offsets at or above it are gone.
  LedgerLoss OnLeaderElected(const TopicPartition& tp, int64_t log_end_offset);
  // The topic's deletion completed: its acknowledged offsets name nothing any more, and a topic
  // created again under the name starts empty without losing anything at its elections.
  void OnTopicDeleted(std::string_view topic);

  class Audit {
   public:
    explicit Audit(const Ledger& ledger) : ledger_(ledger) {}
    // One stored record of `tp`; call in offset order within each partition.
    void Record(const TopicPartition& tp, std::optional<std::string_view> key, std::string_view value);
    // Every app's records together, or one app's.
    LedgerCounts Finish() const;
    LedgerCounts FinishFor(std::string_view app) const;

   private:
    struct Seen {
      IntervalSet present;
      uint64_t stored = 0, duplicated = 0, out_of_order = 0;
    };
    const Ledger& ledger_;
    std::map<std::string, Seen, std::less<>> seen_;             // by app
    std::map<std::string, uint64_t, std::less<>> last_by_key_;  // "app\0key" -> highest n seen
  };
  // Sent, acked and failed only (an Audit adds the rest), for every app or one.
  LedgerCounts Counts() const;
  LedgerCounts CountsFor(std::string_view app) const;
  uint64_t lost_at_elections() const { return lost_at_elections_; }

  // A consumer app of `group` was handed (OnPolled) or finished processing (OnProcessed) the
  // record at `offset` of `tp` whose value is `value`; records not in the ledger are ignored.
  // OnProcessed is true when the group had processed that record before.
  void OnPolled(std::string_view group, const TopicPartition& tp, int64_t offset, std::string_view value);
  bool OnProcessed(std::string_view group, const TopicPartition& tp, int64_t offset, std::string_view value);
  // What a group did; null when none of its apps was handed a ledger record.
  const GroupProcessing* FindGroup(std::string_view group) const;

 private:
  struct App {
    int16_t acks = -1;
    uint64_t sent = 0;
    IntervalSet acked;       // record numbers acknowledged with an offset
    uint64_t acked_without_offset = 0;  // acks=0
    IntervalSet failed;
  };
  // The latest-sent record acknowledged so far in one order scope.
  struct LatestAcked {
    uint64_t n = 0;
    int64_t offset = -1;
  };
  struct PartitionAcks {
    IntervalSet offsets;              // offsets acknowledgements named, believed stored
    IntervalSet leader_only_offsets;  // of which acks=1
  };
  std::map<std::string, App, std::less<>> apps_;
  std::map<TopicPartition, PartitionAcks> partitions_;
  std::map<std::string, LatestAcked, std::less<>> latest_acked_;  // by OrderScope
  uint64_t lost_at_elections_ = 0;
  std::map<std::string, GroupProcessing, std::less<>> groups_;
};

}  // namespace kafkasim
