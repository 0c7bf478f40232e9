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

std::string FetchRequest::Label() const {
  if (partitions.size() == 1) {
    const auto& [tp, p] = *partitions.begin();
    return fmt::format("Fetch {} @{}", ToString(tp), p.fetch_offset.value());
  }
  return fmt::format("Fetch ×{} partitions", partitions.size());
}

std::string FetchResponse::Label() const {
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
