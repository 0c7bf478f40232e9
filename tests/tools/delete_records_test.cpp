// kafka-delete-records.sh (DeleteRecordsCommand, Kafka 3.7) end to end: what it
// prints for a successful delete and for refused partitions, the exceptions
// main() lets escape for a bad JSON file, and a console consumer from the
// beginning starting at the new log start.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "sim/kafka/install.h"
#include "sim/script/completion.h"
#include "sim/script/dispatch.h"
#include "sim/script/scenario.h"
#include "sim/script/session.h"
#include "tests/broker/cluster_fixture.h"

namespace kafkasim {
namespace {

const std::string kDeleteRecordsTopics = std::string(testing::kThreeBrokers) +
                                         "bin/kafka-topics.sh --bootstrap-server localhost:9092 --create --topic "
                                         "orders "
                                         "--partitions 2 --replication-factor 3\n"
                                         "test-produce orders 0 6\ntest-produce orders 1 4\nsleep 1s\n";

// A file the tool reads, written by the test.
std::string WriteDeleteRecordsFile(const std::string& name, const std::string& text) {
  const std::string path = (std::filesystem::temp_directory_path() / ("kafkasim-tools-test-" + name)).string();
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path;
}

std::string DeleteRecordsTool(const std::string& json_path, const std::string& extra = "") {
  return fmt::format(
      "bin/kafka-delete-records.sh --bootstrap-server "
      "localhost:9092 --offset-json-file {}{}\n",
      json_path, extra);
}

// The lines a command printed: the narrator shows them indented under the
// command, stdout and stderr alike; events carry a time and a bar.
std::string PrintedLines(const std::string& narration) {
  std::istringstream in(narration);
  std::string out, line;
  while (std::getline(in, line)) {
    if (line.find("\u2502") != std::string::npos || line.starts_with("$ ")) continue;
    out += line + "\n";
  }
  return out;
}

TEST_CASE("kafka-delete-records.sh prints each partition's low watermark or error") {
  const std::string json = WriteDeleteRecordsFile(
      "results.json",
      R"({"partitions":[{"topic":"orders","partition":0,"offset":4},{"topic":"orders","partition":1,"offset":9},)"
      R"({"topic":"missing","partition":0,"offset":1},{"topic":"orders","partition":7,"offset":1}],"version":1})");
  const auto run =
      testing::PlayCluster(kDeleteRecordsTopics + DeleteRecordsTool(json) +
                           "expect partition orders-0 log-start == 4\n" + "expect partition orders-1 log-start == 0\n");
  testing::RequireOk(run);
  const std::string out = PrintedLines(run.narration);
  CHECK_THAT(out, Catch::Contains("Executing records delete operation\nRecords "
                                  "delete operation completed:\n"));
  CHECK_THAT(out, Catch::Contains("partition: orders-0\tlow_watermark: 4\n"));
  CHECK_THAT(out, Catch::Contains("partition: orders-1\terror: "
                                  "org.apache.kafka.common.errors.OffsetOutOfRangeException: "
                                  "The requested offset is not within the range of offsets "
                                  "maintained by the server.\n"));
  CHECK_THAT(out, Catch::Contains("partition: missing-0\terror: org.apache.kafka.common.errors."
                                  "UnknownTopicOrPartitionException: This server does not host "
                                  "this topic-partition.\n"));
  CHECK_THAT(out, Catch::Contains("partition: orders-7\terror: "
                                  "org.apache.kafka.common.errors.LeaderNotAvailableException"));
}

TEST_CASE(
    "the results come in the order of the admin client's HashMap, not "
    "the file's") {
  // TopicPartition.hashCode = 31 * (31 + p) + topic.hashCode(): in the 4-bucket
  // HashMap of two futures, orders-0 falls in bucket 1 and orders-1 in
  // bucket 2.
  const std::string json = WriteDeleteRecordsFile(
      "order.json",
      R"({"partitions":[{"topic":"orders","partition":1,"offset":1},{"topic":"orders","partition":0,"offset":1}]})");
  const auto run = testing::PlayCluster(kDeleteRecordsTopics + DeleteRecordsTool(json));
  testing::RequireOk(run);
  CHECK_THAT(PrintedLines(run.narration), Catch::Contains("Records delete operation completed:\n"
                                                          "partition: orders-0\tlow_watermark: 1\n"
                                                          "partition: orders-1\tlow_watermark: 1\n"));
}

TEST_CASE("what main() throws for a bad file is printed as an uncaught exception") {
  const auto play = [](const std::string& name, const std::string& text) {
    const auto run = testing::PlayCluster(kDeleteRecordsTopics + DeleteRecordsTool(WriteDeleteRecordsFile(name, text)) +
                                          "expect partition orders-0 log-start == 0\n");
    testing::RequireOk(run);
    return PrintedLines(run.narration);
  };
  CHECK_THAT(play("bad.json", "{not json"), Catch::Contains("Exception in thread \"main\" "
                                                            "org.apache.kafka.server.common.AdminOperationException: "
                                                            "The input string is not a valid JSON\n"));
  CHECK_THAT(play("nopartitions.json", R"({"version":1})"),
             Catch::Contains("AdminOperationException: Missing partitions field\n"));
  CHECK_THAT(play("version.json", R"({"partitions":[],"version":2})"),
             Catch::Contains("AdminOperationException: Not supported version field value 2\n"));
  CHECK_THAT(play("nooffset.json", R"({"partitions":[{"topic":"orders","partition":0}]})"),
             Catch::Contains("com.fasterxml.jackson.databind.JsonMappingException: No "
                             "such field exists: `offset`\n"));
  CHECK_THAT(play("type.json", R"({"partitions":[{"topic":"orders","partition":"0","offset":1}]})"),
             Catch::Contains("JsonMappingException: Expected `Int` value, received \"0\"\n"));
  const std::string dup = play("dup.json", R"({"partitions":[{"topic":"orders","partition":0,"offset":1},)"
                                           R"({"topic":"orders","partition":0,"offset":2}],"version":1})");
  CHECK_THAT(dup, Catch::Contains("Exception in thread \"main\" org.apache.kafka.server.common."
                                  "AdminCommandFailedException: Offset json file contains "
                                  "duplicate topic "
                                  "partitions: orders-0\n"));
  CHECK_THAT(dup, !Catch::Contains("Executing records delete operation"));
  const auto run = testing::PlayCluster(kDeleteRecordsTopics + DeleteRecordsTool("/nonexistent/offsets.json"));
  CHECK_THAT(PrintedLines(run.narration),
             Catch::Contains("Exception in thread \"main\" java.nio.file.NoSuchFileException: "
                             "/nonexistent/offsets.json\n"));
  const auto config = testing::PlayCluster(kDeleteRecordsTopics +
                                           DeleteRecordsTool(WriteDeleteRecordsFile("ok.json", R"({"partitions":[]})"),
                                                             " --command-config /nonexistent/admin.properties"));
  CHECK_THAT(PrintedLines(config.narration),
             Catch::Contains("java.io.FileNotFoundException: /nonexistent/admin.properties "
                             "(No such file or directory)\n"));
}

TEST_CASE("--command-config sets the admin client's settings") {
  // default.api.timeout.ms=2000 with no broker listening: the metadata call
  // gives up after 2 s.
  const std::string props =
      WriteDeleteRecordsFile("admin.properties", "default.api.timeout.ms=2000\nclient.id=cleaner\n");
  const std::string json =
      WriteDeleteRecordsFile("timeout.json", R"({"partitions":[{"topic":"orders","partition":0,"offset":1}]})");
  const auto run = testing::PlayCluster(
      "bin/kafka-delete-records.sh --bootstrap-server localhost:9099 "
      "--offset-json-file " +
      json + " --command-config " + props + "\nexpect time <= 3s\n");
  testing::RequireOk(run);
  const std::string out = PrintedLines(run.narration);
  CHECK_THAT(out, Catch::Contains("partition: orders-0\terror: "
                                  "org.apache.kafka.common.errors.TimeoutException: "
                                  "Timed out waiting for a node assignment. Call: topicsMetadata\n"));
  CHECK_THAT(out, Catch::Contains("[AdminClient clientId=cleaner]"));
  const auto bad = testing::PlayCluster(
      "bin/kafka-delete-records.sh --bootstrap-server localhost:9092 "
      "--offset-json-file " +
      json + " --command-config " + WriteDeleteRecordsFile("bad.properties", "request.timeout.ms=soon\n") + "\n");
  CHECK_THAT(PrintedLines(bad.narration), Catch::Contains("ConfigException: Invalid value soon for configuration "
                                                          "request.timeout.ms: Not a number of type INT\n"));
}

TEST_CASE("a console consumer from the beginning starts at the new log start") {
  const std::string json =
      WriteDeleteRecordsFile("consume.json", R"({"partitions":[{"topic":"orders","partition":0,"offset":4}]})");
  const auto run = testing::PlayCluster(kDeleteRecordsTopics + DeleteRecordsTool(json) +
                                        "bin/kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic "
                                        "orders --partition 0 "
                                        "--from-beginning --max-messages 2 --property print.offset=true\n");
  testing::RequireOk(run);
  const std::string out = PrintedLines(run.narration);
  CHECK_THAT(out, Catch::Contains("Offset:4\trecord-4\nOffset:5\trecord-5\n"));
  CHECK_THAT(out, !Catch::Contains("Offset:0\t"));
}

TEST_CASE("the flags are checked and Tab completes them") {
  Session session;
  InstallKafka(session);
  CHECK(CompleteWord(session.commands(), "bin/kafka-delete-rec") ==
        std::vector<std::string>{"bin/kafka-delete-records.sh"});
  CHECK(CompleteWord(session.commands(), "kafka-delete-records.sh --off") ==
        std::vector<std::string>{"--offset-json-file"});
  const Scenario scenario = ParseScenario("kafka-delete-records.sh --offset-json-file x.json\n", "t.scn");
  CHECK_THROWS_WITH(ParseStep(session.commands(), scenario.steps.at(0)),
                    Catch::Contains("Missing required argument \"[bootstrap-server]\""));
}

}  // namespace
}  // namespace kafkasim
