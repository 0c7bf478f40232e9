#pragma once
// The idempotent producer's bookkeeping (the idempotence half of Kafka's TransactionManager,
// KIP-98 and KIP-360): the producer id and epoch a broker handed out through InitProducerId, and
// per partition the next sequence number and the sequences of the batches in flight.
//
// Rules (Kafka 3.7, RecordAccumulator.drain / shouldStopDrainBatchesForPartition):
//  - nothing is drained before the producer has an id;
//  - a batch gets its producer id, epoch and base sequence when it is first drained; the
//    sequence advances by its record count, and it keeps them for every retry (the same bytes);
//  - a retried batch goes back into its queue in sequence order, and a partition with retries
//    sends only its lowest unacknowledged sequence until that one completes — in effect one
//    request in flight for that partition, so the log gets the batches in sequence order;
//  - a sequenced batch that fails for good leaves a gap the broker will never fill: the producer
//    bumps its epoch (KIP-360: locally, without asking the broker) and each partition restarts
//    at sequence 0 under the new epoch once its older batches are no longer in flight.
//
// Invariant: a partition's in-flight sequences are distinct and each is below next_sequence.

#include <cstdint>
#include <map>
#include <set>

#include "sim/protocol/types.h"

namespace kafkasim {

class ProducerBatch;

class TransactionManager {
 public:
  bool has_producer_id() const { return producer_id_ >= 0; }
  int64_t producer_id() const { return producer_id_; }
  int16_t producer_epoch() const { return producer_epoch_; }
  void SetProducerIdAndEpoch(int64_t producer_id, int16_t epoch);

  // shouldStopDrainBatchesForPartition: whether `first`, the head of its partition's queue, must
  // wait.
  bool MustWait(const ProducerBatch& first) const;
  // Stamps a batch on its first drain (producer id, epoch, base sequence) and tracks it in flight.
  void AssignSequence(ProducerBatch& batch);
  // The batch is acknowledged (or a duplicate was recognised as written).
  void OnAcked(const ProducerBatch& batch);
  // The batch failed for good: its sequence will never be written, so the epoch must move on.
  void OnFailed(const ProducerBatch& batch);
  // The first sequence still in flight for a partition (Kafka's firstInFlightSequence), or -1.
  int32_t FirstInFlightSequence(const TopicPartition& tp) const;
  int32_t NextSequence(const TopicPartition& tp) const;
  int32_t LastAckedSequence(const TopicPartition& tp) const;
  int32_t epoch_bumps() const { return epoch_bumps_; }

 private:
  struct PartitionState {
    int64_t producer_id = -1;  // the id and epoch its sequences count under
    int16_t producer_epoch = -1;
    int32_t next_sequence = 0;
    int32_t last_acked = -1;
    std::set<int32_t> in_flight;  // base sequences drained and not yet completed
  };
  void Forget(const ProducerBatch& batch);

  int64_t producer_id_ = -1;
  int16_t producer_epoch_ = -1;
  int32_t epoch_bumps_ = 0;
  std::map<TopicPartition, PartitionState> partitions_;
};

}  // namespace kafkasim
