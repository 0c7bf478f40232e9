#pragma once
// A checkpoint of one offset per partition, kept at the top of a log.dir (Kafka's
// OffsetCheckpointFile over CheckpointFile). The broker's ReplicaManager keeps its partitions'
// high watermarks in `<log.dir>/replication-offset-checkpoint` this way:
//
//   0          <- format version
//   2          <- number of entries
//   pay 0 2    <- "topic partition offset"
//   pay 1 7
//
// A write replaces the whole file: Kafka writes a temporary file, fsyncs it and renames it over
// the old one, so the file on disk is always one complete checkpoint, and it survives a power
// loss as well as a crash. Reading it gives what the last write left.
//
// OWNERSHIP: the LogManager (the broker's disk) owns one per log.dir; it outlives the broker's
// process. With --data-dir it is also mirrored to a real file.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include "sim/storage/offset.h"

namespace kafkasim {

class SegmentFiles;

class OffsetCheckpointFile {
 public:
  // By (topic, partition): sorted, so the file lists partitions in a stable order.
  using Offsets = std::map<std::pair<std::string, int32_t>, Offset>;

  // `files` (not owned, may be null) receives the file at `mirror_path` on every write.
  OffsetCheckpointFile(SegmentFiles* files, std::string mirror_path);

  // CheckpointFile.write: the whole checkpoint replaced, durably.
  void Write(Offsets offsets);
  // What the file holds: empty before the first write.
  const Offsets& Read() const { return offsets_; }
  // LazyOffsetCheckpoints.fetch: the partition's offset, if the file lists it.
  std::optional<Offset> Fetch(const std::string& topic, int32_t partition) const;
  bool written() const { return written_; }

  // The file's text: version 0, the entry count, then "topic partition offset" lines.
  static std::string Format(const Offsets& offsets);

 private:
  SegmentFiles* files_;
  std::string mirror_path_;
  Offsets offsets_;
  bool written_ = false;
};

}  // namespace kafkasim
