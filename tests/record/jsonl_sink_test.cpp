#include "sim/record/jsonl_sink.h"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "tests/record/trace_story.h"

using namespace kafkasim;
using namespace kafkasim::testing;
using namespace kafkasim::time_literals;
using Json = nlohmann::ordered_json;

namespace {

std::vector<Json> ParseLines(const std::string& text) {
  std::vector<Json> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(Json::parse(line));
  return lines;
}

std::string WriteSampleRun(const std::string& name) {
  TempPath path(name);
  {
    JsonLinesSink sink(path.str());
    TraceStory story({&sink});
    TellSampleStory(story);
  }
  return ReadFile(path.str());
}

}  // namespace

TEST_CASE("json lines: every line parses back with the documented field names") {
  const std::vector<Json> lines = ParseLines(WriteSampleRun("fields.jsonl"));
  REQUIRE(lines.size() == 13);
  const std::set<std::string> documented = {"seq",  "time_us", "time", "kind",   "node",
                                            "peer", "cause",   "rule", "fields", "text"};
  for (size_t i = 0; i < lines.size(); ++i) {
    CHECK(lines[i]["seq"] == i + 1);
    for (const auto& [key, value] : lines[i].items()) CHECK(documented.count(key) == 1);
  }
  const Json& send = lines[3];
  CHECK(send["kind"] == "net.send");
  CHECK(send["node"] == "producer-1");
  CHECK(send["peer"] == "broker-0");
  CHECK(send["fields"]["label"] == "Produce orders-1 ×100");
  CHECK(send["fields"]["arrive_us"] == 2000);
  const Json& deliver = lines[4];
  CHECK(deliver["kind"] == "net.deliver");
  CHECK(deliver["cause"] == 4);
  CHECK(deliver["time_us"] == 2000);
  CHECK(deliver["time"] == "0.002s");
  CHECK(lines[8]["rule"] == "unclean.leader.election.enable=false");
  // Empty strings and a zero cause are left out rather than written empty.
  CHECK_FALSE(lines[0].contains("node"));
  CHECK_FALSE(lines[0].contains("cause"));
}

TEST_CASE("json lines: identical event streams give byte-identical files") {
  const std::string first = WriteSampleRun("same-1.jsonl");
  const std::string second = WriteSampleRun("same-2.jsonl");
  REQUIRE_FALSE(first.empty());
  CHECK(first == second);
}

TEST_CASE("json lines: a path that cannot be created is refused with its name") {
  REQUIRE_THROWS_WITH(
      JsonLinesSink("/nonexistent-dir/trace.jsonl"),
      Catch::Contains("/nonexistent-dir/trace.jsonl") && Catch::Contains("cannot open"));
}

TEST_CASE("json lines: Flush writes out every line so far while the sink stays open") {
  TempPath path("flush.jsonl");
  JsonLinesSink sink(path.str());
  TraceStory story({&sink});
  TellSampleStory(story);
  story.Flush();
  CHECK(ParseLines(ReadFile(path.str())).size() == 13);
}

TEST_CASE("json lines: bytes that are not UTF-8 are replaced, not fatal") {
  TempPath path("utf8.jsonl");
  {
    JsonLinesSink sink(path.str());
    TraceStory story({&sink});
    story.Output("stdout", "binary \xff\xfe tail");
  }
  const std::vector<Json> lines = ParseLines(ReadFile(path.str()));
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["fields"]["text"] == "binary \uFFFD\uFFFD tail");
}
