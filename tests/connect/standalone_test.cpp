// End to end: a standalone worker with the FileStream connectors against one broker, driven by
// the commands a lesson types (connect-standalone.sh, curl, echo), checked through the files,
// the REST answers and the worker's states.

#include <catch2/catch.hpp>

#include "tests/connect/connect_fixture.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using PlainJson = nlohmann::json;  // key order as nlohmann sorts it

namespace {

// A source reading DIR/in.txt into `topic` and a sink writing it to DIR/out.txt.
void WriteConnectorFiles(const ScratchDir& dir, const std::string& extra_worker = "") {
  dir.Write("worker.properties",
            "bootstrap.servers=localhost:9092\n"
            "key.converter=org.apache.kafka.connect.json.JsonConverter\n"
            "value.converter=org.apache.kafka.connect.json.JsonConverter\n"
            "offset.storage.file.filename=/tmp/connect.offsets\n"
            "offset.flush.interval.ms=10000\n" +
                extra_worker);
  dir.Write("source.properties", "name=src\nconnector.class=FileStreamSource\nfile=" + (dir / "in.txt") +
                                     "\ntopic=lines\n");
  dir.Write("sink.properties",
            "name=snk\nconnector.class=FileStreamSink\nfile=" + (dir / "out.txt") + "\ntopics=lines\n");
}

std::string StartLines(const ScratchDir& dir) {
  return std::string(kOneBroker) +
         "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic lines\n"
         "bin/connect-standalone.sh " +
         (dir / "worker.properties") + " " + (dir / "source.properties") + " " + (dir / "sink.properties") + "\n";
}

// What the last command printed, its lines joined (the session splits output into lines).
std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "\n") + l;
  return out;
}

PlainJson LastJson(ConnectWorld& world) {
  auto out = world.TakeOut();
  REQUIRE_FALSE(out.empty());
  return PlainJson::parse(out.back());
}

}  // namespace

TEST_CASE("lines of the source file arrive in the sink file, appended ones too") {
  ScratchDir dir("connect-e2e");
  WriteConnectorFiles(dir);
  dir.Write("in.txt", "alpha\nbeta\n");
  ConnectWorld world;
  REQUIRE(world.Run(StartLines(dir) + "sleep 2s\n").ok());
  CHECK(dir.Lines("out.txt") == std::vector<std::string>{"alpha", "beta"});
  std::ofstream(dir / "in.txt", std::ios::app) << "gamma\n";
  REQUIRE(world.Run("sleep 2s\n").ok());
  CHECK(dir.Lines("out.txt") == std::vector<std::string>{"alpha", "beta", "gamma"});
  Worker* w = world.worker();
  REQUIRE(w != nullptr);
  CHECK(w->ConnectorStateOf("src") == ConnectState::kRunning);
  CHECK(w->TaskStateOf("snk", 0) == ConnectState::kRunning);
}

TEST_CASE("the REST API answers with Connect's JSON shapes") {
  ScratchDir dir("connect-rest");
  WriteConnectorFiles(dir);
  dir.Write("in.txt", "");
  ConnectWorld world;
  REQUIRE(world.Run(StartLines(dir)).ok());
  world.TakeOut();
  world.Run("curl -s http://localhost:8083/\n");
  const PlainJson root = LastJson(world);
  CHECK(root["version"] == "3.7.0");
  CHECK(root["kafka_cluster_id"].get<std::string>().size() == 22);

  world.Run("curl -s http://localhost:8083/connectors/src/status\n");
  CHECK(world.TakeOut().back() ==
        R"j({"name":"src","connector":{"state":"RUNNING","worker_id":"localhost:8083"},"tasks":[{"id":0,"state":"RUNNING","worker_id":"localhost:8083"}],"type":"source"})j");

  world.Run("curl -s http://localhost:8083/connectors/snk\n");
  const PlainJson info = LastJson(world);
  CHECK(info["type"] == "sink");
  CHECK(info["tasks"] == PlainJson::parse(R"j([{"connector":"snk","task":0}])j"));
  CHECK(info["config"]["topics"] == "lines");

  world.Run("curl -s http://localhost:8083/connector-plugins\n");
  CHECK(world.TakeOut().back() ==
        R"j([{"class":"io.confluent.connect.jdbc.JdbcSinkConnector","type":"sink","version":"10.7.4"},)j"
        R"j({"class":"io.confluent.connect.jdbc.JdbcSourceConnector","type":"source","version":"10.7.4"},)j"
        R"j({"class":"io.confluent.kafka.connect.datagen.DatagenConnector","type":"source","version":"0.6.3"},)j"
        R"j({"class":"org.apache.kafka.connect.file.FileStreamSinkConnector","type":"sink","version":"3.7.0"},)j"
        R"j({"class":"org.apache.kafka.connect.file.FileStreamSourceConnector","type":"source","version":"3.7.0"}])j");

  world.Run("curl -s 'http://localhost:8083/connectors?expand=status'\n");
  const PlainJson expanded = LastJson(world);
  CHECK(expanded["src"]["status"]["connector"]["state"] == "RUNNING");
  CHECK_FALSE(expanded["src"].contains("info"));
}

TEST_CASE("connectors are created, reconfigured and deleted over REST") {
  ScratchDir dir("connect-crud");
  WriteConnectorFiles(dir);
  dir.Write("in.txt", "");
  dir.Write("new.json", R"j({"name":"copy","config":{"connector.class":"FileStreamSink","topics":"lines","file":")j" +
                            (dir / "copy.txt") + R"j("}})j");
  ConnectWorld world;
  REQUIRE(world.Run(StartLines(dir)).ok());
  world.TakeOut();
  const std::string post = "curl -s -i -X POST -H 'Content-Type: application/json' --data @" + (dir / "new.json") +
                           " http://localhost:8083/connectors\n";
  world.Run(post);
  const std::string created = Joined(world.TakeOut());
  CHECK(created.starts_with("HTTP/1.1 201 Created\n"));
  CHECK(created.find("Location: http://localhost:8083/connectors/copy\n") != std::string::npos);
  // The config echoes in the order it was sent, with the name added last.
  CHECK(created.ends_with(R"j("file":")j" + (dir / "copy.txt") +
                             R"j(","name":"copy"},"tasks":[{"connector":"copy","task":0}],"type":"sink"})j"));

  world.Run(post);
  CHECK(world.TakeOut().back() == R"j({"error_code":409,"message":"Connector copy already exists"})j");

  world.Run("curl -s -X PUT -H 'Content-Type: application/json' --data '{\"connector.class\":\"FileStreamSink\","
            "\"topics\":\"lines\",\"tasks.max\":\"2\"}' http://localhost:8083/connectors/copy/config\n");
  const PlainJson updated = LastJson(world);
  CHECK(updated["tasks"].size() == 2);
  REQUIRE(world.worker()->TaskStateOf("copy", 1) == ConnectState::kRunning);

  world.Run("curl -s -X PUT -H 'Content-Type: application/json' --data '{\"name\":\"other\"}' "
            "http://localhost:8083/connectors/copy/config\n");
  CHECK(world.TakeOut().back() ==
        R"j({"error_code":400,"message":"Connector name configuration (other) doesn't match connector name in the URL (copy)"})j");

  world.Run("curl -s -X DELETE http://localhost:8083/connectors/copy\n"
            "curl -s -X DELETE http://localhost:8083/connectors/copy\n");
  CHECK(world.TakeOut() == std::vector<std::string>{R"j({"error_code":404,"message":"Connector copy not found"})j"});
  CHECK_FALSE(world.worker()->Has("copy"));
}

TEST_CASE("REST error paths: bad JSON, wrong media type, unknown class, invalid config, unknown paths") {
  ScratchDir dir("connect-errors");
  WriteConnectorFiles(dir);
  dir.Write("in.txt", "");
  ConnectWorld world;
  REQUIRE(world.Run(StartLines(dir)).ok());
  world.TakeOut();
  const std::string post = "curl -s -X POST -H 'Content-Type: application/json' http://localhost:8083/connectors --data ";
  world.Run(post + "'{\"name\": x}'\n");
  CHECK(world.TakeOut().back() ==
        R"j({"error_code":500,"message":"Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 11]"})j");
  world.Run("curl -s -X POST --data '{}' http://localhost:8083/connectors\n");
  CHECK(world.TakeOut().back() == R"j({"error_code":415,"message":"HTTP 415 Unsupported Media Type"})j");
  world.Run(post + "'{\"name\":\"j\",\"config\":{\"connector.class\":\"MongoSourceConnector\"}}'\n");
  CHECK(world.TakeOut().back().starts_with(
      R"j({"error_code":500,"message":"Failed to find any class that implements Connector and which name matches MongoSourceConnector, available connectors are: PluginDesc{)j"));
  world.Run(post + "'{\"name\":\"j\",\"config\":{\"connector.class\":\"FileStreamSource\",\"file\":\"x\"}}'\n");
  CHECK(world.TakeOut().back() ==
        R"j({"error_code":400,"message":"Connector configuration is invalid and contains the following 1 error(s):\nMissing required configuration \"topic\" which has no default value.\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`"})j");
  world.Run(post + "'{\"name\":\"j\",\"config\":{\"file\":\"x\"}}'\n");
  CHECK(world.TakeOut().back() ==
        R"j({"error_code":400,"message":"Connector config {file=x, name=j} contains no connector type"})j");
  world.Run("curl -s http://localhost:8083/nothing-here\n"
            "curl -s -X DELETE http://localhost:8083/connectors\n"
            "curl -s http://localhost:8083/connectors/nope/status\n");
  CHECK(world.TakeOut() == std::vector<std::string>{
                               R"j({"error_code":404,"message":"HTTP 404 Not Found"})j",
                               R"j({"error_code":405,"message":"HTTP 405 Method Not Allowed"})j",
                               R"j({"error_code":404,"message":"No status found for connector nope"})j"});
  world.Run("curl -s -X PUT -H 'Content-Type: application/json' --data '{\"topic\":\"\"}' "
            "http://localhost:8083/connector-plugins/FileStreamSource/config/validate\n");
  const PlainJson infos = PlainJson::parse(world.TakeOut().back());
  CHECK(infos["error_count"] == 3);  // name missing, file missing (stdin), topic empty
}

TEST_CASE("curl fails as curl does when nothing listens or the host is unknown") {
  ConnectWorld world;
  world.Run("curl http://localhost:8083/connectors\ncurl -s http://localhost:8083/\ncurl http://kafka-connect:8083/\n");
  CHECK(world.TakeErr() == std::vector<std::string>{
                               "curl: (7) Failed to connect to localhost port 8083 after 0 ms: Couldn't connect to server",
                               "curl: (6) Could not resolve host: kafka-connect"});
}

TEST_CASE("pause holds the source back; resume catches up; stop removes the tasks") {
  ScratchDir dir("connect-pause");
  WriteConnectorFiles(dir);
  dir.Write("in.txt", "one\n");
  ConnectWorld world;
  REQUIRE(world.Run(StartLines(dir) + "sleep 2s\ncurl -s -X PUT http://localhost:8083/connectors/src/pause\n").ok());
  CHECK(world.worker()->ConnectorStateOf("src") == ConnectState::kPaused);
  CHECK(world.worker()->TaskStateOf("src", 0) == ConnectState::kPaused);
  std::ofstream(dir / "in.txt", std::ios::app) << "two\n";
  world.Run("sleep 3s\n");
  CHECK(dir.Lines("out.txt") == std::vector<std::string>{"one"});
  world.Run("curl -s -X PUT http://localhost:8083/connectors/src/resume\nsleep 2s\n");
  CHECK(dir.Lines("out.txt") == std::vector<std::string>{"one", "two"});
  CHECK(world.worker()->TaskStateOf("src", 0) == ConnectState::kRunning);
  world.TakeOut();
  world.Run("curl -s -X PUT http://localhost:8083/connectors/snk/stop\ncurl -s http://localhost:8083/connectors/snk/status\n");
  CHECK(world.TakeOut().back() ==
        R"j({"name":"snk","connector":{"state":"STOPPED","worker_id":"localhost:8083"},"tasks":[],"type":"sink"})j");
}

TEST_CASE("a record the converter cannot read fails the sink task with its trace; a restart retries it") {
  ScratchDir dir("connect-fail");
  WriteConnectorFiles(dir);
  dir.Write("in.txt", "fine\n");
  ConnectWorld world;
  REQUIRE(world.Run(StartLines(dir) + "sleep 2s\n"
                                      "bin/kafka-console-producer.sh --bootstrap-server localhost:9092 --topic lines\n"
                                      "> not json\n"
                                      "sleep 2s\n")
              .ok());
  CHECK(dir.Lines("out.txt") == std::vector<std::string>{"fine"});
  REQUIRE(world.worker()->TaskStateOf("snk", 0) == ConnectState::kFailed);
  const std::string trace = *world.worker()->TaskTraceOf("snk", 0);
  CHECK(trace.starts_with("org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler\n"
                          "Caused by: org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka "
                          "Connect data failed due to serialization error"));
  world.TakeOut();
  world.Run("curl -s http://localhost:8083/connectors/snk/status\n");
  const PlainJson status = LastJson(world);
  CHECK(status["tasks"][0]["state"] == "FAILED");
  CHECK(status["tasks"][0]["trace"] == trace);
  CHECK(status["connector"]["state"] == "RUNNING");
  // onlyFailed + includeTasks: 202 with the plan, RESTARTING where a restart happens.
  world.Run("curl -s -X POST 'http://localhost:8083/connectors/snk/restart?includeTasks=true&onlyFailed=true'\n");
  const PlainJson plan = LastJson(world);
  CHECK(plan["connector"]["state"] == "RUNNING");
  CHECK(plan["tasks"][0]["state"] == "RESTARTING");
  CHECK_FALSE(plan["tasks"][0].contains("trace"));
  // Closing the failed task committed what it had put ("fine", offset 1) to the group
  // connect-snk, so the restarted task resumes at the bad record, which fails it again.
  world.Run("sleep 2s\n");
  CHECK(world.worker()->TaskStateOf("snk", 0) == ConnectState::kFailed);
  CHECK(dir.Lines("out.txt") == std::vector<std::string>{"fine"});
}

TEST_CASE("a crashed worker restarts from its committed source offsets: at least once") {
  ScratchDir dir("connect-crash");
  WriteConnectorFiles(dir);
  dir.Write("in.txt", "a\nb\n");
  ConnectWorld world;
  // The 10 s flush commits a and b; c comes after it and is not committed when the worker dies.
  REQUIRE(world.Run(StartLines(dir) + "sleep 11s\n").ok());
  std::ofstream(dir / "in.txt", std::ios::app) << "c\n";
  REQUIRE(world.Run("sleep 2s\ncrash connect-1\nsleep 1ms\n").ok());
  CHECK(dir.Lines("out.txt") == std::vector<std::string>{"a", "b", "c"});
  CHECK(world.worker() == nullptr);
  CHECK_FALSE(world.session().FindNode("connector-producer-src-0")->running());
  REQUIRE(world.Run("restart connect-1\nsleep 3s\n").ok());
  // The crashed sink's member is still in group connect-snk until its session
  // times out (session.timeout.ms=45 s): the new member's rebalance waits for it.
  CHECK(dir.Lines("out.txt") == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(world.Run("sleep 45s\n").ok());
  // Source: resumes after b, so c is produced again. Sink: resumes after its committed offset
  // (b), so c is written once more from each copy in the topic.
  CHECK(dir.Lines("out.txt") == std::vector<std::string>{"a", "b", "c", "c", "c"});
  CHECK(world.worker()->ConnectorStateOf("src") == ConnectState::kRunning);
}

TEST_CASE("with a data directory the offsets are a real file; a second worker cannot take the port") {
  ScratchDir dir("connect-offsets");
  WriteConnectorFiles(dir);
  dir.Write("in.txt", "x\n");
  ConnectWorld world;
  world.session().part<ConnectPart>().set_data_dir(dir.path() / "data");
  REQUIRE(world.Run(StartLines(dir) + "sleep 11s\n").ok());
  const std::string offsets = dir.Read("data/connect-1/tmp/connect.offsets");
  CHECK(offsets == "[\"src\",{\"filename\":\"" + (dir / "in.txt") + "\"}]\t{\"position\":2}\n");
  world.TakeErr();
  const RunReport again =
      world.Run("bin/connect-standalone.sh " + (dir / "worker.properties") + " " + (dir / "sink.properties") + "\n");
  CHECK(again.failed_commands == 1);
  const auto err = world.TakeErr();
  REQUIRE(err.size() >= 3);
  CHECK(Joined({err.end() - 3, err.end()}) ==
        "org.apache.kafka.connect.errors.ConnectException: Unable to initialize REST server\n"
        "Caused by: java.io.IOException: Failed to bind to 0.0.0.0/0.0.0.0:8083\n"
        "Caused by: java.net.BindException: Address already in use");
}
