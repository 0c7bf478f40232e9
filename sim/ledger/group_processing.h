#pragma once
// What one consumer group did with the ledger's records (ledger.h): which records its consumer
// apps were handed by poll() and which ones they finished processing, so that `expect` can ask
// how many the group processed, how many it processed more than once (at-least-once after a
// crash or a failed commit), and how many it will never process because it committed past them
// without processing them (at-most-once after a crash).
//
// Memory. No object per record: per app of origin, an IntervalSet of the record numbers the
// group processed and a count of repeated processings; per partition, IntervalSets of the
// offsets polled and processed. Consumers read in offset order, so each set stays a few ranges.
//
// Definitions (GroupCounts), given the group's committed offsets:
//   processed   distinct records processed at least once;
//   duplicated  processings beyond the first of one record;
//   lost        records polled but never processed, below the committed offset of their
//               partition: the group will not be handed them again.
// Offsets are taken as unique within a partition (a truncated and rewritten offset counts once).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/ledger/interval_set.h"
#include "sim/protocol/types.h"

namespace kafkasim {

struct GroupCounts {
  uint64_t processed = 0, duplicated = 0, lost = 0;
};

// A closed range of offsets, for narration ("10..19").
using OffsetRange = std::pair<uint64_t, uint64_t>;

class GroupProcessing {
 public:
  // poll() handed over the record at `offset` of `tp`.
  void OnPolled(const TopicPartition& tp, int64_t offset);
  // The application finished processing it; it is `app`'s record `n`. True when the group had
  // processed that record before.
  bool OnProcessed(const TopicPartition& tp, int64_t offset, std::string_view app, uint64_t n);

  // `committed`: the group's committed offset per partition (the next offset to read).
  GroupCounts Counts(const std::map<TopicPartition, int64_t>& committed) const;
  // The offsets of `tp` processed at or above `from`: what a restart from `from` processes again.
  std::vector<OffsetRange> ProcessedFrom(const TopicPartition& tp, uint64_t from) const;
  // The offsets of `tp` polled but not processed, below `below`: what a commit of `below` skips.
  std::vector<OffsetRange> UnprocessedBelow(const TopicPartition& tp, uint64_t below) const;

 private:
  struct Origin {
    IntervalSet processed;  // record numbers
    uint64_t duplicated = 0;
  };
  struct PartitionProgress {
    IntervalSet polled, processed;  // offsets; processed is a subset of polled
  };
  std::map<std::string, Origin, std::less<>> by_app_;
  std::map<TopicPartition, PartitionProgress> partitions_;
};

// "10..19, 25" — offset ranges for narration.
std::string FormatOffsetRanges(const std::vector<OffsetRange>& ranges);

}  // namespace kafkasim
