#pragma once
// The leader epoch cache of one partition replica (Kafka's LeaderEpochFileCache, KIP-101 and
// KIP-279), persisted as the `leader-epoch-checkpoint` file of the partition's directory:
//
//   0          <- format version
//   2          <- number of entries
//   0 0        <- "epoch startOffset": epoch 0 began at offset 0
//   1 150      <-                      epoch 1 began at offset 150
//
// An entry says "the first batch written under this leader epoch has this offset". A leader adds
// one when it becomes leader (at its log end offset) and every replica adds one when it appends a
// batch stamped with a newer epoch. A follower that lost its leader asks the new leader for the
// end offset of its own latest epoch (OffsetsForLeaderEpoch) and truncates there: KIP-101 replaced
// "truncate to the high watermark", which could lose acknowledged records or let replicas
// diverge.
//
// Invariants: epochs strictly increase down the list and so do start offsets; every epoch and
// start offset is >= 0. Assign() keeps them by dropping the entries a new one contradicts, as
// Kafka's maybeTruncateNonMonotonicEntries does.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/storage/offset.h"

namespace kafkasim {

struct EpochEntry {
  LeaderEpoch epoch;
  Offset start_offset;
  bool operator==(const EpochEntry&) const = default;
};

// The answer to OffsetsForLeaderEpoch: the largest epoch <= the requested one that this replica
// knows, and the offset where it ended. {kNoLeaderEpoch, kUndefinedOffset} when unknown.
struct EpochEndOffset {
  LeaderEpoch epoch = kNoLeaderEpoch;
  Offset end_offset = kUndefinedOffset;
  bool operator==(const EpochEndOffset&) const = default;
};

class LeaderEpochCache {
 public:
  // Records that `epoch` began at `start_offset`. Nothing changes when the latest entry already
  // has this epoch at an offset <= start_offset. Entries with an epoch >= `epoch` or a start
  // offset >= `start_offset` are removed first: they belong to a history this one replaces.
  // Returns whether the cache changed (and the checkpoint file would be rewritten).
  bool Assign(LeaderEpoch epoch, Offset start_offset);

  // Kafka's endOffsetFor(requestedEpoch, logEndOffset), case by case:
  //  - the requested epoch is undefined (-1): {-1, -1};
  //  - it is the latest epoch: {epoch, log end offset} (the epoch is still being written);
  //  - no known epoch is larger: {-1, -1};
  //  - no known epoch is <= it: {requested, start offset of the first larger epoch};
  //  - otherwise: {the largest known epoch <= requested, start offset of the next larger epoch}.
  EpochEndOffset EndOffsetFor(LeaderEpoch requested, Offset log_end_offset) const;

  std::optional<LeaderEpoch> latest_epoch() const;
  std::optional<EpochEntry> latest_entry() const;
  std::optional<EpochEntry> earliest_entry() const;
  // The epoch of the batch holding `offset`: the last entry starting at or before it.
  std::optional<LeaderEpoch> EpochForOffset(Offset offset) const;
  const std::vector<EpochEntry>& entries() const { return entries_; }

  // Follower truncation (TruncateTo): removes entries starting at or after `end_offset`.
  bool TruncateFromEnd(Offset end_offset);
  // The log start moved (retention, DeleteRecords): entries starting at or before it collapse
  // into one that starts at `start_offset`, keeping the latest such epoch.
  bool TruncateFromStart(Offset start_offset);
  void Clear() { entries_.clear(); }

  // The leader-epoch-checkpoint file, and back. Parse fails with a message on malformed input.
  std::string ToCheckpointFile() const;
  static std::optional<LeaderEpochCache> ParseCheckpointFile(std::string_view text,
                                                             std::string* error);

 private:
  std::vector<EpochEntry> entries_;  // by epoch and by start offset, both strictly increasing
};

}  // namespace kafkasim
