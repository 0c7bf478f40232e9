// JdbcSourceTask (Confluent's kafka-connect-jdbc 10.x) on a SQLite file: each poll queries the
// tables (table.whitelist, every table when empty) or the `query`, and turns each new row into a
// record on topic.prefix + table (topic.prefix alone for a query), its value a Struct named after
// the table whose fields are the columns (INTEGER int32, BIGINT int64, REAL float32,
// DOUBLE/FLOAT float64, TEXT/CHAR string, BLOB bytes, DATETIME/TIMESTAMP Timestamp; NOT NULL
// columns required, the others optional). No key.
//
//   incrementing            rows whose incrementing column exceeds the offset {"incrementing":N}
//   timestamp               rows whose timestamp is later than the offset {"timestamp":ms,...}
//   timestamp+incrementing  later timestamp, or the same timestamp and a larger id
//   bulk                    the whole table at every poll, no offset
//
// Source partition {"protocol":"1","table":"T"} ({"query":"SQL"} for a query). A table that
// returned batch.max.rows rows is polled again at once; otherwise the next poll waits
// poll.interval.ms. (Confluent's timestamp modes also hold back rows newer than the database's
// clock minus timestamp.delay.interval.ms; kafkasim reads no wall clock, so it does not.)
// Timestamps are integers (epoch milliseconds) or SQLite's text form "YYYY-MM-DD HH:MM:SS[.SSS]"
// in UTC.

#include <algorithm>
#include <cstdio>

#include <fmt/format.h>

#include "sim/connect/config_checks.h"
#include "sim/connect/connector_tasks.h"
#include "sim/connect/sqlite_db.h"
#include "sim/connect/worker_config.h"

namespace kafkasim {
namespace {

using Json = nlohmann::ordered_json;

std::string UpperAscii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// The Connect schema of a column, from its declared type (the xerial driver's JDBC types).
Json ColumnSchema(const SqlColumnInfo& c) {
  const std::string t = UpperAscii(c.declared_type);
  Json s;
  if (t.find("DATETIME") != std::string::npos || t.find("TIMESTAMP") != std::string::npos) {
    s = {{"type", "int64"}, {"optional", !c.not_null}, {"name", "org.apache.kafka.connect.data.Timestamp"}, {"version", 1}};
  } else if (t.find("BIGINT") != std::string::npos) {
    s = {{"type", "int64"}, {"optional", !c.not_null}};
  } else if (t.find("INT") != std::string::npos || t.find("BOOL") != std::string::npos) {
    s = {{"type", "int32"}, {"optional", !c.not_null}};
  } else if (t.find("CHAR") != std::string::npos || t.find("CLOB") != std::string::npos || t.find("TEXT") != std::string::npos) {
    s = {{"type", "string"}, {"optional", !c.not_null}};
  } else if (t.find("REAL") != std::string::npos) {
    s = {{"type", "float"}, {"optional", !c.not_null}};
  } else if (t.find("FLOA") != std::string::npos || t.find("DOUB") != std::string::npos || t.find("NUM") != std::string::npos ||
             t.find("DEC") != std::string::npos) {
    s = {{"type", "double"}, {"optional", !c.not_null}};
  } else {
    s = {{"type", "bytes"}, {"optional", !c.not_null}};
  }
  s["field"] = c.name;
  return s;
}

// Epoch milliseconds of a timestamp column's value; nullopt when it is no timestamp.
std::optional<int64_t> TimestampMillis(const SqlValue& v) {
  if (v.type == SqlValue::Type::kInteger) return v.integer;
  if (v.type == SqlValue::Type::kReal) return static_cast<int64_t>(v.real);
  if (v.type != SqlValue::Type::kText) return std::nullopt;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0, ms = 0;
  const int n = std::sscanf(v.text.c_str(), "%d-%d-%d%*[ T]%d:%d:%d.%3d", &y, &mo, &d, &h, &mi, &s, &ms);
  if (n < 3) return std::nullopt;
  // days from civil (Howard Hinnant)
  const int yy = mo <= 2 ? y - 1 : y;
  const int era = (yy >= 0 ? yy : yy - 399) / 400;
  const int yoe = yy - era * 400;
  const int doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = static_cast<int64_t>(era) * 146097 + doe - 719468;
  return ((days * 24 + h) * 60 + mi) * 60000 + s * 1000 + ms;
}

Json ColumnValue(const SqlValue& v, const Json& schema) {
  switch (v.type) {
    case SqlValue::Type::kNull: return Json();
    case SqlValue::Type::kInteger:
      return schema.value("type", "") == "string" ? Json(std::to_string(v.integer)) : Json(v.integer);
    case SqlValue::Type::kReal: return Json(v.real);
    case SqlValue::Type::kText:
      if (schema.value("name", "") == "org.apache.kafka.connect.data.Timestamp") {
        if (auto ms = TimestampMillis(v)) return Json(*ms);
      }
      return Json(v.text);
    case SqlValue::Type::kBlob: return Json(v.text);
  }
  return Json();
}

struct Querier {
  std::string table;  // empty for a query
  Json partition;
  std::optional<int64_t> incrementing;  // offsets reached
  std::optional<int64_t> timestamp;
};

class JdbcSourceTask : public SourceTask {
 public:
  JdbcSourceTask(const ConnectorConfig& config, const TaskEnvironment& env)
      : task_id_(env.task_id),
        path_(ConfigString(config.raw, "connection.url").value_or("").substr(std::string_view("jdbc:sqlite:").size())),
        mode_(ConfigString(config.raw, "mode").value_or("")),
        incrementing_column_(ConfigString(config.raw, "incrementing.column.name").value_or("")),
        query_(ConfigString(config.raw, "query").value_or("")),
        topic_prefix_(ConfigString(config.raw, "topic.prefix").value_or("")),
        tables_(SplitConfigList(ConfigString(config.raw, "table.whitelist").value_or(""))),
        poll_interval_(Duration::Millis(ConfigNumber(config.raw, "poll.interval.ms", 5000))),
        batch_max_rows_(ConfigNumber(config.raw, "batch.max.rows", 100)) {
    auto ts = SplitConfigList(ConfigString(config.raw, "timestamp.column.name").value_or(""));
    if (!ts.empty()) timestamp_column_ = ts.front();
  }

  std::optional<std::string> Start(const OffsetReader& offsets) override {
    auto db = SqliteDb::Open(path_, /*create=*/false);
    if (auto* e = std::get_if<std::string>(&db)) {
      return fmt::format("org.apache.kafka.connect.errors.ConnectException: java.sql.SQLException: {}", *e);
    }
    db_.emplace(std::get<SqliteDb>(std::move(db)));
    if (!query_.empty()) {
      queriers_.push_back(Querier{.partition = {{"query", "query"}}});
    } else {
      if (tables_.empty()) {
        auto rows = db_->Execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                 "ORDER BY name");
        if (auto* r = std::get_if<SqlRows>(&rows)) {
          for (const auto& row : r->rows) tables_.push_back(row[0].text);
        }
      }
      for (const std::string& t : tables_) {
        queriers_.push_back(Querier{.table = t, .partition = {{"protocol", "1"}, {"table", t}}});
      }
    }
    for (Querier& q : queriers_) {
      const Json offset = offsets(q.partition);
      if (offset.is_object() && offset.contains("incrementing")) q.incrementing = offset["incrementing"].get<int64_t>();
      if (offset.is_object() && offset.contains("timestamp")) q.timestamp = offset["timestamp"].get<int64_t>();
    }
    return std::nullopt;
  }

  SourcePoll Poll(Time) override {
    SourcePoll out{.next_poll = poll_interval_};
    std::vector<std::string> read;
    for (Querier& q : queriers_) {
      auto rows = Select(q);
      if (auto* e = std::get_if<std::string>(&rows)) {
        out.failure = fmt::format("org.apache.kafka.connect.errors.ConnectException: Failed to query {}: "
                                  "java.sql.SQLException: {}",
                                  q.table.empty() ? "the query" : "table " + q.table, *e);
        return out;
      }
      const size_t before = out.records.size();
      Emit(q, std::get<SqlRows>(rows), out.records);
      const size_t n = out.records.size() - before;
      if (n > 0) read.push_back(fmt::format("{} row(s) of {}", n, q.table.empty() ? "the query" : q.table));
      if (mode_ != "bulk" && static_cast<int64_t>(n) >= batch_max_rows_) out.next_poll = Duration();
    }
    out.what = fmt::format("read {}", fmt::join(read, ", "));
    return out;
  }

 private:
  std::variant<SqlRows, std::string> Select(const Querier& q) {
    const std::string from = q.table.empty() ? "(" + query_ + ")" : QuoteSqlIdentifier(q.table);
    if (mode_ == "incrementing") {
      return db_->Query(fmt::format("SELECT * FROM {} WHERE {} > ? ORDER BY {} ASC", from,
                                    QuoteSqlIdentifier(incrementing_column_), QuoteSqlIdentifier(incrementing_column_)),
                        {SqlValue::Integer(q.incrementing.value_or(-1))});
    }
    std::string order;
    if (!timestamp_column_.empty()) order = QuoteSqlIdentifier(timestamp_column_) + " ASC";
    if (!incrementing_column_.empty() && mode_ == "timestamp+incrementing") {
      order += ", " + QuoteSqlIdentifier(incrementing_column_) + " ASC";
    }
    return db_->Execute(fmt::format("SELECT * FROM {}{}", from, order.empty() ? "" : " ORDER BY " + order));
  }

  // The records of the rows past the querier's offset, at most batch.max.rows; advances it.
  void Emit(Querier& q, const SqlRows& rows, std::vector<SourceRecord>& out) {
    Json fields = Json::array();
    std::vector<SqlColumnInfo> declared = q.table.empty() ? std::vector<SqlColumnInfo>() : db_->Columns(q.table);
    for (size_t i = 0; i < rows.columns.size(); ++i) {
      SqlColumnInfo c{.name = rows.columns[i]};
      for (const SqlColumnInfo& d : declared) {
        if (d.name == c.name) c = d;
      }
      if (c.declared_type.empty() && !rows.rows.empty()) {
        const SqlValue& v = rows.rows[0][i];
        c.declared_type = v.type == SqlValue::Type::kInteger ? "BIGINT" : v.type == SqlValue::Type::kReal ? "DOUBLE"
                          : v.type == SqlValue::Type::kBlob  ? "BLOB" : "TEXT";
      }
      fields.push_back(ColumnSchema(c));
    }
    const Json schema = {{"type", "struct"}, {"fields", fields}, {"optional", false},
                         {"name", q.table.empty() ? topic_prefix_ : q.table}};
    const auto column = [&](const std::string& name) {
      const auto it = std::find(rows.columns.begin(), rows.columns.end(), name);
      return it == rows.columns.end() ? std::optional<size_t>() : std::optional<size_t>(it - rows.columns.begin());
    };
    const auto inc_col = column(incrementing_column_), ts_col = column(timestamp_column_);
    int64_t emitted = 0;
    for (const auto& row : rows.rows) {
      if (mode_ != "bulk" && emitted >= batch_max_rows_) break;
      std::optional<int64_t> inc, ts;
      if (inc_col && row[*inc_col].type == SqlValue::Type::kInteger) inc = row[*inc_col].integer;
      if (ts_col) ts = TimestampMillis(row[*ts_col]);
      if (mode_ == "timestamp" && (!ts || (q.timestamp && *ts <= *q.timestamp))) continue;
      if (mode_ == "timestamp+incrementing") {
        if (!ts || !inc) continue;
        if (q.timestamp && (*ts < *q.timestamp || (*ts == *q.timestamp && q.incrementing && *inc <= *q.incrementing))) {
          continue;
        }
      }
      Json value = Json::object();
      for (size_t i = 0; i < row.size(); ++i) value[rows.columns[i]] = ColumnValue(row[i], fields[i]);
      Json offset = Json::object();
      if (mode_ != "bulk" && mode_.find("incrementing") != std::string::npos && inc) {
        q.incrementing = inc;
        offset["incrementing"] = *inc;
      }
      if (mode_.find("timestamp") != std::string::npos && ts) {
        q.timestamp = ts;
        offset["timestamp"] = *ts;
        offset["timestamp_nanos"] = 0;
      }
      out.push_back(SourceRecord{.source_partition = q.partition,
                                 .source_offset = offset,
                                 .topic = q.table.empty() ? topic_prefix_ : topic_prefix_ + q.table,
                                 .value = {schema, std::move(value)}});
      ++emitted;
    }
  }

  std::string task_id_, path_, mode_, incrementing_column_, timestamp_column_, query_, topic_prefix_;
  std::vector<std::string> tables_;
  Duration poll_interval_;
  int64_t batch_max_rows_;
  std::optional<SqliteDb> db_;
  std::vector<Querier> queriers_;
};

}  // namespace

std::unique_ptr<SourceTask> MakeJdbcSourceTask(const ConnectorConfig& config, const TaskEnvironment& env) {
  return std::make_unique<JdbcSourceTask>(config, env);
}

}  // namespace kafkasim
