#include "sim/broker/producer_state_manager.h"

#include <cassert>
#include <limits>

#include <fmt/format.h>

#include "sim/storage/log.h"

namespace kafkasim {
namespace {

// ProducerAppendInfo.inSequence: the next sequence follows the last, wrapping after INT_MAX.
bool InSequence(int32_t last_seq, int32_t next_seq) {
  return static_cast<int64_t>(next_seq) == static_cast<int64_t>(last_seq) + 1 ||
         (next_seq == 0 && last_seq == std::numeric_limits<int32_t>::max());
}

}  // namespace

ProducerAppendCheck ProducerStateManager::Check(const RecordBatchView& batch, const TopicPartition& tp) const {
  ProducerAppendCheck out;
  const int64_t pid = batch.producer_id();
  if (pid == batch_format::kNoProducerId) return out;
  auto it = producers_.find(pid);
  if (it == producers_.end()) return out;  // unknown producer: any sequence is accepted
  const ProducerStateEntry& entry = it->second;
  const int16_t epoch = batch.producer_epoch();
  const int32_t first_seq = batch.base_sequence();
  // UnifiedLog.analyzeAndValidateProducerState: a duplicate is found before anything else.
  if (epoch == entry.producer_epoch) {
    for (const ProducerBatchMetadata& b : entry.batches) {
      if (b.first_seq == first_seq && b.last_seq == batch.last_sequence()) {
        out.duplicate = b;
        return out;
      }
    }
  }
  if (epoch < entry.producer_epoch) {
    out.error = ErrorCode::kInvalidProducerEpoch;
    out.message = fmt::format("Epoch of producer {} in {} is {}, which is smaller than the last seen epoch {}", pid,
                              ToString(tp), epoch, entry.producer_epoch);
    return out;
  }
  if (epoch != entry.producer_epoch) {
    if (first_seq != 0 && entry.producer_epoch != batch_format::kNoProducerEpoch) {
      out.error = ErrorCode::kOutOfOrderSequenceNumber;
      out.message = fmt::format("Invalid sequence number for new epoch of producer {} in partition {}: {} (request "
                                "epoch), {} (seq. number), {} (current producer epoch)",
                                pid, ToString(tp), epoch, first_seq, entry.producer_epoch);
    }
    return out;
  }
  if (!InSequence(entry.last_seq(), first_seq)) {
    out.error = ErrorCode::kOutOfOrderSequenceNumber;
    out.message = fmt::format("Out of order sequence number for producer {} in partition {}: {} (incoming seq. "
                              "number), {} (current end sequence number)",
                              pid, ToString(tp), first_seq, entry.last_seq());
  }
  return out;
}

void ProducerStateManager::Update(const RecordBatchView& batch, int64_t first_offset) {
  const int64_t pid = batch.producer_id();
  if (pid == batch_format::kNoProducerId) return;
  ProducerStateEntry& entry = producers_[pid];
  // ProducerStateEntry.maybeUpdateProducerEpoch: a new epoch forgets the old epoch's batches.
  if (entry.producer_epoch != batch.producer_epoch()) {
    entry.producer_epoch = batch.producer_epoch();
    entry.batches.clear();
  }
  entry.batches.push_back(ProducerBatchMetadata{.first_seq = batch.base_sequence(),
                                                .last_seq = batch.last_sequence(),
                                                .first_offset = first_offset,
                                                .last_offset = first_offset + batch.last_offset_delta()});
  if (entry.batches.size() > kNumBatchesToRetain) entry.batches.pop_front();
  assert(entry.batches.size() <= kNumBatchesToRetain);
}

void ProducerStateManager::Rebuild(const Log& log) {
  producers_.clear();
  for (const auto& segment : log.segments()) {
    for (size_t i = 0; i < segment->batch_count(); ++i) {
      const RecordBatchView view = segment->batch(i).view();
      Update(view, view.base_offset());
    }
  }
}

const ProducerStateEntry* ProducerStateManager::Find(int64_t producer_id) const {
  auto it = producers_.find(producer_id);
  return it == producers_.end() ? nullptr : &it->second;
}

}  // namespace kafkasim
