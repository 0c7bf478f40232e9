#include "sim/client/producer_config.h"

#include <fmt/format.h>

#include "sim/admin/config_def.h"

namespace kafkasim {
namespace {

constexpr std::string_view kRoundRobin = "org.apache.kafka.clients.producer.RoundRobinPartitioner";

// The ProducerConfig keys kafkasim models (clients/.../producer/ProducerConfig.java, 3.7), with
// Kafka's defaults and validators, in Kafka's definition order.
const ConfigKeyDef kProducerDefs[] = {
    {"bootstrap.servers", ConfigType::kList, ""},
    {"client.id", ConfigType::kString, ""},
    {"batch.size", ConfigType::kInt, "16384", ConfigValidator::AtLeast(0)},
    {"partitioner.adaptive.partitioning.enable", ConfigType::kBoolean, "true"},
    {"partitioner.availability.timeout.ms", ConfigType::kLong, "0", ConfigValidator::AtLeast(0)},
    {"partitioner.ignore.keys", ConfigType::kBoolean, "false"},
    {"acks", ConfigType::kString, "all", ConfigValidator::In({"all", "-1", "0", "1"})},
    {"linger.ms", ConfigType::kLong, "0", ConfigValidator::AtLeast(0)},
    {"request.timeout.ms", ConfigType::kInt, "30000", ConfigValidator::AtLeast(0)},
    {"delivery.timeout.ms", ConfigType::kInt, "120000", ConfigValidator::AtLeast(0)},
    {"max.request.size", ConfigType::kInt, "1048576", ConfigValidator::AtLeast(0)},
    {"retry.backoff.ms", ConfigType::kLong, "100", ConfigValidator::AtLeast(0)},
    {"retry.backoff.max.ms", ConfigType::kLong, "1000", ConfigValidator::AtLeast(0)},
    {"max.block.ms", ConfigType::kLong, "60000", ConfigValidator::AtLeast(0)},
    {"buffer.memory", ConfigType::kLong, "33554432", ConfigValidator::AtLeast(0)},
    {"compression.type", ConfigType::kString, "none", ConfigValidator::In({"none", "gzip", "snappy", "lz4", "zstd"})},
    {"metadata.max.age.ms", ConfigType::kLong, "300000", ConfigValidator::AtLeast(0)},
    {"max.in.flight.requests.per.connection", ConfigType::kInt, "5", ConfigValidator::AtLeast(1)},
    {"retries", ConfigType::kInt, "2147483647", ConfigValidator::Between(0, 2147483647)},
    {"key.serializer", ConfigType::kClass, "org.apache.kafka.common.serialization.ByteArraySerializer"},
    {"value.serializer", ConfigType::kClass, "org.apache.kafka.common.serialization.ByteArraySerializer"},
    {"send.buffer.bytes", ConfigType::kInt, "131072"},
    {"partitioner.class", ConfigType::kClass, std::nullopt},
    {"enable.idempotence", ConfigType::kBoolean, "true"},
    {"transactional.id", ConfigType::kString, std::nullopt},
};

AdminError ConfigError(std::string message) {
  return MakeAdminError(exceptions::kConfigException, std::move(message));
}

}  // namespace

AdminResult<ParsedProducerConfig> ParseProducerConfig(const std::map<std::string, std::string, std::less<>>& props) {
  auto parsed = ParseConfigs(kProducerDefs, props);
  if (auto* e = std::get_if<AdminError>(&parsed)) return *e;
  const ParsedConfig& v = std::get<ParsedConfigs>(parsed).values;
  ParsedProducerConfig out{.unknown = std::get<ParsedConfigs>(parsed).unknown};
  ProducerConfig& c = out.config;
  c.bootstrap_servers = v.GetList("bootstrap.servers");
  if (c.bootstrap_servers.empty()) {
    return ConfigError("No resolvable bootstrap urls given in bootstrap.servers");
  }
  if (!v.GetString("client.id").empty()) c.client_id = v.GetString("client.id");
  const std::string& acks = v.GetString("acks");
  c.acks = acks == "all" ? int16_t{-1} : static_cast<int16_t>(std::stoi(acks));
  c.batch_size = v.GetInt("batch.size");
  c.linger = Duration::Millis(v.GetLong("linger.ms"));
  c.request_timeout = Duration::Millis(v.GetInt("request.timeout.ms"));
  c.max_request_size = v.GetInt("max.request.size");
  c.retry_backoff = Duration::Millis(v.GetLong("retry.backoff.ms"));
  c.retry_backoff_max = Duration::Millis(v.GetLong("retry.backoff.max.ms"));
  c.max_block = Duration::Millis(v.GetLong("max.block.ms"));
  c.metadata_max_age = Duration::Millis(v.GetLong("metadata.max.age.ms"));
  c.max_in_flight = v.GetInt("max.in.flight.requests.per.connection");
  c.retries = v.GetInt("retries");
  c.partitioner_ignore_keys = v.GetBool("partitioner.ignore.keys");
  c.adaptive_partitioning = v.GetBool("partitioner.adaptive.partitioning.enable");
  if (v.GetString("compression.type") != "none") {
    return ConfigError(fmt::format("compression.type={} is not simulated: kafkasim's batches are uncompressed",
                                   v.GetString("compression.type")));
  }
  if (!v.IsNull("transactional.id")) return ConfigError("transactional.id: transactions are not simulated yet");
  if (!v.IsNull("partitioner.class")) {
    const std::string& name = v.GetString("partitioner.class");
    if (name != kRoundRobin) {
      return ConfigError(fmt::format("Invalid value {} for configuration partitioner.class: kafkasim simulates the "
                                     "built-in partitioner (leave partitioner.class unset) and {}",
                                     name, kRoundRobin));
    }
    c.partitioner = PartitionerKind::kRoundRobin;
  }

  // KafkaProducer.configureDeliveryTimeout: an explicit delivery.timeout.ms must cover linger.ms +
  // request.timeout.ms; the default is raised to that sum instead.
  c.delivery_timeout = Duration::Millis(v.GetInt("delivery.timeout.ms"));
  if (c.delivery_timeout < c.linger + c.request_timeout) {
    if (props.contains("delivery.timeout.ms")) {
      return ConfigError("delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms");
    }
    c.delivery_timeout = c.linger + c.request_timeout;
  }

  // ProducerConfig.postProcessAndValidateIdempotenceConfigs (3.7): with idempotence on (the
  // default or explicit), retries=0 and acks!=all turn the default off quietly and are an error
  // when the user set enable.idempotence=true; max.in.flight > 5 is an error either way — it is
  // checked even when acks or retries just turned the default off.
  const bool explicit_idempotence = props.contains("enable.idempotence");
  bool idempotence = v.GetBool("enable.idempotence");
  if (idempotence) {
    bool disable = false;
    if (c.retries == 0) {
      if (explicit_idempotence) return ConfigError("Must set retries to non-zero when using the idempotent producer.");
      disable = true;
    }
    if (c.acks != -1) {
      if (explicit_idempotence) {
        return ConfigError("Must set acks to all in order to use the idempotent producer. Otherwise we cannot "
                           "guarantee idempotence.");
      }
      disable = true;
    }
    if (c.max_in_flight > 5) {
      return ConfigError(fmt::format("To use the idempotent producer, max.in.flight.requests.per.connection must be "
                                     "set to at most 5. Current value is {}.",
                                     c.max_in_flight));
    }
    if (disable) idempotence = false;
  }
  c.idempotence = idempotence;
  return out;
}

}  // namespace kafkasim
