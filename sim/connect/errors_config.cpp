#include "sim/connect/errors_config.h"

#include <fmt/format.h>

#include "sim/connect/config_checks.h"
#include "sim/connect/worker_config.h"

namespace kafkasim {
namespace {

ConnectKeyDef ErrorsKey(std::string type, std::optional<std::string> default_value, std::string doc, std::string display) {
  return ConnectKeyDef{.type = std::move(type), .default_value = std::move(default_value), .importance = "MEDIUM",
                      .documentation = std::move(doc), .group = "Error Handling", .display_name = std::move(display)};
}

}  // namespace

void ValidateErrorsConfig(const ConfigJson& config, const ConnectorPlugin& plugin, ConfigValidation& out) {
  CheckNumber(AddConfigValue(out, config, "errors.retry.timeout",
                             ErrorsKey("LONG", "0", "The maximum duration in milliseconds that a failed operation will "
                                                    "be reattempted. 0: no retries; -1: infinite retries.",
                                       "Retry Timeout for Errors")),
              "LONG");
  CheckNumber(AddConfigValue(out, config, "errors.retry.delay.max.ms",
                             ErrorsKey("LONG", "60000", "The maximum duration in milliseconds between consecutive "
                                                        "retry attempts.",
                                       "Maximum Delay Between Retries for Errors")),
              "LONG");
  CheckOneOf(AddConfigValue(out, config, "errors.tolerance",
                            ErrorsKey("STRING", "none", "Behavior for tolerating errors during connector operation. "
                                                        "'none' fails the task at the first error; 'all' skips "
                                                        "problematic records.",
                                      "Error Tolerance")),
             {"none", "all"});
  CheckBoolean(AddConfigValue(out, config, "errors.log.enable",
                              ErrorsKey("BOOLEAN", "false", "If true, write each error and the details of the failed "
                                                            "operation and problematic record to the Connect "
                                                            "application log.",
                                        "Log Errors")));
  CheckBoolean(AddConfigValue(out, config, "errors.log.include.messages",
                              ErrorsKey("BOOLEAN", "false", "Whether to include in the log the Connect record that "
                                                            "resulted in a failure.",
                                        "Log Error Details")));
  if (plugin.type != ConnectorType::kSink) return;
  ConfigValueInfo& topic = AddConfigValue(out, config, "errors.deadletterqueue.topic.name",
                                          ErrorsKey("STRING", "", "The name of the topic to be used as the dead letter "
                                                                  "queue (DLQ) for messages that result in an error "
                                                                  "when processed by this sink connector.",
                                                    "Dead Letter Queue Topic Name"));
  if (topic.value && !topic.value->empty()) {
    const std::string topics = ConfigString(config, "topics").value_or("");
    for (const std::string& t : SplitConfigList(topics)) {
      if (t == *topic.value) {
        topic.errors.push_back(fmt::format("The DLQ topic '{}' may not be included in the list of topics ('topics={}') "
                                           "consumed by the connector",
                                           t, topics));
      }
    }
  }
  CheckNumber(AddConfigValue(out, config, "errors.deadletterqueue.topic.replication.factor",
                             ErrorsKey("SHORT", "3", "Replication factor used to create the dead letter queue topic "
                                                     "when it doesn't already exist.",
                                       "Dead Letter Queue Topic Replication Factor")),
              "SHORT");
  ConfigValueInfo& headers = AddConfigValue(out, config, "errors.deadletterqueue.context.headers.enable",
                                            ErrorsKey("BOOLEAN", "false", "If true, add headers containing error "
                                                                          "context to the messages written to the "
                                                                          "dead letter queue.",
                                                      "Enable Error Context Headers"));
  CheckBoolean(headers);
  if (headers.errors.empty() && ConfigBool(config, headers.name, false)) {
    headers.errors.push_back("kafkasim: errors.deadletterqueue.context.headers.enable=true is not simulated yet: "
                             "kafkasim's records carry no headers (the dead letter queue gets the original record "
                             "without the __connect.errors.* headers)");
  }
}

ErrorsConfig ParseErrorsConfig(const ConfigJson& config, const ConnectorPlugin& plugin) {
  ErrorsConfig e;
  e.tolerate_all = ConfigString(config, "errors.tolerance").value_or("none") == "all";
  e.log_enable = ConfigBool(config, "errors.log.enable", false);
  e.log_include_messages = ConfigBool(config, "errors.log.include.messages", false);
  if (plugin.type == ConnectorType::kSink) {
    e.dlq_topic = ConfigString(config, "errors.deadletterqueue.topic.name").value_or("");
    e.dlq_replication_factor =
        static_cast<int16_t>(ConfigNumber(config, "errors.deadletterqueue.topic.replication.factor", 3));
    e.dlq_context_headers = ConfigBool(config, "errors.deadletterqueue.context.headers.enable", false);
  }
  return e;
}

}  // namespace kafkasim
