#include "sim/record/sqlite_recorder.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cassert>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "sim/record/json_text.h"

namespace kafkasim {

// Outside the anonymous namespace: SqliteRecorder::Db holds statements, and a member of a named
// class may not have a type with internal linkage.
struct RecorderStatementDeleter {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using RecorderStatement = std::unique_ptr<sqlite3_stmt, RecorderStatementDeleter>;

namespace {

// Bump when a column, index or view changes meaning; readers check meta('schema_version').
constexpr const char* kSchemaVersion = "1";

// The brief's columns, indexes for the questions students ask (what happened to this kind,
// at this node, around this time, because of this event), and the messages view. The view
// joins on `cause`, which every delivery and drop sets to its send's seq; the subquery picks
// the first such event so that a message is one row even if a later kind also points back.
constexpr const char* kSchema = R"sql(
CREATE TABLE events(
  seq     INTEGER PRIMARY KEY,
  time_us INTEGER NOT NULL,
  kind    TEXT NOT NULL,
  node    TEXT,
  peer    TEXT,
  cause   INTEGER,
  rule    TEXT,
  fields  TEXT,
  text    TEXT NOT NULL
);
CREATE INDEX events_kind ON events(kind);
CREATE INDEX events_node ON events(node);
CREATE INDEX events_time ON events(time_us);
CREATE INDEX events_cause ON events(cause);
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE VIEW messages AS
SELECT
  json_extract(s.fields, '$.msg')       AS msg,
  json_extract(s.fields, '$.type')      AS type,
  json_extract(s.fields, '$.label')     AS label,
  json_extract(s.fields, '$.bytes')     AS bytes,
  s.node                                AS sender,
  s.peer                                AS receiver,
  s.time_us                             AS sent_us,
  json_extract(s.fields, '$.arrive_us') AS arrive_us,
  e.time_us                             AS ended_us,
  CASE e.kind WHEN 'net.deliver' THEN 'delivered'
              WHEN 'net.drop' THEN 'dropped'
              ELSE 'in_flight' END      AS outcome,
  json_extract(e.fields, '$.reason')    AS reason,
  s.seq                                 AS send_seq,
  e.seq                                 AS end_seq
FROM events AS s
LEFT JOIN events AS e ON e.seq = (
  SELECT min(x.seq) FROM events AS x
  WHERE x.cause = s.seq AND x.kind IN ('net.deliver', 'net.drop'))
WHERE s.kind = 'net.send';
)sql";

[[noreturn]] void Fail(sqlite3* db, std::string_view what) {
  throw std::runtime_error(
      fmt::format("sqlite: {}: {}", what, db != nullptr ? sqlite3_errmsg(db) : "out of memory"));
}

RecorderStatement Prepare(sqlite3* db, std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &statement, nullptr) != SQLITE_OK) {
    Fail(db, fmt::format("preparing `{}`", sql));
  }
  return RecorderStatement(statement);
}

void Exec(sqlite3* db, const char* sql) {
  if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) Fail(db, "setting up");
}

// Runs a statement that returns no rows and makes it ready to run again.
void Run(sqlite3* db, sqlite3_stmt* statement, std::string_view what) {
  const int rc = sqlite3_step(statement);
  sqlite3_reset(statement);
  if (rc != SQLITE_DONE) Fail(db, what);
}

// Empty strings become NULL, as ToJson leaves them out: `WHERE node IS NULL` finds the
// simulator's own events. The rows outlive the step, so SQLite need not copy the text.
void BindText(sqlite3_stmt* statement, int index, const std::string& text) {
  if (text.empty()) {
    sqlite3_bind_null(statement, index);
  } else {
    sqlite3_bind_text(statement, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }
}

// True if the file at `path` is empty or starts with SQLite's 16-byte header.
bool IsDatabaseOrEmpty(const std::string& path) {
  static constexpr char kHeader[16] = "SQLite format 3";  // with its terminating NUL
  std::ifstream in(path, std::ios::binary);
  char header[sizeof(kHeader)] = {};
  in.read(header, sizeof(header));
  return in.gcount() == 0 ||
         (in.gcount() == sizeof(header) && std::equal(header, header + sizeof(header), kHeader));
}

void RemoveOldDatabase(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (fs::is_directory(path, error)) {
    throw std::runtime_error(fmt::format("sqlite: cannot record to '{}': it is a directory", path));
  }
  // A mistyped path (`--db lesson.ksim`) must not cost a student their scenario.
  if (fs::exists(path, error) && !IsDatabaseOrEmpty(path)) {
    throw std::runtime_error(fmt::format(
        "sqlite: refusing to replace '{}': it exists and is not a SQLite database", path));
  }
  for (const char* suffix : {"", "-journal", "-wal", "-shm"}) {
    fs::remove(path + suffix, error);
    if (error) {
      throw std::runtime_error(
          fmt::format("sqlite: cannot replace '{}{}': {}", path, suffix, error.message()));
    }
  }
}

}  // namespace

struct SqliteRecorder::Db {
  sqlite3* handle = nullptr;
  RecorderStatement insert_event, set_meta, begin, commit, rollback;

  ~Db() {
    // Statements first: a connection with live statements would stay open as a zombie.
    insert_event.reset();
    set_meta.reset();
    begin.reset();
    commit.reset();
    rollback.reset();
    sqlite3_close_v2(handle);
  }
};

SqliteRecorder::SqliteRecorder(const std::string& path, SqliteRecorderOptions options)
    : path_(path), options_(options), db_(std::make_unique<Db>()) {
  assert(options_.batch_events > 0 && "a batch holds at least one event");
  RemoveOldDatabase(path);
  const int rc = sqlite3_open_v2(path.c_str(), &db_->handle,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) Fail(db_->handle, fmt::format("cannot open '{}'", path));
  sqlite3* db = db_->handle;
  sqlite3_extended_result_codes(db, 1);
  // A reader (sqlite3 in another terminal) may hold a shared lock for a moment while a batch
  // commits; wait for it rather than fail the run. This waits, it never reaches the simulation.
  sqlite3_busy_timeout(db, 2000);
  Exec(db, "PRAGMA journal_mode=DELETE");
  // No fsync: a killed process cannot lose what the kernel already holds, so every committed
  // batch survives a kill either way; only a power cut could damage the file, and a run is
  // reproduced exactly from its seed. Syncing every batch made recording 2-3x slower.
  Exec(db, "PRAGMA synchronous=OFF");
  Exec(db, "BEGIN");
  Exec(db, kSchema);
  Exec(db, "COMMIT");

  db_->insert_event =
      Prepare(db,
              "INSERT INTO events(seq, time_us, kind, node, peer, cause, rule, fields, text) "
              "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  db_->set_meta = Prepare(db, "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)");
  db_->begin = Prepare(db, "BEGIN");
  db_->commit = Prepare(db, "COMMIT");
  db_->rollback = Prepare(db, "ROLLBACK");
  pending_.reserve(options_.batch_events);
  SetMeta("schema_version", kSchemaVersion);
}

SqliteRecorder::~SqliteRecorder() {
  try {
    WriteBatch();
  } catch (const std::exception&) {
    // Nowhere to report from a destructor; Flush() is where errors surface.
  }
}

void SqliteRecorder::OnEvent(const TraceEvent& event) {
  pending_.push_back(Row{
      .seq = event.seq,
      .time_us = event.time.micros(),
      .cause = event.cause,
      .kind = event.kind,
      .node = event.node,
      .peer = event.peer,
      .rule = event.rule,
      .fields = event.fields.empty() ? std::string() : DumpJson(event.fields),
      .text = event.narration,
  });
  if (pending_.size() >= options_.batch_events) WriteBatch();
}

void SqliteRecorder::Flush() { WriteBatch(); }

void SqliteRecorder::SetMeta(std::string_view key, std::string_view value) {
  sqlite3_stmt* statement = db_->set_meta.get();
  sqlite3_bind_text(statement, 1, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
  sqlite3_bind_text(statement, 2, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  Run(db_->handle, statement, fmt::format("setting meta '{}'", key));
}

void SqliteRecorder::WriteBatch() {
  if (pending_.empty()) return;
  sqlite3* db = db_->handle;
  sqlite3_stmt* insert = db_->insert_event.get();
  try {
    Run(db, db_->begin.get(), "beginning a batch");
    for (const Row& row : pending_) {
      sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(row.seq));
      sqlite3_bind_int64(insert, 2, row.time_us);
      BindText(insert, 3, row.kind);
      BindText(insert, 4, row.node);
      BindText(insert, 5, row.peer);
      if (row.cause == 0) {
        sqlite3_bind_null(insert, 6);
      } else {
        sqlite3_bind_int64(insert, 6, static_cast<sqlite3_int64>(row.cause));
      }
      BindText(insert, 7, row.rule);
      BindText(insert, 8, row.fields);
      // text is NOT NULL: an event without narration stores '' rather than NULL.
      sqlite3_bind_text(insert, 9, row.text.data(), static_cast<int>(row.text.size()),
                        SQLITE_STATIC);
      Run(db, insert, fmt::format("inserting event {}", row.seq));
    }
    Run(db, db_->commit.get(), "committing a batch");
  } catch (const std::exception&) {
    // Best effort: the error being reported matters more than one from the rollback.
    if (!sqlite3_get_autocommit(db)) {
      sqlite3_step(db_->rollback.get());
      sqlite3_reset(db_->rollback.get());
    }
    sqlite3_clear_bindings(insert);
    pending_.clear();
    throw;
  }
  // The bindings point into the rows about to be cleared.
  sqlite3_clear_bindings(insert);
  pending_.clear();
}

}  // namespace kafkasim
