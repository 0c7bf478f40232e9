#pragma once
// SQLite trace database: every event becomes a row of `events`, the `messages` view pairs each
// net.send with the delivery or drop it caused, and `meta` holds what the caller wants to keep
// with the run (scenario, seed). README.md in this folder shows the schema and some queries.
//
// Durability: events are buffered and written in one transaction per batch (`batch_events`
// events, and on every Flush()). The database uses SQLite's default rollback journal, and the
// journal only exists while a batch is being written, so a run killed at any moment leaves a
// single file holding every batch committed so far; a kill in the middle of a commit leaves a
// hot journal that the next connection rolls back. (WAL would keep committed batches in a
// separate -wal file that a student copying the .db alone would lose, and needs write access
// to the directory just to read.) Commits are not fsynced: that guards against a power cut,
// not a kill, and a lost trace is reproduced from the run's seed.
//
// SQLite stays behind this interface: no SQLite type appears here. Errors from SQLite, and a
// path that cannot be created, throw std::runtime_error with SQLite's message.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/trace.h"

namespace kafkasim {

struct SqliteRecorderOptions {
  // Events per transaction: larger batches write faster, a killed run loses at most one batch.
  size_t batch_events = 1000;
};

class SqliteRecorder : public TraceSink {
 public:
  // Creates the database at `path`, replacing an existing database (and any journal left next
  // to it by an earlier, killed run: SQLite would otherwise apply it to the new file). A file
  // that is not a SQLite database is refused rather than replaced.
  explicit SqliteRecorder(const std::string& path, SqliteRecorderOptions options = {});
  // Writes what is buffered; errors are swallowed here, so call Flush() first to see them.
  ~SqliteRecorder() override;

  SqliteRecorder(const SqliteRecorder&) = delete;
  SqliteRecorder& operator=(const SqliteRecorder&) = delete;

  void OnEvent(const TraceEvent& event) override;
  // Commits the buffered events. If a batch fails it is rolled back, dropped and reported.
  void Flush() override;

  // Inserts or replaces one row of `meta`, at once ("scenario", "seed", "kafkasim_version").
  void SetMeta(std::string_view key, std::string_view value);

  // Events received but not yet committed.
  size_t pending() const { return pending_.size(); }

 private:
  // One event as it will be bound: strings copied, fields already serialised.
  struct Row {
    TraceSeq seq;
    int64_t time_us;
    TraceSeq cause;
    std::string kind, node, peer, rule, fields, text;
  };
  struct Db;  // the SQLite handles, defined where sqlite3.h is included

  void WriteBatch();

  std::string path_;
  SqliteRecorderOptions options_;
  std::unique_ptr<Db> db_;
  std::vector<Row> pending_;
};

}  // namespace kafkasim
