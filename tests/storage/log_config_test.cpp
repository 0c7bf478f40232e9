// Topic-level log configuration (sim/storage/log_config.cpp): Kafka 3.7's defaults and validators.

#include "sim/storage/log_config.h"

#include <catch2/catch.hpp>

namespace kafkasim {
namespace {

TEST_CASE("log config: Kafka's defaults") {
  const LogConfig config;
  CHECK(config.Get("segment.bytes") == "1073741824");
  CHECK(config.Get("segment.ms") == "604800000");
  CHECK(config.Get("retention.ms") == "604800000");
  CHECK(config.Get("retention.bytes") == "-1");
  CHECK(config.Get("cleanup.policy") == "delete");
  CHECK(config.Get("min.cleanable.dirty.ratio") == "0.5");
  CHECK(config.Get("delete.retention.ms") == "86400000");
  CHECK(config.Get("index.interval.bytes") == "4096");
  CHECK(config.Get("flush.messages") == "9223372036854775807");
  CHECK(config.Get("flush.ms") == "9223372036854775807");
  CHECK(config.Get("file.delete.delay.ms") == "60000");
  CHECK(config.Get("max.message.bytes") == "1048588");
  CHECK(config.Get("message.timestamp.type") == "CreateTime");
}

TEST_CASE("log config: keys are set from text, as kafka-configs does") {
  LogConfig config;
  CHECK(!config.Set("retention.ms", "60000"));
  CHECK(config.retention_ms == 60000);
  CHECK(!config.Set("cleanup.policy", "compact,delete"));
  CHECK(config.cleanup_compact);
  CHECK(config.cleanup_delete);
  CHECK(config.Get("cleanup.policy") == "compact,delete");
  CHECK(!config.Set("min.cleanable.dirty.ratio", "0.1"));
  CHECK(config.min_cleanable_dirty_ratio == 0.1);
}

TEST_CASE("log config: bad keys and values get Kafka's complaint") {
  LogConfig config;
  CHECK(config.Set("retention.ms", "abc") ==
        "Invalid value abc for configuration retention.ms: Not a number of type LONG");
  CHECK(config.Set("retention.ms", "-2") ==
        "Invalid value -2 for configuration retention.ms: Value must be at least -1");
  CHECK(config.Set("segment.bytes", "10") ==
        "Invalid value 10 for configuration segment.bytes: Value must be at least 14");
  CHECK(config.Set("cleanup.policy", "forever") ==
        "Invalid value forever for configuration cleanup.policy: String must be one of: "
        "compact, delete");
  CHECK(config.Set("min.cleanable.dirty.ratio", "1.5") ==
        "Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be no more "
        "than 1");
  CHECK(config.Set("retention.hours", "1") == "Unknown topic config name: retention.hours");
  CHECK(config.retention_ms == 604800000);  // nothing changed
}

}  // namespace
}  // namespace kafkasim
