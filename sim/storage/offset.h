#pragma once
// The strong integers of a partition's log: an Offset (a record's position in the partition, the
// log start offset, the log end offset, a high watermark) and a LeaderEpoch (the generation of
// leadership that wrote a batch, KIP-101). Neither mixes with plain integers or with the other.
//
// Offsets take the arithmetic a log needs, spelled out: `offset + 1` is the next offset and
// `a - b` is how many offsets lie between two of them.

#include <cstdint>
#include <limits>

#include "sim/core/strong_int.h"

namespace kafkasim {

struct OffsetTag {};
using Offset = StrongInt<OffsetTag, int64_t>;

constexpr Offset operator+(Offset offset, int64_t n) { return Offset(offset.value() + n); }
constexpr Offset operator-(Offset offset, int64_t n) { return Offset(offset.value() - n); }
constexpr int64_t operator-(Offset a, Offset b) { return a.value() - b.value(); }

// Kafka's UNDEFINED_EPOCH_OFFSET (OffsetsForLeaderEpochResponse) and UnifiedLog.UnknownOffset.
inline constexpr Offset kUndefinedOffset{-1};
// A read with no upper bound of its own reads up to the log end offset.
inline constexpr Offset kMaxOffset{std::numeric_limits<int64_t>::max()};

struct LeaderEpochTag {};
using LeaderEpoch = StrongInt<LeaderEpochTag, int32_t>;

// Kafka's RecordBatch.NO_PARTITION_LEADER_EPOCH and OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH:
// both are -1.
inline constexpr LeaderEpoch kNoLeaderEpoch{-1};

}  // namespace kafkasim
