#pragma once
// What an application hands the producer (Kafka's ProducerRecord with byte[] keys and values) and
// what it is told back about each record (RecordMetadata, or the exception that failed it).

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "sim/protocol/errors.h"
#include "sim/protocol/types.h"
#include "sim/storage/offset.h"

namespace kafkasim {

struct ProducerRecord {
  std::string topic;
  std::optional<int32_t> partition;  // explicit: wins over the partitioner
  std::optional<std::string> key;    // nullopt: a null key
  std::optional<std::string> value;  // nullopt: a null value (a tombstone)
  std::optional<int64_t> timestamp_ms;  // nullopt: the producer's clock (CreateTime)
};

// A Java exception as Kafka's client would hand it to the callback.
struct ProducerError {
  ErrorCode code = ErrorCode::kUnknownServerError;  // the broker's code, or kRequestTimedOut for timeouts
  std::string exception;  // "org.apache.kafka.common.errors.TimeoutException"
  std::string message;    // "Expiring 1 record(s) for orders-0:120000 ms has passed since batch creation"
  std::string ToString() const { return message.empty() ? exception : exception + ": " + message; }
};

struct DeliveryReport {
  uint64_t record_id = 0;  // the producer's count of sends, from 1
  TopicPartition tp;       // partition -1 when the record never got one
  Offset offset = kUndefinedOffset;  // -1 with acks=0: nobody tells the producer
  int64_t timestamp_ms = -1;
  std::optional<ProducerError> error;
  bool ok() const { return !error.has_value(); }
};

using SendCallback = std::function<void(const DeliveryReport&)>;

// The exception KafkaProducer raises for a broker's error code (Errors.exception()), with the
// message the broker sent or Kafka's default one.
ProducerError ProducerErrorFor(ErrorCode code, const std::string& message = "");
// Kafka's RetriableException family: the producer retries these (until retries or
// delivery.timeout.ms run out).
bool IsRetriable(ErrorCode code);
// InvalidMetadataException: the client's metadata is stale, so it refreshes before retrying.
bool IsInvalidMetadata(ErrorCode code);

}  // namespace kafkasim
