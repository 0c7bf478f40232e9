#include "sim/client/producer_batch.h"

#include <algorithm>
#include <cassert>
#include <limits>

#include <fmt/format.h>

#include "sim/storage/record_batch_format.h"
#include "sim/storage/varint.h"

namespace kafkasim {
namespace {

// DefaultRecord.MAX_RECORD_OVERHEAD: the largest length, attributes, deltas and counts can take.
constexpr size_t kMaxRecordOverhead = 21;
constexpr size_t kMaxReserve = 64 * 1024;

NullableBytes BytesOf(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  return AsBytes(*s);
}

size_t SizeOfNullable(const std::optional<std::string>& s) {
  if (!s) return 1;
  return VarintSize(static_cast<int32_t>(s->size())) + s->size();
}

}  // namespace

size_t EstimateBatchSizeUpperBound(const ProducerRecord& record) {
  return batch_format::kRecordBatchOverhead + kMaxRecordOverhead + SizeOfNullable(record.key) +
         SizeOfNullable(record.value);
}

ProducerBatch::ProducerBatch(TopicPartition tp, Time created, int32_t batch_size, const ProducerRecord& first_record)
    : tp_(std::move(tp)), created_(created), last_attempt_(created),
      write_limit_(std::max<size_t>(static_cast<size_t>(batch_size), EstimateBatchSizeUpperBound(first_record))) {
  builder_.emplace(RecordBatchOptions{});
}

size_t ProducerBatch::estimated_size() const {
  return built_ ? built_->size_bytes() : builder_->size_bytes();
}

bool ProducerBatch::IsFull() const { return closed_ || (!records_.empty() && write_limit_ <= estimated_size()); }

std::optional<int32_t> ProducerBatch::TryAppend(const ProducerRecord& record, int64_t timestamp_ms,
                                                uint64_t record_id, SendCallback&& callback) {
  if (closed_ || built_) return std::nullopt;
  const SimpleRecord simple{.timestamp_ms = timestamp_ms, .key = BytesOf(record.key), .value = BytesOf(record.value)};
  // The first record always fits; later ones while the batch stays within its write limit.
  const size_t before = records_.empty() ? 0 : estimated_size();
  const size_t limit = records_.empty() ? std::numeric_limits<size_t>::max() : write_limit_;
  // Kafka allocates batch.size at once. This waits for a second record (a batch of one, as
  // linger.ms=0 sends one at a time, needs no more), then reserves the write limit (up to a bound,
  // for a big batch.size a few records would leave unused): appends no longer move the records.
  if (records_.size() == 1) {
    builder_->Reserve(std::min(write_limit_, kMaxReserve));
    // Room for as many entries as records of the first one's size fill the write limit, so that
    // a full batch does not move its callbacks over and over as it grows.
    const size_t first = std::max<size_t>(1, builder_->size_bytes() - batch_format::kRecordBatchOverhead);
    records_.reserve(std::min(write_limit_, kMaxReserve) / first + 1);
  }
  if (!builder_->AppendIfFits(simple, limit)) return std::nullopt;
  records_.push_back(Entry{.id = record_id, .timestamp_ms = timestamp_ms, .callback = std::move(callback)});
  return static_cast<int32_t>(estimated_size() - before);
}

std::string ProducerBatch::DescribeRecords() const {
  if (records_.size() == 1) return fmt::format("record #{}", records_.front().id);
  bool contiguous = true;
  for (size_t i = 1; i < records_.size(); ++i) contiguous = contiguous && records_[i].id == records_[i - 1].id + 1;
  if (contiguous) return fmt::format("records #{}-#{}", records_.front().id, records_.back().id);
  std::string out = "records";
  for (size_t i = 0; i < records_.size(); ++i) out += fmt::format("{} #{}", i == 0 ? "" : ",", records_[i].id);
  return out;
}

void ProducerBatch::SetProducerState(int64_t producer_id, int16_t producer_epoch, int32_t base_sequence) {
  assert(!built_ && !has_sequence() && "a batch is stamped once, before it is built");
  producer_id_ = producer_id;
  producer_epoch_ = producer_epoch;
  base_sequence_ = base_sequence;
  builder_->SetProducerState(producer_id, producer_epoch, base_sequence);
}

const RecordBatch& ProducerBatch::Built() {
  if (!built_) {
    assert(!records_.empty());
    closed_ = true;
    built_ = builder_->Build();
  }
  return *built_;
}

void ProducerBatch::Complete(Offset base_offset, const std::optional<ProducerError>& error) {
  assert(!done_ && "a batch completes once");
  done_ = true;
  // One report, its per-record fields rewritten for each record: the partition and the error are
  // the batch's, copied once.
  DeliveryReport report;
  report.tp = tp_;
  report.error = error;
  const bool offsets = !error && base_offset != kUndefinedOffset;
  for (size_t i = 0; i < records_.size(); ++i) {
    Entry& e = records_[i];
    report.record_id = e.id;
    report.timestamp_ms = e.timestamp_ms;
    report.offset = offsets ? base_offset + static_cast<int64_t>(i) : kUndefinedOffset;
    if (e.callback) e.callback(report);
  }
}

}  // namespace kafkasim
