// JdbcSinkTask (Confluent's kafka-connect-jdbc 10.x) on a SQLite file: each record's value must
// be a Struct with its schema (JsonConverter with schemas.enable=true, or a JDBC source's
// records); its fields become the columns of the table table.name.format names (${topic}: the
// record's topic, after the transforms).
//
//   insert.mode   insert: INSERT; upsert: INSERT OR REPLACE (the SQLite dialect's upsert);
//                 update: UPDATE ... WHERE the primary key
//   pk.mode       none; kafka (__connect_topic, __connect_partition, __connect_offset);
//                 record_key (the key's fields, or the key itself named by the one pk.fields
//                 entry); record_value (pk.fields of the value, all its fields when empty)
//   auto.create   a missing table is created from the record's schema (SQLite dialect types:
//                 INTEGER, REAL, TEXT, BLOB, NUMERIC for Timestamp; NOT NULL for required
//                 fields; PRIMARY KEY of the pk fields); without it a missing table fails the task
//   auto.evolve   a missing column is added (ALTER TABLE ADD); without it the task fails
//
// Each put is one transaction. A failing statement fails the task at once (Confluent's
// connector first retries max.retries=10 times, retry.backoff.ms=3000 apart; kafkasim does not).

#include <algorithm>

#include <fmt/format.h>

#include "sim/connect/config_checks.h"
#include "sim/connect/connector_tasks.h"
#include "sim/connect/sqlite_db.h"
#include "sim/connect/worker_config.h"

namespace kafkasim {
namespace {

using Json = nlohmann::ordered_json;
constexpr std::string_view kConnectException = "org.apache.kafka.connect.errors.ConnectException";

struct SinkColumn {
  std::string name;
  Json schema;  // the Connect field schema
  bool primary_key = false;
};

std::string SqliteType(const Json& schema) {
  const std::string type = schema.value("type", "string");
  if (schema.value("name", "") == "org.apache.kafka.connect.data.Timestamp") return "NUMERIC";
  if (type.starts_with("int") || type == "boolean") return "INTEGER";
  if (type == "float" || type == "double") return "REAL";
  if (type == "bytes") return "BLOB";
  return "TEXT";
}

SqlValue ToSqlValue(const Json& v) {
  if (v.is_null()) return SqlValue::Null();
  if (v.is_boolean()) return SqlValue::Integer(v.get<bool>() ? 1 : 0);
  if (v.is_number_integer()) return SqlValue::Integer(v.get<int64_t>());
  if (v.is_number()) return SqlValue::Real(v.get<double>());
  if (v.is_string()) return SqlValue::Text(v.get<std::string>());
  return SqlValue::Text(v.dump());
}

std::string SchemaTypeName(const SchemaAndValue& d) {
  if (d.schema.is_null()) return "null";
  return d.schema.value("type", "");
}

class JdbcSinkTask : public SinkTask {
 public:
  JdbcSinkTask(const ConnectorConfig& config, const TaskEnvironment&)
      : connector_(config.name),
        path_(ConfigString(config.raw, "connection.url").value_or("").substr(std::string_view("jdbc:sqlite:").size())),
        insert_mode_(ConfigString(config.raw, "insert.mode").value_or("insert")),
        pk_mode_(ConfigString(config.raw, "pk.mode").value_or("none")),
        pk_fields_(SplitConfigList(ConfigString(config.raw, "pk.fields").value_or(""))),
        auto_create_(ConfigBool(config.raw, "auto.create", false)),
        auto_evolve_(ConfigBool(config.raw, "auto.evolve", false)),
        table_format_(ConfigString(config.raw, "table.name.format").value_or("${topic}")) {}

  std::optional<std::string> Start() override {
    auto db = SqliteDb::Open(path_, /*create=*/true);
    if (auto* e = std::get_if<std::string>(&db)) {
      return fmt::format("{}: java.sql.SQLException: {}", kConnectException, *e);
    }
    db_.emplace(std::get<SqliteDb>(std::move(db)));
    return std::nullopt;
  }

  std::string target() const override { return path_; }

  std::optional<std::string> Put(const std::vector<ConnectRecord>& records) override {
    if (auto e = Exec("BEGIN")) return e;
    for (const ConnectRecord& r : records) {
      if (auto error = Write(r)) {
        Exec("ROLLBACK");
        return error;
      }
    }
    return Exec("COMMIT");
  }

 private:
  std::optional<std::string> Exec(const std::string& sql, const std::vector<SqlValue>& params = {}) {
    auto r = db_->Query(sql, params);
    if (auto* e = std::get_if<std::string>(&r)) {
      return fmt::format("{}: java.sql.SQLException: Exception chain:\n{}\n(statement: {})", kConnectException, *e, sql);
    }
    return std::nullopt;
  }

  std::optional<std::string> Write(const ConnectRecord& r) {
    if (r.value.schema.is_null() || r.value.schema.value("type", "") != "struct" || !r.value.value.is_object()) {
      return fmt::format("{}: Sink connector '{}' is configured with 'delete.enabled=false' and 'pk.mode={}' and "
                         "therefore requires records with a non-null Struct value and non-null Struct schema, but "
                         "found record at (topic='{}',partition={},offset={},timestamp={}) with a {} value and {} "
                         "value schema.",
                         kConnectException, connector_, pk_mode_, r.topic, r.kafka_partition.value_or(-1),
                         r.kafka_offset.value_or(-1), r.timestamp_ms.value_or(-1), JavaClassOf(r.value),
                         SchemaTypeName(r.value));
    }
    std::vector<SinkColumn> columns;
    std::vector<SqlValue> values;
    if (auto e = PrimaryKey(r, columns, values)) return e;
    for (const Json& f : r.value.schema.value("fields", Json::array())) {
      const std::string name = f.value("field", "");
      auto existing = std::find_if(columns.begin(), columns.end(), [&](const SinkColumn& c) { return c.name == name; });
      if (existing != columns.end()) continue;  // a record_value primary key field
      columns.push_back(SinkColumn{.name = name, .schema = f});
      values.push_back(ToSqlValue(r.value.value.contains(name) ? r.value.value[name] : Json()));
    }
    std::string table = table_format_;
    for (size_t at = table.find("${topic}"); at != std::string::npos; at = table.find("${topic}")) {
      table.replace(at, 8, r.topic);
    }
    if (auto e = EnsureTable(table, columns)) return e;
    std::vector<std::string> names;
    for (const SinkColumn& c : columns) names.push_back(QuoteSqlIdentifier(c.name));
    const std::string marks = fmt::format("{}", fmt::join(std::vector<std::string>(columns.size(), "?"), ","));
    if (insert_mode_ == "update") {
      std::vector<std::string> sets, where;
      std::vector<SqlValue> set_values, key_values;
      for (size_t i = 0; i < columns.size(); ++i) {
        (columns[i].primary_key ? where : sets).push_back(names[i] + " = ?");
        (columns[i].primary_key ? key_values : set_values).push_back(values[i]);
      }
      set_values.insert(set_values.end(), key_values.begin(), key_values.end());
      return Exec(fmt::format("UPDATE {} SET {} WHERE {}", QuoteSqlIdentifier(table), fmt::join(sets, ", "),
                              fmt::join(where, " AND ")),
                  set_values);
    }
    return Exec(fmt::format("{} INTO {}({}) VALUES({})", insert_mode_ == "upsert" ? "INSERT OR REPLACE" : "INSERT",
                            QuoteSqlIdentifier(table), fmt::join(names, ","), marks),
                values);
  }

  // The primary key's columns and values first, as pk.mode says.
  std::optional<std::string> PrimaryKey(const ConnectRecord& r, std::vector<SinkColumn>& columns,
                                        std::vector<SqlValue>& values) {
    if (pk_mode_ == "none") return std::nullopt;
    if (pk_mode_ == "kafka") {
      const char* names[] = {"__connect_topic", "__connect_partition", "__connect_offset"};
      const char* types[] = {"string", "int32", "int64"};
      const Json vals[] = {Json(r.topic), Json(r.kafka_partition.value_or(-1)), Json(r.kafka_offset.value_or(-1))};
      for (int i = 0; i < 3; ++i) {
        columns.push_back({names[i], Json{{"type", types[i]}, {"optional", false}}, true});
        values.push_back(ToSqlValue(vals[i]));
      }
      return std::nullopt;
    }
    const SchemaAndValue& part = pk_mode_ == "record_key" ? r.key : r.value;
    const bool is_struct = !part.schema.is_null() && part.schema.value("type", "") == "struct";
    if (!is_struct) {
      if (pk_mode_ == "record_key" && pk_fields_.size() == 1 && !part.value.is_null()) {
        Json schema = part.schema.is_null() ? Json{{"type", part.value.is_string() ? "string" : "int64"}} : part.schema;
        schema["optional"] = false;
        columns.push_back({pk_fields_[0], schema, true});
        values.push_back(ToSqlValue(part.value));
        return std::nullopt;
      }
      return fmt::format("{}: PK mode for table is {}, but record {} is not a Struct (found {}); with a primitive "
                         "key, pk.fields must name exactly one column",
                         kConnectException, pk_mode_, pk_mode_ == "record_key" ? "key" : "value",
                         JavaClassOf(part));
    }
    for (const Json& f : part.schema.value("fields", Json::array())) {
      const std::string name = f.value("field", "");
      if (!pk_fields_.empty() && std::find(pk_fields_.begin(), pk_fields_.end(), name) == pk_fields_.end()) continue;
      columns.push_back({name, f, true});
      values.push_back(ToSqlValue(part.value.contains(name) ? part.value[name] : Json()));
    }
    for (const std::string& want : pk_fields_) {
      if (std::none_of(columns.begin(), columns.end(), [&](const SinkColumn& c) { return c.name == want; })) {
        return fmt::format("{}: PK mode for table is {} with configured PK fields {}, but record {} schema does not "
                           "contain field: {}",
                           kConnectException, pk_mode_, fmt::format("[{}]", fmt::join(pk_fields_, ", ")),
                           pk_mode_ == "record_key" ? "key" : "value", want);
      }
    }
    return std::nullopt;
  }

  std::optional<std::string> EnsureTable(const std::string& table, const std::vector<SinkColumn>& columns) {
    const std::vector<SqlColumnInfo> existing = db_->Columns(table);
    if (existing.empty()) {
      if (!auto_create_) {
        return fmt::format("{}: Table \"{}\" is missing and auto-creation is disabled", kConnectException, table);
      }
      std::vector<std::string> defs, keys;
      for (const SinkColumn& c : columns) {
        defs.push_back(fmt::format("{} {}{}", QuoteSqlIdentifier(c.name), SqliteType(c.schema),
                                   c.schema.value("optional", true) ? "" : " NOT NULL"));
        if (c.primary_key) keys.push_back(QuoteSqlIdentifier(c.name));
      }
      if (!keys.empty()) defs.push_back(fmt::format("PRIMARY KEY({})", fmt::join(keys, ",")));
      return Exec(fmt::format("CREATE TABLE {} (\n{})", QuoteSqlIdentifier(table), fmt::join(defs, ",\n")));
    }
    std::vector<std::string> missing;
    for (const SinkColumn& c : columns) {
      if (std::none_of(existing.begin(), existing.end(), [&](const SqlColumnInfo& e) { return e.name == c.name; })) {
        missing.push_back(c.name);
        if (auto_evolve_) {
          if (auto e = Exec(fmt::format("ALTER TABLE {} ADD {} {}", QuoteSqlIdentifier(table),
                                        QuoteSqlIdentifier(c.name), SqliteType(c.schema)))) {
            return e;
          }
        }
      }
    }
    if (!missing.empty() && !auto_evolve_) {
      return fmt::format("{}: Table \"{}\" is missing fields ({}) and auto-evolution is disabled", kConnectException,
                         table, fmt::join(missing, ", "));
    }
    return std::nullopt;
  }

  std::string connector_, path_, insert_mode_, pk_mode_;
  std::vector<std::string> pk_fields_;
  bool auto_create_, auto_evolve_;
  std::string table_format_;
  std::optional<SqliteDb> db_;
};

}  // namespace

std::unique_ptr<SinkTask> MakeJdbcSinkTask(const ConnectorConfig& config, const TaskEnvironment& env) {
  return std::make_unique<JdbcSinkTask>(config, env);
}

}  // namespace kafkasim
