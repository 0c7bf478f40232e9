#include "sim/storage/dump_log.h"

#include <fmt/format.h>

#include <charconv>

#include "sim/storage/big_endian.h"
#include "sim/storage/crc32c.h"
#include "sim/storage/record_batch.h"
#include "sim/storage/record_batch_format.h"

namespace kafkasim {

using namespace batch_format;

namespace {

std::string_view FileName(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The base offset a segment file is named after ("00000000000000000042.log" -> 42).
int64_t BaseOffsetOf(std::string_view path) {
  const std::string_view name = FileName(path);
  const std::string_view digits = name.substr(0, name.find('.'));
  int64_t offset = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), offset);
  return offset;
}

template <typename T>
T Field(Bytes batch, size_t offset) {
  return LoadBigEndian<T>(batch.data() + offset);
}

// DumpLogSegments.printBatchLevel, read from the header without trusting the batch.
std::string BatchLine(Bytes batch, int64_t position, bool valid) {
  const auto base_offset = Field<int64_t>(batch, kBaseOffsetOffset);
  const auto last_offset_delta = Field<int32_t>(batch, kLastOffsetDeltaOffset);
  const auto attributes = Field<int16_t>(batch, kAttributesOffset);
  const auto base_sequence = Field<int32_t>(batch, kBaseSequenceOffset);
  const int32_t last_sequence = base_sequence == kNoSequence
                                    ? kNoSequence
                                    : IncrementSequence(base_sequence, last_offset_delta);
  const bool has_horizon = (attributes & kDeleteHorizonFlagMask) != 0;
  const std::string horizon =
      has_horizon ? fmt::format("OptionalLong[{}]", Field<int64_t>(batch, kBaseTimestampOffset))
                  : "OptionalLong.empty";
  const char* codecs[] = {"none", "gzip", "snappy", "lz4", "zstd"};
  const int codec = attributes & kCompressionCodecMask;
  return fmt::format(
      "baseOffset: {} lastOffset: {} count: {} baseSequence: {} lastSequence: {} producerId: {} "
      "producerEpoch: {} partitionLeaderEpoch: {} isTransactional: {} isControl: {} "
      "deleteHorizonMs: {} position: {} {}: {} size: {} magic: {} compresscodec: {} crc: {} "
      "isvalid: {}\n",
      base_offset, WrappingAdd(base_offset, last_offset_delta),
      Field<int32_t>(batch, kRecordCountOffset), base_sequence, last_sequence,
      Field<int64_t>(batch, kProducerIdOffset), Field<int16_t>(batch, kProducerEpochOffset),
      Field<int32_t>(batch, kPartitionLeaderEpochOffset),
      (attributes & kTransactionalFlagMask) != 0, (attributes & kControlFlagMask) != 0, horizon,
      position, (attributes & kTimestampTypeMask) ? "LogAppendTime" : "CreateTime",
      Field<int64_t>(batch, kMaxTimestampOffset), batch.size(), Field<int8_t>(batch, kMagicOffset),
      codec < 5 ? codecs[codec] : "unknown", Field<uint32_t>(batch, kCrcOffset), valid);
}

std::string RecordLine(const RecordBatchView& batch, const RecordView& record, bool print_data) {
  std::string headers;
  for (const RecordHeader& header : record.headers) {
    if (!headers.empty()) headers += ',';
    headers += header.key;
  }
  std::string line = fmt::format(
      "| offset: {} {}: {} keySize: {} valueSize: {} sequence: {} headerKeys: [{}]", record.offset,
      batch.timestamp_type() == TimestampType::kLogAppendTime ? "LogAppendTime" : "CreateTime",
      record.timestamp_ms, record.key ? static_cast<int64_t>(record.key->size()) : -1,
      record.value ? static_cast<int64_t>(record.value->size()) : -1, record.sequence, headers);
  if (print_data && !batch.is_control_batch()) {
    if (record.key) line += fmt::format(" key: {}", AsString(*record.key));
    if (record.value) line += fmt::format(" payload: {}", AsString(*record.value));
  }
  return line + "\n";
}

}  // namespace

std::string DumpLogFile(std::string_view path, Bytes bytes, const DumpLogOptions& options) {
  const bool deep = options.deep_iteration || options.print_data_log;
  std::string out = fmt::format("Dumping {}\nLog starting offset: {}\n", path, BaseOffsetOf(path));
  size_t position = 0;
  // FileLogInputStream.nextBatch: a header that fits, a size that is sane and within the file.
  while (bytes.size() - position >= kRecordBatchOverhead) {
    const auto length = LoadBigEndian<int32_t>(bytes.data() + position + kLengthOffset);
    if (length < static_cast<int32_t>(kRecordBatchOverhead - kLogOverhead)) break;
    const size_t size = kLogOverhead + static_cast<size_t>(length);
    if (size > bytes.size() - position) break;
    const Bytes batch = bytes.subspan(position, size);
    const bool crc_ok =
        Field<int8_t>(batch, kMagicOffset) == kMagicV2 &&
        crc32c::Value(batch.subspan(kAttributesOffset)) == Field<uint32_t>(batch, kCrcOffset);
    out += BatchLine(batch, static_cast<int64_t>(position), crc_ok);
    if (deep) {
      DecodeResult<RecordBatchView> view = RecordBatchView::Parse(batch);
      if (!view.ok()) {
        // Kafka's deep iteration dies on a corrupt batch; say why and stop, as it does.
        out += fmt::format(
            "Exception in thread \"main\" org.apache.kafka.common.errors."
            "CorruptRecordException: {}\n",
            view.status().message());
        return out;
      }
      for (const RecordView& record : *view)
        out += RecordLine(*view, record, options.print_data_log);
    }
    position += size;
  }
  if (position < bytes.size()) {
    out += fmt::format("Found {} invalid bytes at the end of {}\n", bytes.size() - position,
                       FileName(path));
  }
  return out;
}

std::string DumpOffsetIndexFile(std::string_view path, Bytes bytes) {
  std::string out = fmt::format("Dumping {}\n", path);
  const int64_t base = BaseOffsetOf(path);
  if (bytes.size() < 8) return out + fmt::format("{} is empty.\n", path);
  for (size_t i = 0; i + 8 <= bytes.size(); i += 8) {
    const auto relative = LoadBigEndian<int32_t>(bytes.data() + i);
    // A preallocated index is zero-filled past its entries: Kafka stops at the first such entry.
    if (relative == 0 && i > 0) break;
    out += fmt::format("offset: {} position: {}\n", base + relative,
                       LoadBigEndian<int32_t>(bytes.data() + i + 4));
  }
  return out;
}

std::string DumpTimeIndexFile(std::string_view path, Bytes bytes) {
  std::string out = fmt::format("Dumping {}\n", path);
  const int64_t base = BaseOffsetOf(path);
  for (size_t i = 0; i + 12 <= bytes.size(); i += 12) {
    const auto relative = LoadBigEndian<int32_t>(bytes.data() + i + 8);
    if (relative == 0 && i > 0) break;
    out += fmt::format("timestamp: {} offset: {}\n", LoadBigEndian<int64_t>(bytes.data() + i),
                       base + relative);
  }
  return out;
}

}  // namespace kafkasim
