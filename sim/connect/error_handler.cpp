#include "sim/connect/error_handler.h"

#include <fmt/format.h>

namespace kafkasim {

std::string_view ToString(ErrorStage stage) {
  switch (stage) {
    case ErrorStage::kKeyConverter: return "KEY_CONVERTER";
    case ErrorStage::kValueConverter: return "VALUE_CONVERTER";
    case ErrorStage::kTransformation: return "TRANSFORMATION";
    case ErrorStage::kTaskPut: return "TASK_PUT";
    case ErrorStage::kTaskPoll: return "TASK_POLL";
  }
  return "?";
}

std::string ToleranceExceededTrace(const ProcessingFailure& failure) {
  return fmt::format("org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler\n"
                     "Caused by: {}",
                     failure.trace);
}

std::string ErrorLogLine(const std::string& task, const ProcessingFailure& failure, const ConsumerRecord* consumed,
                         bool include_messages) {
  std::string where;
  if (consumed != nullptr) {
    if (include_messages) {
      where = fmt::format(", where consumed record is {{topic='{}', partition={}, offset={}, timestamp={}, key={}, "
                          "value={}}}",
                          consumed->tp.topic, consumed->tp.partition, consumed->offset, consumed->timestamp_ms,
                          consumed->key ? *consumed->key : "null", consumed->value ? *consumed->value : "null");
    } else {
      where = fmt::format(", where consumed record is {{topic='{}', partition={}, offset={}, timestamp={}, "
                          "timestampType=CreateTime}}",
                          consumed->tp.topic, consumed->tp.partition, consumed->offset, consumed->timestamp_ms);
    }
  }
  return fmt::format("Error encountered in task {}. Executing stage '{}' with class '{}'{}.\n{}", task,
                     ToString(failure.stage), failure.executing_class, where, failure.trace);
}

}  // namespace kafkasim
