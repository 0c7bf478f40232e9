// The JDBC connectors on real SQLite files and the datagen source, through a standalone worker:
// rows travel from one database to another, modes and primary keys behave as Confluent's
// connector's do, bad configs are refused with their messages, and datagen replays by seed.

#include <catch2/catch.hpp>

#include "sim/connect/config_checks.h"
#include "sim/connect/sqlite_db.h"
#include "tests/connect/connect_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;

namespace {

constexpr const char* kCluster =
    "bin/zookeeper-server-start.sh config/zookeeper.properties\n"
    "bin/kafka-server-start.sh config/server.properties\n";

std::string WorkerLine(const ScratchDir& dir) {
  dir.Write("worker.properties",
            "bootstrap.servers=localhost:9092\n"
            "key.converter=org.apache.kafka.connect.json.JsonConverter\n"
            "value.converter=org.apache.kafka.connect.json.JsonConverter\n"
            "offset.storage.file.filename=" + (dir / "offsets") + "\n"
            "offset.flush.interval.ms=10000\n");
  return "bin/connect-standalone.sh " + (dir / "worker.properties") + "\n";
}

std::string Post(const std::string& json) {
  return "curl -s -X POST -H \"Content-Type: application/json\" --data '" + json + "' http://localhost:8083/connectors\n";
}

std::string Sql(const ScratchDir& dir, const std::string& db, const std::string& sql) {
  auto opened = SqliteDb::Open(dir / db, false);
  REQUIRE(std::holds_alternative<SqliteDb>(opened));
  auto rows = std::get<SqliteDb>(opened).Execute(sql);
  REQUIRE(std::holds_alternative<SqlRows>(rows));
  std::string out;
  for (const auto& row : std::get<SqlRows>(rows).rows) {
    out += SqlRowText(row) + ";";
  }
  return out;
}

}  // namespace

TEST_CASE("sqlite3 runs SQL on a real file and prints rows in list mode; errors are clear") {
  ScratchDir dir("sqlite3-cmd");
  ConnectWorld world;
  REQUIRE(world.Run("sqlite3 " + (dir / "a.db") + " \"CREATE TABLE t (id INTEGER, name TEXT); INSERT INTO t VALUES "
                                                    "(1, 'x'), (2, NULL)\"\n" +
                    "sqlite3 " + (dir / "a.db") + " \"SELECT * FROM t ORDER BY id\"\n")
              .ok());
  CHECK(world.TakeOut() == std::vector<std::string>{"1|x", "2|"});
  CHECK(world.Run("sqlite3 " + (dir / "a.db") + " \"SELECT * FROM missing\"\n").failed_commands == 1);
  CHECK(world.TakeErr().back() == "Error: no such table: missing");
  REQUIRE(world.Run("expect sqlite " + (dir / "a.db") + " \"SELECT count(*) FROM t\" == 2\n").ok());
}

TEST_CASE("rows inserted while the pipeline runs reach the sink database; a restart resumes after the committed id") {
  ScratchDir dir("jdbc-pipeline");
  ConnectWorld world;
  REQUIRE(world.Run("sqlite3 " + (dir / "src.db") +
                    " \"CREATE TABLE users (id INTEGER PRIMARY KEY NOT NULL, name TEXT NOT NULL, score REAL); "
                    "INSERT INTO users VALUES (1, 'ada', 1.5), (2, 'grace', NULL)\"\n")
              .ok());
  dir.Write("src.properties", "name=src\nconnector.class=JdbcSourceConnector\nconnection.url=jdbc:sqlite:" +
                                  (dir / "src.db") +
                                  "\nmode=incrementing\nincrementing.column.name=id\ntable.whitelist=users\n"
                                  "topic.prefix=db-\npoll.interval.ms=1000\n");
  dir.Write("snk.properties", "name=snk\nconnector.class=JdbcSinkConnector\nconnection.url=jdbc:sqlite:" +
                                  (dir / "dst.db") +
                                  "\ntopics=db-users\ninsert.mode=upsert\npk.mode=record_value\npk.fields=id\n"
                                  "auto.create=true\n");
  WorkerLine(dir);
  REQUIRE(world.Run(std::string(kCluster) + "bin/connect-standalone.sh " + (dir / "worker.properties") + " " +
                    (dir / "src.properties") + " " + (dir / "snk.properties") + "\nsleep 3s\n")
              .ok());
  CHECK(Sql(dir, "dst.db", "SELECT id, name, score FROM \"db-users\" ORDER BY id") == "1|ada|1.5;2|grace|;");
  // The table was created from the record's schema, with the primary key.
  CHECK(Sql(dir, "dst.db", "SELECT name, pk, \"notnull\" FROM pragma_table_info('db-users') ORDER BY cid") ==
        "id|1|1;name|0|1;score|0|0;");
  REQUIRE(world.Run("sqlite3 " + (dir / "src.db") + " \"INSERT INTO users VALUES (3, 'linus', 2.0)\"\nsleep 2s\n").ok());
  CHECK(Sql(dir, "dst.db", "SELECT count(*) FROM \"db-users\"") == "3;");
  // The 10 s flush commits {"incrementing":3}: after a crash the source sends nothing again, only
  // the row inserted since (the sink waits out its old member's 45 s session first).
  REQUIRE(world.Run("sleep 10s\ncrash connect-1\n").ok());
  Sql(dir, "dst.db", "DELETE FROM \"db-users\"");
  REQUIRE(world.Run("restart connect-1\nsleep 2s\nsqlite3 " + (dir / "src.db") +
                    " \"INSERT INTO users VALUES (4, 'barbara', NULL)\"\nsleep 50s\n")
              .ok());
  CHECK(Sql(dir, "dst.db", "SELECT id FROM \"db-users\" ORDER BY id") == "4;");
}

TEST_CASE("a JDBC sink without auto.create fails on a missing table; plain JSON values fail it too") {
  ScratchDir dir("jdbc-missing");
  ConnectWorld world;
  REQUIRE(world.Run(std::string(kCluster) + WorkerLine(dir) +
                    "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders\n" +
                    Post(R"({"name":"snk","config":{"connector.class":"io.confluent.connect.jdbc.JdbcSinkConnector","connection.url":"jdbc:sqlite:)" +
                         (dir / "dst.db") + R"(","topics":"orders"}})") +
                    "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic orders\n"
                    R"(> {"schema":{"type":"struct","fields":[{"type":"int32","optional":false,"field":"id"}],"optional":false},"payload":{"id":1}})"
                    "\nsleep 2s\n")
              .ok());
  REQUIRE(world.worker()->TaskStateOf("snk", 0) == ConnectState::kFailed);
  CHECK(*world.worker()->TaskTraceOf("snk", 0) ==
        "org.apache.kafka.connect.errors.ConnectException: Table \"orders\" is missing and auto-creation is disabled");
}

TEST_CASE("JDBC configs are checked: the URL, the mode, its columns, query against table.whitelist") {
  const ConnectorPlugin& source = *FindConnectorPlugin("JdbcSourceConnector");
  auto errors = [&](const ConfigJson& c) {
    std::vector<std::string> out;
    for (const auto& v : ValidateConnectorConfig(c, source).values) out.insert(out.end(), v.errors.begin(), v.errors.end());
    return out;
  };
  CHECK(errors({{"name", "s"}, {"connector.class", "JdbcSourceConnector"}, {"connection.url", "jdbc:mysql://db/x"},
                {"mode", "incrementing"}, {"topic.prefix", "p-"}}) ==
        std::vector<std::string>{"kafkasim: only SQLite databases are simulated: connection.url must be "
                                 "jdbc:sqlite:FILE, not jdbc:mysql://db/x",
                                 "kafkasim: mode=incrementing needs incrementing.column.name (the connector does not "
                                 "look for an autoincrement column)"});
  CHECK(errors({{"name", "s"}, {"connector.class", "JdbcSourceConnector"}, {"connection.url", "jdbc:sqlite:a.db"},
                {"mode", "rows"}, {"query", "SELECT 1"}, {"table.whitelist", "t"}}) ==
        std::vector<std::string>{
            "Invalid value rows for configuration mode: String must be one of: , bulk, timestamp, incrementing, "
            "timestamp+incrementing",
            "Do not specify table filtering configs with 'query'",
            "Missing required configuration \"topic.prefix\" which has no default value."});
}

TEST_CASE("datagen makes the same records from the same seed, and a different stream from another") {
  auto run = [](uint64_t seed) {
    ScratchDir dir("datagen-" + std::to_string(seed));
    ConnectWorld world(seed);
    REQUIRE(world.Run(std::string(kCluster) + WorkerLine(dir) +
                      Post(R"({"name":"gen","config":{"connector.class":"DatagenConnector","kafka.topic":"pageviews","quickstart":"pageviews","iterations":"3","max.interval":"100"}})") +
                      Post(R"({"name":"out","config":{"connector.class":"FileStreamSink","topics":"pageviews","file":")" +
                           (dir / "out.txt") + R"("}})") +
                      "sleep 3s\n")
                .ok());
    return dir.Lines("out.txt");
  };
  const auto first = run(1);
  REQUIRE(first.size() == 3);
  CHECK(first[0].starts_with("Struct{viewtime=1,userid=User_"));
  CHECK(first == run(1));
  CHECK(first != run(2));
}
