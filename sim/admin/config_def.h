#pragma once
// The part of Kafka's ConfigDef (clients/.../common/config/ConfigDef.java) that reads a config
// value from text: its types, the validators Kafka's broker and topic configs use, and the exact
// ConfigException messages ("Invalid value abc for configuration num.partitions: Not a number of
// type INT"). KafkaConfig (broker) and TopicConfig (per-topic) are tables of ConfigKeyDef read
// through ParseConfigs, in definition order, so that the first bad value reported is Kafka's.
//
// Values are parsed as ConfigDef.parseType does: blanks around a value are trimmed, booleans are
// "true"/"false" in any case, numbers follow Java's parseInt/parseLong/parseShort/parseDouble,
// lists split on commas with optional blanks.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/admin/admin_error.h"

namespace kafkasim {

enum class ConfigType { kBoolean, kString, kInt, kShort, kLong, kDouble, kList, kClass, kPassword };

// Long.MAX_VALUE as a default: Kafka's "never" for flush and timestamp settings.
inline constexpr std::string_view kLongMaxDefault = "9223372036854775807";

// "INT", "LONG", ...: the names ConfigDef.Type prints.
std::string_view ConfigTypeName(ConfigType type);

struct ConfigValidator {
  enum class Kind { kNone, kRange, kValidString, kValidList };
  Kind kind = Kind::kNone;
  // kRange: ConfigDef.Range.atLeast / between (bounds as Kafka declares them: integers).
  std::optional<int64_t> min, max;
  // kValidString (one of) / kValidList (each element one of), in Kafka's order.
  std::vector<std::string_view> valid;

  static ConfigValidator AtLeast(int64_t min) { return {Kind::kRange, min, std::nullopt, {}}; }
  static ConfigValidator Between(int64_t min, int64_t max) { return {Kind::kRange, min, max, {}}; }
  static ConfigValidator In(std::vector<std::string_view> v) {
    return {Kind::kValidString, {}, {}, std::move(v)};
  }
  static ConfigValidator ListIn(std::vector<std::string_view> v) {
    return {Kind::kValidList, {}, {}, std::move(v)};
  }
};

struct ConfigKeyDef {
  std::string_view name;
  ConfigType type;
  // The default as Kafka would print it (ConfigDef.convertToString); nullopt for a null default.
  std::optional<std::string_view> default_value;
  ConfigValidator validator = {};
};

// A parsed value: null, or the value of its type (INT, SHORT and LONG share int64_t; STRING,
// CLASS and PASSWORD share std::string).
using ConfigValue =
    std::variant<std::monostate, bool, int64_t, double, std::string, std::vector<std::string>>;

// ConfigDef.parseValue for one key: the typed value, or ConfigException's message.
std::variant<ConfigValue, std::string> ParseConfigValue(const ConfigKeyDef& key,
                                                        std::string_view text);

// ConfigDef.convertToString: "true", "1048576", "0.5", "compact,delete"; "null" for null.
std::string ConfigValueToString(const ConfigValue& value);

// Java's Double.toString for the values configs hold ("0.5", "1.0", "1.0E7").
std::string JavaDoubleToString(double value);

class ParsedConfig {
 public:
  void Set(std::string name, ConfigValue value) { values_[std::move(name)] = std::move(value); }
  bool IsNull(std::string_view name) const;
  bool GetBool(std::string_view name) const;
  int64_t GetLong(std::string_view name) const;  // INT, SHORT and LONG
  int32_t GetInt(std::string_view name) const;
  double GetDouble(std::string_view name) const;
  const std::string& GetString(std::string_view name) const;
  const std::vector<std::string>& GetList(std::string_view name) const;
  const ConfigValue& Get(std::string_view name) const;
  const std::map<std::string, ConfigValue, std::less<>>& values() const { return values_; }

 private:
  std::map<std::string, ConfigValue, std::less<>> values_;
};

// AbstractConfig's parse of `props` against `defs`: every defined key gets its value (or default),
// in definition order; the first bad value is a ConfigException. Keys of `props` that no def
// names are returned in `unknown` (sorted), for AbstractConfig.logUnused.
struct ParsedConfigs {
  ParsedConfig values;
  std::vector<std::string> unknown;
};
AdminResult<ParsedConfigs> ParseConfigs(
    std::span<const ConfigKeyDef> defs,
    const std::map<std::string, std::string, std::less<>>& props);

}  // namespace kafkasim
