#include "sim/admin/config_def.h"

#include <catch2/catch.hpp>

using namespace kafkasim;

namespace {

std::string Error(const ConfigKeyDef& key, std::string_view text) {
  auto r = ParseConfigValue(key, text);
  REQUIRE(std::holds_alternative<std::string>(r));
  return std::get<std::string>(r);
}

ConfigValue Value(const ConfigKeyDef& key, std::string_view text) {
  auto r = ParseConfigValue(key, text);
  REQUIRE(std::holds_alternative<ConfigValue>(r));
  return std::get<ConfigValue>(r);
}

}  // namespace

TEST_CASE("numbers parse as Java does, after trimming, with ConfigDef's messages when they don't") {
  const ConfigKeyDef n{"num.partitions", ConfigType::kInt, "1"};
  CHECK(std::get<int64_t>(Value(n, " 12 ")) == 12);
  CHECK(std::get<int64_t>(Value(n, "+3")) == 3);
  CHECK(std::get<int64_t>(Value(n, "-2147483648")) == INT32_MIN);
  CHECK(Error(n, "abc") ==
        "Invalid value abc for configuration num.partitions: Not a number of type INT");
  CHECK(Error(n, "2147483648") ==
        "Invalid value 2147483648 for configuration num.partitions: Not a number of type INT");
  CHECK(Error(n, "1.5") ==
        "Invalid value 1.5 for configuration num.partitions: Not a number of type INT");
  CHECK(Error(n, "") ==
        "Invalid value  for configuration num.partitions: Not a number of type INT");
  const ConfigKeyDef l{"retention.ms", ConfigType::kLong, "604800000"};
  CHECK(std::get<int64_t>(Value(l, "9223372036854775807")) == INT64_MAX);
  CHECK(std::get<int64_t>(Value(l, "-9223372036854775808")) == INT64_MIN);
  CHECK(Error(l, "9223372036854775808") ==
        "Invalid value 9223372036854775808 for configuration retention.ms: Not a number of type "
        "LONG");
  const ConfigKeyDef s{"offsets.topic.replication.factor", ConfigType::kShort, "3"};
  CHECK(Error(s, "40000") ==
        "Invalid value 40000 for configuration offsets.topic.replication.factor: Not a number of "
        "type SHORT");
  const ConfigKeyDef d{"min.cleanable.dirty.ratio", ConfigType::kDouble, "0.5"};
  CHECK(std::get<double>(Value(d, ".25")) == 0.25);
  CHECK(std::get<double>(Value(d, "1e-1")) == 0.1);
  CHECK(Error(d, "half") ==
        "Invalid value half for configuration min.cleanable.dirty.ratio: Not a number of type "
        "DOUBLE");
}

TEST_CASE("booleans are true or false in any case; lists split on commas") {
  const ConfigKeyDef b{"unclean.leader.election.enable", ConfigType::kBoolean, "false"};
  CHECK(std::get<bool>(Value(b, "TRUE")) == true);
  CHECK(std::get<bool>(Value(b, " false ")) == false);
  CHECK(Error(b, "yes") ==
        "Invalid value yes for configuration unclean.leader.election.enable: Expected value to be "
        "either true or false");
  const ConfigKeyDef list{"cleanup.policy", ConfigType::kList, "delete",
                          ConfigValidator::ListIn({"compact", "delete"})};
  CHECK(std::get<std::vector<std::string>>(Value(list, "compact , delete")) ==
        std::vector<std::string>{"compact", "delete"});
  CHECK(std::get<std::vector<std::string>>(Value(list, "")).empty());
  CHECK(Error(list, "compact,forever") ==
        "Invalid value forever for configuration cleanup.policy: String must be one of: compact, "
        "delete");
  CHECK(ConfigValueToString(Value(list, " compact,delete ")) == "compact,delete");
}

TEST_CASE("validators print Kafka's range and choice messages with the parsed value") {
  const ConfigKeyDef r{"retention.ms", ConfigType::kLong, "604800000",
                       ConfigValidator::AtLeast(-1)};
  CHECK(Error(r, "-5") ==
        "Invalid value -5 for configuration retention.ms: Value must be at least -1");
  CHECK(Error(r, "+-5") ==
        "Invalid value +-5 for configuration retention.ms: Not a number of type LONG");
  const ConfigKeyDef ratio{"min.cleanable.dirty.ratio", ConfigType::kDouble, "0.5",
                           ConfigValidator::Between(0, 1)};
  CHECK(Error(ratio, "2") ==
        "Invalid value 2.0 for configuration min.cleanable.dirty.ratio: Value must be no more than "
        "1");
  CHECK(Error(ratio, "-0.5") ==
        "Invalid value -0.5 for configuration min.cleanable.dirty.ratio: Value must be at least 0");
  const ConfigKeyDef t{"message.timestamp.type", ConfigType::kString, "CreateTime",
                       ConfigValidator::In({"CreateTime", "LogAppendTime"})};
  CHECK(Error(t, "createtime") ==
        "Invalid value createtime for configuration message.timestamp.type: String must be one of: "
        "CreateTime, "
        "LogAppendTime");
}

TEST_CASE("Double.toString's layout") {
  CHECK(JavaDoubleToString(0.5) == "0.5");
  CHECK(JavaDoubleToString(1) == "1.0");
  CHECK(JavaDoubleToString(100) == "100.0");
  CHECK(JavaDoubleToString(0.001) == "0.001");
  CHECK(JavaDoubleToString(0.0001) == "1.0E-4");
  CHECK(JavaDoubleToString(12345678) == "1.2345678E7");
  CHECK(JavaDoubleToString(-2.5) == "-2.5");
  CHECK(JavaDoubleToString(0) == "0.0");
}

TEST_CASE(
    "parsing a table: defaults fill in, the first bad value in definition order wins, unknown keys "
    "return") {
  const std::vector<ConfigKeyDef> defs = {{"a", ConfigType::kInt, "1"},
                                          {"b", ConfigType::kBoolean, std::nullopt},
                                          {"c", ConfigType::kLong, "7"}};
  auto ok = ParseConfigs(defs, {{"c", "9"}, {"zz", "1"}, {"aa", "2"}});
  REQUIRE(std::holds_alternative<ParsedConfigs>(ok));
  const ParsedConfigs& p = std::get<ParsedConfigs>(ok);
  CHECK(p.values.GetInt("a") == 1);
  CHECK(p.values.IsNull("b"));
  CHECK(p.values.GetLong("c") == 9);
  CHECK(p.unknown == std::vector<std::string>{"aa", "zz"});
  auto bad = ParseConfigs(defs, {{"c", "x"}, {"a", "y"}});
  REQUIRE(std::holds_alternative<AdminError>(bad));
  CHECK(std::get<AdminError>(bad) ==
        AdminError{"org.apache.kafka.common.config.ConfigException",
                   "Invalid value y for configuration a: Not a number of type INT"});
}
