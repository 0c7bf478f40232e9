// Labels and inspector fields of the data-plane messages: what the visualizer writes on a packet
// ("Produce orders-1 ×100", "Fetch orders-0 @42").

#include <fmt/format.h>

#include "sim/protocol/data_requests.h"

namespace kafkasim {
namespace {

// A request's payload: its batches' bytes plus a small header per partition.
int64_t BatchBytes(const std::vector<RecordBatch>& batches) {
  int64_t n = 0;
  for (const RecordBatch& b : batches) n += static_cast<int64_t>(b.size_bytes());
  return n;
}

}  // namespace

std::string ProduceRequest::Label() const {
  if (batches.size() == 1) {
    const auto& [tp, batch] = *batches.begin();
    return fmt::format("Produce {} ×{}", ToString(tp), batch.view().record_count());
  }
  return fmt::format("Produce ×{} partitions", batches.size());
}

int64_t ProduceRequest::SizeBytes() const {
  int64_t n = 64;
  for (const auto& [tp, batch] : batches) n += 16 + static_cast<int64_t>(batch.size_bytes());
  return n;
}

void ProduceRequest::DescribeFields(nlohmann::ordered_json& f) const {
  f["acks"] = acks;
  for (const auto& [tp, batch] : batches) {
    f["partitions"].push_back({{"partition", ToString(tp)}, {"records", batch.view().record_count()},
                               {"bytes", batch.size_bytes()}});
  }
}

std::string ProduceResponse::Label() const {
  if (partitions.size() == 1) {
    const auto& [tp, r] = *partitions.begin();
    if (r.error != ErrorCode::kNone) return fmt::format("Produce {} {}", ToString(tp), ToString(r.error));
    return fmt::format("Produce {} @{}", ToString(tp), r.base_offset.value());
  }
  return fmt::format("Produce ×{} partitions", partitions.size());
}

int32_t NextSessionEpoch(int32_t epoch) {
  if (epoch < 0) return kFinalSessionEpoch;  // a sessionless fetch stays sessionless
  if (epoch == INT32_MAX) return 1;          // wraps, skipping the initial epoch
  return epoch + 1;
}

std::string FetchRequest::Label() const {
  // An incremental fetch names only what changed: an idle follower's names nothing.
  if (partitions.empty() && !full()) return "Fetch (no change)";
  if (partitions.size() == 1) {
    const auto& [tp, p] = *partitions.begin();
    return fmt::format("Fetch {} @{}", ToString(tp), p.fetch_offset.value());
  }
  return fmt::format("Fetch ×{} partitions", partitions.size());
}

void FetchRequest::DescribeFields(nlohmann::ordered_json& f) const {
  f["session_id"] = session_id;
  f["session_epoch"] = session_epoch;
  for (const auto& [tp, p] : partitions) {
    f["partitions"].push_back({{"partition", ToString(tp)}, {"fetch_offset", p.fetch_offset.value()}});
  }
  for (const TopicPartition& tp : forgotten) f["forgotten"].push_back(ToString(tp));
}

std::string FetchResponse::Label() const {
  if (error != ErrorCode::kNone) return fmt::format("Fetch {}", ToString(error));
  int64_t records = 0;
  for (const auto& [tp, r] : partitions) {
    for (const RecordBatch& b : r.batches) records += b.view().record_count();
  }
  if (partitions.size() == 1) {
    const auto& [tp, r] = *partitions.begin();
    if (r.error != ErrorCode::kNone) return fmt::format("Fetch {} {}", ToString(tp), ToString(r.error));
    return fmt::format("Fetch {} ×{} hw={}", ToString(tp), records, r.high_watermark.value());
  }
  return fmt::format("Fetch ×{} records", records);
}

int64_t FetchResponse::SizeBytes() const {
  int64_t n = 64;
  for (const auto& [tp, r] : partitions) n += 32 + BatchBytes(r.batches);
  return n;
}

std::string OffsetsForLeaderEpochRequest::Label() const {
  if (partitions.size() == 1) {
    const auto& [tp, e] = *partitions.begin();
    return fmt::format("OffsetsForLeaderEpoch {} epoch {}", ToString(tp), e.second.value());
  }
  return fmt::format("OffsetsForLeaderEpoch ×{}", partitions.size());
}

std::string InitProducerIdResponse::Label() const {
  if (error != ErrorCode::kNone) return fmt::format("InitProducerId {}", ToString(error));
  return fmt::format("InitProducerId id={} epoch={}", producer_id, producer_epoch);
}

}  // namespace kafkasim
