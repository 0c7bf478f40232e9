#include "sim/connect/sqlite_db.h"

#include <sqlite3.h>

#include <fmt/format.h>

namespace kafkasim {
namespace {

SqlValue ColumnValue(sqlite3_stmt* stmt, int i) {
  switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_INTEGER: return SqlValue::Integer(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT: return SqlValue::Real(sqlite3_column_double(stmt, i));
    case SQLITE_TEXT:
      return SqlValue::Text(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i)),
                                        static_cast<size_t>(sqlite3_column_bytes(stmt, i))));
    case SQLITE_BLOB: {
      const auto* p = static_cast<const char*>(sqlite3_column_blob(stmt, i));
      SqlValue v{.type = SqlValue::Type::kBlob};
      v.text.assign(p, static_cast<size_t>(sqlite3_column_bytes(stmt, i)));
      return v;
    }
    default: return SqlValue::Null();
  }
}

void BindValue(sqlite3_stmt* stmt, int i, const SqlValue& v) {
  switch (v.type) {
    case SqlValue::Type::kNull: sqlite3_bind_null(stmt, i); break;
    case SqlValue::Type::kInteger: sqlite3_bind_int64(stmt, i, v.integer); break;
    case SqlValue::Type::kReal: sqlite3_bind_double(stmt, i, v.real); break;
    case SqlValue::Type::kText:
      sqlite3_bind_text(stmt, i, v.text.data(), static_cast<int>(v.text.size()), SQLITE_TRANSIENT);
      break;
    case SqlValue::Type::kBlob:
      sqlite3_bind_blob(stmt, i, v.text.data(), static_cast<int>(v.text.size()), SQLITE_TRANSIENT);
      break;
  }
}

// Steps a prepared statement to its end, collecting rows into `out` when it returns any.
std::optional<std::string> StepAll(sqlite3* db, sqlite3_stmt* stmt, SqlRows& out) {
  SqlRows rows;
  const int n = sqlite3_column_count(stmt);
  for (int i = 0; i < n; ++i) rows.columns.push_back(sqlite3_column_name(stmt, i));
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    std::vector<SqlValue> row;
    for (int i = 0; i < n; ++i) row.push_back(ColumnValue(stmt, i));
    rows.rows.push_back(std::move(row));
  }
  if (rc != SQLITE_DONE) return std::string(sqlite3_errmsg(db));
  if (n > 0) out = std::move(rows);
  return std::nullopt;
}

}  // namespace

std::variant<SqliteDb, std::string> SqliteDb::Open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0);
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string error = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return fmt::format("unable to open database \"{}\": {}", path, error);
  }
  sqlite3_busy_timeout(db, 1000);
  return SqliteDb(db);
}

SqliteDb& SqliteDb::operator=(SqliteDb&& other) noexcept {
  if (this != &other) {
    sqlite3_close(db_);
    db_ = std::exchange(other.db_, nullptr);
  }
  return *this;
}

SqliteDb::~SqliteDb() { sqlite3_close(db_); }

std::variant<SqlRows, std::string> SqliteDb::Execute(const std::string& sql) {
  SqlRows out;
  const char* tail = sql.c_str();
  const char* end = sql.c_str() + sql.size();
  while (tail < end) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, tail, static_cast<int>(end - tail), &stmt, &tail) != SQLITE_OK) {
      return std::string(sqlite3_errmsg(db_));
    }
    if (stmt == nullptr) break;  // only blanks or comments left
    auto error = StepAll(db_, stmt, out);
    sqlite3_finalize(stmt);
    if (error) return *error;
  }
  return out;
}

std::variant<SqlRows, std::string> SqliteDb::Query(const std::string& sql, const std::vector<SqlValue>& params) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
    return std::string(sqlite3_errmsg(db_));
  }
  for (size_t i = 0; i < params.size(); ++i) BindValue(stmt, static_cast<int>(i + 1), params[i]);
  SqlRows out;
  auto error = StepAll(db_, stmt, out);
  sqlite3_finalize(stmt);
  if (error) return *error;
  return out;
}

std::vector<SqlColumnInfo> SqliteDb::Columns(const std::string& table) {
  std::vector<SqlColumnInfo> out;
  auto rows = Query("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", {SqlValue::Text(table)});
  if (auto* r = std::get_if<SqlRows>(&rows)) {
    for (const auto& row : r->rows) {
      out.push_back(SqlColumnInfo{.name = row[0].text, .declared_type = row[1].text,
                                  .not_null = row[2].integer != 0, .primary_key = row[3].integer != 0});
    }
  }
  return out;
}

std::string SqlValueText(const SqlValue& v) {
  switch (v.type) {
    case SqlValue::Type::kNull: return "";
    case SqlValue::Type::kInteger: return std::to_string(v.integer);
    case SqlValue::Type::kReal: return fmt::format("{}", v.real);
    default: return v.text;
  }
}

std::string SqlRowText(const std::vector<SqlValue>& row) {
  std::string line;
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) line += '|';
    line += SqlValueText(row[i]);
  }
  return line;
}

std::string QuoteSqlIdentifier(const std::string& name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace kafkasim
