#pragma once
// A real SQLite database file, as the JDBC connectors and the `sqlite3` command open it: a small
// RAII wrapper over libsqlite3. Errors are values (SQLite's message), since they come from user
// input (a SQL statement, a table that is missing) and are shown to the user.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

struct sqlite3;

namespace kafkasim {

// A column value as SQLite stores it.
struct SqlValue {
  enum class Type { kNull, kInteger, kReal, kText, kBlob } type = Type::kNull;
  int64_t integer = 0;
  double real = 0;
  std::string text;  // text, or a blob's bytes
  static SqlValue Null() { return {}; }
  static SqlValue Integer(int64_t v) { return {.type = Type::kInteger, .integer = v}; }
  static SqlValue Real(double v) { return {.type = Type::kReal, .real = v}; }
  static SqlValue Text(std::string v) { return {.type = Type::kText, .text = std::move(v)}; }
};

struct SqlRows {
  std::vector<std::string> columns;
  std::vector<std::vector<SqlValue>> rows;
};

struct SqlColumnInfo {
  std::string name;
  std::string declared_type;  // "INTEGER", "TEXT", ... as the table declares it
  bool not_null = false;
  bool primary_key = false;
};

class SqliteDb {
 public:
  // Opens (creating when `create`) the file; the error message when it cannot.
  static std::variant<SqliteDb, std::string> Open(const std::string& path, bool create);
  SqliteDb(SqliteDb&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  SqliteDb& operator=(SqliteDb&& other) noexcept;
  ~SqliteDb();

  // Runs every statement of `sql`; the rows of the last one that returned any.
  std::variant<SqlRows, std::string> Execute(const std::string& sql);
  // One statement with positional parameters (?).
  std::variant<SqlRows, std::string> Query(const std::string& sql, const std::vector<SqlValue>& params);
  // The table's columns in order; empty when there is no such table.
  std::vector<SqlColumnInfo> Columns(const std::string& table);

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

// A value as the sqlite3 shell prints it in list mode (NULL as an empty string).
std::string SqlValueText(const SqlValue& v);
// A row as the sqlite3 shell prints it in list mode: its values joined by '|'.
std::string SqlRowText(const std::vector<SqlValue>& row);
// "name" quoted as an SQL identifier.
std::string QuoteSqlIdentifier(const std::string& name);

}  // namespace kafkasim
