#pragma once
// What Kafka's RetryWithToleranceOperator, LogReporter and DeadLetterQueueReporter do with a
// record that failed a stage of a task's pipeline (KIP-298):
//
//   errors.tolerance=none   the task fails: "ConnectException: Tolerance exceeded in error
//                           handler", caused by the stage's exception
//   errors.tolerance=all    the record is skipped (its offset still counts as consumed); with
//                           errors.log.enable the worker logs "Error encountered in task ...";
//                           for a sink with errors.deadletterqueue.topic.name, the original record
//                           (its key and value bytes, its timestamp) is produced to that topic
//
// The dead letter queue's producer is a node of the task's (connector-dlq-producer-<task>);
// the sink task creates the topic before it starts consuming (see worker_sink_task.h).

#include <optional>
#include <string>

#include "sim/client/consumer.h"
#include "sim/connect/errors_config.h"

namespace kafkasim {

// Kafka's Stage names.
enum class ErrorStage { kKeyConverter, kValueConverter, kTransformation, kTaskPut, kTaskPoll };
std::string_view ToString(ErrorStage stage);

struct ProcessingFailure {
  ErrorStage stage;
  std::string executing_class;  // the converter's or transform's class
  std::string trace;            // "org.apache.kafka.connect.errors.DataException: ..."
};

// The trace that fails the task when the failure is not tolerated.
std::string ToleranceExceededTrace(const ProcessingFailure& failure);

// LogReporter's line for a tolerated failure of `task` ("local-file-sink-0"); the record's
// coordinates when it was consumed.
std::string ErrorLogLine(const std::string& task, const ProcessingFailure& failure, const ConsumerRecord* consumed,
                         bool include_messages);

}  // namespace kafkasim
