#include "sim/record/sqlite_recorder.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "sim/record/json_text.h"
#include "tests/record/trace_story.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// A second, read-only connection, as a student's sqlite3 shell would open.
class Reader {
 public:
  explicit Reader(const std::string& path) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  }
  ~Reader() { sqlite3_close(db_); }

  // Every column as text, NULL as "NULL".
  Rows Query(const std::string& sql) {
    sqlite3_stmt* statement = nullptr;
    INFO(sql);
    REQUIRE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
    Rows rows;
    int rc;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
      std::vector<std::string>& row = rows.emplace_back();
      for (int i = 0; i < sqlite3_column_count(statement); ++i) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, i));
        row.push_back(text == nullptr ? "NULL" : text);
      }
    }
    const std::string error = sqlite3_errmsg(db_);
    sqlite3_finalize(statement);
    INFO(error);
    REQUIRE(rc == SQLITE_DONE);
    return rows;
  }
  std::string Scalar(const std::string& sql) { return Query(sql).at(0).at(0); }

 private:
  sqlite3* db_ = nullptr;
};

// Records `count` small domain events, one per millisecond.
void RecordEvents(TraceStory& story, int count) {
  for (int i = 0; i < count; ++i) {
    story.Domain("partition.hw_advance", "broker-1", fmt::format("hw of orders-0 is {}", i));
    story.Advance(1_ms);
  }
}

}  // namespace

TEST_CASE("sqlite: every event becomes one row with the same values") {
  TempPath path("rows.db");
  std::vector<TraceEvent> events;
  struct Collect : TraceSink {
    std::vector<TraceEvent>* out;
    void OnEvent(const TraceEvent& e) override { out->push_back(e); }
  } collect;
  collect.out = &events;
  {
    SqliteRecorder recorder(path.str());
    TraceStory story({&recorder, &collect});
    TellSampleStory(story);
  }
  Reader db(path.str());
  const Rows rows = db.Query(
      "SELECT seq, time_us, kind, node, peer, cause, rule, fields, text FROM events ORDER BY seq");
  REQUIRE(rows.size() == events.size());
  for (size_t i = 0; i < events.size(); ++i) {
    const TraceEvent& e = events[i];
    auto or_null = [](const std::string& s) { return s.empty() ? std::string("NULL") : s; };
    INFO("seq " << e.seq);
    CHECK(rows[i] ==
          std::vector<std::string>{std::to_string(e.seq), std::to_string(e.time.micros()), e.kind,
                                   or_null(e.node), or_null(e.peer),
                                   e.cause == 0 ? "NULL" : std::to_string(e.cause), or_null(e.rule),
                                   e.fields.empty() ? "NULL" : DumpJson(e.fields), e.narration});
  }
}

TEST_CASE("sqlite: the messages view pairs each send with its delivery or drop") {
  TempPath path("messages.db");
  {
    SqliteRecorder recorder(path.str());
    TraceStory story({&recorder});
    TellSampleStory(story);
  }
  Reader db(path.str());
  CHECK(db.Query("SELECT msg, type, label, sender, receiver, sent_us, arrive_us, ended_us, "
                 "outcome, reason, send_seq, end_seq FROM messages ORDER BY msg") ==
        Rows{{"1", "Produce", "Produce orders-1 ×100", "producer-1", "broker-0", "0", "2000",
              "2000", "delivered", "NULL", "4", "5"},
             {"2", "Fetch", "Fetch orders-1", "broker-1", "broker-0", "2000", "3000", "7000",
              "dropped", "broker-0 is crashed: nobody is listening", "6", "8"},
             {"3", "Fetch", "Fetch orders-1", "broker-2", "broker-1", "7000", "30007000", "NULL",
              "in_flight", "NULL", "11", "NULL"}});
}

TEST_CASE("sqlite: the messages view finds endings through the cause index") {
  TempPath path("plan.db");
  { SqliteRecorder recorder(path.str()); }
  Reader db(path.str());
  std::string plan;
  for (const auto& row : db.Query("EXPLAIN QUERY PLAN SELECT * FROM messages")) plan += row.back();
  CHECK_THAT(plan, Catch::Contains("events_cause"));
}

TEST_CASE("sqlite: meta holds what the caller set, and the schema version") {
  TempPath path("meta.db");
  {
    SqliteRecorder recorder(path.str());
    recorder.SetMeta("scenario", "lessons/01-leader.ksim");
    recorder.SetMeta("seed", "42");
    recorder.SetMeta("seed", "43");
  }
  Reader db(path.str());
  CHECK(db.Query("SELECT key, value FROM meta ORDER BY key") ==
        Rows{{"scenario", "lessons/01-leader.ksim"}, {"schema_version", "1"}, {"seed", "43"}});
}

TEST_CASE("sqlite: events are committed in batches and on Flush") {
  TempPath path("batches.db");
  SqliteRecorder recorder(path.str(), {.batch_events = 100});
  TraceStory story({&recorder});
  RecordEvents(story, 250);
  CHECK(recorder.pending() == 50);
  // A second connection sees the committed batches while the recorder is still open.
  CHECK(Reader(path.str()).Scalar("SELECT count(*) FROM events") == "200");
  story.Flush();
  CHECK(recorder.pending() == 0);
  CHECK(Reader(path.str()).Scalar("SELECT count(*) FROM events") == "250");
}

TEST_CASE("sqlite: a killed recorder leaves a valid database with every committed batch") {
  TempPath path("killed.db");
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // The child records 2,500 events in batches of 1,000 and is killed with 500 buffered:
    // no destructor, no Flush, no atexit, as when a student presses Ctrl-\ or the OOM killer
    // strikes.
    try {
      SqliteRecorder recorder(path.str());
      TraceStory story({&recorder});
      RecordEvents(story, 2500);
      kill(getpid(), SIGKILL);
    } catch (...) {
    }
    _exit(2);  // only reached if recording failed
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(WTERMSIG(status) == SIGKILL);

  // A single file: the journal only lives while a batch is written.
  CHECK_FALSE(std::filesystem::exists(path.str() + "-journal"));
  Reader db(path.str());
  CHECK(db.Scalar("PRAGMA integrity_check") == "ok");
  CHECK(db.Query("SELECT count(*), min(seq), max(seq) FROM events") == Rows{{"2000", "1", "2000"}});
}

TEST_CASE("sqlite: an existing database and a stale journal next to it are replaced") {
  TempPath path("replace.db");
  {
    SqliteRecorder first(path.str());
    TraceStory story({&first});
    RecordEvents(story, 10);
  }
  // A journal left by some earlier killed run must not be rolled back into the new database.
  std::ofstream(path.str() + "-journal") << "not a journal";
  {
    SqliteRecorder second(path.str());
    TraceStory story({&second});
    RecordEvents(story, 3);
  }
  Reader db(path.str());
  CHECK(db.Scalar("PRAGMA integrity_check") == "ok");
  CHECK(db.Scalar("SELECT count(*) FROM events") == "3");
}

TEST_CASE("sqlite: a file that is not a database is refused, not replaced") {
  TempPath path("lesson.ksim");
  std::ofstream(path.str()) << "create topic orders\n";
  REQUIRE_THROWS_WITH(SqliteRecorder(path.str()),
                      Catch::Contains("refusing to replace") && Catch::Contains(path.str()));
  CHECK(ReadFile(path.str()) == "create topic orders\n");
}

TEST_CASE("sqlite: a path that cannot be opened throws with SQLite's message") {
  REQUIRE_THROWS_WITH(SqliteRecorder("/nonexistent-dir/run.db"),
                      Catch::Contains("/nonexistent-dir/run.db") &&
                          Catch::Contains("unable to open database file"));
}
