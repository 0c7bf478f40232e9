#include "sim/client/transaction_manager.h"

#include <cassert>

#include "sim/client/producer_batch.h"
#include "sim/storage/record.h"

namespace kafkasim {

void TransactionManager::SetProducerIdAndEpoch(int64_t producer_id, int16_t epoch) {
  assert(producer_id >= 0 && epoch >= 0);
  producer_id_ = producer_id;
  producer_epoch_ = epoch;
}

bool TransactionManager::MustWait(const ProducerBatch& first) const {
  if (!has_producer_id()) return true;
  auto it = partitions_.find(first.tp());
  if (it == partitions_.end()) return false;
  const PartitionState& p = it->second;
  if (!first.has_sequence()) {
    // Batches of a new epoch wait until the old epoch's batches are no longer in flight: a
    // sequence 0 of the new epoch must not overtake them.
    const bool stale = p.producer_id != producer_id_ || p.producer_epoch != producer_epoch_;
    return stale && !p.in_flight.empty();
  }
  // A retry goes only when it is the first sequence in flight.
  return !p.in_flight.empty() && first.base_sequence() != *p.in_flight.begin();
}

void TransactionManager::AssignSequence(ProducerBatch& batch) {
  assert(has_producer_id() && !batch.has_sequence());
  PartitionState& p = partitions_[batch.tp()];
  if (p.producer_id != producer_id_ || p.producer_epoch != producer_epoch_) {
    assert(p.in_flight.empty() && "MustWait holds a new epoch's batches back");
    p = PartitionState{.producer_id = producer_id_, .producer_epoch = producer_epoch_};
  }
  batch.SetProducerState(producer_id_, producer_epoch_, p.next_sequence);
  p.in_flight.insert(p.next_sequence);
  p.next_sequence = IncrementSequence(p.next_sequence, batch.record_count());
}

void TransactionManager::Forget(const ProducerBatch& batch) {
  auto it = partitions_.find(batch.tp());
  if (it == partitions_.end()) return;
  PartitionState& p = it->second;
  if (batch.producer_id() != p.producer_id || batch.producer_epoch() != p.producer_epoch) return;
  p.in_flight.erase(batch.base_sequence());
}

void TransactionManager::OnAcked(const ProducerBatch& batch) {
  if (!batch.has_sequence()) return;
  Forget(batch);
  auto it = partitions_.find(batch.tp());
  if (it == partitions_.end() || batch.producer_epoch() != it->second.producer_epoch) return;
  const int32_t last = batch.base_sequence() + batch.record_count() - 1;
  if (last > it->second.last_acked) it->second.last_acked = last;
}

void TransactionManager::OnFailed(const ProducerBatch& batch) {
  if (!batch.has_sequence()) return;
  Forget(batch);
  // KIP-360: the idempotent producer bumps its epoch locally once, for the failed batch's epoch.
  if (batch.producer_epoch() == producer_epoch_ && batch.producer_id() == producer_id_) {
    ++producer_epoch_;
    ++epoch_bumps_;
  }
}

int32_t TransactionManager::FirstInFlightSequence(const TopicPartition& tp) const {
  auto it = partitions_.find(tp);
  return it == partitions_.end() || it->second.in_flight.empty() ? -1 : *it->second.in_flight.begin();
}

int32_t TransactionManager::NextSequence(const TopicPartition& tp) const {
  auto it = partitions_.find(tp);
  return it == partitions_.end() ? 0 : it->second.next_sequence;
}

int32_t TransactionManager::LastAckedSequence(const TopicPartition& tp) const {
  auto it = partitions_.find(tp);
  return it == partitions_.end() ? -1 : it->second.last_acked;
}

}  // namespace kafkasim
