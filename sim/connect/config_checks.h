#pragma once
// ConfigDef's validators for a connector's keys, with Kafka's ConfigException messages, for the
// parts that add keys to a connector config (error handling, transforms, the JDBC and datagen
// connectors). Each appends the key's value (and its errors) to a ConfigValidation.

#include <optional>
#include <string>
#include <vector>

#include "sim/connect/connector_config.h"

namespace kafkasim {

// The value as a string (numbers and booleans given in JSON as their text); nullopt when absent.
std::optional<std::string> ConfigString(const ConfigJson& config, const std::string& key);

ConfigValueInfo& AddConfigValue(ConfigValidation& out, const ConfigJson& config, const std::string& key,
                                ConnectKeyDef def);
// Missing required configuration "k" which has no default value.
void CheckRequired(ConfigValueInfo& v);
// Invalid value X for configuration k: Not a number of type INT (or LONG / SHORT), or below `at_least`.
void CheckNumber(ConfigValueInfo& v, std::string_view type, std::optional<int64_t> at_least = std::nullopt);
// Invalid value X for configuration k: Expected value to be either true or false
void CheckBoolean(ConfigValueInfo& v);
// Invalid value X for configuration k: String must be one of: a, b
void CheckOneOf(ConfigValueInfo& v, const std::vector<std::string>& allowed);

// The parsed forms of values that validated.
bool ConfigBool(const ConfigJson& config, const std::string& key, bool fallback);
int64_t ConfigNumber(const ConfigJson& config, const std::string& key, int64_t fallback);

// Counts the errors of every value (call after the checks).
void CountConfigErrors(ConfigValidation& out);

}  // namespace kafkasim
