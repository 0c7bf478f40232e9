// The config checks of the JDBC connectors (Confluent's kafka-connect-jdbc 10.x keys, on SQLite
// files only: connection.url=jdbc:sqlite:FILE).
//
//   source   connection.url, mode (bulk|incrementing|timestamp|timestamp+incrementing),
//            incrementing.column.name, timestamp.column.name, table.whitelist | query,
//            topic.prefix, poll.interval.ms (5000), batch.max.rows (100)
//   sink     connection.url, insert.mode (insert|upsert|update), pk.mode
//            (none|kafka|record_key|record_value), pk.fields, auto.create (false),
//            auto.evolve (false), table.name.format (${topic}), batch.size (3000)

#include <algorithm>

#include <fmt/format.h>

#include "sim/connect/config_checks.h"
#include "sim/connect/connector_plugins.h"
#include "sim/connect/worker_config.h"

namespace kafkasim {
namespace {

ConnectKeyDef JdbcKey(std::string type, std::optional<std::string> default_value, std::string group, std::string doc,
                      bool required = false) {
  return ConnectKeyDef{.type = std::move(type), .required = required, .default_value = std::move(default_value),
                       .importance = required ? "HIGH" : "MEDIUM", .documentation = std::move(doc),
                       .group = std::move(group)};
}

void CheckJdbcUrl(const ConfigJson& config, ConfigValidation& out, const std::string& group) {
  ConfigValueInfo& url = AddConfigValue(out, config, "connection.url",
                                        JdbcKey("STRING", std::nullopt, group, "JDBC connection URL.", true));
  CheckRequired(url);
  if (url.value && !url.value->starts_with("jdbc:sqlite:")) {
    url.errors.push_back(fmt::format("kafkasim: only SQLite databases are simulated: connection.url must be "
                                     "jdbc:sqlite:FILE, not {}",
                                     *url.value));
  } else if (url.value && url.value->size() == std::string_view("jdbc:sqlite:").size()) {
    url.errors.push_back("kafkasim: connection.url names no database file (jdbc:sqlite:FILE)");
  }
}

}  // namespace

void ValidateJdbcSourceConfig(const ConfigJson& config, ConfigValidation& out) {
  CheckJdbcUrl(config, out, "Database");
  const std::string mode = ConfigString(config, "mode").value_or("");
  ConfigValueInfo& m = AddConfigValue(out, config, "mode",
                                      JdbcKey("STRING", "", "Mode", "The mode for updating a table each time it is "
                                                                    "polled: bulk, timestamp, incrementing, "
                                                                    "timestamp+incrementing."));
  CheckOneOf(m, {"", "bulk", "timestamp", "incrementing", "timestamp+incrementing"});
  if (mode.empty()) m.errors.push_back("Query mode must be specified");
  ConfigValueInfo& inc = AddConfigValue(out, config, "incrementing.column.name",
                                        JdbcKey("STRING", "", "Mode", "The name of the strictly incrementing column "
                                                                      "to use to detect new rows."));
  if (mode.find("incrementing") != std::string::npos && inc.value.value_or("").empty()) {
    inc.errors.push_back(fmt::format("kafkasim: mode={} needs incrementing.column.name (the connector does not look "
                                     "for an autoincrement column)",
                                     mode));
  }
  ConfigValueInfo& ts = AddConfigValue(out, config, "timestamp.column.name",
                                       JdbcKey("LIST", "", "Mode", "Comma separated list of one or more timestamp "
                                                                   "columns to detect new or modified rows."));
  if (mode.find("timestamp") != std::string::npos && SplitConfigList(ts.value.value_or("")).empty()) {
    ts.errors.push_back(fmt::format("kafkasim: mode={} needs timestamp.column.name", mode));
  }
  AddConfigValue(out, config, "table.whitelist",
                 JdbcKey("LIST", "", "Database", "List of tables to include in copying; empty: every table."));
  ConfigValueInfo& query = AddConfigValue(out, config, "query",
                                          JdbcKey("STRING", "", "Mode", "If specified, the query to perform to select "
                                                                        "new or updated rows."));
  if (!query.value.value_or("").empty() && !ConfigString(config, "table.whitelist").value_or("").empty()) {
    query.errors.push_back("Do not specify table filtering configs with 'query'");
  }
  CheckRequired(AddConfigValue(out, config, "topic.prefix",
                               JdbcKey("STRING", std::nullopt, "Connector",
                                       "Prefix to prepend to table names to generate the name of the Kafka topic to "
                                       "publish data to, or in the case of a custom query, the full name of the "
                                       "topic to publish to.",
                                       true)));
  CheckNumber(AddConfigValue(out, config, "poll.interval.ms",
                             JdbcKey("INT", "5000", "Connector", "Frequency in ms to poll for new data in each table.")),
              "INT");
  CheckNumber(AddConfigValue(out, config, "batch.max.rows",
                             JdbcKey("INT", "100", "Connector", "Maximum number of rows to include in a single batch "
                                                                "when polling for new data.")),
              "INT", 1);
}

void ValidateJdbcSinkConfig(const ConfigJson& config, ConfigValidation& out) {
  CheckJdbcUrl(config, out, "Connection");
  CheckOneOf(AddConfigValue(out, config, "insert.mode",
                            JdbcKey("STRING", "insert", "Writes", "The insertion mode to use: insert, upsert, update.")),
             {"insert", "upsert", "update"});
  CheckOneOf(AddConfigValue(out, config, "pk.mode",
                            JdbcKey("STRING", "none", "Data Mapping", "The primary key mode: none, kafka, "
                                                                      "record_key, record_value.")),
             {"none", "kafka", "record_key", "record_value"});
  AddConfigValue(out, config, "pk.fields", JdbcKey("LIST", "", "Data Mapping", "List of comma-separated primary key "
                                                                               "field names."));
  CheckBoolean(AddConfigValue(out, config, "auto.create",
                              JdbcKey("BOOLEAN", "false", "DDL Support", "Whether to automatically create the "
                                                                         "destination table based on record schema "
                                                                         "if it is found to be missing.")));
  CheckBoolean(AddConfigValue(out, config, "auto.evolve",
                              JdbcKey("BOOLEAN", "false", "DDL Support", "Whether to automatically add columns in "
                                                                         "the table schema when found to be missing "
                                                                         "relative to the record schema.")));
  AddConfigValue(out, config, "table.name.format",
                 JdbcKey("STRING", "${topic}", "Data Mapping", "A format string for the destination table name, "
                                                              "which may contain '${topic}'."));
  CheckNumber(AddConfigValue(out, config, "batch.size",
                             JdbcKey("INT", "3000", "Writes", "Specifies how many records to attempt to batch together "
                                                              "for insertion into the destination table.")),
              "INT", 0);
  const std::string insert = ConfigString(config, "insert.mode").value_or("insert");
  if (insert != "insert" && ConfigString(config, "pk.mode").value_or("none") == "none") {
    auto pk = std::find_if(out.values.begin(), out.values.end(), [](const ConfigValueInfo& v) { return v.name == "pk.mode"; });
    pk->errors.push_back(fmt::format("kafkasim: insert.mode={} needs the primary key (pk.mode record_key, "
                                    "record_value or kafka): Confluent's connector fails the task with \"Write to "
                                    "table in {} mode requires key field names to be known, check the primary key "
                                    "configuration\"",
                                    insert, insert == "upsert" ? "UPSERT" : "UPDATE"));
  }
}

}  // namespace kafkasim
